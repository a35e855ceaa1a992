// Rate limiting: per API key (per address without a valid key), 429 problem+json with Retry-After,
// counted in the process's memory (rate-limit-redis.test.ts: in Redis); open routes are never limited.
import { setTimeout as sleep } from 'node:timers/promises';
import t from 'tap';
import { assertProblem, setupApp } from '../helpers/app.js';

const WINDOW = 4;
const ctx = await setupApp(t, { RATE_LIMIT_MAX: '3', RATE_LIMIT_WINDOW_SECONDS: String(WINDOW) });

t.test('a key gets RATE_LIMIT_MAX requests per window, then 429 with Retry-After', async (t) => {
  const key = await ctx.keyFor('reader');
  const remaining: string[] = [];
  for (let i = 0; i < 3; i++) {
    const res = await ctx.request({ url: '/api/v1/units', key });
    t.equal(res.statusCode, 200, `request ${i + 1} passes`);
    remaining.push(String(res.headers['x-ratelimit-remaining']));
  }
  t.same(remaining, ['2', '1', '0'], 'the remaining count goes down');

  const limited = await ctx.request({ url: '/api/v1/units', key });
  const body = assertProblem(t, limited, 429);
  t.equal(body.title, 'Too Many Requests');
  t.equal(body.type, '/problems/too-many-requests');
  t.equal(body.instance, '/api/v1/units');
  t.equal(body.requestId, limited.headers['x-request-id']);
  t.match(body.detail, /3 requests per 4 seconds/);
  const retryAfter = Number(limited.headers['retry-after']);
  t.ok(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= WINDOW, `Retry-After is whole seconds within the window (${limited.headers['retry-after']})`);

  await sleep((retryAfter + 0.5) * 1000);
  t.equal((await ctx.request({ url: '/api/v1/units', key })).statusCode, 200, 'allowed again after Retry-After');
});

t.test('another key is counted apart', async (t) => {
  const a = await ctx.keyFor('reader');
  const b = await ctx.keyFor('reader');
  for (let i = 0; i < 4; i++) await ctx.request({ url: '/api/v1/units', key: a });
  assertProblem(t, await ctx.request({ url: '/api/v1/units', key: a }), 429, 'a is limited');
  const other = await ctx.request({ url: '/api/v1/units', key: b });
  t.equal(other.statusCode, 200, 'b is not');
  t.equal(other.headers['x-ratelimit-remaining'], '2');
});

t.test('open routes are never limited nor counted', async (t) => {
  for (const url of ['/health', '/ready', '/openapi.json']) {
    for (let i = 0; i < 6; i++) {
      const res = await ctx.request({ url, key: null, remoteAddress: '10.9.9.9' });
      if (res.statusCode !== 200) t.fail(`${url} answered ${res.statusCode} on request ${i + 1}`);
      t.notOk(res.headers['x-ratelimit-limit'], `${url} carries no rate-limit headers`);
    }
  }
  const key = await ctx.keyFor('reader');
  for (let i = 0; i < 5; i++) await ctx.request({ url: '/health', key });
  const counted = await ctx.request({ url: '/api/v1/units', key });
  t.equal(counted.statusCode, 200);
  t.equal(counted.headers['x-ratelimit-remaining'], '2', 'calls to /health with the key did not count');
});

t.test('unknown routes are not counted', async (t) => {
  const key = await ctx.keyFor('reader');
  for (let i = 0; i < 5; i++) assertProblem(t, await ctx.request({ url: '/api/v1/nowhere', key }), 404);
  t.equal((await ctx.request({ url: '/api/v1/units', key })).headers['x-ratelimit-remaining'], '2');
});

// The limiter runs before authorisation: requests refused with 401/403 are counted too.
t.test('a limited key is refused with 429 even where it may not go', async (t) => {
  const key = await ctx.keyFor('reader');
  for (let i = 0; i < 3; i++) await ctx.request({ url: '/api/v1/units', key });
  const write = await ctx.request({ method: 'POST', url: '/api/v1/units', payload: { code: 'RL', name: 'x', kind: 'division' }, key });
  assertProblem(t, write, 429, 'counted before authorisation, as auth.ts orders it');
});

t.test('without a valid key, requests are counted per address', async (t) => {
  const remaining: string[] = [];
  for (const key of [null, 'cchc_not-a-key', null]) {
    const refused = await ctx.request({ url: '/api/v1/units', key, remoteAddress: '10.1.1.1' });
    assertProblem(t, refused, 401);
    remaining.push(String(refused.headers['x-ratelimit-remaining']));
  }
  t.same(remaining, ['2', '1', '0'], 'no key and an unknown key count against the address alike');
  const limited = await ctx.request({ url: '/api/v1/units', key: null, remoteAddress: '10.1.1.1' });
  assertProblem(t, limited, 429, 'a fourth keyless request from the address');
  t.ok(limited.headers['retry-after']);
  assertProblem(t, await ctx.request({ url: '/api/v1/units', key: null, remoteAddress: '10.2.2.2' }), 401, 'another address is not limited');
  const key = await ctx.keyFor('reader');
  const valid = await ctx.request({ url: '/api/v1/units', key, remoteAddress: '10.1.1.1' });
  t.equal(valid.statusCode, 200, 'a valid key from the limited address is counted as itself');
  t.equal(valid.headers['x-ratelimit-remaining'], '2');
});
