// The key cache: a known key costs no database statement; a revocation or a unit's deactivation is
// refused at once by the app that made it, and within a second by another process on the same
// PostgreSQL server (LISTEN/NOTIFY), whether made through the API or by hand as the key command
// does; while the listening connection is lost, nothing is served from the cache.
import type { InjectOptions } from 'fastify';
import { type Kysely, type KyselyPlugin, sql } from 'kysely';
import pg from 'pg';
import t, { type Test } from 'tap';
import { type App, buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { openDatabase } from '../../src/db/database.js';
import { LISTENER_NAME, type Notifications } from '../../src/db/notifications.js';
import type { Database } from '../../src/db/schema.js';
import { CLI_ACTOR, type Role } from '../../src/domain/actor.js';
import { createApiKey } from '../../src/modules/api-keys/api-keys.service.js';
import { assertProblem } from '../helpers/app.js';
import { createTestDatabase, serverUrl } from '../helpers/database.js';

const SECOND = 1000;
const { handle, url } = await createTestDatabase(t);

async function appOn(t: Test, db: Kysely<Database>, notifications: Notifications): Promise<App> {
  const app = await buildApp({ config: loadConfig({ RATE_LIMIT_MAX: '100000' }), db, notifications });
  t.teardown(() => app.close());
  return app;
}

const app = await appOn(t, handle.db, handle.notifications);

async function keyFor(role: Role, unitId: string | null = null): Promise<{ id: string; key: string }> {
  return createApiKey(handle.db, CLI_ACTOR, { name: `${role} key`, role, unitId });
}

const admin = (await keyFor('admin')).key;

function call(on: App, key: string, options: InjectOptions = {}) {
  return on.inject({ url: '/api/v1/me', ...options, headers: { authorization: `Bearer ${key}`, ...options.headers } });
}

/** A write an editor may make: refused before its (empty) body is read when the key may not write. */
const write = (on: App, key: string) => call(on, key, { method: 'POST', url: '/api/v1/activities', payload: {} });

/** Milliseconds until check() holds, polling; Infinity when it does not within `ms`. */
async function until(ms: number, check: () => Promise<boolean>): Promise<number> {
  const start = performance.now();
  while (performance.now() - start < ms) {
    if (await check()) return performance.now() - start;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return Infinity;
}

/** The database as `db`, counting the statements sent through it. */
function counting(db: Kysely<Database>): { db: Kysely<Database>; count(): number } {
  let statements = 0;
  const counter: KyselyPlugin = {
    transformQuery: ({ node }) => {
      statements++;
      return node;
    },
    transformResult: async ({ result }) => result,
  };
  return { db: db.withPlugin(counter), count: () => statements };
}

/** Statements a GET /me with the key costs the app: 1 to look the key up, 0 when it is held. */
async function lookups(on: App, counted: { count(): number }, key: string): Promise<number> {
  const before = counted.count();
  const res = await call(on, key);
  if (res.statusCode !== 200) throw new Error(res.body);
  return counted.count() - before;
}

async function unitWithEditor(on: App, code: string): Promise<{ unitId: string; editor: string }> {
  const res = await call(on, admin, { method: 'POST', url: '/api/v1/units', payload: { code, name: code, kind: 'division' } });
  if (res.statusCode !== 201) throw new Error(res.body);
  const unitId = res.json().id as string;
  return { unitId, editor: (await keyFor('editor', unitId)).key };
}

t.test('a known key costs no statement; an unknown one is looked up every time', async (t) => {
  const counted = counting(handle.db);
  const on = await appOn(t, counted.db, handle.notifications);
  const { key } = await keyFor('reader');
  t.equal(await lookups(on, counted, key), 1, 'the first request looks the key up (GET /me reads nothing else for a reader)');
  t.equal(await lookups(on, counted, key), 0, 'the next ones do not');
  t.equal(await lookups(on, counted, key), 0);
  for (let i = 0; i < 2; i++) {
    const before = counted.count();
    t.equal((await call(on, 'cchc_unknown')).statusCode, 401);
    t.equal(counted.count() - before, 1, 'an unknown key is looked up each time, never held as absent');
  }
  const made = await keyFor('reader');
  t.equal(await lookups(on, counted, made.key), 1, 'so a key made since (by another replica) works at once');

  const deaf = await buildApp({ config: loadConfig({}), db: counted.db });
  t.teardown(() => deaf.close());
  t.equal((await lookups(deaf, counted, key)) + (await lookups(deaf, counted, key)), 2, 'an app that cannot hear changes holds no key');
});

t.test('the app that revokes a key refuses it from the next request on', async (t) => {
  for (const headers of [{}, { 'idempotency-key': 'revoke-once' }]) {
    const { id, key } = await keyFor('reader');
    t.equal((await call(app, key)).statusCode, 200, 'the key is known, and held');
    const revoked = await call(app, admin, { method: 'POST', url: `/api/v1/api-keys/${id}/revoke`, headers });
    t.equal(revoked.statusCode, 200, `revoked (${Object.keys(headers).join() || 'no Idempotency-Key'})`);
    t.equal((await call(app, key)).statusCode, 401, 'refused at once');
  }
});

t.test('the app that deactivates a unit refuses its editors’ writes from the next request on', async (t) => {
  const { unitId, editor } = await unitWithEditor(app, 'KC-A');
  t.equal((await write(app, editor)).statusCode, 400, 'the editor may write (its empty body is what is refused)');
  t.equal((await call(app, admin, { method: 'POST', url: `/api/v1/units/${unitId}/deactivate` })).statusCode, 200);
  t.match(assertProblem(t, await write(app, editor), 403, 'refused at once').detail, /deactivated/);
  t.equal((await call(app, editor)).statusCode, 200, 'it may still read');
  t.equal((await call(app, admin, { method: 'POST', url: `/api/v1/units/${unitId}/activate` })).statusCode, 200);
  t.equal((await write(app, editor)).statusCode, 400, 'and write again once the unit is active again');
});

t.test('a key revoked by hand, as the key command in another process does, is refused within a second', async (t) => {
  const { id, key } = await keyFor('reader');
  t.equal((await call(app, key)).statusCode, 200);
  const revoke = sql`UPDATE api_keys SET revoked_at = now(), version = version + 1 WHERE id = ${id}`;
  if (url) {
    // Another session, as another process would have.
    const other = new pg.Client({ connectionString: url });
    await other.connect();
    t.teardown(() => other.end());
    const compiled = revoke.compile(handle.db);
    await other.query(compiled.sql, [...compiled.parameters]);
  } else {
    await revoke.execute(handle.db);
  }
  const elapsed = await until(SECOND, async () => (await call(app, key)).statusCode === 401);
  t.ok(elapsed < SECOND, `refused after ${elapsed.toFixed(0)} ms`);
});

t.test('another process on the same server', { skip: serverUrl ? false : 'the embedded engine has one process: set TEST_DATABASE_URL' }, async (t) => {
  const second = await openDatabase({ databaseUrl: url!, dataDir: '', poolSize: 2 });
  t.teardown(() => second.close());
  const other = await appOn(t, second.db, second.notifications);

  t.test('refuses a key revoked through the first within a second', async (t) => {
    const { id, key } = await keyFor('reader');
    t.equal((await call(other, key)).statusCode, 200, 'held by the other app');
    t.equal((await call(app, admin, { method: 'POST', url: `/api/v1/api-keys/${id}/revoke` })).statusCode, 200);
    const elapsed = await until(SECOND, async () => (await call(other, key)).statusCode === 401);
    t.ok(elapsed < SECOND, `refused after ${elapsed.toFixed(0)} ms`);
  });

  t.test('refuses the writes of a unit deactivated through the first within a second', async (t) => {
    const { unitId, editor } = await unitWithEditor(app, 'KC-B');
    t.equal((await write(other, editor)).statusCode, 400, 'the editor may write there');
    t.equal((await call(app, admin, { method: 'POST', url: `/api/v1/units/${unitId}/deactivate` })).statusCode, 200);
    const elapsed = await until(SECOND, async () => (await write(other, editor)).statusCode === 403);
    t.ok(elapsed < SECOND, `refused after ${elapsed.toFixed(0)} ms`);
  });

  t.test('holds nothing while its listening connection is lost, and holds keys again once it is back', async (t) => {
    const counted = counting(second.db);
    const on = await appOn(t, counted.db, second.notifications);
    const costs = (key: string) => lookups(on, counted, key);
    const { key } = await keyFor('reader');
    await costs(key);
    t.equal(await costs(key), 0, 'held');
    const killed = await sql<{ n: number }>`
      SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity
      WHERE datname = current_database() AND application_name = ${LISTENER_NAME}`.execute(handle.db);
    t.equal(killed.rows[0]!.n, 2, 'both processes’ listening connections are cut off');
    t.ok((await until(SECOND, async () => (await costs(key)) === 1)) < SECOND, 'the key is looked up again: a change could go unheard now');
    const back = await until(3 * SECOND, async () => (await costs(key)) === 0);
    t.ok(back < 3 * SECOND, `held again ${back.toFixed(0)} ms later, once listening again`);
  });
});
