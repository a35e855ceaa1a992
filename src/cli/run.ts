// What every command shares: configuration, a logger on stderr (stdout is for results), the
// migrated database, and one sentence instead of a stack trace when something expected goes wrong.
import pino from 'pino';
import type { Kysely } from 'kysely';
import { openMigratedDatabase } from '../boot.js';
import { ConfigError, loadConfig } from '../config.js';
import { DataDirInUseError } from '../db/data-dir-lock.js';
import type { Database } from '../db/schema.js';

export class UsageError extends Error {}

/** Runs the work `prepare` returns; `prepare` checks the arguments before the database is opened. */
export async function runCommand(prepare: () => (db: Kysely<Database>) => Promise<void>): Promise<void> {
  let handle;
  try {
    const work = prepare();
    const config = loadConfig(process.env);
    const log = pino({ level: config.logLevel === 'info' ? 'warn' : config.logLevel }, pino.destination(2));
    handle = await openMigratedDatabase(config, log);
    await work(handle.db);
  } catch (error) {
    const expected = error instanceof ConfigError || error instanceof DataDirInUseError || error instanceof UsageError;
    process.stderr.write(expected ? `${(error as Error).message}\n` : `Failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = error instanceof UsageError ? 2 : 1;
  } finally {
    await handle?.close();
  }
}
