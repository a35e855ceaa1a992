// Opening the database for the server and the command line: connect, migrate, and on the first
// start of an embedded database load the demo data so a newcomer has something to look at.
import type { Logger } from 'pino';
import type { Config } from './config.js';
import { type DatabaseHandle, openDatabase } from './db/database.js';
import { migrateToLatest } from './db/migrate.js';
import { seedDemo } from './demo.js';
import { CLI_ACTOR } from './http/principal.js';

export async function openMigratedDatabase(config: Config, log: Logger): Promise<DatabaseHandle> {
  const handle = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    poolSize: config.dbPoolSize,
    onPoolError: (err) => log.warn({ err }, 'an idle database connection failed'),
  });
  try {
    const applied = await migrateToLatest(handle.db);
    if (applied.length) log.info({ migrations: applied }, 'database migrated');
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
