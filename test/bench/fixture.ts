// The benchmark's province (province.ts) on a PostgreSQL server, built once per shape: the database's
// name carries a hash of what shapes it (this file, province.ts and the migrations), so a run reuses
// what an earlier run built and a change of any of them builds it anew (and drops the provinces of
// other shapes). Built under a temporary name and renamed when complete: a build cut short is never
// reused. Each run starts from the province as built: what an earlier run wrote is removed, its keys
// with it, and new keys are made.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import pg from 'pg';
import { openDatabase } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { CLI_ACTOR } from '../../src/domain/actor.js';
import { createApiKey } from '../../src/modules/api-keys/api-keys.service.js';
import * as province from './province.js';

export interface Province {
  url: string;
  /** Every plan of every unit and year. */
  planIds: string[];
  /** The Department's plan of the first year, whose obligations bind its 540 affiliated units. */
  departmentPlanId: string;
  /** The unit the editor key records activities for: an affiliated unit. */
  editorUnitId: string;
}

export interface Keys {
  hot: string;
  many: string[];
  editor: string;
}

const MANY_KEYS = 50;
const ACTIVITY_BATCH = 50_000;

function shapeName(): string {
  const hash = createHash('sha256');
  for (const file of ['./fixture.ts', './province.ts']) hash.update(readFileSync(new URL(file, import.meta.url)));
  const migrations = new URL('../../migrations/', import.meta.url);
  for (const file of readdirSync(migrations).sort()) hash.update(file).update(readFileSync(new URL(file, migrations)));
  return `cchc_bench_${hash.digest('hex').slice(0, 12)}`;
}

function databaseUrl(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

async function build(serverUrl: string, name: string): Promise<void> {
  const building = `${name}_building`;
  await withClient(serverUrl, async (admin) => {
    await admin.query(`DROP DATABASE IF EXISTS ${building} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${building}`);
  });
  const url = databaseUrl(serverUrl, building);
  const handle = await openDatabase({ databaseUrl: url, dataDir: '', poolSize: 1, timeouts: { connectMs: 3000, statementMs: null } });
  await migrateToLatest(handle.db);
  await handle.close();
  await withClient(url, async (db) => {
    const units = province.unitRows();
    await db.query(province.INSERT_UNITS, [units.codes, units.names, units.kinds, units.keys]);
    for (const statement of [...province.INSERT_PLANS, ...province.INSERT_TASKS, province.INSERT_OBLIGATIONS, province.INSERT_REPORTS, province.INSERT_HOLIDAYS]) {
      await db.query(statement);
    }
    for (let from = 0; from < province.ACTIVITIES; from += ACTIVITY_BATCH) {
      await db.query(province.INSERT_ACTIVITIES, [from, Math.min(from + ACTIVITY_BATCH, province.ACTIVITIES)]);
    }
    await db.query(province.REMOVE_ACTIVITIES);
    await db.query(province.INSERT_QUESTIONS);
    await db.query('VACUUM ANALYZE');
  });
  await withClient(serverUrl, async (admin) => {
    const { rows } = await admin.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE 'cchc\\_bench%' AND datname <> $1`, [building]);
    for (const { datname } of rows) await admin.query(`DROP DATABASE ${datname} WITH (FORCE)`);
    await admin.query(`ALTER DATABASE ${building} RENAME TO ${name}`);
  });
}

/** The province of this shape, built first if no earlier run left one. */
export async function prepareProvince(serverUrl: string, log: (line: string) => void): Promise<Province> {
  const name = shapeName();
  const exists = await withClient(serverUrl, async (admin) => (await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount === 1);
  if (!exists) {
    log(`building the province in ${name} (once for this shape; a few minutes)…`);
    const started = Date.now();
    await build(serverUrl, name);
    log(`built in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  }
  const url = databaseUrl(serverUrl, name);
  return withClient(url, async (db) => {
    const plans = await db.query<{ id: string }>('SELECT p.id FROM plans p JOIN units u ON u.id = p.issuer_unit_id ORDER BY p.year, u.code');
    const department = await db.query<{ id: string }>(
      `SELECT p.id FROM plans p JOIN units u ON u.id = p.issuer_unit_id AND u.kind = 'department' WHERE p.year = $1`,
      [province.YEARS[0]],
    );
    const editorUnit = await db.query<{ id: string }>(`SELECT id FROM units WHERE code = 'U0001'`);
    return { url, planIds: plans.rows.map((r) => r.id), departmentPlanId: department.rows[0]!.id, editorUnitId: editorUnit.rows[0]!.id };
  });
}

/**
 * Removes what runs wrote (the write case's activities, every audit event: building writes none,
 * keys and their counters) so that each run reads the province as built.
 */
export async function resetProvince(url: string): Promise<void> {
  await withClient(url, async (db) => {
    // Each if the schema has it: the service's own counters and records come and go with its migrations.
    for (const table of ['idempotency_keys', 'rate_limit_hits', 'audit_events']) {
      if ((await db.query('SELECT to_regclass($1) AS found', [table])).rows[0].found) await db.query(`DELETE FROM ${table}`);
    }
    await db.query('DELETE FROM activities WHERE recorded_by_key_id IS NOT NULL');
    await db.query('DELETE FROM api_keys');
  });
}

/** A hot reader key, MANY_KEYS other reader keys, and an editor key for the write. */
export async function makeKeys(url: string, editorUnitId: string): Promise<Keys> {
  const handle = await openDatabase({ databaseUrl: url, dataDir: '', poolSize: 1 });
  try {
    const make = async (name: string, role: 'reader' | 'editor', unitId: string | null = null) => (await createApiKey(handle.db, CLI_ACTOR, { name, role, unitId })).key;
    const hot = await make('bench hot reader', 'reader');
    const many: string[] = [];
    for (let i = 1; i <= MANY_KEYS; i++) many.push(await make(`bench reader ${i}`, 'reader'));
    return { hot, many, editor: await make('bench editor', 'editor', editorUnitId) };
  } finally {
    await handle.close();
  }
}
