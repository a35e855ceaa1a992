// Tasks of a draft plan: create, list (paged), read, versioned change, delete (ordinals close up),
// reorder, 404s, and the 409s once the plan is issued.
import t from 'tap';
import { CLI_ACTOR } from '../../../src/domain/actor.js';
import type { Task } from '../../../src/modules/tasks/tasks.schemas.js';
import { seedDemoUnits } from '../../../src/modules/units/units.demo.js';
import { assertProblem, setupApp } from '../../helpers/app.js';

const ctx = await setupApp(t);
await seedDemoUnits(ctx.db, CLI_ACTOR);
const unit = Object.fromEntries((await ctx.db.selectFrom('units').select(['code', 'id']).execute()).map((u) => [u.code, u.id]));
const MISSING = '00000000-0000-4000-8000-000000000000';

const taskBody = (content: string, extra: Record<string, unknown> = {}) => ({
  content,
  forms: ['website_post'],
  assignees: [{ role: 'lead', unitId: unit.TCCB }, { role: 'coordinator', unitId: unit.CNTT }],
  duePeriod: '2021-03',
  ...extra,
});

async function newPlan(title: string, tasks: object[] = []): Promise<string> {
  const res = await ctx.request({ method: 'POST', url: '/api/v1/plans', payload: { issuerUnitId: unit.SGDDT, year: 2021, title, tasks } });
  if (res.statusCode !== 201) throw new Error(`plan: ${res.body}`);
  return res.json().id;
}
const tasksUrl = (planId: string) => `/api/v1/plans/${planId}/tasks`;
const addTask = (planId: string, payload: object) => ctx.request({ method: 'POST', url: tasksUrl(planId), payload });
const list = async (planId: string): Promise<Task[]> => (await ctx.request({ url: `${tasksUrl(planId)}?limit=200` })).json().items;
const patch = (planId: string, id: string, payload: object, ifMatch?: string) =>
  ctx.request({ method: 'PATCH', url: `${tasksUrl(planId)}/${id}`, payload, headers: ifMatch ? { 'if-match': ifMatch } : {} });
const remove = (planId: string, id: string, ifMatch?: string) =>
  ctx.request({ method: 'DELETE', url: `${tasksUrl(planId)}/${id}`, headers: ifMatch ? { 'if-match': ifMatch } : {} });
const reorder = (planId: string, taskIds: unknown) => ctx.request({ method: 'POST', url: `${tasksUrl(planId)}/reorder`, payload: { taskIds } });

t.test('POST adds a task at ordinal n+1 with ETag and Location; GET reads it', async (t) => {
  const planId = await newPlan('Kế hoạch thử', [taskBody('Nhiệm vụ một')]);
  const res = await addTask(planId, taskBody('Tuyên truyền Kế hoạch CCHC năm 2021', { formNote: 'Đăng tin', target: { count: 2, unit: 'bài viết' }, note: 'Ghi chú' }));
  t.equal(res.statusCode, 201);
  t.equal(res.headers.etag, '"1"');
  const task = res.json();
  t.equal(res.headers.location, `${tasksUrl(planId)}/${task.id}`);
  t.match(task, {
    planId, ordinal: 2, content: 'Tuyên truyền Kế hoạch CCHC năm 2021', forms: ['website_post'], formNote: 'Đăng tin',
    duePeriod: '2021-03', dueFrom: '2021-03-01', dueTo: '2021-03-31', target: { count: 2, unit: 'bài viết' },
    progress: 'not_started', completedOn: null, cancelReason: null, note: 'Ghi chú', version: 1,
  });
  t.same(task.assignees, [
    { role: 'lead', unitId: unit.TCCB, code: 'TCCB', name: 'Phòng Tổ chức cán bộ' },
    { role: 'coordinator', unitId: unit.CNTT, code: 'CNTT', name: 'Tổ Công nghệ thông tin' },
  ], 'each unit with its code and name');

  const one = await ctx.request({ url: `${tasksUrl(planId)}/${task.id}` });
  t.equal(one.statusCode, 200);
  t.equal(one.headers.etag, '"1"');
  t.same(one.json(), task);

  const defaults = (await addTask(planId, taskBody('Không có gì thêm'))).json();
  t.match(defaults, { ordinal: 3, formNote: null, target: null, note: null });
  t.same((await list(planId)).map((x) => x.ordinal), [1, 2, 3]);
});

