// An Idempotency-Key across failures: the record of a request and its write commit together, so
// whatever breaks and wherever, a retry either replays a write that was made or makes it, never
// both, and never hears "still being processed" about a request that is gone. The database
// connection is broken through a proxy; the process is killed as a child process.
import { type ChildProcess, spawn } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import type { LightMyRequestResponse } from 'fastify';
import t, { type Test } from 'tap';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { openDatabase } from '../../src/db/database.js';
import { CLI_ACTOR } from '../../src/domain/actor.js';
import { createApiKey } from '../../src/modules/api-keys/api-keys.service.js';
import { assertProblem } from '../helpers/app.js';
import { serverUrl } from '../helpers/database.js';
import { databaseBehindProxy, isQuery } from '../helpers/proxy.js';
import { freePort } from '../helpers/port.js';

const needsServer = serverUrl ? false : 'needs TEST_DATABASE_URL (a PostgreSQL server): the connection is broken through a proxy';

const unit = { code: 'THPT-PVT', name: 'Trường THPT Phan Văn Trị', kind: 'affiliated' };

/** A database behind a proxy with an admin key; `units()` counts the units with the code, read directly. */
async function setup(t: Test) {
  const proxied = await databaseBehindProxy(t);
  const direct = await openDatabase({ databaseUrl: proxied.direct, dataDir: '', poolSize: 1 });
  t.teardown(() => direct.close());
  const { key } = await createApiKey(direct.db, CLI_ACTOR, { name: 'crash tests', role: 'admin', unitId: null });
  const units = async () => (await direct.db.selectFrom('units').select('id').where('code', '=', unit.code).execute()).map((u) => u.id);
  return { ...proxied, key, units };
}

async function appOn(t: Test, url: string) {
  const handle = await openDatabase({ databaseUrl: url, dataDir: '', poolSize: 2, timeouts: { connectMs: 1000, statementMs: 2000 } });
  const app = await buildApp({ config: loadConfig({}), db: handle.db });
  t.teardown(async () => {
    await app.close();
    await handle.close();
  });
  await app.ready();
  return app;
}

function assertMade(t: Test, res: LightMyRequestResponse | Response, body: { id?: string; code?: string; detail?: string }, replayed: boolean) {
  const header = res instanceof Response ? res.headers.get('idempotent-replayed') : res.headers['idempotent-replayed'];
  t.equal(res instanceof Response ? res.status : res.statusCode, 201, `the unit is made (201)${body.detail ? `, not: ${body.detail}` : ''}`);
  t.equal(header ?? null, replayed ? 'true' : null, replayed ? 'a replay of the first answer' : 'not a replay: it ran');
  t.equal(body.code, unit.code);
}

t.test('the connection drops before the write commits: nothing is kept, and a retry makes it', { skip: needsServer }, async (t) => {
  const { proxy, viaProxy, key, units } = await setup(t);
  const app = await appOn(t, viaProxy);
  const send = () => app.inject({ method: 'POST', url: '/api/v1/units', headers: { authorization: `Bearer ${key}`, 'idempotency-key': 'before-commit' }, payload: unit });

  const frozen = proxy.holdWhen(isQuery('commit'));
  const first = send();
  await frozen;
  const meanwhile = assertProblem(t, await send(), 409, 'a retry while the first still runs is a 409');
  t.match(meanwhile.detail, /still being processed/);
  await proxy.stop();
  assertProblem(t, await first, 503, 'the first request is a 503');
  t.same(await units(), [], 'nothing was written');

  await proxy.start();
  const retry = await send();
  assertMade(t, retry, retry.json(), false);
  const again = await send();
  assertMade(t, again, again.json(), true);
  t.same(again.json(), retry.json(), 'the replay is the answer that made it');
  t.same(await units(), [retry.json().id], 'one unit');
});

t.test('the answer to COMMIT is lost: the write and its answer were kept together, and a retry replays it', { skip: needsServer }, async (t) => {
  const { proxy, viaProxy, key, units } = await setup(t);
  const app = await appOn(t, viaProxy);
  const send = () => app.inject({ method: 'POST', url: '/api/v1/units', headers: { authorization: `Bearer ${key}`, 'idempotency-key': 'after-commit' }, payload: unit });

  const lost = proxy.loseAnswerTo(isQuery('commit'));
  const first = await send();
  await lost;
  assertProblem(t, first, 503, 'the first request is a 503: its outcome is not known');
  t.notOk(first.headers.location, 'no Location on the 503');
  const made = await units();
  t.equal(made.length, 1, 'the write did commit');

  const retry = await send();
  assertMade(t, retry, retry.json(), true);
  t.equal(retry.json().id, made[0], 'the replay names the unit that was made');
  t.equal(retry.headers.location, `/api/v1/units/${made[0]}`);
  t.same(await units(), made, 'and nothing was made twice');
});

// The process itself dies in the middle of a request: its connections close, the server rolls its
// transaction back, and the next process runs the retry.
const root = fileURLToPath(new URL('../..', import.meta.url));
const { NODE_OPTIONS: _, ...baseEnv } = process.env;

async function startServer(t: Test, databaseUrl: string, port: number): Promise<ChildProcess> {
  // tsx as a loader, not its CLI: the CLI runs the server in a child of its own, which SIGKILL would not reach.
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: root,
    // The child runs under another loader; its coverage of the same sources would garble the merged report.
    env: { ...baseEnv, _TAPJS_PROCESSINFO_COVERAGE_: '0', DATABASE_URL: databaseUrl, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', DB_CONNECT_TIMEOUT_MS: '1000' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d));
  t.teardown(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline && child.exitCode === null) {
    const res = await fetch(`http://127.0.0.1:${port}/ready`).catch(() => null);
    if (res?.status === 200) return child;
    await sleep(200);
  }
  throw new Error(`the server did not become ready: ${stderr}`);
}

t.test('the process dies before the write commits: a retry to the next process makes it', { skip: needsServer }, async (t) => {
  const { proxy, viaProxy, key, units } = await setup(t);
  const port = await freePort();
  const send = () =>
    fetch(`http://127.0.0.1:${port}/api/v1/units`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'idempotency-key': 'process-dies', 'content-type': 'application/json' },
      body: JSON.stringify(unit),
    });

  const first = await startServer(t, viaProxy, port);
  const frozen = proxy.holdWhen(isQuery('commit'));
  const request = send().catch((error: unknown) => error);
  await frozen;
  const exited = new Promise((resolve) => first.once('exit', resolve));
  first.kill('SIGKILL');
  await exited;
  t.type(await request, Error, 'the first request got no answer');
  t.same(await units(), [], 'nothing was written');

  await startServer(t, viaProxy, port);
  const retry = await send();
  const body = (await retry.json()) as { id: string; code: string };
  assertMade(t, retry, body, false);
  t.same(await units(), [body.id], 'one unit');
});
