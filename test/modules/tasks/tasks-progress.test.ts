// Progress on an issued plan's tasks: the rules that tie progress to its date or reason, the audit
// trail, and who may record it (issue 3, item 8).
import t from 'tap';
import type { Task } from '../../../src/modules/tasks/tasks.schemas.js';
import { assertProblem } from '../../helpers/app.js';
import { taskFixtures } from './fixtures.js';

const { ctx, unit, L, C, newPlan: makePlan, taskUrl } = await taskFixtures(t);

type Assignee = ReturnType<typeof L>;
const taskBody = (content: string, assignees: Assignee[]) => ({ content, forms: ['website_post'], assignees, duePeriod: '2021-03' });
const lead = L;
const coordinator = C;
const newPlan = (tasks: object[], issuedOn?: string) => makePlan(tasks, issuedOn ?? null);
const read = async (task: Task): Promise<Task> => (await ctx.request({ url: taskUrl(task) })).json();
async function patch(task: Task, payload: object, key?: string | null) {
  const etag = (await ctx.request({ url: taskUrl(task) })).headers.etag as string;
  return ctx.request({ method: 'PATCH', url: taskUrl(task), payload, headers: { 'if-match': etag }, ...(key !== undefined ? { key } : {}) });
}
const pointers = (problem: { errors?: Array<{ pointer: string }> }) => (problem.errors ?? []).map((e) => e.pointer);

t.test('progress moves through its states, each with the date or reason it needs', async (t) => {
  const { tasks: [task] } = await newPlan([taskBody('Đăng tin Kế hoạch CCHC', [lead('TCCB')])], '2021-02-10');
  const started = await patch(task!, { progress: 'in_progress' });
  t.equal(started.statusCode, 200);
  t.match(started.json(), { progress: 'in_progress', completedOn: null, version: 2 });
  t.equal(started.headers.etag, '"2"');

  const noDate = assertProblem(t, await patch(task!, { progress: 'done' }), 422);
  t.same(pointers(noDate), ['/body/completedOn']);
  const doneLater = assertProblem(t, await patch(task!, { progress: 'in_progress', completedOn: '2021-03-10' }), 422);
  t.same(pointers(doneLater), ['/body/completedOn'], 'a completion date only with done');
  assertProblem(t, await patch(task!, { progress: 'done', completedOn: '2021-02-30' }), 400, 'completedOn must be a real date');
  t.match(await read(task!), { progress: 'in_progress', version: 2 }, 'refused patches change nothing');

  const done = await patch(task!, { progress: 'done', completedOn: '2021-03-10' });
  t.equal(done.statusCode, 200);
  t.match(done.json(), { progress: 'done', completedOn: '2021-03-10', cancelReason: null, version: 3 });
  const reopened = await patch(task!, { progress: 'in_progress' });
  t.equal(reopened.statusCode, 200);
  t.match(reopened.json(), { progress: 'in_progress', completedOn: null }, 'leaving done clears completedOn');

  const noReason = assertProblem(t, await patch(task!, { progress: 'cancelled' }), 422);
  t.same(pointers(noReason), ['/body/cancelReason']);
  assertProblem(t, await patch(task!, { cancelReason: 'Không cần nữa' }), 422, 'a reason only with cancelled');
  const cancelled = await patch(task!, { progress: 'cancelled', cancelReason: 'Nội dung đã gộp vào nhiệm vụ khác' });
  t.equal(cancelled.statusCode, 200);
  t.match(cancelled.json(), { progress: 'cancelled', cancelReason: 'Nội dung đã gộp vào nhiệm vụ khác', completedOn: null, timeliness: 'cancelled' });
  const back = await patch(task!, { progress: 'not_started' });
  t.match(back.json(), { progress: 'not_started', cancelReason: null }, 'leaving cancelled clears the reason');
  assertProblem(t, await patch(task!, { progress: 'finished' }), 400);

  const events = (await ctx.request({ url: `/api/v1/audit?entityType=task&entityId=${task!.id}` })).json().items;
  t.same(
    events.map((e: { action: string; after: Task }) => [e.action, e.after.progress]).reverse(),
    [['create', 'not_started'], ['progress', 'in_progress'], ['progress', 'done'], ['progress', 'in_progress'], ['progress', 'cancelled'], ['progress', 'not_started']],
    'the task’s creation with its plan, then one audit event per progress write, with the state after it',
  );
  t.match(events[3], { before: { progress: 'in_progress' }, after: { progress: 'done', completedOn: '2021-03-10' } });
});