t.test('GET lists tasks in ordinal order, paged with limit and cursor', async (t) => {
  const planId = await newPlan('Kế hoạch nhiều nhiệm vụ', Array.from({ length: 7 }, (_, i) => taskBody(`Nhiệm vụ số ${i + 1}`)));
  const seen: Task[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const res = await ctx.request({ url: `${tasksUrl(planId)}?limit=3${cursor ? `&cursor=${cursor}` : ''}` });
    t.equal(res.statusCode, 200);
    const page = res.json();
    t.ok(page.items.length <= 3, 'a page holds at most limit items');
    seen.push(...page.items);
    cursor = page.nextCursor;
    pages++;
  } while (cursor && pages < 10);
  t.equal(pages, 3, '7 tasks by 3 make 3 pages');
  t.same(seen.map((x) => x.ordinal), [1, 2, 3, 4, 5, 6, 7]);
  t.same(seen.map((x) => x.content), Array.from({ length: 7 }, (_, i) => `Nhiệm vụ số ${i + 1}`));
  assertProblem(t, await ctx.request({ url: `${tasksUrl(planId)}?cursor=bm9wZQ` }), 400);
  assertProblem(t, await ctx.request({ url: `${tasksUrl(planId)}?sort=ordinal` }), 400);

  const empty = await ctx.request({ url: tasksUrl(await newPlan('Kế hoạch trống')) });
  t.same(empty.json(), { items: [], nextCursor: null }, 'a plan without tasks lists none');
});

t.test('PATCH changes content with If-Match: 428 without, 412 when stale, 200 and a new version', async (t) => {
  const planId = await newPlan('Kế hoạch sửa', [taskBody('Nội dung cũ')]);
  const [task] = await list(planId);
  assertProblem(t, await patch(planId, task!.id, { content: 'Không If-Match' }), 428);
  const ok = await patch(planId, task!.id, { content: 'Nội dung mới', duePeriod: '2021-Q2', assignees: [{ role: 'lead', group: 'divisions' }], target: { count: 1, unit: 'video' } }, '"1"');
  t.equal(ok.statusCode, 200);
  t.equal(ok.headers.etag, '"2"');
  t.match(ok.json(), { content: 'Nội dung mới', duePeriod: '2021-Q2', dueFrom: '2021-04-01', dueTo: '2021-06-30', target: { count: 1, unit: 'video' }, version: 2 });
  t.same(ok.json().assignees, [{ role: 'lead', group: 'divisions' }]);
  t.same(ok.json().forms, ['website_post'], 'absent fields are kept');
  const cleared = await patch(planId, task!.id, { target: null }, '"2"');
  t.equal(cleared.json().target, null, 'null clears the target');

  const stale = assertProblem(t, await patch(planId, task!.id, { content: 'Bản cũ' }, '"1"'), 412);
  t.match(stale.detail, /version 1/);
  t.equal((await list(planId))[0]!.content, 'Nội dung mới', 'a stale If-Match changes nothing');
  assertProblem(t, await patch(planId, task!.id, {}, '"3"'), 400, 'an empty patch is malformed');
  assertProblem(t, await patch(planId, task!.id, { ordinal: 5 }, '"3"'), 400, 'ordinal is not patched');
});

t.test('DELETE removes a task; the others close up to 1..n', async (t) => {
  const planId = await newPlan('Kế hoạch xóa', ['A', 'B', 'C', 'D'].map((c) => taskBody(c)));
  const [, b, c] = await list(planId);
  assertProblem(t, await remove(planId, b!.id), 428);
  assertProblem(t, await remove(planId, b!.id, '"9"'), 412);
  t.equal((await list(planId)).length, 4, 'still four after 428 and 412');
  const gone = await remove(planId, b!.id, '"1"');
  t.equal(gone.statusCode, 204);
  t.equal(gone.body, '');
  assertProblem(t, await ctx.request({ url: `${tasksUrl(planId)}/${b!.id}` }), 404);
  t.same((await list(planId)).map((x) => [x.ordinal, x.content]), [[1, 'A'], [2, 'C'], [3, 'D']]);
  t.equal((await remove(planId, c!.id, '*')).statusCode, 204, 'If-Match * deletes any version');
  t.same((await list(planId)).map((x) => [x.ordinal, x.content]), [[1, 'A'], [2, 'D']]);
  t.equal((await addTask(planId, taskBody('E'))).json().ordinal, 3, 'a new task goes after the last one');
});

