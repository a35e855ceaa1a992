// The write mechanics every resource shares: strong ETags and If-Match (428, 412, `*`),
// Idempotency-Key replays, and database constraint violations as 409 sentences.
import { sql } from 'kysely';
import t from 'tap';
import { assertProblem, setupApp } from '../helpers/app.js';

const ctx = await setupApp(t);

async function createUnit(code: string, extra: Record<string, unknown> = {}) {
  const res = await ctx.request({ method: 'POST', url: '/api/v1/units', payload: { code, name: `Đơn vị ${code}`, kind: 'division', ...extra } });
  if (res.statusCode !== 201) throw new Error(`could not create ${code}: ${res.body}`);
  return res.json() as { id: string; version: number; name: string };
}

const patch = (id: string, ifMatch: string | undefined, name: string) =>
  ctx.request({ method: 'PATCH', url: `/api/v1/units/${id}`, payload: { name }, headers: ifMatch === undefined ? {} : { 'if-match': ifMatch } });

async function currentName(id: string) {
  const res = await ctx.request({ url: `/api/v1/units/${id}` });
  return { name: res.json().name as string, etag: res.headers.etag };
}

t.test('If-Match: required, strong, exact', async (t) => {
  const unit = await createUnit('ETAG');
  t.equal((await currentName(unit.id)).etag, '"1"', 'GET gives the version as a strong ETag');

  const missing = assertProblem(t, await patch(unit.id, undefined, 'không'), 428);
  t.match(missing.detail, /If-Match/);
  for (const tag of ['W/"1"', '1', '"one"', '"1', 'garbage', '"1", "2"']) {
    const body = assertProblem(t, await patch(unit.id, tag, 'không'), 412, `If-Match ${tag} is 412`);
    t.equal(body.type, '/problems/precondition-failed');
  }
  assertProblem(t, await patch(unit.id, '"2"', 'không'), 412, 'a version that is not current');
  t.same(await currentName(unit.id), { name: 'Đơn vị ETAG', etag: '"1"' }, 'nothing changed on a failed precondition');

  const ok = await patch(unit.id, '"1"', 'Đổi tên');
  t.equal(ok.statusCode, 200);
  t.equal(ok.headers.etag, '"2"', 'the new version');
  t.equal(ok.json().version, 2);
  assertProblem(t, await patch(unit.id, '"1"', 'Lần nữa'), 412, 'the old version no longer matches');

  const any = await patch(unit.id, '*', 'Bất kỳ');
  t.equal(any.statusCode, 200, '* matches any version');
  t.equal(any.headers.etag, '"3"');
  t.same(await currentName(unit.id), { name: 'Bất kỳ', etag: '"3"' });
});

t.test('DELETE takes If-Match too', async (t) => {
  const unit = await createUnit('DELME');
  assertProblem(t, await ctx.request({ method: 'DELETE', url: `/api/v1/units/${unit.id}` }), 428);
  assertProblem(t, await ctx.request({ method: 'DELETE', url: `/api/v1/units/${unit.id}`, headers: { 'if-match': '"7"' } }), 412);
  t.equal((await ctx.request({ url: `/api/v1/units/${unit.id}` })).statusCode, 200, 'still there');
  const gone = await ctx.request({ method: 'DELETE', url: `/api/v1/units/${unit.id}`, headers: { 'if-match': '"1"' } });
  t.equal(gone.statusCode, 204);
  assertProblem(t, await ctx.request({ url: `/api/v1/units/${unit.id}` }), 404);
});

t.test('Idempotency-Key: the same request replays the first response', async (t) => {
  const payload = { code: 'IDEM', name: 'Trường THPT Hoàng Diệu', kind: 'affiliated' };
  const first = await ctx.request({ method: 'POST', url: '/api/v1/units', payload, headers: { 'idempotency-key': 'idem-1' } });
  t.equal(first.statusCode, 201);
  t.notOk(first.headers['idempotent-replayed'], 'the first response is not a replay');

  const again = await ctx.request({ method: 'POST', url: '/api/v1/units', payload, headers: { 'idempotency-key': 'idem-1' } });
  t.equal(again.statusCode, 201, 'the first status');
  t.equal(again.headers['idempotent-replayed'], 'true');
  t.same(again.json(), first.json(), 'the first body');
  t.equal(again.headers.location, first.headers.location, 'the first Location');
  t.equal(again.headers.etag, first.headers.etag, 'the first ETag');
  t.match(again.headers['content-type'], /^application\/json/);

  const reordered = { kind: payload.kind, name: payload.name, code: payload.code };
  const third = await ctx.request({ method: 'POST', url: '/api/v1/units', payload: reordered, headers: { 'idempotency-key': 'idem-1' } });
  t.equal(third.headers['idempotent-replayed'], 'true', 'the same JSON in another key order is the same request');

  const stored = await ctx.db.selectFrom('units').select('id').where('code', '=', 'IDEM').execute();
  t.equal(stored.length, 1, 'one unit made');

  const other = await ctx.request({ method: 'POST', url: '/api/v1/units', payload: { ...payload, name: 'Khác' }, headers: { 'idempotency-key': 'idem-1' } });
  const body = assertProblem(t, other, 422);
  t.match(body.detail, /Idempotency-Key/);
  t.notOk(other.headers['idempotent-replayed']);
});

