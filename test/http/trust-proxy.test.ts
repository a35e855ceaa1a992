// Behind a load balancer that appends to X-Forwarded-For, a caller may put any address in front.
// TRUST_PROXY=true believes the first one, so rotating it escapes the per-address limit; naming
// the load balancer (TRUST_PROXY=<its address>) believes only what it appended.
import t, { type Test } from 'tap';
import { setupApp } from '../helpers/app.js';

const LOAD_BALANCER = '10.0.0.5';
const CLIENT = '203.0.113.9';

/** Statuses of requests without a key from CLIENT, each with another made-up address in front. */
async function rotatedStatuses(t: Test, trustProxy: string): Promise<number[]> {
  const { request } = await setupApp(t, { TRUST_PROXY: trustProxy, RATE_LIMIT_MAX: '2' });
  const statuses: number[] = [];
  for (let i = 1; i <= 4; i++) {
    const res = await request({ url: '/api/v1/units', key: null, remoteAddress: LOAD_BALANCER, headers: { 'x-forwarded-for': `198.51.100.${i}, ${CLIENT}` } });
    statuses.push(res.statusCode);
  }
  return statuses;
}

t.test('TRUST_PROXY naming the load balancer: the address it saw is limited', async (t) => {
  t.same(await rotatedStatuses(t, `${LOAD_BALANCER}, 10.1.0.0/16`), [401, 401, 429, 429]);
});

t.test('TRUST_PROXY=true: a rotated X-Forwarded-For escapes the limit (so the balancer must overwrite it)', async (t) => {
  t.same(await rotatedStatuses(t, 'true'), [401, 401, 401, 401]);
});
