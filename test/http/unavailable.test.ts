// When the database stops answering, readiness and data routes say 503 with Retry-After, quickly,
// while liveness stays up; when it comes back, so does the service, without a restart.
import { Writable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import pino from 'pino';
import t, { type Test } from 'tap';
import { type App, buildApp } from '../../src/app.js';
import { openMigratedDatabase } from '../../src/boot.js';
import { type Config, loadConfig } from '../../src/config.js';
import { openDatabase } from '../../src/db/database.js';
import { CLI_ACTOR } from '../../src/domain/actor.js';
import { createApiKey } from '../../src/modules/api-keys/api-keys.service.js';
import { assertProblem } from '../helpers/app.js';
import { serverUrl } from '../helpers/database.js';
import { databaseBehindProxy } from '../helpers/proxy.js';

function assertUnavailable(t: Test, res: LightMyRequestResponse, url: string) {
  const body = assertProblem(t, res, 503, `${url} is 503`);
  t.equal(body.title, 'Service Unavailable');
  t.equal(body.type, '/problems/service-unavailable');
  t.equal(body.detail, 'The database is not answering; try again shortly.');
  t.equal(body.instance, url);
  t.equal(body.requestId, res.headers['x-request-id']);
  t.match(res.headers['retry-after'], /^\d+$/, 'Retry-After in seconds');
  t.notMatch(res.body, /ECONNREFUSED|127\.0\.0\.1|connect|terminated/i, 'no driver message');
}

/** The answer and how long it took; a request left without an answer for 20 s fails the test instead of hanging it. */
async function timed(app: App, options: InjectOptions) {
  const started = Date.now();
  const res = await Promise.race([app.inject(options), sleep(20_000, null, { ref: false })]);
  if (!res) throw new Error(`${options.method ?? 'GET'} ${String(options.url)}: no answer within 20 s`);
  return { res, ms: Date.now() - started };
}

t.test('a server nobody listens on: 503 at once', async (t) => {
  const handle = await openDatabase({ databaseUrl: 'postgres://nobody@127.0.0.1:1/none', dataDir: '', poolSize: 1 });
  const app = await buildApp({ config: loadConfig({}), db: handle.db });
  t.teardown(async () => {
    await app.close();
    await handle.close();
  });
  await app.ready();
  t.equal((await app.inject({ url: '/health' })).statusCode, 200, 'liveness does not need the database');
  const ready = await timed(app, { url: '/ready' });
  assertUnavailable(t, ready.res, '/ready');
  const units = await timed(app, { url: '/api/v1/units', headers: { authorization: 'Bearer cchc_any' } });
  assertUnavailable(t, units.res, '/api/v1/units');
  t.ok(ready.ms + units.ms < 5000, `quickly (${ready.ms + units.ms} ms)`);
});

const needsServer = serverUrl ? false : 'needs TEST_DATABASE_URL (a PostgreSQL server)';

/** Timeouts short enough for a test: a second to connect, a second per statement. */
const FAST = loadConfig({ DB_CONNECT_TIMEOUT_MS: '1000', DB_STATEMENT_TIMEOUT_MS: '1000' });

/** A fresh server database, migrated and with an admin key, behind a proxy; an app on it through the proxy. */
async function appBehindProxy(t: Test, config: Config = loadConfig({})) {
  const { proxy, direct, viaProxy } = await databaseBehindProxy(t);
  const setup = await openDatabase({ databaseUrl: direct, dataDir: '', poolSize: 1 });
  const { key } = await createApiKey(setup.db, CLI_ACTOR, { name: 'before the outage', role: 'admin', unitId: null });
  await setup.close();
  const auth = { authorization: `Bearer ${key}` };

  const poolErrors: Error[] = [];
  const handle = await openDatabase({
    databaseUrl: viaProxy,
    dataDir: '',
    poolSize: 3,
    onPoolError: (e) => poolErrors.push(e),
    timeouts: { connectMs: config.dbConnectTimeoutMs, statementMs: config.dbStatementTimeoutMs },
  });
  const app = await buildApp({ config, db: handle.db });
  t.teardown(async () => {
    await app.close();
    await handle.close();
  });
  await app.ready();
  return { app, proxy, poolErrors, auth, db: handle.db };
}

t.test('the database goes away and comes back', { skip: needsServer }, async (t) => {
  const { app, proxy, poolErrors, auth } = await appBehindProxy(t);
  t.equal((await app.inject({ url: '/ready' })).statusCode, 200, 'ready before');
  t.equal((await app.inject({ url: '/api/v1/units', headers: auth })).statusCode, 200, 'data before');

  await proxy.stop();
  // Let the pool see its idle connections cut first, so each request below meets a dead pool.
  for (let i = 0; i < 40 && poolErrors.length === 0; i++) await sleep(50);
  t.ok(poolErrors.length > 0, 'the pool saw its connections end');
  const ready = await timed(app, { url: '/ready' });
  assertUnavailable(t, ready.res, '/ready');
  const units = await timed(app, { url: '/api/v1/units', headers: auth });
  assertUnavailable(t, units.res, '/api/v1/units');
  const write = await timed(app, { method: 'POST', url: '/api/v1/units', headers: auth, payload: { code: 'DOWN', name: 'x', kind: 'division' } });
  assertUnavailable(t, write.res, '/api/v1/units');
  for (const { ms } of [ready, units, write]) t.ok(ms < 5000, `answered in ${ms} ms`);
  t.equal((await app.inject({ url: '/health' })).statusCode, 200, 'liveness stays up');

  await proxy.start();
  let back = await app.inject({ url: '/ready' });
  for (let i = 0; i < 20 && back.statusCode !== 200; i++) {
    await sleep(250);
    back = await app.inject({ url: '/ready' });
  }
  t.equal(back.statusCode, 200, 'ready again once the database is back');
  const after = await app.inject({ url: '/api/v1/units', headers: auth });
  t.equal(after.statusCode, 200, 'data again, with the key made before the outage');
  t.same(after.json().items, [], 'nothing was written during the outage');
  const created = await app.inject({ method: 'POST', url: '/api/v1/units', headers: auth, payload: { code: 'UP', name: 'Trở lại', kind: 'division' } });
  t.equal(created.statusCode, 201, 'writes work again');
});

// pg emits 'error' on a checked-out client whose connection ends: without a listener on every
// client, a query in flight when the server goes away would crash the process.
t.test('a query in flight when the connection drops is a 503, and the process lives', { skip: needsServer }, async (t) => {
  const { app, proxy, auth } = await appBehindProxy(t);
  t.equal((await app.inject({ url: '/api/v1/units', headers: auth })).statusCode, 200);
  await proxy.stop();
  assertUnavailable(t, await app.inject({ url: '/ready' }), '/ready');
  await sleep(200);
  assertUnavailable(t, await app.inject({ url: '/ready' }), '/ready');
});

/** Asks until the answer is `status` (for up to `withinMs`); the last answer and the time it took. */
async function until(app: App, options: InjectOptions, status: number, withinMs: number) {
  const started = Date.now();
  let res = (await timed(app, options)).res;
  while (res.statusCode !== status && Date.now() - started < withinMs) {
    await sleep(100);
    res = (await timed(app, options)).res;
  }
  return { res, ms: Date.now() - started };
}

/** Every kind of request while the database is cut off: 503 with Retry-After, each within `limitMs`. */
async function assertPartitioned(t: Test, app: App, auth: Record<string, string>, limitMs: number) {
  const unit = { code: 'CUT', name: 'Mất kết nối', kind: 'division' };
  const requests: InjectOptions[] = [
    { url: '/ready' },
    { url: '/api/v1/units', headers: auth },
    { method: 'POST', url: '/api/v1/units', headers: auth, payload: unit },
    { method: 'POST', url: '/api/v1/units', headers: { ...auth, 'idempotency-key': 'cut-off' }, payload: unit },
  ];
  for (const options of requests) {
    const { res, ms } = await timed(app, options);
    assertUnavailable(t, res, String(options.url));
    t.ok(ms < limitMs, `${options.method ?? 'GET'} ${String(options.url)} answered in ${ms} ms`);
  }
  // More at once than the pool has connections: none waits longer.
  const many = await Promise.all(Array.from({ length: 8 }, () => timed(app, { url: '/api/v1/units', headers: auth })));
  t.same(many.map(({ res }) => res.statusCode), Array(8).fill(503), '8 at once: all 503');
  const slowest = Math.max(...many.map(({ ms }) => ms));
  t.ok(slowest < limitMs * 2, `8 at once answered within ${slowest} ms`);
  t.equal((await app.inject({ url: '/health' })).statusCode, 200, 'liveness stays up');
}

async function assertRecovered(t: Test, app: App, auth: Record<string, string>, code: string) {
  const ready = await until(app, { url: '/ready' }, 200, 15_000);
  t.equal(ready.res.statusCode, 200, `ready again ${ready.ms} ms after the partition healed`);
  const list = await until(app, { url: '/api/v1/units', headers: auth }, 200, 15_000);
  t.equal(list.res.statusCode, 200, `data again after ${list.ms} ms`);
  const created = await timed(app, { method: 'POST', url: '/api/v1/units', headers: auth, payload: { code, name: 'Sau sự cố', kind: 'division' } });
  t.equal(created.res.statusCode, 201, `a write works again (${created.ms} ms)`);
}

// A partition (or a failover) drops packets silently: no reset, no error, just nothing. Every wait on
// the database must then be bounded by a timeout, and a connection that stopped answering must be
// thrown away, not handed to the next request.
t.test('a partition: 503 with Retry-After within seconds, and back without a restart', { skip: needsServer }, async (t) => {
  const { app, proxy, auth } = await appBehindProxy(t, FAST);
  const warm = await Promise.all(Array.from({ length: 3 }, () => app.inject({ url: '/api/v1/units', headers: auth })));
  t.same(warm.map((r) => r.statusCode), [200, 200, 200], 'the pool has open connections before');

  proxy.blackhole();
  await assertPartitioned(t, app, auth, 4000);
  proxy.heal();
  await assertRecovered(t, app, auth, 'HEALED');
});

t.test('two partitions in a row: back after each', { skip: needsServer }, async (t) => {
  const { app, proxy, auth } = await appBehindProxy(t, FAST);
  t.equal((await app.inject({ url: '/api/v1/units', headers: auth })).statusCode, 200);
  for (const round of [1, 2]) {
    proxy.blackhole();
    await assertPartitioned(t, app, auth, 4000);
    proxy.heal();
    await assertRecovered(t, app, auth, `ROUND${round}`);
  }
});

t.test('the connection settings reach the server', { skip: needsServer }, async (t) => {
  const { db } = await appBehindProxy(t, FAST);
  const setting = async (name: string) => (await sql<{ setting: string }>`SELECT current_setting(${name}) AS setting`.execute(db)).rows[0]!.setting;
  t.equal(await setting('statement_timeout'), '1s', 'statement_timeout: DB_STATEMENT_TIMEOUT_MS');
  t.equal(await setting('idle_in_transaction_session_timeout'), '2s', 'idle_in_transaction_session_timeout: twice that');
});

// pg attaches the client to an idle client's error, and the client holds the backend's cancel key.
t.test('an idle connection that fails is logged without the client', { skip: needsServer }, async (t) => {
  const { proxy, viaProxy } = await databaseBehindProxy(t);
  const lines: Array<Record<string, unknown>> = [];
  const log = pino({ level: 'warn' }, new Writable({
      write(chunk, _encoding, done) {
        lines.push(JSON.parse(String(chunk)));
        done();
      },
    }));
  const handle = await openMigratedDatabase(loadConfig({ DATABASE_URL: viaProxy, DB_POOL_SIZE: '2' }), log);
  t.teardown(() => handle.close());
  await Promise.all([sql`SELECT 1`.execute(handle.db), sql`SELECT 1`.execute(handle.db)]);

  await proxy.stop();
  for (let i = 0; i < 40 && lines.length === 0; i++) await sleep(50);
  t.ok(lines.length > 0, 'the failure is logged');
  for (const line of lines) {
    t.equal(line.msg, 'an idle database connection failed');
    t.match(line.err, { message: String }, 'with the error');
    const text = JSON.stringify(line);
    t.notMatch(text, /secretKey|processID|"client"|"password"|connectionParameters/, 'and nothing of the client');
  }
});
