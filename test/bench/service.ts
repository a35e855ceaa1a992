// The service as every part of the bench runs it: the app of src/app.ts on the province's database
// as src/server.ts builds it (keys cached, told of changes by the database), the Office the
// province's, and the rate limit on (in memory) but high enough never to refuse the load.
import { type App, buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import type { DatabaseHandle } from '../../src/db/database.js';
import { OFFICE_CODE } from './province.js';

/** As many connections as the service's default pool (DB_POOL_SIZE); the floor's pool has as many. */
export const POOL_SIZE = 10;

export function benchApp(handle: DatabaseHandle): Promise<App> {
  const config = loadConfig({ RATE_LIMIT_MAX: '1000000', OFFICE_UNIT_CODE: OFFICE_CODE });
  return buildApp({ config, db: handle.db, notifications: handle.notifications });
}
