// Units: who may do what (no key, a bad key, readers, editors, admins) and Idempotency-Key on POST.
import t from 'tap';
import type { Unit } from '../../../src/modules/units/units.schemas.js';
import { assertProblem, setupApp } from '../../helpers/app.js';

const ctx = await setupApp(t);
const UNITS = '/api/v1/units';

const addUnit = (body: Record<string, unknown>) => ctx.addUnit({ kind: 'affiliated', ...body });

const school = await addUnit({ code: 'THPT-HD', name: 'Trường THPT Hoàng Diệu' });
const otherSchool = await addUnit({ code: 'THPT-LL', name: 'Trường THPT Lê Lợi' });
const readerKey = await ctx.keyFor('reader');
const editorKey = await ctx.keyFor('editor', school.id);

const read = async (id: string) => (await ctx.request({ url: `${UNITS}/${id}` })).json() as Unit;

t.test('no key, or a key that is not one, is a 401 with WWW-Authenticate', async (t) => {
  for (const [what, key] of [['no key', null], ['a bogus key', 'cchc_not-a-real-key']] as const) {
    for (const request of [
      { method: 'GET' as const, url: UNITS },
      { method: 'GET' as const, url: `${UNITS}/${school.id}` },
      { method: 'POST' as const, url: UNITS, payload: { code: 'NOPE', name: 'Nope', kind: 'division' } },
      { method: 'PATCH' as const, url: `${UNITS}/${school.id}`, payload: { name: 'Nope' }, headers: { 'if-match': '"1"' } },
    ]) {
      const res = await ctx.request({ ...request, key });
      const problem = assertProblem(t, res, 401, `${what}: ${request.method} ${request.url}`);
      t.match(res.headers['www-authenticate'], /^Bearer /, 'WWW-Authenticate names the scheme');
      t.match(problem.detail, key ? /not valid/ : /Authorization: Bearer/);
    }
  }
  const malformed = await ctx.request({ url: UNITS, key: null, headers: { authorization: `Basic ${Buffer.from('admin:admin').toString('base64')}` } });
  assertProblem(t, malformed, 401, 'another scheme is no key');
  t.same(await read(school.id), school, 'nothing changed');
  t.equal((await ctx.request({ url: `${UNITS}?q=nope` })).json().items.length, 0, 'nothing created');
});

t.test('a reader reads but never writes', async (t) => {
  const list = await ctx.request({ url: UNITS, key: readerKey });
  t.equal(list.statusCode, 200);
  t.equal(list.json().items.length, 2);
  t.equal((await ctx.request({ url: `${UNITS}/${school.id}`, key: readerKey })).statusCode, 200);

  const posted = await ctx.request({ method: 'POST', url: UNITS, key: readerKey, payload: { code: 'READER', name: 'By a reader', kind: 'division' } });
  assertProblem(t, posted, 403, 'POST');
  const patched = await ctx.request({ method: 'PATCH', url: `${UNITS}/${school.id}`, key: readerKey, payload: { websiteUrl: 'https://reader.example' }, headers: { 'if-match': '"1"' } });
  assertProblem(t, patched, 403, 'PATCH');
  assertProblem(t, await ctx.request({ method: 'DELETE', url: `${UNITS}/${school.id}`, key: readerKey, headers: { 'if-match': '"1"' } }), 403, 'DELETE');
  assertProblem(t, await ctx.request({ method: 'POST', url: `${UNITS}/${school.id}/deactivate`, key: readerKey }), 403, 'deactivate');
  t.same(await read(school.id), school, 'nothing changed');
  t.equal((await ctx.request({ url: `${UNITS}?q=reader` })).json().items.length, 0, 'nothing created');
});

