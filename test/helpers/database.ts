// A fresh, migrated database per test file: on the PostgreSQL server named by TEST_DATABASE_URL, a
// new database copied from a migrated template; otherwise an in-memory embedded PGlite loaded from
// a migrated image. Dropped at teardown.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Test } from 'tap';
import { type DatabaseHandle, openDatabase, openEmbedded } from '../../src/db/database.js';
import { copyServerTemplate, databaseUrl, embeddedTemplate } from './templates.js';

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

/** A new database on the server, empty or migrated; dropped at teardown. */
async function createDatabase(t: Test, migrated: boolean): Promise<string> {
  const name = `cchc_test_${randomBytes(6).toString('hex')}`;
  await (migrated ? copyServerTemplate(serverUrl!, name) : adminQuery(`CREATE DATABASE ${name}`));
  t.teardown(() => adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
  return databaseUrl(serverUrl!, name);
}

/** Creates an empty database on the server and returns its URL; dropped at teardown. */
export function createServerDatabase(t: Test): Promise<string> {
  return createDatabase(t, false);
}

export async function createTestDatabase(t: Test): Promise<TestDatabase> {
  const url = serverUrl ? await createDatabase(t, true) : null;
  const handle = url ? await openDatabase({ databaseUrl: url, dataDir: '', poolSize: 5 }) : await openEmbedded('memory://', await embeddedTemplate());
  // Registered after the drop, so it runs before it (teardowns run last-in, first-out).
  t.teardown(() => handle.close());
  return { handle, url };
}
