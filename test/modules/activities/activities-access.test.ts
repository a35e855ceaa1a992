// Who may do what with activities (OWASP API1, object-level authorisation): without a key nothing;
// readers read; an editor reads every activity but records, changes and removes only its own unit's,
// and moves none to another unit; admins do everything. A refused write changes nothing.
import t, { type Test } from 'tap';
import type { Activity } from '../../../src/modules/activities/activities.schemas.js';
import { assertProblem } from '../../helpers/app.js';
import { ACTIVITIES, setupActivities } from './fixtures.js';

const f = await setupActivities(t);
const { ctx, unit } = f;
const [task1, task2] = f.issued.tasks;
const reader = await ctx.keyFor('reader');
const editorA = await ctx.keyFor('editor', unit.TCCB);
const editorB = await ctx.keyFor('editor', unit.CNTT);
const ofA = await f.made(f.body('TCCB', { title: 'Hoạt động của TCCB', taskId: task1.id }), editorA);
const ofB = await f.made(f.body('CNTT', { form: 'video', title: 'Hoạt động của CNTT', evidenceUrl: 'https://youtu.be/cntt', taskId: task2.id }), editorB);

const url = (a: { id: string }) => `${ACTIVITIES}/${a.id}`;
const auditCount = async () => (await ctx.request({ url: '/api/v1/audit?entityType=activity&limit=200' })).json().items.length;

/** Runs the write and asserts it was refused with `status`, leaving every activity and the audit trail as they were. */
async function refused(t: Test, status: number, what: string, write: () => ReturnType<typeof ctx.request>) {
  const [before, rows, events] = [await Promise.all([ofA, ofB].map((a) => f.read(a.id))), await f.rowCount(), await auditCount()];
  const problem = assertProblem(t, await write(), status, what);
  t.same(await Promise.all([ofA, ofB].map((a) => f.read(a.id))), before, `${what}: no activity changed`);
  t.equal(await f.rowCount(), rows, `${what}: none added`);
  t.equal(await auditCount(), events, `${what}: no audit event`);
  return problem;
}

t.test('no key, or a key that is not one: 401 on every route', async (t) => {
  const routes = [
    { method: 'GET' as const, url: ACTIVITIES },
    { method: 'GET' as const, url: `${ACTIVITIES}.csv` },
    { method: 'GET' as const, url: url(ofA) },
    { method: 'GET' as const, url: `/api/v1/plans/${f.issued.id}/tasks/${task1.id}/activities` },
    { method: 'POST' as const, url: ACTIVITIES, payload: f.body('TCCB') },
    { method: 'PATCH' as const, url: url(ofA), payload: { title: 'Không có khóa' }, headers: { 'if-match': '"1"' } },
    { method: 'DELETE' as const, url: url(ofA), headers: { 'if-match': '"1"' } },
  ];
  for (const key of [null, 'cchc_not-a-real-key']) {
    for (const route of routes) {
      const res = await ctx.request({ ...route, key });
      assertProblem(t, res, 401, `${key ? 'a bogus key' : 'no key'}: ${route.method} ${route.url}`);
      t.match(res.headers['www-authenticate'], /^Bearer /);
    }
  }
  t.same(await f.read(ofA.id), ofA, 'nothing changed');
});

t.test('a reader reads everything and writes nothing', async (t) => {
  for (const path of [ACTIVITIES, `${ACTIVITIES}.csv`, url(ofA), url(ofB), `/api/v1/plans/${f.issued.id}/tasks/${task1.id}/activities`]) {
    t.equal((await ctx.request({ url: path, key: reader })).statusCode, 200, `GET ${path}`);
  }
  const post = await refused(t, 403, 'POST', () => f.record(f.body('TCCB'), reader));
  t.match(post.detail, /reader key may only read/);
  await refused(t, 403, 'PATCH', () => ctx.request({ method: 'PATCH', url: url(ofA), key: reader, payload: { title: 'Đọc' }, headers: { 'if-match': '"1"' } }));
  await refused(t, 403, 'DELETE', () => ctx.request({ method: 'DELETE', url: url(ofA), key: reader, headers: { 'if-match': '"1"' } }));
});

t.test('an editor reads every unit’s activities', async (t) => {
  t.same((await ctx.request({ url: url(ofB), key: editorA })).json(), ofB);
  const listed = (await ctx.request({ url: ACTIVITIES, key: editorA })).json().items.map((a: Activity) => a.id);
  t.same(listed.sort(), [ofA.id, ofB.id].sort());
  t.equal((await ctx.request({ url: `${ACTIVITIES}.csv?unitCode=CNTT`, key: editorA })).statusCode, 200);
});

