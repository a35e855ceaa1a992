// Units: create, read, versioned change and delete, deactivate/activate, the tree's rules, 404s.
import t from 'tap';
import { assertProblem, setupApp } from '../../helpers/app.js';

const ctx = await setupApp(t);
const UNITS = '/api/v1/units';
const MISSING = '00000000-0000-4000-8000-000000000000';

const addUnit = ctx.addUnit;

const get = (id: string) => ctx.request({ url: `${UNITS}/${id}` });
const patch = (id: string, payload: unknown, ifMatch?: string) =>
  ctx.request({ method: 'PATCH', url: `${UNITS}/${id}`, payload: payload as object, headers: ifMatch ? { 'if-match': ifMatch } : {} });
const remove = (id: string, ifMatch?: string) => ctx.request({ method: 'DELETE', url: `${UNITS}/${id}`, headers: ifMatch ? { 'if-match': ifMatch } : {} });
const action = (id: string, verb: 'deactivate' | 'activate', payload?: object, headers: Record<string, string> = {}) =>
  ctx.request({ method: 'POST', url: `${UNITS}/${id}/${verb}`, ...(payload ? { payload } : {}), headers });

t.test('POST creates a unit with ETag "1" and Location; GET reads it back', async (t) => {
  const created = await ctx.request({
    method: 'POST',
    url: UNITS,
    payload: { code: 'SGDDT', name: 'Sở Giáo dục và Đào tạo', shortName: 'Sở GDĐT', kind: 'department', websiteUrl: 'https://sgddt.soctrang.gov.vn' },
  });
  t.equal(created.statusCode, 201);
  t.equal(created.headers.etag, '"1"');
  t.match(created.headers['content-type'], /^application\/json/);
  const unit = created.json();
  t.match(unit, {
    code: 'SGDDT', name: 'Sở Giáo dục và Đào tạo', shortName: 'Sở GDĐT', kind: 'department', parentId: null,
    active: true, successorId: null, electronicId: null, websiteUrl: 'https://sgddt.soctrang.gov.vn', cchcSectionUrl: null, version: 1,
  });
  t.match(unit.id, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  t.equal(created.headers.location, `${UNITS}/${unit.id}`);
  t.equal(unit.createdAt, unit.updatedAt);

  const read = await get(unit.id);
  t.equal(read.statusCode, 200);
  t.equal(read.headers.etag, '"1"');
  t.same(read.json(), unit);

  const list = await ctx.request({ url: UNITS });
  t.equal(list.statusCode, 200);
  t.same(list.json(), { items: [unit], nextCursor: null });
});

t.test('PATCH needs If-Match, refuses a stale version and bumps the version', async (t) => {
  const unit = await addUnit({ code: 'TCCB', name: 'Phòng Tổ chức cán bộ' });
  assertProblem(t, await patch(unit.id, { name: 'Phòng TCCB mới' }), 428);
  t.equal((await get(unit.id)).json().version, 1, 'nothing changed without If-Match');

  const ok = await patch(unit.id, { name: 'Phòng Tổ chức – Cán bộ', shortName: 'TCCB' }, '"1"');
  t.equal(ok.statusCode, 200);
  t.equal(ok.headers.etag, '"2"');
  t.match(ok.json(), { name: 'Phòng Tổ chức – Cán bộ', shortName: 'TCCB', code: 'TCCB', version: 2 });
  t.not(ok.json().updatedAt, unit.updatedAt, 'updatedAt moves');

  const stale = assertProblem(t, await patch(unit.id, { name: 'Lost update' }, '"1"'), 412);
  t.match(stale.detail, /version 1/);
  const after = await get(unit.id);
  t.equal(after.headers.etag, '"2"');
  t.same(after.json(), ok.json(), 'a stale If-Match changes nothing');

  assertProblem(t, await patch(unit.id, { name: 'Weak tag' }, 'W/"2"'), 412, 'a weak ETag never matches');
  const cleared = await patch(unit.id, { shortName: null }, '"2"');
  t.equal(cleared.statusCode, 200);
  t.equal(cleared.json().shortName, null, 'null clears a field');
  t.equal(cleared.json().name, 'Phòng Tổ chức – Cán bộ', 'an absent field is kept');
  t.equal(cleared.json().version, 3);
});

t.test('two PATCHes with the same If-Match at once: one wins, the other is a 412', async (t) => {
  const unit = await addUnit({ code: 'RACE', name: 'Raced unit' });
  const results = await Promise.all(['First writer', 'Second writer'].map((name) => patch(unit.id, { name }, '"1"')));
  t.same(results.map((r) => r.statusCode).sort(), [200, 412]);
  const winner = results.find((r) => r.statusCode === 200)!.json();
  t.same((await get(unit.id)).json(), winner, 'the winner’s change stands, at version 2');
  t.equal(winner.version, 2);
});

t.test('DELETE needs If-Match and removes a unit nothing refers to', async (t) => {
  const unit = await addUnit({ code: 'DEL', name: 'Unit to delete' });
  assertProblem(t, await remove(unit.id), 428);
  assertProblem(t, await remove(unit.id, '"7"'), 412);
  t.equal((await get(unit.id)).statusCode, 200, 'still there after 428 and 412');
  const gone = await remove(unit.id, '"1"');
  t.equal(gone.statusCode, 204);
  t.equal(gone.body, '');
  assertProblem(t, await get(unit.id), 404);
});

t.test('DELETE of a unit that is a parent is a 409 and the unit stays', async (t) => {
  const parent = await addUnit({ code: 'PARENT', name: 'Parent unit', kind: 'department' });
  await addUnit({ code: 'CHILD', name: 'Child unit', parentId: parent.id });
  const problem = assertProblem(t, await remove(parent.id, '"1"'), 409);
  t.match(problem.detail, /parent of other units/);
  t.notMatch(problem.detail, /violates|constraint|units_parent_id_fkey/i, 'no database wording');
  t.equal((await get(parent.id)).statusCode, 200);
});

t.test('DELETE of a unit named as a successor or by an API key is a 409 too', async (t) => {
  const heir = await addUnit({ code: 'HEIR', name: 'Successor unit' });
  const old = await addUnit({ code: 'OLD', name: 'Merged unit' });
  t.equal((await action(old.id, 'deactivate', { successorId: heir.id })).statusCode, 200);
  t.match(assertProblem(t, await remove(heir.id, '"1"'), 409).detail, /successor/);
  t.equal((await get(heir.id)).statusCode, 200, 'the successor stays');

  const keyed = await addUnit({ code: 'KEYED', name: 'Unit with an editor key' });
  await ctx.keyFor('editor', keyed.id);
  t.match(assertProblem(t, await remove(keyed.id, '"1"'), 409).detail, /API keys act for this unit/);
  t.equal((await get(keyed.id)).statusCode, 200, 'the unit with a key stays');
});

t.test('deactivate and activate', async (t) => {
  const a = await addUnit({ code: 'DEACT-A', name: 'Deactivated without a body' });
  const noBody = await action(a.id, 'deactivate');
  t.equal(noBody.statusCode, 200);
  t.equal(noBody.headers.etag, '"2"');
  t.match(noBody.json(), { active: false, successorId: null, version: 2 });
  t.equal((await get(a.id)).json().active, false);
  assertProblem(t, await action(a.id, 'deactivate'), 409, 'already inactive');

  const b = await addUnit({ code: 'DEACT-B', name: 'Deactivated with an empty body' });
  t.match((await action(b.id, 'deactivate', {})).json(), { active: false, successorId: null });

  const old = await addUnit({ code: 'DEACT-C', name: 'Merged away' });
  const successor = await addUnit({ code: 'DEACT-D', name: 'Takes over' });
  const missing = assertProblem(t, await action(old.id, 'deactivate', { successorId: MISSING }), 422);
  t.same(missing.errors?.map((e) => e.pointer), ['/body/successorId']);
  t.equal((await get(old.id)).json().active, true, 'a refused deactivation changes nothing');
  const self = assertProblem(t, await action(old.id, 'deactivate', { successorId: old.id }), 422);
  t.same(self.errors?.map((e) => e.pointer), ['/body/successorId']);
  assertProblem(t, await action(old.id, 'deactivate', { successorId: a.id }), 422, 'an inactive successor is refused');
  assertProblem(t, await action(old.id, 'deactivate', { successorId: successor.id }, { 'if-match': '"5"' }), 412);

  const merged = await action(old.id, 'deactivate', { successorId: successor.id }, { 'if-match': '"1"' });
  t.equal(merged.statusCode, 200);
  t.match(merged.json(), { active: false, successorId: successor.id, version: 2 });

  const again = await action(old.id, 'activate');
  t.equal(again.statusCode, 200);
  t.equal(again.headers.etag, '"3"');
  t.match(again.json(), { active: true, successorId: null, version: 3 });
  assertProblem(t, await action(old.id, 'activate'), 409, 'already active');
});

t.test('a duplicate code is a 409 with a sentence, not SQL', async (t) => {
  await addUnit({ code: 'DUP', name: 'First' });
  const problem = assertProblem(t, await ctx.request({ method: 'POST', url: UNITS, payload: { code: 'DUP', name: 'Second', kind: 'division' } }), 409);
  t.equal(problem.detail, 'Another unit already has this code.');
  const raced = await Promise.all([1, 2].map(() => ctx.request({ method: 'POST', url: UNITS, payload: { code: 'RACED', name: 'Raced', kind: 'division' } })));
  t.same(raced.map((r) => r.statusCode).sort(), [201, 409], 'two at once: one made, one 409 (not a 500)');
  const other = await addUnit({ code: 'DUP2', name: 'Third' });
  const renamed = assertProblem(t, await patch(other.id, { code: 'DUP' }, '"1"'), 409, 'also on PATCH');
  t.equal(renamed.detail, 'Another unit already has this code.');
  t.equal((await get(other.id)).json().code, 'DUP2');

  await addUnit({ code: 'EID1', name: 'Electronic id', electronicId: '000.00.12.H49' });
  const eid = assertProblem(t, await ctx.request({ method: 'POST', url: UNITS, payload: { code: 'EID2', name: 'Same id', kind: 'division', electronicId: '000.00.12.H49' } }), 409);
  t.equal(eid.detail, 'Another unit already has this electronic identifier.');
});

t.test('the tree has no cycles', async (t) => {
  const a = await addUnit({ code: 'TREE-A', name: 'A', kind: 'department' });
  const b = await addUnit({ code: 'TREE-B', name: 'B', parentId: a.id });
  const c = await addUnit({ code: 'TREE-C', name: 'C', parentId: b.id });

  const cycle = assertProblem(t, await patch(a.id, { parentId: b.id }, '"1"'), 422);
  t.same(cycle.errors?.map((e) => e.pointer), ['/body/parentId']);
  const longer = assertProblem(t, await patch(a.id, { parentId: c.id }, '"1"'), 422, 'A → B → C → A');
  t.same(longer.errors?.map((e) => e.pointer), ['/body/parentId']);
  const self = assertProblem(t, await patch(a.id, { parentId: a.id }, '"1"'), 422, 'its own parent');
  t.same(self.errors?.map((e) => e.pointer), ['/body/parentId']);
  const nowhere = assertProblem(t, await patch(b.id, { parentId: MISSING }, '"1"'), 422, 'a parent that does not exist');
  t.same(nowhere.errors?.map((e) => e.pointer), ['/body/parentId']);
  const missingOnCreate = assertProblem(
    t,
    await ctx.request({ method: 'POST', url: UNITS, payload: { code: 'TREE-X', name: 'X', kind: 'division', parentId: MISSING } }),
    422,
  );
  t.same(missingOnCreate.errors?.map((e) => e.pointer), ['/body/parentId']);
  t.same((await get(a.id)).json(), a, 'A unchanged after the refusals');

  const moved = await patch(c.id, { parentId: a.id }, '"1"');
  t.equal(moved.statusCode, 200, 'moving within the tree without a cycle is fine');
  t.equal(moved.json().parentId, a.id);
});

t.test('an unknown id is a 404 for every operation', async (t) => {
  const url = `${UNITS}/${MISSING}`;
  const read = assertProblem(t, await get(MISSING), 404);
  t.match(read.detail, MISSING);
  assertProblem(t, await patch(MISSING, { name: 'x' }, '"1"'), 404, 'PATCH');
  assertProblem(t, await remove(MISSING, '"1"'), 404, 'DELETE');
  assertProblem(t, await action(MISSING, 'deactivate'), 404, 'deactivate');
  assertProblem(t, await action(MISSING, 'activate'), 404, 'activate');
  t.equal(read.instance, url);
});

t.test('two units moved under each other at the same moment: one move wins, the tree keeps no cycle', async (t) => {
  for (let round = 0; round < 8; round++) {
    const a = await addUnit({ code: `RACE-A${round}`, name: `Đơn vị A${round}`, kind: 'division' });
    const b = await addUnit({ code: `RACE-B${round}`, name: `Đơn vị B${round}`, kind: 'division' });
    const answers = await Promise.all([patch(a.id, { parentId: b.id }, '"1"'), patch(b.id, { parentId: a.id }, '"1"')]);
    t.same(answers.map((r) => r.statusCode).sort(), [200, 422], `round ${round}: one 200, one 422`);
    const [ra, rb] = [(await get(a.id)).json(), (await get(b.id)).json()];
    t.notOk(ra.parentId === b.id && rb.parentId === a.id, `round ${round}: no cycle stored`);
  }
});

t.test('a unit that a plan names only inside its JSON parts is not deleted', async (t) => {
  const issuer = await addUnit({ code: 'JSON-ISSUER', name: 'Sở', kind: 'department' });
  const named = await addUnit({ code: 'JSON-NAMED', name: 'Sở Nội vụ', kind: 'external' });
  const plan = await ctx.request({
    method: 'POST',
    url: '/api/v1/plans',
    payload: { issuerUnitId: issuer.id, year: 2021, title: 'Kế hoạch', recipients: [{ text: 'Sở Nội vụ (để báo cáo);', unitId: named.id }] },
  });
  t.equal(plan.statusCode, 201);
  const problem = assertProblem(t, await remove(named.id, '"1"'), 409);
  t.match(problem.detail, /as a recipient/);
  t.equal((await get(named.id)).statusCode, 200, 'still there');
});

t.test('a unit an obligation names is not deleted (a foreign key now guards it)', async (t) => {
  const issuer = await addUnit({ code: 'OBL-ISSUER', name: 'Sở', kind: 'department' });
  const office = await addUnit({ code: 'OBL-OFFICE', name: 'Văn phòng', kind: 'division' });
  const plan = await ctx.request({
    method: 'POST',
    url: '/api/v1/plans',
    payload: { issuerUnitId: issuer.id, year: 2021, title: 'Kế hoạch', obligations: [{ kind: 'answer_inquiries', unitId: office.id, description: 'Trả lời ý kiến người dân.' }] },
  });
  t.equal(plan.statusCode, 201);
  const problem = assertProblem(t, await remove(office.id, '"1"'), 409);
  t.match(problem.detail, /in an obligation/);
  t.equal((await get(office.id)).statusCode, 200, 'still there');
});

t.test('routes without query parameters refuse any, and change nothing', async (t) => {
  const unit = await addUnit({ code: 'NO-QUERY', name: 'Đơn vị', kind: 'division' });
  const problem = assertProblem(t, await ctx.request({ method: 'PATCH', url: `${UNITS}/${unit.id}?dryRun=true`, payload: { name: 'Đổi' }, headers: { 'if-match': '"1"' } }), 400);
  t.same(problem.errors?.map((e) => e.pointer), ['/query/dryRun']);
  t.equal((await get(unit.id)).json().name, 'Đơn vị');
  assertProblem(t, await ctx.request({ url: `${UNITS}/${unit.id}?x=1` }), 400, 'GET one too');
  t.equal((await ctx.request({ url: '/health?probe=1', key: null })).statusCode, 200, 'open routes of the platform are left alone');
});

t.test('the editors of a deactivated unit may only read', async (t) => {
  const unit = await addUnit({ code: 'CLOSED-SCHOOL', name: 'Trường đã sáp nhập', kind: 'affiliated' });
  const key = await ctx.keyFor('editor', unit.id);
  t.equal((await ctx.request({ method: 'PATCH', url: `${UNITS}/${unit.id}`, payload: { websiteUrl: 'https://a.edu.vn' }, headers: { 'if-match': '"1"' }, key })).statusCode, 200, 'while active');
  t.equal((await action(unit.id, 'deactivate', {})).statusCode, 200);
  const refused = assertProblem(t, await ctx.request({ method: 'PATCH', url: `${UNITS}/${unit.id}`, payload: { websiteUrl: 'https://b.edu.vn' }, headers: { 'if-match': '"3"' }, key }), 403);
  t.match(refused.detail, /deactivated/);
  t.equal((await ctx.request({ url: `${UNITS}/${unit.id}`, key })).statusCode, 200, 'reading still works');
});
