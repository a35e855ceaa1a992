// The only file that listens: configuration, logger, database, the app, and graceful shutdown.
import pino from 'pino';
import { buildApp } from './app.js';
import { openMigratedDatabase } from './boot.js';
import { ConfigError, loadConfig } from './config.js';
import { DataDirInUseError } from './db/data-dir-lock.js';
import { sweepExpired } from './db/housekeeping.js';
import { CLI_ACTOR } from './domain/actor.js';
import { createApiKey, hasAnyApiKey } from './modules/api-keys/api-keys.service.js';

const SWEEP_EVERY_MS = 3_600_000;

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const log = pino({
    level: config.logLevel,
    // Pretty lines for a person at a terminal; JSON lines for everything else (containers, files).
    ...(process.stdout.isTTY ? { transport: { target: 'pino-pretty', options: { translateTime: 'SYS:standard' } } } : {}),
  });
  const handle = await openMigratedDatabase(config, log);
  if (handle.engine === 'pglite' && !(await hasAnyApiKey(handle.db))) {
    const { key } = await createApiKey(handle.db, { ...CLI_ACTOR, name: 'first start' }, { name: 'First admin (made at first start)', role: 'admin' });
    log.warn(`No API key existed, so an admin key was made. It is shown only now; use it as "Authorization: Bearer ${key}" (Authorize in /docs).`);
  }
  const app = await buildApp({ config, db: handle.db, notifications: handle.notifications, logger: log });
  const sweep = () => sweepExpired(handle.db).then((swept) => log.debug(swept, 'expired rows swept'), (err: unknown) => log.warn({ err }, 'sweeping expired rows failed'));
  const sweeper = setInterval(sweep, SWEEP_EVERY_MS).unref();
  void sweep();
  app.addHook('onClose', async () => {
    clearInterval(sweeper);
    await handle.close();
  });

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down: no new connections, finishing requests in flight');
    setTimeout(() => {
      log.error('requests did not finish in time; exiting');
      process.exit(1);
    }, config.shutdownTimeoutMs).unref();
    app.close().then(
      () => process.exit(0),
      (err: unknown) => {
        log.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));

  await app.listen({ port: config.port, host: config.host });
  log.info({ docs: `http://localhost:${config.port}/docs`, engine: handle.engine }, 'CCHC publicity-plan service ready');
}

main().catch((error: unknown) => {
  const known = error instanceof ConfigError || error instanceof DataDirInUseError;
  process.stderr.write(known ? `${(error as Error).message}\n` : `Could not start: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
