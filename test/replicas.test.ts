// Two service processes on one PostgreSQL database, as behind a load balancer, over real HTTP: what
// one replica does holds on the other. Document numbers come from the database (20 issues raced
// across both take 01..20); idempotency records and sync tokens are the database's, so either
// replica replays or continues them; a revoked key or a deactivated unit is refused by the other
// within a second (LISTEN/NOTIFY empties its key cache); with Redis, both count one rate limit.
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import t, { type Test } from 'tap';
import { serverUrl } from './helpers/database.js';
import { type Replicas, startReplicas } from './helpers/replicas.js';
import { REDIS_URL, redisAnswers } from './helpers/redis.js';

const SECOND = 1000;

interface Answer {
  status: number;
  headers: Headers;
  // Each test reads the fields it asked for.
  body: any;
}

/** A request to a replica with the key (JSON in and out). */
async function call(base: string, key: string, path: string, init: { method?: string; body?: unknown; headers?: Record<string, string> } = {}): Promise<Answer> {
  const res = await fetch(`${base}${path}`, {
    method: init.method ?? 'GET',
    headers: { authorization: `Bearer ${key}`, ...(init.body === undefined ? {} : { 'content-type': 'application/json' }), ...init.headers },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : null };
}

/** The body of call()'s answer, which must have the status: any other throws, showing the answer. */
async function mustAnswer(status: number, ...args: Parameters<typeof call>) {
  const res = await call(...args);
  if (res.status !== status) throw new Error(`${args[3]?.method ?? 'GET'} ${args[2]}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** Milliseconds from `start` until check() holds, trying every 50 ms; Infinity if it does not within `ms`. */
async function until(ms: number, check: () => Promise<boolean>, start = performance.now()): Promise<number> {
  while (performance.now() - start < ms) {
    if (await check()) return Math.round(performance.now() - start);
    await sleep(50);
  }
  return Infinity;
}


async function numbering(t: Test, { urls: [a, b], adminKey }: Replicas) {
  const issuer = await mustAnswer(201, a!, adminKey, '/api/v1/units', {
    method: 'POST',
    body: { code: 'SGDDT', name: 'Sở Giáo dục và Đào tạo', kind: 'department', documentAbbreviation: 'SGDĐT' },
  });
  const drafts: Array<{ id: string }> = await Promise.all(
    Array.from({ length: 20 }, (_, i) =>
      mustAnswer(201, i % 2 ? b! : a!, adminKey, '/api/v1/plans', { method: 'POST', body: { issuerUnitId: issuer.id, year: 2021, title: `Kế hoạch số ${i + 1}` } }),
    ),
  );
  const issued = await Promise.all(
    drafts.map((plan, i) => call(i % 2 ? b! : a!, adminKey, `/api/v1/plans/${plan.id}/issue`, { method: 'POST', body: { issuedOn: '2021-03-15' } })),
  );
  t.same(issued.map((r) => r.status), Array(20).fill(200), 'every issue succeeded, ten on each replica');
  const numbers = issued.map((r) => r.body.number as string);
  const expected = Array.from({ length: 20 }, (_, i) => `${String(i + 1).padStart(2, '0')}/KH-SGDĐT`);
  t.same([...numbers].sort(), expected, 'twenty distinct numbers, 01..20: none given twice, none skipped');
  const stored = await Promise.all(drafts.map(async (plan, i) => (await mustAnswer(200, i % 2 ? a! : b!, adminKey, `/api/v1/plans/${plan.id}`)).number));
  t.same(stored, numbers, 'each plan, read on the other replica, has the number its issue answered with');
}

async function revocation(t: Test, { urls: [a, b], adminKey }: Replicas) {
  const made = await mustAnswer(201, a!, adminKey, '/api/v1/api-keys', { method: 'POST', body: { name: 'Cổng CCHC tỉnh', role: 'reader' } });
  // Used twice on B: the first use looks the key up, the second is served from B's cache.
  for (let i = 0; i < 2; i++) t.equal((await call(b!, made.key, '/api/v1/me')).status, 200, 'the key works on the other replica');
  await mustAnswer(200, a!, adminKey, `/api/v1/api-keys/${made.id}/revoke`, { method: 'POST' });
  const revoked = performance.now();
  t.equal((await call(a!, made.key, '/api/v1/me')).status, 401, 'the replica that revoked it refuses it at once');
  const ms = await until(SECOND, async () => (await call(b!, made.key, '/api/v1/me')).status === 401, revoked);
  t.ok(ms < SECOND, `the other refuses it within a second of the revocation's answer (${ms} ms)`);
}

async function deactivation(t: Test, { urls: [a, b], adminKey, keyFor }: Replicas) {
  const unit = await mustAnswer(201, a!, adminKey, '/api/v1/units', { method: 'POST', body: { code: 'THPT-HD', name: 'Trường THPT Hoàng Diệu', kind: 'affiliated' } });
  const { key: editor } = await keyFor('editor', unit.id);
  const patched = await call(b!, editor, `/api/v1/units/${unit.id}`, {
    method: 'PATCH',
    body: { websiteUrl: 'https://thpthoangdieu.edu.vn' },
    headers: { 'if-match': `"${unit.version}"` },
  });
  t.equal(patched.status, 200, 'the editor writes on the other replica (its unit’s web address)');
  // A write whose empty body is refused (400) when the key may write, and before the body is read (403) when it may not.
  const write = () => call(b!, editor, '/api/v1/activities', { method: 'POST', body: {} });
  t.equal((await write()).status, 400, 'the key is cached there as one that may write');
  await mustAnswer(200, a!, adminKey, `/api/v1/units/${unit.id}/deactivate`, { method: 'POST' });
  const deactivated = performance.now();
  t.equal((await call(a!, editor, '/api/v1/activities', { method: 'POST', body: {} })).status, 403, 'the replica that deactivated it refuses at once');
  const ms = await until(SECOND, async () => (await write()).status === 403, deactivated);
  t.ok(ms < SECOND, `the other refuses the editor's writes within a second of the deactivation's answer (${ms} ms)`);
  t.match((await write()).body.detail, /deactivated/, 'saying why');
}

async function idempotency(t: Test, { urls: [a, b], adminKey }: Replicas) {
  const idempotencyKey = randomUUID();
  const send = (base: string) =>
    call(base, adminKey, '/api/v1/units', {
      method: 'POST',
      body: { code: 'PGDDT-ST', name: 'Phòng Giáo dục và Đào tạo', kind: 'division' },
      headers: { 'idempotency-key': idempotencyKey },
    });
  const first = await send(a!);
  t.equal(first.status, 201, 'made on one replica');
  t.equal(first.headers.get('idempotent-replayed'), null, 'not a replay');
  const replay = await send(b!);
  t.equal(replay.status, 201, 'the same status on the other');
  t.same(replay.body, first.body, 'the same body');
  t.equal(replay.headers.get('location'), first.headers.get('location'), 'the same Location');
  t.equal(replay.headers.get('idempotent-replayed'), 'true', 'marked as a replay');
  const units = await mustAnswer(200, b!, adminKey, '/api/v1/units?limit=200');
  t.equal(units.items.filter((u: { code: string }) => u.code === 'PGDDT-ST').length, 1, 'and one unit was made, not two');
}

async function syncTokens(t: Test, { urls: [a, b], adminKey }: Replicas) {
  // Every unit there is, read through A's sync until all are in: its token is then past each of them.
  const existing: Set<string> = new Set((await mustAnswer(200, a!, adminKey, '/api/v1/units?limit=200')).items.map((u: { id: string }) => u.id));
  let token = '2000-01-01T00:00:00Z';
  const seen = new Set<string>();
  const caughtUp = await until(10 * SECOND, async () => {
    const page = await mustAnswer(200, a!, adminKey, `/api/v1/units?limit=200&updatedSince=${encodeURIComponent(token)}`);
    for (const unit of page.items) seen.add(unit.id);
    token = page.nextUpdatedSince;
    return [...existing].every((id) => seen.has(id));
  });
  t.ok(caughtUp < Infinity, `A's sync has every unit (${existing.size})`);

  const added = await mustAnswer(201, b!, adminKey, '/api/v1/units', { method: 'POST', body: { code: 'TTGDTX', name: 'Trung tâm GDNN-GDTX', kind: 'affiliated' } });
  // Polled, as a mirror does: a change is listed once no transaction still in flight on the server could precede it.
  const changes: string[] = [];
  await until(10 * SECOND, async () => {
    const page = await mustAnswer(200, b!, adminKey, `/api/v1/units?limit=200&updatedSince=${encodeURIComponent(token)}`);
    changes.push(...page.items.map((u: { id: string }) => u.id));
    token = page.nextUpdatedSince;
    return changes.includes(added.id);
  });
  t.same(changes, [added.id], "B, given A's token, lists exactly the change made through B");
}

async function sharedRateLimit(t: Test) {
  const { urls, replicas, keyFor } = await startReplicas(t, 2, { REDIS_URL, RATE_LIMIT_MAX: '6', RATE_LIMIT_WINDOW_SECONDS: '60' });
  // A key of this database: its id, and so its counter in Redis, is new.
  const { key } = await keyFor('reader');
  const statuses: number[] = [];
  const remaining: Array<string | null> = [];
  for (let i = 0; i < 8; i++) {
    const res = await call(urls[i % 2]!, key, '/api/v1/me');
    statuses.push(res.status);
    remaining.push(res.headers.get('x-ratelimit-remaining'));
  }
  t.same(statuses, [200, 200, 200, 200, 200, 200, 429, 429], 'six requests, alternating, are served; the 7th (on A) and the 8th (on B) are refused');
  t.same(remaining.slice(0, 6), ['5', '4', '3', '2', '1', '0'], 'each replica counts the other’s requests');
  for (const replica of replicas) t.equal(await replica.stop(), 0, 'the replica exits cleanly on SIGTERM');
}

if (!serverUrl) {
  t.pass('skipped: replicas need a PostgreSQL server; set TEST_DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/postgres)');
} else {
  // In a subtest, whose end runs the teardown that stops them: the children's pipes would keep the
  // file's own end (at the event loop's) from ever coming.
  t.test('two replicas on one database', async (t) => {
    const pair = await startReplicas(t, 2);
    t.test('20 concurrent issues split across both replicas get 20 distinct consecutive numbers', (t) => numbering(t, pair));
    t.test('an Idempotency-Key replayed on the other replica returns the first response', (t) => idempotency(t, pair));
    t.test('sync tokens from one replica are valid on the other', (t) => syncTokens(t, pair));
    t.test('a key revoked through one replica is refused by the other within a second', (t) => revocation(t, pair));
    t.test("a unit deactivated through one replica makes its editor's writes 403 on the other within a second", (t) => deactivation(t, pair));
  });
  const skipRedis = (await redisAnswers()) ? false : `no Redis answers at ${REDIS_URL}`;
  t.test('with Redis, the rate limit holds across two replicas', { skip: skipRedis }, sharedRateLimit);
}