t.test('progress waits for the plan to be issued; the plan detail shows it', async (t) => {
  const { planId, tasks: [task, mixed] } = await newPlan([taskBody('Nhiệm vụ nháp', [lead('TCCB')]), taskBody('Sửa kèm tiến độ', [lead('TCCB')])]);
  const draft = assertProblem(t, await patch(task!, { progress: 'in_progress' }), 409);
  t.match(draft.detail, /Progress is recorded only when the plan is issued; this plan is draft\./);
  t.equal((await read(task!)).progress, 'not_started');
  const sneaked = assertProblem(t, await patch(mixed!, { content: 'Sửa nội dung', progress: 'done', completedOn: '2021-01-20' }), 422, 'progress cannot ride along with a content change');
  t.match(sneaked.detail, /send them apart/);
  t.match(await read(mixed!), { content: 'Sửa kèm tiến độ', progress: 'not_started', completedOn: null, version: 1 }, 'and the draft’s task is unchanged');
  await ctx.request({ method: 'POST', url: `/api/v1/plans/${planId}/issue`, payload: { issuedOn: '2021-02-10' } });
  t.equal((await patch(task!, { progress: 'done', completedOn: '2021-03-05' })).statusCode, 200);
  const detail = (await ctx.request({ url: `/api/v1/plans/${planId}?asOf=2021-04-01` })).json();
  t.match(detail.tasks[0], { id: task!.id, progress: 'done', completedOn: '2021-03-05', timeliness: 'done_on_time' });
  const closed = await ctx.request({ method: 'POST', url: `/api/v1/plans/${planId}/close` });
  t.equal(closed.statusCode, 200);
  t.match(assertProblem(t, await patch(task!, { progress: 'in_progress' }), 409).detail, /this plan is closed/);
});

t.test('who may record progress (issue item 8)', async (t) => {
  const { tasks } = await newPlan(
    [
      taskBody('TCCB chủ trì, CNTT phối hợp', [lead('TCCB'), coordinator('CNTT')]),
      taskBody('Phối hợp: các đơn vị trực thuộc', [lead('TCCB'), { role: 'coordinator', group: 'affiliated' }]),
      taskBody('Phối hợp: các đơn vị thuộc và trực thuộc', [lead('TCCB'), { role: 'coordinator', group: 'all_units' }]),
      taskBody('Chủ trì: các phòng chuyên môn', [{ role: 'lead', group: 'divisions' }, coordinator('CNTT')]),
    ],
    '2021-02-10',
  );
  const [named, affiliated, allUnits, divisions] = tasks as [Task, Task, Task, Task];
  const tccb = await ctx.keyFor('editor', unit.TCCB);
  const cntt = await ctx.keyFor('editor', unit.CNTT);
  const school = await ctx.keyFor('editor', unit['THPT-HD']);
  const reader = await ctx.keyFor('reader');

  t.match((await patch(named, { progress: 'in_progress' }, tccb)).json(), { progress: 'in_progress' }, 'the lead unit (200)');
  const byCoordinator = await patch(named, { progress: 'done', completedOn: '2021-03-20' }, cntt);
  t.equal(byCoordinator.statusCode, 200, 'a coordinating unit records its contribution');
  t.match(byCoordinator.json(), { progress: 'in_progress', completedOn: null, partCounts: { lead: { in_progress: 1 }, coordinator: { done: 1 } } }, 'which does not finish the lead’s task');
  t.equal((await patch(affiliated, { progress: 'in_progress' }, school)).statusCode, 200, 'a school, through the affiliated group');
  t.equal((await patch(allUnits, { progress: 'in_progress' }, school)).statusCode, 200, 'a school, through all_units');
  t.equal((await patch(divisions, { progress: 'in_progress' }, tccb)).statusCode, 200, 'a division, through the divisions group');
  t.equal((await patch(allUnits, { progress: 'done', completedOn: '2021-03-21' }, tccb)).statusCode, 200, 'a division, through all_units');

  const stranger = assertProblem(t, await patch(named, { progress: 'in_progress' }, school), 403);
  t.match(stranger.detail, /leads or coordinates/);
  assertProblem(t, await patch(divisions, { progress: 'done', completedOn: '2021-03-02' }, school), 403, 'a school is not a division');
  assertProblem(t, await patch(affiliated, { progress: 'done', completedOn: '2021-03-02' }, cntt), 403, 'a division is not affiliated');
  t.match(await read(named), { progress: 'in_progress', partCounts: { lead: { in_progress: 1 }, coordinator: { done: 1 } } }, 'a refused editor changes nothing');

  const content = assertProblem(t, await patch(named, { content: 'Sửa nội dung' }, tccb), 403);
  t.match(content.detail, /Only an admin/);
  assertProblem(t, await patch(named, { duePeriod: '2021-04' }, tccb), 403, 'nor its due period');
  assertProblem(t, await patch(named, { progress: 'in_progress', note: 'Ghi chú' }, tccb), 403, 'nor its note along with progress');
  assertProblem(t, await patch(named, { progress: 'in_progress' }, reader), 403);
  assertProblem(t, await patch(named, { progress: 'in_progress' }, null), 401);
  assertProblem(t, await ctx.request({ method: 'PATCH', url: taskUrl(named), payload: { progress: 'in_progress' }, headers: { 'if-match': '"1"', authorization: 'Bearer not-a-key' }, key: null }), 401);
  t.match(await read(named), { progress: 'in_progress', content: 'TCCB chủ trì, CNTT phối hợp', duePeriod: '2021-03' });

  for (const key of [tccb, reader]) {
    assertProblem(t, await ctx.request({ method: 'POST', url: `/api/v1/plans/${named.planId}/tasks`, payload: taskBody('Thêm', [lead('TCCB')]), key }), 403, 'only admins add tasks');
    assertProblem(t, await ctx.request({ method: 'DELETE', url: taskUrl(named), headers: { 'if-match': '*' }, key }), 403, 'only admins delete tasks');
  }
  for (const [url, label] of [[taskUrl(named), 'a task'], [`/api/v1/plans/${named.planId}/tasks`, 'the appendix'], [`/api/v1/tasks?unitId=${unit.TCCB}`, 'the task search']]) {
    t.equal((await ctx.request({ url, key: reader })).statusCode, 200, `a reader reads ${label}`);
    t.equal((await ctx.request({ url, key: school })).statusCode, 200, `an editor reads ${label}`);
    assertProblem(t, await ctx.request({ url, key: null }), 401, `no key cannot read ${label}`);
  }

  const events = (await ctx.request({ url: `/api/v1/audit?entityType=task&entityId=${named.id}&action=progress` })).json().items;
  t.equal(events.length, 2, 'the two accepted progress writes are audited');
  t.equal(events[0].actor.name, 'editor key for tests', 'under the editor key that made them');
});

