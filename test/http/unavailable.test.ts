// When the database stops answering, readiness and data routes say 503 with Retry-After, quickly,
// while liveness stays up; when it comes back, so does the service, without a restart.
import { setTimeout as sleep } from 'node:timers/promises';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import t, { type Test } from 'tap';
import { type App, buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { openDatabase } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { CLI_ACTOR } from '../../src/http/principal.js';
import { createApiKey } from '../../src/modules/api-keys/api-keys.service.js';
import { assertProblem } from '../helpers/app.js';
import { createServerDatabase, serverUrl } from '../helpers/database.js';
import { startProxy } from '../helpers/proxy.js';

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

async function timed(app: App, options: InjectOptions) {
  const started = Date.now();
  const res = await app.inject(options);
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

/** A fresh server database behind a proxy, migrated, with an app on it and an admin key. */
async function appBehindProxy(t: Test) {
  const direct = new URL(await createServerDatabase(t));
  const proxy = await startProxy({ host: direct.hostname, port: Number(direct.port || 5432) });
  t.teardown(() => proxy.stop());
  const viaProxy = new URL(direct);
  viaProxy.hostname = '127.0.0.1';
  viaProxy.port = String(proxy.port);

  const poolErrors: Error[] = [];
  const handle = await openDatabase({ databaseUrl: viaProxy.toString(), dataDir: '', poolSize: 3, onPoolError: (e) => poolErrors.push(e) });
  await migrateToLatest(handle.db);
  const app = await buildApp({ config: loadConfig({}), db: handle.db });
  t.teardown(async () => {
    await app.close();
    await handle.close();
  });
  await app.ready();
  const { key } = await createApiKey(handle.db, CLI_ACTOR, { name: 'before the outage', role: 'admin', unitId: null });
  const auth = { authorization: `Bearer ${key}` };

  return { app, proxy, poolErrors, auth };
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