t.test('an editor of unit A against an activity of unit B: 403 on every write, nothing changes', async (t) => {
  const detail = /only the activities of its own unit/;
  t.match((await refused(t, 403, 'POST for unit B', () => f.record(f.body('CNTT'), editorA))).detail, detail);
  await refused(t, 403, 'POST for unit B with B’s task', () => f.record(f.body('CNTT', { taskId: task2.id }), editorA));
  await refused(t, 403, 'POST for a unit that does not exist', () => f.record(f.body('TCCB', { unitId: '0b8f5a1e-0000-4000-8000-000000000000' }), editorA));
  const patchB = (payload: object, ifMatch = '"1"') => () => ctx.request({ method: 'PATCH', url: url(ofB), key: editorA, payload, headers: { 'if-match': ifMatch } });
  t.match((await refused(t, 403, 'PATCH B’s title', patchB({ title: 'Sửa trộm' }))).detail, detail);
  await refused(t, 403, 'PATCH B’s activity into A', patchB({ unitId: unit.TCCB, taskId: task1.id }));
  await refused(t, 403, 'PATCH B’s with If-Match *', patchB({ summary: 'x' }, '*'));
  await refused(t, 403, 'PATCH B’s with a stale version: the refusal comes first', patchB({ summary: 'x' }, '"9"'));
  const patchA = (payload: object) => () => ctx.request({ method: 'PATCH', url: url(ofA), key: editorA, payload, headers: { 'if-match': '"1"' } });
  t.match((await refused(t, 403, 'PATCH A’s own activity into B', patchA({ unitId: unit.CNTT }))).detail, detail);
  await refused(t, 403, 'PATCH A’s own into B with B’s task', patchA({ unitId: unit.CNTT, taskId: task2.id }));
  const deleteB = (ifMatch: string) => () => ctx.request({ method: 'DELETE', url: url(ofB), key: editorA, headers: { 'if-match': ifMatch } });
  t.match((await refused(t, 403, 'DELETE B’s', deleteB('"1"'))).detail, detail);
  await refused(t, 403, 'DELETE B’s with If-Match *', deleteB('*'));
});

t.test('an editor records, changes and removes its own unit’s activities', async (t) => {
  const own = await f.record(f.body('TCCB', { title: 'Hoạt động mới của TCCB' }), editorA);
  t.equal(own.statusCode, 201);
  const made: Activity = own.json();
  const changed = await ctx.request({ method: 'PATCH', url: url(made), key: editorA, payload: { title: 'Đã sửa', unitId: unit.TCCB, taskId: task1.id }, headers: { 'if-match': '"1"' } });
  t.equal(changed.statusCode, 200, 'naming its own unit again is no move');
  t.match(changed.json(), { title: 'Đã sửa', taskId: task1.id, version: 2 });
  const removed = await ctx.request({ method: 'DELETE', url: url(made), key: editorA, headers: { 'if-match': '"2"' } });
  t.equal(removed.statusCode, 204);
  t.equal(await f.read(made.id), 404);
  const events = (await ctx.request({ url: `/api/v1/audit?entityId=${made.id}` })).json().items;
  t.same(events.map((e: { action: string; actor: { name: string } }) => [e.action, e.actor.name]).reverse(), [['create', 'editor key for tests'], ['update', 'editor key for tests'], ['delete', 'editor key for tests']]);
});

t.test('a removed activity of another unit is a 404 to the editor, as to everyone', async (t) => {
  const gone = await f.made(f.body('CNTT', { title: 'Sẽ bị xóa' }), editorB);
  t.equal((await ctx.request({ method: 'DELETE', url: url(gone), key: editorB, headers: { 'if-match': '"1"' } })).statusCode, 204);
  await refused(t, 404, 'PATCH a removed one', () => ctx.request({ method: 'PATCH', url: url(gone), key: editorA, payload: { title: 'x' }, headers: { 'if-match': '*' } }));
  await refused(t, 404, 'DELETE a removed one', () => ctx.request({ method: 'DELETE', url: url(gone), key: editorA, headers: { 'if-match': '*' } }));
  await refused(t, 404, 'GET a removed one', () => ctx.request({ url: url(gone), key: editorA }));
});

t.test('the editor of a deactivated unit reads, and writes nothing', async (t) => {
  const school = await ctx.keyFor('editor', unit['THPT-LLQ']);
  const before = await f.made(f.body('THPT-LLQ', { title: 'Hoạt động của trường Lê Lợi' }), school);
  t.equal((await ctx.request({ method: 'POST', url: `/api/v1/units/${unit['THPT-LLQ']}/deactivate` })).statusCode, 200);
  t.equal((await ctx.request({ url: url(before), key: school })).statusCode, 200);
  const post = assertProblem(t, await f.record(f.body('THPT-LLQ'), school), 403);
  t.match(post.detail, /deactivated/);
  assertProblem(t, await ctx.request({ method: 'PATCH', url: url(before), key: school, payload: { title: 'x' }, headers: { 'if-match': '"1"' } }), 403);
  assertProblem(t, await ctx.request({ method: 'DELETE', url: url(before), key: school, headers: { 'if-match': '"1"' } }), 403);
  t.same(await f.read(before.id), before, 'unchanged');
});

t.test('an admin does everything, for any unit', async (t) => {
  const made = await f.made(f.body('CNTT', { title: 'Do quản trị ghi' }));
  const moved = await ctx.request({ method: 'PATCH', url: url(made), payload: { unitId: unit.TCCB, taskId: task1.id }, headers: { 'if-match': '"1"' } });
  t.equal(moved.statusCode, 200, 'moves it to another unit');
  t.match(moved.json(), { unitCode: 'TCCB', task: { ordinal: 1 } });
  const changed = await ctx.request({ method: 'PATCH', url: url(ofB), payload: { summary: 'Bổ sung của Sở' }, headers: { 'if-match': '"1"' } });
  t.equal(changed.statusCode, 200, 'changes an editor’s activity');
  t.equal((await ctx.request({ method: 'DELETE', url: url(made), headers: { 'if-match': '"2"' } })).statusCode, 204, 'removes it');
});
