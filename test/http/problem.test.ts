// Every client error leaves as RFC 9457 problem+json with the request id, and validation errors
// point at each field at fault, in the body, the query string and the path.
import type { LightMyRequestResponse } from 'fastify';
import t, { type Test } from 'tap';
import { assertProblem, setupApp } from '../helpers/app.js';

const ctx = await setupApp(t, { BODY_LIMIT_BYTES: '1024' });
const json = { 'content-type': 'application/json' };

/** The full RFC 9457 shape, the request id matching the response header. */
function problem(t: Test, res: LightMyRequestResponse, status: number, instance: string) {
  const body = assertProblem(t, res, status);
  t.equal(body.instance, instance, 'instance is the request target');
  t.match(body.requestId, /^[0-9a-f-]{36}$/, 'a generated request id');
  t.equal(body.requestId, res.headers['x-request-id'], 'the same request id as the header');
  t.notMatch(res.body, /"stack"|node_modules/, 'nothing internal');
  return body;
}

const pointers = (body: { errors?: Array<{ pointer: string; message: string }> }) => (body.errors ?? []).map((e) => e.pointer).sort();

t.test('schema validation in the body points at every bad field', async (t) => {
  const res = await ctx.request({ method: 'POST', url: '/api/v1/units', payload: { code: 'lower', name: 12, kind: 'zz', extra: true } });
  const body = problem(t, res, 400, '/api/v1/units');
  t.equal(body.type, '/problems/validation');
  t.same(pointers(body), ['/body/code', '/body/extra', '/body/kind', '/body/name']);
  t.ok(body.errors?.every((e) => typeof e.pointer === 'string' && typeof e.message === 'string' && e.message.length > 0), 'each error has a pointer and a message');
  t.match(body.errors?.find((e) => e.pointer === '/body/extra'), { message: 'is not a known property' });
  t.match(body.errors?.find((e) => e.pointer === '/body/name'), { message: 'must be string' });
  t.match(body.detail, /\/body\/kind/, 'the detail names the fields too');
});

t.test('missing required properties are pointed at by name', async (t) => {
  const body = problem(t, await ctx.request({ method: 'POST', url: '/api/v1/units', payload: {} }), 400, '/api/v1/units');
  t.same(pointers(body), ['/body/code', '/body/kind', '/body/name']);
  t.ok(body.errors?.every((e) => e.message === 'is required'));
});

t.test('no type coercion in bodies: "12" is not a number, null is not a string', async (t) => {
  const body = problem(t, await ctx.request({ method: 'POST', url: '/api/v1/units', payload: { code: 'NULLNAME', name: null, kind: 'division' } }), 400, '/api/v1/units');
  t.same(pointers(body), ['/body/name']);
  const list = await ctx.request({ url: '/api/v1/units?q=NULLNAME' });
  t.same(list.json().items, [], 'nothing stored');
});

t.test('query string: bad values and unknown parameters', async (t) => {
  const bad = problem(t, await ctx.request({ url: '/api/v1/units?limit=abc&kind=zz' }), 400, '/api/v1/units?limit=abc&kind=zz');
  t.same(pointers(bad), ['/query/kind', '/query/limit']);
  const big = problem(t, await ctx.request({ url: '/api/v1/units?limit=201' }), 400, '/api/v1/units?limit=201');
  t.same(pointers(big), ['/query/limit']);
  const unknown = problem(t, await ctx.request({ url: '/api/v1/units?colour=red' }), 400, '/api/v1/units?colour=red');
  t.same(unknown.errors, [{ pointer: '/query/colour', message: 'is not a known property' }]);
  const ok = await ctx.request({ url: '/api/v1/units?limit=5&active=true' });
  t.equal(ok.statusCode, 200, 'query text is coerced to the declared types');
});

t.test('path parameters', async (t) => {
  const body = problem(t, await ctx.request({ url: '/api/v1/plans/not-a-uuid' }), 400, '/api/v1/plans/not-a-uuid');
  t.same(body.errors, [{ pointer: '/path/planId', message: 'must be a valid uuid' }]);
});

t.test('headers: an over-long Idempotency-Key', async (t) => {
  const res = await ctx.request({ method: 'POST', url: '/api/v1/units', payload: { code: 'HDR', name: 'x', kind: 'division' }, headers: { 'idempotency-key': 'k'.repeat(300) } });
  const body = problem(t, res, 400, '/api/v1/units');
  t.same(pointers(body), ['/headers/idempotency-key']);
});

