// Anything unexpected is logged with the request id and answered with a generic 500 problem:
// no message, stack trace or SQL leaves the service.
import { Writable } from 'node:stream';
import { sql } from 'kysely';
import pino from 'pino';
import t from 'tap';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { assertProblem } from '../helpers/app.js';
import { createTestDatabase } from '../helpers/database.js';

interface LogLine {
  level: number;
  msg: string;
  reqId?: string;
  status?: number;
  err?: { message: string; stack?: string; type?: string };
}

const lines: LogLine[] = [];
const sink = new Writable({
  write(chunk, _encoding, done) {
    for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line) as LogLine);
    done();
  },
});

const { handle } = await createTestDatabase(t);
const app = await buildApp({ config: loadConfig({}), db: handle.db, logger: pino({ level: 'info' }, sink) });
// Routes outside /api/v1 are open: no key needed to reach them.
app.get('/test/boom', async () => {
  throw new Error('secret detail: password=hunter2 in SELECT * FROM api_keys');
});
app.get('/test/sql', async () => sql`SELECT no_such_column FROM no_such_table`.execute(handle.db));
app.get('/test/typed-500', async () => {
  throw Object.assign(new Error('internal invariant broken'), { statusCode: 500, code: 'XX000' });
});
t.teardown(() => app.close());
await app.ready();

const errorLogFor = (requestId: string) => lines.find((l) => l.level === 50 && l.reqId === requestId);

t.test('a plain Error is a generic 500, logged with the request id', async (t) => {
  const res = await app.inject({ url: '/test/boom', headers: { 'x-request-id': 'boom-1' } });
  const body = assertProblem(t, res, 500);
  t.equal(body.title, 'Internal Server Error');
  t.equal(body.type, '/problems/internal-server-error');
  t.equal(body.detail, 'Something went wrong on our side; the request id identifies it in our logs.');
  t.equal(body.instance, '/test/boom');
  t.equal(body.requestId, 'boom-1');
  t.equal(res.headers['x-request-id'], 'boom-1');
  t.notMatch(res.body, /secret|hunter2|SELECT|api_keys|Error:|\.ts:\d+/, 'nothing of the error leaves');
  t.notOk(res.headers['retry-after'], 'a 500 is not a 503');

  const log = errorLogFor('boom-1');
  t.ok(log, 'an error line carries the request id');
  t.equal(log?.msg, 'request failed');
  t.equal(log?.status, 500);
  t.match(log?.err?.message, /secret detail/, 'the log has the real message');
  t.match(log?.err?.stack, /server-error\.test\.ts/, 'and the stack');
});

t.test('an unexpected database error is a generic 500 without SQL', async (t) => {
  const res = await app.inject({ url: '/test/sql' });
  const body = assertProblem(t, res, 500);
  t.equal(body.detail, 'Something went wrong on our side; the request id identifies it in our logs.');
  t.notMatch(res.body, /no_such|relation|column|42P01|42703/, 'no server message, object name or code');
  const log = errorLogFor(body.requestId);
  t.match(log?.err?.message, /no_such/, 'the log has the database message');
});

t.test('an error marked 500 by its thrower is generic too', async (t) => {
  const res = await app.inject({ url: '/test/typed-500' });
  const body = assertProblem(t, res, 500);
  t.notMatch(res.body, /invariant/);
  t.ok(errorLogFor(body.requestId), 'logged');
});

t.test('client errors are not logged as errors', async (t) => {
  const before = lines.filter((l) => l.level >= 50).length;
  assertProblem(t, await app.inject({ url: '/api/v1/units' }), 401);
  assertProblem(t, await app.inject({ url: '/api/v1/nowhere' }), 404);
  assertProblem(t, await app.inject({ method: 'POST', url: '/api/v1/units', payload: '{', headers: { 'content-type': 'application/json' } }), 401);
  t.equal(lines.filter((l) => l.level >= 50).length, before, 'no new error lines');
});

t.test('every request is logged with its id', async (t) => {
  await app.inject({ url: '/health', headers: { 'x-request-id': 'logged-7' } });
  const mine = lines.filter((l) => l.reqId === 'logged-7');
  t.ok(mine.length >= 1, 'the request id is on the access log lines');
  t.ok(mine.every((l) => l.level < 50), 'a healthy request logs no error');
});
