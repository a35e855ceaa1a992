// Activities: recording one (with its task, its figures and who recorded it), reading, changing under
// If-Match, removing softly, the audit trail of each write, and Idempotency-Key on POST.
import t from 'tap';
import type { Activity } from '../../../src/modules/activities/activities.schemas.js';
import { assertProblem } from '../../helpers/app.js';
import { ACTIVITIES, setupActivities } from './fixtures.js';

const f = await setupActivities(t);
const { ctx, unit } = f;
const [task1, task2] = f.issued.tasks;
const url = (a: { id: string }) => `${ACTIVITIES}/${a.id}`;
const patch = (a: { id: string }, payload: object, ifMatch?: string) =>
  ctx.request({ method: 'PATCH', url: url(a), payload, ...(ifMatch !== undefined ? { headers: { 'if-match': ifMatch } } : {}) });
const remove = (a: { id: string }, ifMatch?: string) => ctx.request({ method: 'DELETE', url: url(a), ...(ifMatch !== undefined ? { headers: { 'if-match': ifMatch } } : {}) });
const trail = async (a: { id: string }) => (await ctx.request({ url: `/api/v1/audit?entityType=activity&entityId=${a.id}` })).json().items.reverse();

t.test('POST records an activity: 201, ETag, Location, the unit and task as people cite them', async (t) => {
  const editor = await ctx.keyFor('editor', unit.TCCB);
  const res = await f.record(
    f.body('TCCB', {
      form: 'website_post', title: 'Đăng tin công bố Chỉ số CCHC năm 2020', summary: 'Bài viết trên chuyên mục CCHC.',
      evidenceUrl: 'https://sgddt.soctrang.gov.vn/cchc/chi-so-2020', taskId: task1.id, figures: { views: 350 },
    }),
    editor,
  );
  t.equal(res.statusCode, 201);
  const made: Activity = res.json();
  t.equal(res.headers.etag, '"1"');
  t.equal(res.headers.location, `${ACTIVITIES}/${made.id}`);
  t.match(made, {
    unitId: unit.TCCB, unitCode: 'TCCB', unitName: 'Phòng Tổ chức cán bộ', form: 'website_post', title: 'Đăng tin công bố Chỉ số CCHC năm 2020',
    summary: 'Bài viết trên chuyên mục CCHC.', occurredOn: '2021-04-20', evidenceUrl: 'https://sgddt.soctrang.gov.vn/cchc/chi-so-2020', taskId: task1.id,
    task: { id: task1.id, planId: f.issued.id, ordinal: 1, planNumber: '01/KH-SGDĐT' },
    recordedBy: { name: 'editor key for tests' }, version: 1, deletedAt: null,
  });
  t.same(made.figures, { participants: null, respondents: null, views: 350 }, 'every figure is there, null when not counted');
  t.match(made.recordedBy.keyId, /^[0-9a-f-]{36}$/, 'the key that recorded it');
  t.equal(f.issued.number, '01/KH-SGDĐT');

  const read = await ctx.request({ url: res.headers.location as string });
  t.equal(read.statusCode, 200);
  t.equal(read.headers.etag, '"1"');
  t.same(read.json(), made, 'GET shows what POST answered');

  const plain = await f.made(f.body('CNTT'));
  t.match(plain, { summary: null, evidenceUrl: null, taskId: null, task: null, figures: { participants: null, respondents: null, views: null }, recordedBy: { name: 'admin key for tests' } });
  t.not(plain.recordedBy.keyId, made.recordedBy.keyId);
  const events = await trail(made);
  t.equal(events.length, 1, 'one audit event');
  t.match(events[0], { action: 'create', entityType: 'activity', entityId: made.id, before: null, actor: { name: 'editor key for tests' } });
  t.same(events[0].after, made, 'with the activity as answered');
});

t.test('PATCH changes fields under If-Match: 428 without it, 412 when stale, figures merge', async (t) => {
  const a = await f.made(f.body('TCCB', { figures: { participants: 40, respondents: 5 } }));
  assertProblem(t, await patch(a, { title: 'Không có If-Match' }), 428);
  assertProblem(t, await patch(a, { title: 'Phiên bản cũ' }, '"7"'), 412);
  t.same(await f.read(a.id), a, 'refused changes leave it as it was');

  const res = await patch(a, { title: 'Hội nghị sơ kết CCHC', summary: 'Sơ kết 6 tháng', figures: { participants: 55, respondents: null } }, '"1"');
  t.equal(res.statusCode, 200);
  t.equal(res.headers.etag, '"2"');
  const changed: Activity = res.json();
  t.match(changed, { title: 'Hội nghị sơ kết CCHC', summary: 'Sơ kết 6 tháng', version: 2, occurredOn: a.occurredOn, form: 'meeting' });
  t.same(changed.figures, { participants: 55, respondents: null, views: null }, 'a figure given replaces, null clears, absent stays');
  t.equal(changed.createdAt, a.createdAt);
  t.ok(changed.updatedAt >= a.updatedAt);
  assertProblem(t, await patch(a, { title: 'Trễ' }, '"1"'), 412, 'the old version is stale now');

  const linked = await patch(a, { taskId: task1.id }, '*');
  t.equal(linked.statusCode, 200, 'If-Match: * takes any version');
  t.match(linked.json(), { taskId: task1.id, task: { ordinal: 1, planNumber: '01/KH-SGDĐT' }, version: 3 });
  const unlinked = await patch(a, { taskId: null, summary: null }, '"3"');
  t.match(unlinked.json(), { taskId: null, task: null, summary: null, version: 4 });

  const q = (await ctx.request({ url: `${ACTIVITIES}?q=so%20ket` })).json().items.map((x: Activity) => x.id);
  t.same(q, [a.id], 'the search key follows the new title');

  const events = await trail(a);
  t.same(events.map((e: { action: string }) => e.action), ['create', 'update', 'update', 'update']);
  t.match(events[1], { before: { title: 'Hội nghị quán triệt Kế hoạch CCHC', version: 1 }, after: { title: 'Hội nghị sơ kết CCHC', version: 2 } });
});