t.test('an editor of a deactivated school no longer belongs to its group', async (t) => {
  const { tasks: [task] } = await newPlan([taskBody('Phối hợp: các đơn vị trực thuộc', [lead('TCCB'), { role: 'coordinator', group: 'affiliated' }])], '2021-02-10');
  const gdtx = await ctx.keyFor('editor', unit.GDTX);
  t.equal((await patch(task!, { progress: 'in_progress' }, gdtx)).statusCode, 200, 'allowed while active');
  const deactivated = await ctx.request({ method: 'POST', url: `/api/v1/units/${unit.GDTX}/deactivate` });
  t.equal(deactivated.statusCode, 200);
  assertProblem(t, await patch(task!, { progress: 'done', completedOn: '2021-03-15' }, gdtx), 403);
  t.equal((await read(task!)).progress, 'in_progress');
});

t.test('a completion date after today (in Vietnam) is refused', async (t) => {
  const { tasks: [task] } = await newPlan([taskBody('Hoàn thành trước', [lead('TCCB')])], '2021-02-03');
  const problem = assertProblem(t, await patch(task!, { progress: 'done', completedOn: '2099-01-01' }), 422);
  t.same(pointers(problem), ['/body/completedOn']);
  t.match(await read(task!), { progress: 'not_started', version: 1 });
});

t.test('deleting a task moves the later ones up with new versions, so their ETags change', async (t) => {
  const { planId, tasks } = await newPlan([taskBody('Một', [lead('TCCB')]), taskBody('Hai', [lead('TCCB')])]);
  const second = tasks[1]!;
  const gone = await ctx.request({ method: 'DELETE', url: taskUrl(tasks[0]!), headers: { 'if-match': '"1"' } });
  t.equal(gone.statusCode, 204);
  const moved = await ctx.request({ url: `/api/v1/plans/${planId}/tasks/${second.id}` });
  t.match(moved.json(), { ordinal: 1, version: 2 });
  t.equal(moved.headers.etag, '"2"');
});
