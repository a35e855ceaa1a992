// Opening the database for the server and the command line: connect, migrate, and on the first
// start of an embedded database load the demo data so a newcomer has something to look at.
import type { Logger } from 'pino';
import type { Config } from './config.js';
import { type DatabaseHandle, type DatabaseOptions, openDatabase } from './db/database.js';
import { migrateToLatest } from './db/migrate.js';
import { seedDemo } from './demo.js';
import { CLI_ACTOR } from './domain/actor.js';

export async function openMigratedDatabase(config: Config, log: Logger): Promise<DatabaseHandle> {
  const timeouts = { connectMs: config.dbConnectTimeoutMs, statementMs: config.dbStatementTimeoutMs };
  const options: DatabaseOptions = {
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    poolSize: config.dbPoolSize,
    timeouts,
    onPoolError: (err) => log.warn({ err }, 'an idle database connection failed'),
    onListenerError: (err) => log.warn({ err }, 'the connection listening for key changes failed; keys are looked up on every request until it is made again'),
  };
  if (config.databaseUrl) {
    // A migration may take longer than any request should (an index on a big table): it gets a
    // connection of its own without the statement timeout.
    const migrating = await openDatabase({ ...options, poolSize: 1, timeouts: { ...timeouts, statementMs: null } });
    try {
      await migrate(migrating, log);
    } finally {
      await migrating.close();
    }
    return openDatabase(options);
  }
  const handle = await openDatabase(options);
  try {
    await migrate(handle, log);
    if (handle.created) {
      const seeded = await seedDemo(handle.db, { ...CLI_ACTOR, name: 'first start' });
      log.info(seeded, 'new embedded database: demo data loaded');
    }
    return handle;
  } catch (error) {
    await handle.close();
    throw error;
  }
}

async function migrate(handle: DatabaseHandle, log: Logger): Promise<void> {
  const applied = await migrateToLatest(handle.db);
  if (applied.length) log.info({ migrations: applied }, 'database migrated');
}