t.test('malformed JSON', async (t) => {
  const body = problem(t, await ctx.request({ method: 'POST', url: '/api/v1/units', payload: '{"code": "X",', headers: json }), 400, '/api/v1/units');
  t.equal(body.type, '/problems/bad-request');
  t.equal(body.detail, 'The body is not valid JSON.');
  t.notOk(body.errors, 'no field errors for unparseable JSON');
});

t.test('an empty body where one is required', async (t) => {
  for (const headers of [json, {}] as Array<Record<string, string>>) {
    const body = problem(t, await ctx.request({ method: 'POST', url: '/api/v1/units', payload: '', headers }), 400, '/api/v1/units');
    t.same(pointers(body), ['/body'], `content-type ${headers['content-type'] ?? 'absent'}`);
  }
});

t.test('a body that is not valid UTF-8 is refused, not stored with U+FFFD', async (t) => {
  const short = Buffer.from([0x7b, 0x22, 0x6e, 0x22, 0x3a, 0x22, 0xff, 0x22, 0x7d]);
  const first = problem(t, await ctx.request({ method: 'POST', url: '/api/v1/units', payload: short, headers: json }), 400, '/api/v1/units');
  t.match(first.detail, /UTF-8/);
  const unit = Buffer.concat([Buffer.from('{"code":"BADUTF","name":"Tr'), Buffer.from([0xc6, 0xff]), Buffer.from('ng","kind":"division"}')]);
  const res = await ctx.request({ method: 'POST', url: '/api/v1/units', payload: unit, headers: json });
  t.match(problem(t, res, 400, '/api/v1/units').detail, /UTF-8/);
  const stored = await ctx.db.selectFrom('units').select('name').where('code', '=', 'BADUTF').execute();
  t.same(stored, [], 'nothing stored');
});

t.test('a body larger than BODY_LIMIT_BYTES is 413', async (t) => {
  const payload = JSON.stringify({ code: 'BIG', name: 'x'.repeat(2000), kind: 'division' });
  const body = problem(t, await ctx.request({ method: 'POST', url: '/api/v1/units', payload, headers: json }), 413, '/api/v1/units');
  t.equal(body.title, 'Content Too Large');
  t.equal(body.type, '/problems/content-too-large');
  t.same(await ctx.db.selectFrom('units').select('id').where('code', '=', 'BIG').execute(), []);
});

t.test('an unsupported media type is 415', async (t) => {
  for (const [type, payload] of [['text/plain', 'code=X'], ['application/xml', '<unit code="X"/>'], ['application/x-www-form-urlencoded', 'code=X']]) {
    const body = problem(t, await ctx.request({ method: 'POST', url: '/api/v1/units', payload, headers: { 'content-type': type! } }), 415, '/api/v1/units');
    t.equal(body.title, 'Unsupported Media Type', type!);
    t.match(body.detail, /application\/json/);
  }
});

t.test('application/json with a charset parameter is accepted', async (t) => {
  const res = await ctx.request({ method: 'POST', url: '/api/v1/units', payload: JSON.stringify({ code: 'CHARSET', name: 'Đơn vị', kind: 'division' }), headers: { 'content-type': 'application/json; charset=utf-8' } });
  t.equal(res.statusCode, 201);
});

t.test('an unknown route is 404 problem+json, with or without a key', async (t) => {
  for (const key of [undefined, null]) {
    const body = problem(t, await ctx.request({ url: '/api/v1/nothing-here?x=1', key }), 404, '/api/v1/nothing-here?x=1');
    t.equal(body.detail, 'There is no GET /api/v1/nothing-here in this API.');
  }
  const put = await ctx.request({ method: 'PUT', url: '/api/v1/units' });
  t.equal(problem(t, put, 405, '/api/v1/units').type, '/problems/method-not-allowed', 'a known path with another method is 405');
  t.equal(put.headers.allow, 'GET, HEAD, POST');
});

t.test('401 carries WWW-Authenticate; 403 for the wrong role', async (t) => {
  const none = problem(t, await ctx.request({ url: '/api/v1/units', key: null }), 401, '/api/v1/units');
  t.match(none.detail, /Bearer/);
  const bad = await ctx.request({ url: '/api/v1/units', key: 'cchc_not-a-real-key' });
  problem(t, bad, 401, '/api/v1/units');
  t.match(bad.headers['www-authenticate'], /^Bearer/);
  const reader = await ctx.keyFor('reader');
  problem(t, await ctx.request({ method: 'POST', url: '/api/v1/units', payload: { code: 'RDR', name: 'x', kind: 'division' }, key: reader }), 403, '/api/v1/units');
});