// A new API key is shown once. Its answer is not kept whole for replays: the secret would sit in
// idempotency_keys for a day and be handed out again. A replay says the key was made, and where.
t.test('Idempotency-Key on a new API key: the secret is never stored, and a replay cannot show it', async (t) => {
  const payload = { name: 'Cổng CCHC tỉnh (thử lại)', role: 'reader' };
  const send = () => ctx.request({ method: 'POST', url: '/api/v1/api-keys', payload, headers: { 'idempotency-key': 'new-key-1' } });
  const first = await send();
  t.equal(first.statusCode, 201);
  const secret: string = first.json().key;
  t.match(secret, /^cchc_[A-Za-z0-9_-]{43}$/, 'the first answer shows the key');

  const rows = await sql<{ row: string }>`SELECT k::text AS row FROM idempotency_keys k`.execute(ctx.db);
  t.ok(rows.rows.length > 0, 'the request is recorded');
  for (const { row } of rows.rows) t.notOk(row.includes(secret.slice(5)), 'but the key is nowhere in idempotency_keys');

  const again = await send();
  const body = assertProblem(t, again, 409, 'a replay is a 409');
  t.equal(again.headers['idempotent-replayed'], 'true', 'marked as a replay');
  t.equal(again.headers.location, first.headers.location, 'with the Location of the key that was made');
  t.match(body.detail, /cannot be shown again/);
  t.match(body.detail, first.json().id, 'naming it');
  t.notOk(again.body.includes(secret.slice(5)), 'the replay does not show the key');
  const made = await ctx.db.selectFrom('apiKeys').select('id').where('name', '=', payload.name).execute();
  t.same(made.map((k) => k.id), [first.json().id], 'one key was made');
  t.equal((await ctx.request({ url: '/api/v1/units', key: secret })).statusCode, 200, 'and it works');
});

t.test('Idempotency-Key: a retry with another If-Match is another request (422), not a replay of the 412', async (t) => {
  const unit = await ctx.addUnit({ code: 'IDEM-IFM', name: 'Đơn vị If-Match' });
  const act = (ifMatch: string) =>
    ctx.request({ method: 'POST', url: `/api/v1/units/${unit.id}/deactivate`, payload: {}, headers: { 'idempotency-key': 'idem-ifm', 'if-match': ifMatch } });
  assertProblem(t, await act('"7"'), 412, 'a stale version');
  const replay = await act('"7"');
  t.equal(replay.statusCode, 412, 'the same request replays its 412');
  t.equal(replay.headers['idempotent-replayed'], 'true');
  assertProblem(t, await act('"1"'), 422, 'the corrected If-Match is a new request: a new key is needed');
});

t.test('Idempotency keys belong to the key that sent them', async (t) => {
  const payload = { code: 'IDEM2', name: 'Phòng Giáo dục', kind: 'division' };
  const first = await ctx.request({ method: 'POST', url: '/api/v1/units', payload, headers: { 'idempotency-key': 'shared' } });
  t.equal(first.statusCode, 201);
  const otherAdmin = await ctx.keyFor('admin');
  const res = await ctx.request({ method: 'POST', url: '/api/v1/units', payload, headers: { 'idempotency-key': 'shared' }, key: otherAdmin });
  t.notOk(res.headers['idempotent-replayed'], 'another key does not get the first key’s response');
  assertProblem(t, res, 409, 'it runs the request itself (and meets the unique code)');
});

t.test('without Idempotency-Key a retry is a new request', async (t) => {
  const payload = { code: 'NOIDEM', name: 'Tổ CNTT', kind: 'division' };
  t.equal((await ctx.request({ method: 'POST', url: '/api/v1/units', payload })).statusCode, 201);
  const again = await ctx.request({ method: 'POST', url: '/api/v1/units', payload });
  t.notOk(again.headers['idempotent-replayed']);
  t.equal(again.statusCode, 409);
});

t.test('a duplicate unit code is 409 with a sentence, no SQL', async (t) => {
  await createUnit('DUP');
  const res = await ctx.request({ method: 'POST', url: '/api/v1/units', payload: { code: 'DUP', name: 'Trùng mã', kind: 'division' } });
  const body = assertProblem(t, res, 409);
  t.equal(body.detail, 'Another unit already has this code.');
  t.equal(body.type, '/problems/conflict');
  t.equal(body.instance, '/api/v1/units');
  t.equal(body.requestId, res.headers['x-request-id']);
  t.notMatch(res.body, /units_code_key|duplicate key|23505/, 'no constraint name, server message or code');
  const renamed = await createUnit('DUP2');
  const clash = await ctx.request({ method: 'PATCH', url: `/api/v1/units/${renamed.id}`, payload: { code: 'DUP' }, headers: { 'if-match': '"1"' } });
  t.equal(assertProblem(t, clash, 409).detail, 'Another unit already has this code.', 'on PATCH too');
  t.equal((await currentName(renamed.id)).etag, '"1"', 'the failed change left the version alone');
});

t.test('a duplicate electronic identifier is 409', async (t) => {
  await createUnit('EID1', { electronicId: '000.00.12.H49' });
  const res = await ctx.request({ method: 'POST', url: '/api/v1/units', payload: { code: 'EID2', name: 'x', kind: 'division', electronicId: '000.00.12.H49' } });
  t.equal(assertProblem(t, res, 409).detail, 'Another unit already has this electronic identifier.');
});

t.test('deleting a referenced unit is 409 and deletes nothing', async (t) => {
  const parent = await createUnit('PARENT');
  await createUnit('CHILD', { parentId: parent.id });
  const res = await ctx.request({ method: 'DELETE', url: `/api/v1/units/${parent.id}`, headers: { 'if-match': '"1"' } });
  const body = assertProblem(t, res, 409);
  t.match(body.detail, /parent of other units/);
  t.notMatch(res.body, /foreign key|fkey|23503/);
  t.equal((await ctx.request({ url: `/api/v1/units/${parent.id}` })).statusCode, 200, 'the parent is still there');
  const audit = await ctx.db.selectFrom('auditEvents').select('action').where('entityId', '=', parent.id).execute();
  t.same(audit.map((a) => a.action), ['create'], 'no delete was recorded');
});
