// Migrated templates that test files copy instead of migrating: a database on the PostgreSQL
// server, an image of the embedded one. Each is made once per set of migrations and dependency
// versions and shared by the test files (on the server, once even when many files start at once).
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { openDatabase, openEmbedded } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';

const migrationsDir = fileURLToPath(new URL('../../migrations', import.meta.url));
const lockFile = fileURLToPath(new URL('../../package-lock.json', import.meta.url));

/** A key for the migrations and the locked dependency versions (PGlite's among them). */
function migrationsKey(): string {
  const hash = createHash('sha256').update(readFileSync(lockFile));
  for (const file of readdirSync(migrationsDir).sort()) hash.update(file).update(readFileSync(join(migrationsDir, file)));
  return hash.digest('hex').slice(0, 16);
}

export function databaseUrl(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

const TEMPLATE_PREFIX = 'cchc_template_';

/** Creates database `name` on the server as a copy of the migrated template, made first if need be. */
export async function copyServerTemplate(serverUrl: string, name: string): Promise<void> {
  const template = `${TEMPLATE_PREFIX}${migrationsKey()}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    // Test files run in parallel processes: the first builds the template, the others wait here.
    // Copies are made under the lock too, so a run on other migrations (another work tree) never
    // drops the template between the check and the copy.
    await admin.query(`SELECT pg_advisory_lock(hashtext('${TEMPLATE_PREFIX}'))`);
    const found = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [template]);
    if (found.rowCount === 0) await buildServerTemplate(admin, serverUrl, template);
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
  } finally {
    // Ending the session releases the lock.
    await admin.end();
  }
}

async function buildServerTemplate(admin: pg.Client, serverUrl: string, name: string): Promise<void> {
  // Templates of other migrations (earlier ones, another work tree's, a build cut short) are
  // dropped rather than left to pile up on the server; a run that still needs one builds it again.
  const stale = await admin.query<{ datname: string }>('SELECT datname FROM pg_database WHERE starts_with(datname, $1)', [TEMPLATE_PREFIX]);
  for (const { datname } of stale.rows) await admin.query(`DROP DATABASE "${datname}" WITH (FORCE)`);
  const building = `${name}_building`;
  await admin.query(`CREATE DATABASE ${building}`);
  const handle = await openDatabase({ databaseUrl: databaseUrl(serverUrl, building), dataDir: '', poolSize: 1 });
  try {
    await migrateToLatest(handle.db);
  } finally {
    await handle.close();
  }
  // A copy fails while any session is connected to its template: let none in from now on.
  await admin.query(`ALTER DATABASE ${building} WITH ALLOW_CONNECTIONS false`);
  // Renamed only once complete, so no file ever copies a half-migrated template.
  await admin.query(`ALTER DATABASE ${building} RENAME TO ${name}`);
}

/**
 * A migrated embedded database as a data-dir image in the temp directory (loading it takes about
 * 1 s; a fresh PGlite takes 3–6 s on this machine).
 */
export async function embeddedTemplate(): Promise<Blob> {
  const file = join(tmpdir(), `cchc-test-pglite-${migrationsKey()}.tar`);
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