t.test('an editor changes only its own unit’s web addresses', async (t) => {
  const patch = (id: string, payload: object, ifMatch = '"1"') =>
    ctx.request({ method: 'PATCH', url: `${UNITS}/${id}`, key: editorKey, payload, headers: { 'if-match': ifMatch } });

  const other = assertProblem(t, await patch(otherSchool.id, { websiteUrl: 'https://thpt-leloi.edu.vn' }), 403, 'another unit');
  t.match(other.detail, /editor of this unit/);
  t.same(await read(otherSchool.id), otherSchool, 'the other unit is unchanged');

  const name = assertProblem(t, await patch(school.id, { name: 'Trường THPT Hoàng Diệu (mới)' }), 403, 'its own name');
  t.match(name.detail, /not name/);
  assertProblem(t, await patch(school.id, { websiteUrl: 'https://thpt-hoangdieu.edu.vn', code: 'HD' }), 403, 'a web address with another field');
  t.same(await read(school.id), school, 'its unit is unchanged');

  const ok = await patch(school.id, { websiteUrl: 'https://thpt-hoangdieu.edu.vn' });
  t.equal(ok.statusCode, 200, 'its own websiteUrl');
  t.equal(ok.headers.etag, '"2"');
  t.match(ok.json(), { websiteUrl: 'https://thpt-hoangdieu.edu.vn', name: school.name, version: 2 });
  const section = await patch(school.id, { cchcSectionUrl: 'https://thpt-hoangdieu.edu.vn/cchc', websiteUrl: null }, '"2"');
  t.equal(section.statusCode, 200, 'its own cchcSectionUrl');
  t.match(section.json(), { cchcSectionUrl: 'https://thpt-hoangdieu.edu.vn/cchc', websiteUrl: null, version: 3 });
  assertProblem(t, await patch(school.id, { websiteUrl: 'https://late.example' }, '"2"'), 412, 'If-Match holds for editors too');

  const created = await ctx.request({ method: 'POST', url: UNITS, key: editorKey, payload: { code: 'EDITOR', name: 'By an editor', kind: 'division' } });
  assertProblem(t, created, 403, 'an editor does not add units');
  assertProblem(t, await ctx.request({ method: 'DELETE', url: `${UNITS}/${school.id}`, key: editorKey, headers: { 'if-match': '"3"' } }), 403, 'nor deletes');
  assertProblem(t, await ctx.request({ method: 'POST', url: `${UNITS}/${school.id}/deactivate`, key: editorKey }), 403, 'nor deactivates');
  assertProblem(t, await ctx.request({ method: 'POST', url: `${UNITS}/${school.id}/activate`, key: editorKey }), 403, 'nor activates');
  t.equal((await read(school.id)).active, true);
  t.equal((await read(school.id)).version, 3);
});

t.test('Idempotency-Key on POST replays the first answer', async (t) => {
  const body = { code: 'IDEM', name: 'Trung tâm GDTX', kind: 'affiliated' };
  const send = (payload: object, key = 'create-idem-1') =>
    ctx.request({ method: 'POST', url: UNITS, payload, headers: { 'idempotency-key': key } });

  const first = await send(body);
  t.equal(first.statusCode, 201);
  t.equal(first.headers['idempotent-replayed'], undefined, 'the first answer is not a replay');
  const again = await send({ kind: 'affiliated', name: 'Trung tâm GDTX', code: 'IDEM' });
  t.equal(again.statusCode, 201, 'same status');
  t.equal(again.headers['idempotent-replayed'], 'true');
  t.same(again.json(), first.json(), 'same body (key order does not matter)');
  t.equal(again.headers.etag, first.headers.etag);
  t.equal(again.headers.location, first.headers.location);
  t.match(again.headers['content-type'], /^application\/json/);

  const units = (await ctx.request({ url: `${UNITS}?q=idem` })).json().items;
  t.equal(units.length, 1, 'only one unit made');
  const trail = (await ctx.request({ url: `/api/v1/audit?entityId=${first.json().id}` })).json().items;
  t.equal(trail.length, 1, 'and one audit row: a replay writes nothing');

  const other = assertProblem(t, await send({ ...body, name: 'Another body' }), 422, 'same key, another body');
  t.match(other.detail, /Idempotency-Key/);
  t.equal((await ctx.request({ url: `${UNITS}?q=another` })).json().items.length, 0, 'the other body made nothing');

  const fresh = await send({ ...body, code: 'IDEM2' }, 'create-idem-2');
  t.equal(fresh.statusCode, 201, 'a new key is a new request');
  t.not(fresh.json().id, first.json().id);

  const conflict = await send(body, 'create-idem-3');
  assertProblem(t, conflict, 409, 'a new key with a taken code');
  const replayedConflict = await send(body, 'create-idem-3');
  assertProblem(t, replayedConflict, 409, 'a refusal is replayed too');
  t.equal(replayedConflict.headers['idempotent-replayed'], 'true');

  const invalid = await send({ ...body, code: 'bad code' }, 'create-idem-4');
  assertProblem(t, invalid, 400, 'a request the schema refuses');
  const retried = await send({ ...body, code: 'IDEM4' }, 'create-idem-4');
  t.equal(retried.statusCode, 201, 'does not use up its key: the corrected request goes through');
  t.equal(retried.headers['idempotent-replayed'], undefined);

  const readerKeyUse = await ctx.request({ method: 'POST', url: UNITS, key: readerKey, payload: body, headers: { 'idempotency-key': 'create-idem-1' } });
  assertProblem(t, readerKeyUse, 403, 'another key cannot replay an admin’s answer');
});
