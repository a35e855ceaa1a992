// Conditional reads: a GET (or HEAD) whose ETag If-None-Match names answers 304 with no body and
// the ETag again; `*` and lists of tags are understood, tags are compared weakly. The contract
// documents the 304 and the header on exactly those reads.
import Fastify from 'fastify';
import t from 'tap';
import conditionalReads, { namesCurrent } from '../../src/http/etag.js';
import { assertProblem, setupApp } from '../helpers/app.js';

const ctx = await setupApp(t);
const unit = await ctx.addUnit({ code: 'COND', name: 'Phòng điều kiện' });
const url = `/api/v1/units/${unit.id}`;
const read = (ifNoneMatch?: string, method: 'GET' | 'HEAD' = 'GET') =>
  ctx.request({ method, url, headers: ifNoneMatch === undefined ? {} : { 'if-none-match': ifNoneMatch } });

t.test('If-None-Match naming the current ETag is 304: no body, the ETag kept', async (t) => {
  const first = await read();
  t.equal(first.statusCode, 200);
  t.equal(first.headers.etag, '"1"');
  for (const tag of ['"1"', 'W/"1"', '"7", "1"', '"7",W/"1"', '*', ' * ']) {
    const res = await read(tag);
    t.equal(res.statusCode, 304, `If-None-Match: ${tag}`);
    t.equal(res.body, '', 'no body');
    t.equal(res.headers.etag, '"1"', 'the ETag is sent again');
    t.notOk(res.headers['content-type'], 'no Content-Type without a body');
    t.notOk(res.headers['content-length'], 'no Content-Length');
    t.ok(res.headers['x-request-id'], 'the usual headers still come');
  }
});

t.test('a tag that is not current gets the resource', async (t) => {
  for (const tag of ['"2"', 'W/"2"', '"11"', '1', '"1', '""', 'garbage']) {
    const res = await read(tag);
    t.equal(res.statusCode, 200, `If-None-Match: ${tag}`);
    t.equal(res.json().id, unit.id);
    t.equal(res.headers.etag, '"1"');
  }
});

t.test('after a change the old tag no longer matches; the new one does', async (t) => {
  const changed = await ctx.request({ method: 'PATCH', url, payload: { name: 'Phòng đã đổi' }, headers: { 'if-match': '"1"' } });
  t.equal(changed.statusCode, 200);
  const res = await read('"1"');
  t.equal(res.statusCode, 200);
  t.equal(res.headers.etag, '"2"');
  t.equal(res.json().name, 'Phòng đã đổi');
  t.equal((await read('"2"')).statusCode, 304);
});

t.test('HEAD is conditional too', async (t) => {
  const res = await read('"2"', 'HEAD');
  t.equal(res.statusCode, 304);
  t.equal(res.headers.etag, '"2"');
  t.notOk(res.headers['content-length']);
  t.equal((await read('"1"', 'HEAD')).statusCode, 200);
});

t.test('errors and reads without an ETag ignore If-None-Match', async (t) => {
  assertProblem(t, await ctx.request({ url: '/api/v1/units/3f0b6f8e-6a57-4c1e-9b7a-2d4c5e6f7a81', headers: { 'if-none-match': '*' } }), 404);
  assertProblem(t, await ctx.request({ url, key: null, headers: { 'if-none-match': '*' } }), 401);
  const list = await ctx.request({ url: '/api/v1/units?limit=1', headers: { 'if-none-match': '*' } });
  t.equal(list.statusCode, 200, 'a list has no ETag');
});

t.test('other keyed resources: an API key', async (t) => {
  const keys = await ctx.request({ url: '/api/v1/api-keys?limit=1' });
  const keyUrl = `/api/v1/api-keys/${keys.json().items[0].id}`;
  const res = await ctx.request({ url: keyUrl });
  t.equal(res.statusCode, 200);
  t.equal((await ctx.request({ url: keyUrl, headers: { 'if-none-match': res.headers.etag as string } })).statusCode, 304);
});