t.test('POST /reorder puts the tasks in a new order; a list that is not exactly the tasks is refused', async (t) => {
  const planId = await newPlan('Kế hoạch sắp xếp', ['A', 'B', 'C'].map((c) => taskBody(c)));
  const [a, b, c] = await list(planId);
  const res = await reorder(planId, [c!.id, a!.id, b!.id]);
  t.equal(res.statusCode, 200);
  t.same(res.json().items.map((x: Task) => [x.ordinal, x.content]), [[1, 'C'], [2, 'A'], [3, 'B']]);
  t.same((await list(planId)).map((x) => x.content), ['C', 'A', 'B'], 'the new order is stored');

  const missing = assertProblem(t, await reorder(planId, [a!.id, b!.id]), 422);
  t.equal(missing.errors?.[0]?.pointer, '/body/taskIds');
  const stranger = assertProblem(t, await reorder(planId, [a!.id, b!.id, MISSING]), 422);
  t.equal(stranger.errors?.[0]?.pointer, '/body/taskIds');
  // uniqueItems in the schema: a repeat is malformed (400), still pointing at taskIds.
  const repeated = assertProblem(t, await reorder(planId, [a!.id, b!.id, c!.id, a!.id]), 400);
  t.match(repeated.errors?.[0]?.pointer, /^\/body\/taskIds/);
  const notUuid = assertProblem(t, await reorder(planId, ['task-1']), 400);
  t.match(notUuid.errors?.[0]?.pointer, /^\/body\/taskIds\/0/);
  t.same((await list(planId)).map((x) => x.content), ['C', 'A', 'B'], 'refused reorders change nothing');
});

t.test('404 for an unknown plan or task', async (t) => {
  const planId = await newPlan('Kế hoạch 404', [taskBody('A')]);
  const [task] = await list(planId);
  assertProblem(t, await ctx.request({ url: tasksUrl(MISSING) }), 404);
  assertProblem(t, await ctx.request({ url: `${tasksUrl(MISSING)}/${task!.id}` }), 404, 'a task under another plan is not found');
  assertProblem(t, await ctx.request({ url: `${tasksUrl(planId)}/${MISSING}` }), 404);
  assertProblem(t, await addTask(MISSING, taskBody('B')), 404);
  assertProblem(t, await patch(planId, MISSING, { content: 'X' }, '"1"'), 404);
  assertProblem(t, await remove(planId, MISSING, '"1"'), 404);
  assertProblem(t, await reorder(MISSING, [task!.id]), 404);
  assertProblem(t, await ctx.request({ url: `${tasksUrl(planId)}/not-a-uuid` }), 400);
});

t.test('an issued plan keeps its appendix: content, add, delete and reorder are 409', async (t) => {
  const planId = await newPlan('Kế hoạch đã ban hành', [taskBody('A'), taskBody('B')]);
  const issued = await ctx.request({ method: 'POST', url: `/api/v1/plans/${planId}/issue`, payload: { issuedOn: '2021-02-10' } });
  t.equal(issued.statusCode, 200);
  const [a, b] = await list(planId);
  const content = assertProblem(t, await patch(planId, a!.id, { content: 'Sửa sau khi ban hành' }, '"1"'), 409);
  t.match(content.detail, /only when the plan is draft; this plan is issued\./, 'a sentence saying which state allows it');
  assertProblem(t, await patch(planId, a!.id, { duePeriod: '2021-05' }, '"1"'), 409);
  t.match(assertProblem(t, await addTask(planId, taskBody('C')), 409).detail, /draft/);
  t.match(assertProblem(t, await remove(planId, a!.id, '"1"'), 409).detail, /draft/);
  t.match(assertProblem(t, await reorder(planId, [b!.id, a!.id]), 409).detail, /draft/);
  const after = await list(planId);
  t.same(after.map((x) => [x.ordinal, x.content, x.duePeriod, x.version]), [[1, 'A', '2021-03', 1], [2, 'B', '2021-03', 1]], 'nothing changed');
});
