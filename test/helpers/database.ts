// A fresh, migrated database per test file: a new database on the PostgreSQL server named by
// TEST_DATABASE_URL, or an in-memory embedded PGlite when it is not set. Dropped at teardown.
import { createHash, randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
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

const migrationsDir = fileURLToPath(new URL('../../migrations', import.meta.url));
const lockFile = fileURLToPath(new URL('../../package-lock.json', import.meta.url));

/**
 * A migrated embedded database as a data-dir image, made once per set of migrations and shared by
 * the test files (loading it takes about 1 s; a fresh PGlite takes 3–6 s on this machine).
 */
async function embeddedTemplate(): Promise<Blob> {
  // Keyed by the migrations and the locked dependency versions (PGlite's among them).
  const hash = createHash('sha256').update(readFileSync(lockFile));
  for (const file of readdirSync(migrationsDir).sort()) hash.update(file).update(readFileSync(join(migrationsDir, file)));
  const file = join(tmpdir(), `cchc-test-pglite-${hash.digest('hex').slice(0, 16)}.tar`);
  try {
    return new Blob([readFileSync(file)]);
  } catch {
    const handle = await openEmbedded('memory://');
    await migrateToLatest(handle.db);
    const image = await handle.dump!();
    await handle.close();
    // Written aside and renamed, so a file that runs at the same time never reads half of it.
    const partial = `${file}.${process.pid}`;
    writeFileSync(partial, Buffer.from(await image.arrayBuffer()));
    renameSync(partial, file);
    return image;
  }
}

export async function createTestDatabase(t: Test): Promise<TestDatabase> {
  const url = serverUrl ? await createServerDatabase(t) : null;
  const handle = url ? await openDatabase({ databaseUrl: url, dataDir: '', poolSize: 5 }) : await openEmbedded('memory://', await embeddedTemplate());
  // Registered after the drop, so it runs before it (teardowns run last-in, first-out).
  t.teardown(() => handle.close());
  await migrateToLatest(handle.db);
  return { handle, url };
}
