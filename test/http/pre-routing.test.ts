// What no route answers is problem+json too: a path that is not percent-encoded UTF-8 (400), an
// over-long path parameter (414), a request the HTTP parser refuses (a control character in a
// header: 400; oversized headers: 431, written on the socket), a method the path does not take
// (405 with Allow) and an OPTIONS request that is not a CORS preflight. Raw sockets send what
// app.inject and fetch refuse to.
import type { AddressInfo } from 'node:net';
import net from 'node:net';
import type { LightMyRequestResponse } from 'fastify';
import t, { type Test } from 'tap';
import { assertProblem, setupApp } from '../helpers/app.js';

const PORTAL = 'https://portal.example.vn';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const ctx = await setupApp(t, { CORS_ORIGINS: PORTAL });
await ctx.app.listen({ port: 0, host: '127.0.0.1' });
const { port } = ctx.app.server.address() as AddressInfo;

interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
  closed: boolean;
}

/** Writes the bytes on a fresh connection and reads the answer until the server closes it. */
function rawRequest(bytes: string): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', reject);
    socket.setTimeout(10_000, () => reject(new Error('the server did not close the connection')));
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const [head = '', ...rest] = text.split('\r\n\r\n');
      const [statusLine = '', ...lines] = head.split('\r\n');
      const headers = Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]));
      resolve({ status: Number(statusLine.split(' ')[1]), headers, body: rest.join('\r\n\r\n'), closed: true });
    });
    socket.write(bytes, 'latin1');
  });
}

/** A problem written on the socket: status, type, a body as long as Content-Length says, the connection closed. */
function assertSocketProblem(t: Test, res: RawResponse, status: number, title: string) {
  t.equal(res.status, status, `status ${status}`);
  t.match(res.headers['content-type'], /^application\/problem\+json/, 'problem+json');
  t.equal(Number(res.headers['content-length']), Buffer.byteLength(res.body), 'Content-Length is the body length');
  t.equal(res.headers.connection, 'close', 'Connection: close');
  t.ok(res.closed, 'the server closed the connection');
  const body = JSON.parse(res.body);
  t.match(body, { status, title, type: `/problems/${title.toLowerCase().replace(/ /g, '-')}` });
  t.type(body.detail, 'string');
  t.match(body.requestId, UUID, 'a request id');
  t.equal(body.requestId, res.headers['x-request-id'], 'the same request id in the header');
  t.equal(res.headers['x-content-type-options'], 'nosniff');
  return body;
}

t.test('a path that is not percent-encoded UTF-8 is 400 problem+json', async (t) => {
  for (const url of ['/api/v1/units/%E0%A4%A', '/api/v1/%zz', '/health%']) {
    const res = await ctx.request({ url });
    const body = assertProblem(t, res, 400, url);
    t.equal(body.type, '/problems/bad-request');
    t.equal(body.detail, 'The path is not valid percent-encoded UTF-8.');
    t.equal(body.requestId, res.headers['x-request-id'], 'the request id is sent as a header too');
    t.notMatch(body.instance, /%(?![0-9A-F]{2})/, 'instance is a URI reference: the stray % escaped');
  }
  const body = assertProblem(t, await ctx.request({ url: '/api/v1/units/%zz?limit=1' }), 400);
  t.equal(body.instance, '/api/v1/units/%25zz?limit=1');
});

t.test('a path parameter longer than any id is 414 problem+json', async (t) => {
  const res = await ctx.request({ url: `/api/v1/units/${'a'.repeat(101)}` });
  const body = assertProblem(t, res, 414);
  t.equal(body.title, 'URI Too Long');
  t.equal(body.type, '/problems/uri-too-long');
  t.match(body.detail, /100 characters/);
  t.match(res.headers['x-request-id'], UUID);
  const longest = assertProblem(t, await ctx.request({ url: `/api/v1/plans/${'a'.repeat(100)}` }), 400, 'one of 100 is routed and validated');
  t.same(longest.errors, [{ pointer: '/path/planId', message: 'must be a valid uuid' }]);
});

t.test('a header with a control character is 400 problem+json written on the socket', async (t) => {
  const res = await rawRequest('GET /api/v1/units?limit=1 HTTP/1.1\r\nHost: localhost\r\nX-Note: a\x01b\r\n\r\n');
  const body = assertSocketProblem(t, res, 400, 'Bad Request');
  t.equal(body.instance, '/api/v1/units?limit=1', 'instance: the target on the request line');
});