t.test('the contract: every read that sends an ETag documents 304 and If-None-Match', async (t) => {
  type Operation = { operationId: string; parameters?: Array<{ in: string; name: string }>; responses: Record<string, { headers?: Record<string, unknown>; content?: unknown }> };
  const doc = ctx.app.swagger() as unknown as { paths: Record<string, Record<string, Operation>> };
  const gets = Object.values(doc.paths).flatMap((item) => (item.get ? [item.get] : []));
  const tagged = gets.filter((op) => op.responses['200']?.headers?.etag);
  t.ok(tagged.some((op) => op.operationId === 'getUnit') && tagged.some((op) => op.operationId === 'getApiKey'), 'reads with an ETag');
  // A plan embeds its tasks, and a task's timeliness is derived as of today: their ETag (the version)
  // does not stand for all they show, so they opt out and must not promise a 304.
  const optedOut = ['getPlan', 'getPlanTask', 'getTaskPart', 'getActivity', 'getReport', 'getQuestion'];
  for (const op of tagged.filter((o) => optedOut.includes(o.operationId))) t.notOk(op.responses['304'], `${op.operationId}: no 304 promised`);
  for (const op of tagged.filter((o) => !optedOut.includes(o.operationId))) {
    const notModified = op.responses['304'];
    t.ok(notModified, `${op.operationId}: 304 documented`);
    t.ok(notModified?.headers?.etag, `${op.operationId}: with its ETag`);
    t.notOk(notModified?.content, `${op.operationId}: and no body`);
    t.ok(op.parameters?.some((p) => p.in === 'header' && p.name === 'if-none-match'), `${op.operationId}: If-None-Match declared`);
  }
  for (const op of gets.filter((o) => !o.responses['200']?.headers?.etag)) t.notOk(op.responses['304'], `${op.operationId}: no 304 without an ETag`);
});

t.test('weak comparison of If-None-Match (RFC 9110 §13.1.2)', async (t) => {
  t.ok(namesCurrent('"1"', '"1"'));
  t.ok(namesCurrent('W/"1"', '"1"'));
  t.ok(namesCurrent('"1"', 'W/"1"'));
  t.ok(namesCurrent('"a", W/"1" ,"b"', '"1"'));
  t.ok(namesCurrent('*', '"9"'));
  t.notOk(namesCurrent('"10"', '"1"'));
  t.notOk(namesCurrent('1', '"1"'));
  t.notOk(namesCurrent('"1, 2"', '"1"'));
  t.notOk(namesCurrent('', '"1"'));
});

t.test('the plugin alone: a read may opt out (notModified: false); a headers schema of its own is kept', async (t) => {
  const app = Fastify();
  t.teardown(() => app.close());
  await app.register(conditionalReads);
  const schemas = new Map<string, { headers?: { properties?: Record<string, unknown> }; response?: Record<string, unknown> }>();
  app.addHook('onRoute', (route) => {
    if (route.method === 'GET') schemas.set(route.url, route.schema as never);
  });
  const response = { 200: { description: 'A thing.', headers: { etag: { type: 'string' } }, type: 'object', properties: { version: { type: 'integer' } } } };
  const handler = async (_request: unknown, reply: { header(name: string, value: string): unknown }) => {
    reply.header('etag', '"1"');
    return { version: 1 };
  };
  app.get('/derived', { config: { notModified: false }, schema: { response } }, handler);
  app.get('/headed', { schema: { headers: { type: 'object', properties: { 'x-a': { type: 'string' } } }, response } }, handler);
  await app.ready();

  t.equal((await app.inject({ url: '/derived', headers: { 'if-none-match': '"1"' } })).statusCode, 200, 'opted out: 200');
  t.notOk(schemas.get('/derived')?.response?.['304'], 'and no 304 documented');
  t.equal((await app.inject({ url: '/headed', headers: { 'if-none-match': '"1"' } })).statusCode, 304, 'conditional: 304');
  t.same(Object.keys(schemas.get('/headed')?.headers?.properties ?? {}), ['x-a', 'if-none-match'], 'its own headers and If-None-Match');
});
