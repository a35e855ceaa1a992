// Shutdown: a request that arrives on a kept-alive connection after close() has begun is refused as
// problem+json with Retry-After and Connection: close (not Fastify's plain JSON), so the client
// retries on another connection, and close() then completes.
import { once } from 'node:events';
import { connect } from 'node:net';
import { setImmediate as tick } from 'node:timers/promises';
import t from 'tap';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { openDatabase } from '../../src/db/database.js';

interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** One HTTP/1.1 connection written by hand, so that the test decides when each byte is sent. */
function rawConnection(port: number) {
  const socket = connect(port, '127.0.0.1');
  let buffer = Buffer.alloc(0);
  let ended = false;
  const waiters: Array<() => void> = [];
  const wake = () => waiters.splice(0).forEach((w) => w());
  socket.on('data', (chunk: Buffer) => {
    buffer = Buffer.concat([buffer, chunk]);
    wake();
  });
  socket.on('end', () => {
    ended = true;
    wake();
  });
  const parse = (): RawResponse | null => {
    const end = buffer.indexOf('\r\n\r\n');
    if (end < 0) return null;
    const [statusLine, ...lines] = buffer.subarray(0, end).toString('latin1').split('\r\n');
    const headers = Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]));
    const length = Number(headers['content-length'] ?? 0);
    if (buffer.length < end + 4 + length) return null;
    const body = buffer.subarray(end + 4, end + 4 + length).toString('utf8');
    buffer = buffer.subarray(end + 4 + length);
    return { status: Number(statusLine!.split(' ')[1]), headers, body };
  };
  return {
    socket,
    write: (text: string) => new Promise<void>((resolve, reject) => socket.write(text, (err) => (err ? reject(err) : resolve()))),
    async response(): Promise<RawResponse> {
      for (;;) {
        const parsed = parse();
        if (parsed) return parsed;
        if (ended) throw new Error('the connection ended before a whole response');
        await new Promise<void>((resolve) => waiters.push(resolve));
      }
    },
    ended: () => ended,
  };
}

t.test('a keep-alive request after close() began: a problem+json 503', async (t) => {
  // No query reaches the database here: /health does not ask it.
  const handle = await openDatabase({ databaseUrl: 'postgres://nobody@127.0.0.1:1/none', dataDir: '', poolSize: 1 });
  t.teardown(() => handle.close());
  const app = await buildApp({ config: loadConfig({}), db: handle.db });
  // Holds a request marked x-hold until released: a connection provably busy when close() begins.
  let release = () => {};
  let arrived = () => {};
  const released = new Promise<void>((resolve) => (release = resolve));
  const held = new Promise<void>((resolve) => (arrived = resolve));
  app.addHook('onRequest', async (request) => {
    if (request.headers['x-hold']) {
      arrived();
      await released;
    }
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as { port: number };
  const conn = rawConnection(port);
  await once(conn.socket, 'connect');
  t.teardown(() => conn.socket.destroy());

  await conn.write('GET /health HTTP/1.1\r\nHost: localhost\r\nX-Hold: 1\r\n\r\n');
  await held;
  const closed = app.close();
  while (app.server.listening) await tick();
  release();
  const first = await conn.response();
  t.equal(first.status, 200, 'the request in flight when close() began is answered');
  t.not(first.headers.connection, 'close', 'and its connection is kept alive');

  await conn.write('GET /health HTTP/1.1\r\nHost: localhost\r\nX-Request-Id: after-close\r\n\r\n');
  const second = await conn.response();
  t.equal(second.status, 503, 'refused');
  t.match(second.headers['content-type'], /^application\/problem\+json/, 'as problem+json');
  t.equal(second.headers['retry-after'], '5', 'with Retry-After');
  t.equal(second.headers.connection, 'close', 'and the connection is closed');
  t.same(JSON.parse(second.body), {
    type: '/problems/service-unavailable',
    title: 'Service Unavailable',
    status: 503,
    detail: 'The service is shutting down; try again shortly.',
    instance: '/health',
    requestId: 'after-close',
  });
  if (!conn.ended()) await once(conn.socket, 'end');
  t.pass('the server ends the connection');
  await closed;
  t.pass('and close() completes');
});