t.test('moving an activity to another unit re-checks its task', async (t) => {
  const a = await f.made(f.body('CNTT', { form: 'video', evidenceUrl: 'https://youtu.be/abc', taskId: task2.id }));
  const moved = assertProblem(t, await patch(a, { unitId: unit.TCCB }, '"1"'), 422);
  t.same(moved.errors, [{ pointer: '/body/taskId', message: 'is a task the activity’s unit is not assigned to (as lead or coordinator, directly or through its group)' }]);
  const both = await patch(a, { unitId: unit.TCCB, taskId: task1.id }, '"1"');
  t.equal(both.statusCode, 200, 'with a task the new unit takes part in');
  t.match(both.json(), { unitId: unit.TCCB, unitCode: 'TCCB', taskId: task1.id });
  const school = await patch(a, { unitId: unit['THPT-HD'] }, '"2"');
  t.equal(school.statusCode, 200, 'a school, through the affiliated group of the same task');
});

t.test('DELETE removes softly: 204, then 404 everywhere, the row kept with deletedAt and a new version', async (t) => {
  const a = await f.made(f.body('TCCB', { title: 'Hoạt động sẽ bị xóa', taskId: task1.id }));
  assertProblem(t, await remove(a), 428);
  assertProblem(t, await remove(a, '"2"'), 412);
  t.equal((await f.read(a.id) as Activity).version, 1, 'still there');

  const res = await remove(a, '"1"');
  t.equal(res.statusCode, 204);
  t.equal(res.body, '');
  assertProblem(t, await ctx.request({ url: url(a) }), 404, 'GET');
  assertProblem(t, await patch(a, { title: 'Sửa' }, '*'), 404, 'PATCH');
  assertProblem(t, await remove(a, '*'), 404, 'DELETE again');
  const lists = [`${ACTIVITIES}?q=bi%20xoa`, `${ACTIVITIES}?taskId=${task1.id}&limit=200`, `/api/v1/plans/${f.issued.id}/tasks/${task1.id}/activities?limit=200`];
  for (const list of lists) {
    t.notOk((await ctx.request({ url: list })).json().items.some((x: Activity) => x.id === a.id), `not in ${list}`);
  }
  const csv = await ctx.request({ url: `${ACTIVITIES}.csv?q=bi%20xoa` });
  t.notMatch(csv.body, a.id, 'nor in the CSV');

  const row = await ctx.db.selectFrom('activities').selectAll().where('id', '=', a.id).executeTakeFirstOrThrow();
  t.ok(row.deletedAt instanceof Date, 'deletedAt is set');
  t.equal(row.version, 2, 'and the version bumped, for mirrors');
  t.equal(row.title, 'Hoạt động sẽ bị xóa', 'the row is kept');
  const events = await trail(a);
  t.same(events.map((e: { action: string }) => e.action), ['create', 'delete']);
  t.match(events[1], { before: { id: a.id, version: 1, deletedAt: null }, after: null });
});

t.test('unknown ids are 404s; a malformed id is a 400', async (t) => {
  const missing = { id: '0b8f5a1e-0000-4000-8000-000000000000' };
  const problem = assertProblem(t, await ctx.request({ url: url(missing) }), 404);
  t.match(problem.detail, /Activity 0b8f5a1e-0000-4000-8000-000000000000 does not exist/);
  assertProblem(t, await patch(missing, { title: 'X' }, '*'), 404);
  assertProblem(t, await remove(missing, '*'), 404);
  assertProblem(t, await ctx.request({ url: `${ACTIVITIES}/not-a-uuid` }), 400);
});

t.test('Idempotency-Key on POST replays the first answer and records once', async (t) => {
  const body = f.body('GDTH', { title: 'Hội thi tìm hiểu CCHC', form: 'contest', figures: { participants: 300 } });
  const first = await f.record(body, undefined, { 'idempotency-key': 'activity-1' });
  t.equal(first.statusCode, 201);
  const again = await f.record({ ...body }, undefined, { 'idempotency-key': 'activity-1' });
  t.equal(again.statusCode, 201);
  t.equal(again.headers['idempotent-replayed'], 'true');
  t.same(again.json(), first.json());
  t.equal(again.headers.location, first.headers.location);
  t.equal(again.headers.etag, first.headers.etag);
  const found = (await ctx.request({ url: `${ACTIVITIES}?q=hoi%20thi%20tim%20hieu` })).json().items;
  t.equal(found.length, 1, 'one activity');
  t.equal((await trail(first.json())).length, 1, 'one audit event');
  const other = assertProblem(t, await f.record({ ...body, title: 'Khác' }, undefined, { 'idempotency-key': 'activity-1' }), 422, 'the same key with another body');
  t.match(other.detail, /Idempotency-Key/);
});
