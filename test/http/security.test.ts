// Request ids (honoured when sane, echoed, carried into problems and the audit trail), the
// security headers, and CORS for the configured portal origin only.
import t from 'tap';
import { assertProblem, setupApp } from '../helpers/app.js';

const PORTAL = 'https://portal.example.vn';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const ctx = await setupApp(t, { CORS_ORIGINS: PORTAL });

t.test('a sane x-request-id is honoured and echoed', async (t) => {
  for (const id of ['lb-7f3a9c', 'portal:req.42_a', 'a'.repeat(128)]) {
    const res = await ctx.request({ url: '/health', headers: { 'x-request-id': id } });
    t.equal(res.headers['x-request-id'], id, `echoed: ${id.slice(0, 20)}`);
  }
  const problem = await ctx.request({ url: '/api/v1/units/not-a-uuid', headers: { 'x-request-id': 'trace-abc-1' } });
  t.equal(assertProblem(t, problem, 400).requestId, 'trace-abc-1', 'a problem quotes it');
  t.equal(problem.headers['x-request-id'], 'trace-abc-1');
});

t.test('an absurd x-request-id is replaced by a generated UUID', async (t) => {
  for (const id of ['', 'has space', '<script>alert(1)</script>', 'a'.repeat(129), 'ünïcode', 'semi;colon', 'a/b', 'tab\there']) {
    const res = await ctx.request({ url: '/health', headers: { 'x-request-id': id } });
    t.match(res.headers['x-request-id'], UUID, `replaced: ${JSON.stringify(id.slice(0, 20))}`);
    t.not(res.headers['x-request-id'], id);
  }
});

t.test('without one, every response gets a fresh UUID', async (t) => {
  const a = await ctx.request({ url: '/health' });
  const b = await ctx.request({ url: '/health' });
  t.match(a.headers['x-request-id'], UUID);
  t.match(b.headers['x-request-id'], UUID);
  t.not(a.headers['x-request-id'], b.headers['x-request-id']);
});

t.test('the request id reaches the audit trail of a write', async (t) => {
  const res = await ctx.request({ method: 'POST', url: '/api/v1/units', payload: { code: 'REQID', name: 'Văn phòng', kind: 'division' }, headers: { 'x-request-id': 'write-trace-9' } });
  t.equal(res.statusCode, 201);
  const events = await ctx.db.selectFrom('auditEvents').select(['requestId', 'action']).where('entityId', '=', res.json().id).execute();
  t.same(events, [{ requestId: 'write-trace-9', action: 'create' }]);
});

t.test('security headers on success, error and open routes', async (t) => {
  for (const [url, key] of [['/api/v1/units', undefined], ['/api/v1/missing', undefined], ['/health', null], ['/api/v1/units', null]] as const) {
    const res = await ctx.request({ url, key });
    t.equal(res.headers['x-content-type-options'], 'nosniff', `nosniff on ${url} (${res.statusCode})`);
    t.equal(res.headers['x-frame-options'], 'SAMEORIGIN');
    t.equal(res.headers['referrer-policy'], 'no-referrer');
    t.match(res.headers['strict-transport-security'], /max-age=\d+/);
    t.match(res.headers['content-security-policy'], /default-src 'self'/);
    t.notOk(res.headers['x-powered-by'], 'no x-powered-by');
  }
});

t.test('CORS: the portal origin is allowed', async (t) => {
  const preflight = await ctx.request({
    method: 'OPTIONS',
    url: '/api/v1/units',
    key: null,
    headers: { origin: PORTAL, 'access-control-request-method': 'PATCH', 'access-control-request-headers': 'authorization, if-match, idempotency-key' },
  });
  t.ok(preflight.statusCode === 204 || preflight.statusCode === 200, 'the preflight succeeds');
  t.equal(preflight.headers['access-control-allow-origin'], PORTAL);
  t.match(preflight.headers['access-control-allow-methods'], /PATCH/);
  for (const h of ['authorization', 'if-match', 'idempotency-key', 'content-type']) t.match(preflight.headers['access-control-allow-headers'], h);

  const get = await ctx.request({ url: '/api/v1/units', headers: { origin: PORTAL } });
  t.equal(get.statusCode, 200);
  t.equal(get.headers['access-control-allow-origin'], PORTAL);
  t.match(get.headers.vary, /Origin/i);
  for (const h of ['etag', 'location', 'retry-after', 'x-request-id']) t.match(get.headers['access-control-expose-headers'], h, `exposes ${h}`);

  const problem = await ctx.request({ url: '/api/v1/units', key: null, headers: { origin: PORTAL } });
  assertProblem(t, problem, 401);
  t.equal(problem.headers['access-control-allow-origin'], PORTAL, 'error responses are readable by the portal too');
});

t.test('CORS: any other origin is not allowed', async (t) => {
  for (const origin of ['https://evil.example', 'http://portal.example.vn', 'https://portal.example.vn.evil.example', 'null']) {
    const preflight = await ctx.request({ method: 'OPTIONS', url: '/api/v1/units', key: null, headers: { origin, 'access-control-request-method': 'GET' } });
    t.notOk(preflight.headers['access-control-allow-origin'], `no preflight allow for ${origin}`);
    const get = await ctx.request({ url: '/health', key: null, headers: { origin } });
    t.equal(get.statusCode, 200);
    t.notOk(get.headers['access-control-allow-origin'], `no allow on GET for ${origin}`);
    t.notOk(get.headers['access-control-allow-credentials']);
  }
});