t.test('a request line the parser cannot read is 400 problem+json', async (t) => {
  const body = assertSocketProblem(t, await rawRequest('GET\x7f / HTTP/1.1\r\n\r\n'), 400, 'Bad Request');
  t.equal(body.instance, '/', 'no target could be read');
});

t.test('headers larger than Node reads are 431 problem+json, even while the client still sends', async (t) => {
  const res = await rawRequest(`GET /api/v1/units HTTP/1.1\r\nHost: localhost\r\nX-Big: ${'a'.repeat(64 * 1024)}\r\n\r\n`);
  assertSocketProblem(t, res, 431, 'Request Header Fields Too Large');
});

t.test('a method the path does not take is 405 with Allow', async (t) => {
  const unit = await ctx.addUnit({ code: 'ALLOW', name: 'Phòng thử' });
  const cases: Array<[string, string, string]> = [
    ['PUT', '/api/v1/units', 'GET, HEAD, POST'],
    ['DELETE', '/api/v1/units?limit=1', 'GET, HEAD, POST'],
    ['POST', `/api/v1/units/${unit.id}`, 'GET, HEAD, PATCH, DELETE'],
    ['GET', `/api/v1/units/${unit.id}/deactivate`, 'POST'],
    ['PATCH', '/api/v1/plans/3f0b6f8e-6a57-4c1e-9b7a-2d4c5e6f7a81/progress', 'GET, HEAD'],
    ['POST', '/health', 'GET, HEAD'],
  ];
  for (const [method, url, allow] of cases) {
    for (const key of [undefined, null]) {
      const res = await ctx.request({ method: method as 'GET', url, key });
      const body = assertProblem(t, res, 405, `${method} ${url}`);
      t.equal(res.headers.allow, allow, `Allow: ${allow}`);
      t.equal(body.type, '/problems/method-not-allowed');
      t.equal(body.title, 'Method Not Allowed');
      t.equal(body.instance, url);
      t.match(body.detail, method);
    }
  }
  const head = await ctx.request({ method: 'HEAD', url: `/api/v1/units/${unit.id}` });
  t.equal(head.statusCode, 200, 'HEAD is taken wherever GET is');
});

t.test('an unknown path is still 404, whatever the method', async (t) => {
  for (const method of ['GET', 'PUT', 'DELETE'] as const) {
    const res = await ctx.request({ method, url: '/api/v1/units/extra/segments' });
    assertProblem(t, res, 404);
    t.notOk(res.headers.allow, 'no Allow on a 404');
  }
});

t.test('an OPTIONS request that is not a CORS preflight is refused like any other method', async (t) => {
  const check = (res: LightMyRequestResponse, allow: string) => {
    const body = assertProblem(t, res, 405);
    t.equal(res.headers.allow, allow);
    t.equal(body.type, '/problems/method-not-allowed');
  };
  check(await ctx.request({ method: 'OPTIONS', url: '/api/v1/units', key: null }), 'GET, HEAD, POST');
  check(await ctx.request({ method: 'OPTIONS', url: '/api/v1/units', key: null, headers: { origin: PORTAL } }), 'GET, HEAD, POST');
  check(await ctx.request({ method: 'OPTIONS', url: '/health', key: null, headers: { 'access-control-request-method': 'GET' } }), 'GET, HEAD');
  assertProblem(t, await ctx.request({ method: 'OPTIONS', url: '/api/v1/nothing', key: null }), 404);

  const preflight = await ctx.request({
    method: 'OPTIONS',
    url: '/api/v1/units',
    key: null,
    headers: { origin: PORTAL, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type' },
  });
  t.equal(preflight.statusCode, 204, 'a valid preflight is still answered by CORS');
  t.equal(preflight.headers['access-control-allow-origin'], PORTAL);
  t.match(preflight.headers['access-control-allow-methods'], /POST/);
});

t.test('the router\'s refusals over real HTTP, the connection still usable', async (t) => {
  const res = await fetch(`http://127.0.0.1:${port}/api/v1/units/%E0%A4%A`);
  t.equal(res.status, 400);
  t.match(res.headers.get('content-type'), /^application\/problem\+json/);
  const ok = await fetch(`http://127.0.0.1:${port}/health`);
  t.equal(ok.status, 200);
});
