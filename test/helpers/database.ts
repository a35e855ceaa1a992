// A fresh, migrated database per test file: a new database on the PostgreSQL server named by
// TEST_DATABASE_URL, or an in-memory embedded PGlite when it is not set. Dropped at teardown.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Test } from 'tap';
import { type DatabaseHandle, openDatabase, openEmbedded } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';

export const serverUrl = process.env.TEST_DATABASE_URL || null;

export interface TestDatabase {
  handle: DatabaseHandle;
  /** The new database's URL on the server; null on the embedded engine. */
  url: string | null;
}

async function adminQuery(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl! });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

/** Creates an empty database on the server and returns its URL; dropped at teardown. */
export async function createServerDatabase(t: Test): Promise<string> {
  const name = `cchc_test_${randomBytes(6).toString('hex')}`;
  await adminQuery(`CREATE DATABASE ${name}`);
  t.teardown(() => adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
  const url = new URL(serverUrl!);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function createTestDatabase(t: Test): Promise<TestDatabase> {
  const url = serverUrl ? await createServerDatabase(t) : null;
  const handle = url ? await openDatabase({ databaseUrl: url, dataDir: '', poolSize: 5 }) : await openEmbedded('memory://');
  // Registered after the drop, so it runs before it (teardowns run last-in, first-out).
  t.teardown(() => handle.close());
  await migrateToLatest(handle.db);
  return { handle, url };
}
