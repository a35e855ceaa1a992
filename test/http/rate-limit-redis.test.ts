// Rate limits counted in Redis (REDIS_URL): two apps sharing one Redis share the count, as replicas
// do; a Redis that cannot be reached lets requests through uncounted. Uses REDIS_URL or the Redis at
// 127.0.0.1:6379, and is skipped, saying so, when there is none. Keys are UUIDs of this file's own
// database and addresses are drawn at random, so parallel runs never share a counter.
import { randomInt } from 'node:crypto';
import t from 'tap';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { assertProblem, setupApp } from '../helpers/app.js';
import { REDIS_URL, redisAnswers } from '../helpers/redis.js';

const env = { RATE_LIMIT_MAX: '3', RATE_LIMIT_WINDOW_SECONDS: '30' };


const randomAddress = () => `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;

t.test('two apps on one Redis share the count', { skip: (await redisAnswers()) ? false : `no Redis answers at ${REDIS_URL}: set REDIS_URL or start one` }, async (t) => {
  const ctx = await setupApp(t, { ...env, REDIS_URL });
  const other = await buildApp({ config: loadConfig({ ...env, REDIS_URL }), db: ctx.db });
  t.teardown(() => other.close());
  const on = (app: typeof other, key: string | null, remoteAddress = '127.0.0.1') =>
    app.inject({ url: '/api/v1/units', remoteAddress, headers: key ? { authorization: `Bearer ${key}` } : {} });

  t.test('per key', async (t) => {
    const key = await ctx.keyFor('reader');
    const remaining = [];
    for (const app of [ctx.app, other, ctx.app]) {
      const res = await on(app, key);
      t.equal(res.statusCode, 200);
      remaining.push(res.headers['x-ratelimit-remaining']);
    }
    t.same(remaining, ['2', '1', '0'], 'each app counts the other’s requests');
    const limited = assertProblem(t, await on(other, key), 429, 'the fourth, on the other app, is refused');
    t.match(limited.detail, /^Rate limit exceeded: 3 requests per 30 seconds\. Retry in \d+ seconds\.$/);
  });

  t.test('per address, without a key', async (t) => {
    const address = randomAddress();
    for (const app of [ctx.app, other, ctx.app]) assertProblem(t, await on(app, null, address), 401);
    assertProblem(t, await on(other, null, address), 429);
  });
});

t.test('while Redis cannot be reached, requests are served uncounted', async (t) => {
  const ctx = await setupApp(t, { ...env, REDIS_URL: 'redis://127.0.0.1:1' });
  const key = await ctx.keyFor('reader');
  for (let i = 0; i < 5; i++) {
    const res = await ctx.request({ url: '/api/v1/units', key });
    if (res.statusCode !== 200) t.fail(`request ${i + 1} answered ${res.statusCode}`);
  }
  t.pass('five requests past a limit of three were served');
});
