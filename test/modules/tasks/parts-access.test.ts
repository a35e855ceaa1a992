// Who may record which part: an editor its own unit's part only (a coordinator never a lead's), admins
// any; readers read; parts change only on an issued plan; refresh-parts (admins, issued plans) brings
// the parts up to date after units join or leave a group; GET /api/v1/tasks?unitCode= shows a unit's part.
import t from 'tap';
import type { TaskPart } from '../../../src/modules/tasks/parts.schemas.js';
import type { Task } from '../../../src/modules/tasks/tasks.schemas.js';
import { assertProblem } from '../../helpers/app.js';
import { taskFixtures } from './fixtures.js';

const { ctx, unit, L, C, taskBody, newPlan, taskUrl } = await taskFixtures(t);
const MISSING = '00000000-0000-4000-8000-000000000000';
const partsUrl = (task: Task) => `${taskUrl(task)}/parts`;
const partUrl = (task: Task, who: string) => `${partsUrl(task)}/${who}`;
const refreshUrl = (planId: string) => `/api/v1/plans/${planId}/refresh-parts`;
const AS_OF = '2021-03-15';

async function readTask(task: Task): Promise<Task> {
  const res = await ctx.request({ url: `${taskUrl(task)}?asOf=${AS_OF}` });
  if (res.statusCode !== 200) throw new Error(`task: ${res.body}`);
  return res.json();
}
async function readPart(task: Task, who: string): Promise<TaskPart> {
  const res = await ctx.request({ url: `${partUrl(task, who)}?asOf=${AS_OF}` });
  if (res.statusCode !== 200) throw new Error(`part ${who}: ${res.body}`);
  return res.json();
}
const hasPart = async (task: Task, who: string) => (await ctx.request({ url: partUrl(task, who) })).statusCode === 200;
/** PATCH of the unit's part with If-Match of its current version; key null sends none. */
async function record(task: Task, who: string, payload: object, key?: string | null) {
  const etag = ((await ctx.request({ url: partUrl(task, who) })).headers.etag as string | undefined) ?? '"1"';
  return ctx.request({ method: 'PATCH', url: partUrl(task, who), payload, headers: { 'if-match': etag }, ...(key !== undefined ? { key } : {}) });
}
async function recorded(task: Task, who: string, payload: object, key?: string): Promise<TaskPart> {
  const res = await record(task, who, payload, key);
  if (res.statusCode !== 200) throw new Error(`record ${who}: ${res.body}`);
  return res.json();
}
async function patchTask(task: Task, payload: object, key?: string) {
  const etag = (await ctx.request({ url: taskUrl(task) })).headers.etag as string;
  return ctx.request({ method: 'PATCH', url: taskUrl(task), payload, headers: { 'if-match': etag }, ...(key ? { key } : {}) });
}
async function parts(task: Task): Promise<TaskPart[]> {
  const res = await ctx.request({ url: `${partsUrl(task)}?limit=200&asOf=${AS_OF}` });
  if (res.statusCode !== 200) throw new Error(`parts: ${res.body}`);
  return res.json().items;
}
const auditCount = async () => Number((await ctx.db.selectFrom('auditEvents').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
const zero = { not_started: 0, in_progress: 0, done: 0, cancelled: 0 };

// Plan 1: TCCB leads task 1 with CNTT and the schools coordinating; the schools lead task 2 with TCCB.
const { planId, tasks: [named, schools] } = await newPlan([
  taskBody('TCCB chủ trì; CNTT và các trường phối hợp', L('TCCB'), C('CNTT'), C('affiliated')),
  taskBody('Các trường chủ trì; TCCB phối hợp', L('affiliated'), C('TCCB')),
]);
const key = {
  tccb: await ctx.keyFor('editor', unit.TCCB),
  cntt: await ctx.keyFor('editor', unit.CNTT),
  vp: await ctx.keyFor('editor', unit.VP),
  hd: await ctx.keyFor('editor', unit['THPT-HD']),
  reader: await ctx.keyFor('reader'),
};

t.test('an editor records its own unit’s part only; a coordinator never a lead’s; admins any', async (t) => {
  const own = await record(named!, 'THPT-HD', { progress: 'in_progress', note: 'Đang viết bài' }, key.hd);
  t.equal(own.statusCode, 200, 'a school records its own part, named through its group');
  t.match(own.json(), { code: 'THPT-HD', progress: 'in_progress', note: 'Đang viết bài', version: 2 });

  const refusals: Array<[string, string, string]> = [
    ['THPT-NTMK', key.hd, 'another school’s part'],
    ['TCCB', key.hd, 'the lead’s part, by a school'],
    ['TCCB', key.cntt, 'the lead’s part, by a coordinating division'],
    ['CNTT', key.tccb, 'a coordinator’s part, by the lead'],
    ['TCCB', key.vp, 'a part, by a unit the task does not name'],
  ];
  for (const [who, editor, label] of refusals) {
    const before = await readPart(named!, who);
    const events = await auditCount();
    const task = await readTask(named!);
    const problem = assertProblem(t, await record(named!, who, { progress: 'done', completedOn: '2021-03-10' }, editor), 403, label);
    t.match(problem.detail, new RegExp(`own unit’s part; this part is ${who}’s`));
    t.same(await readPart(named!, who), before, `${label}: the part is unchanged`);
    t.same(await readTask(named!), task, `${label}: so is the task`);
    t.equal(await auditCount(), events, `${label}: nothing audited`);
  }
  assertProblem(t, await record(named!, 'VP', { progress: 'in_progress' }, key.vp), 404, 'a unit the task does not name has no part to record');

  const byCoordinator = await recorded(named!, 'CNTT', { progress: 'done', completedOn: '2021-03-10' }, key.cntt);
  t.match(byCoordinator, { role: 'coordinator', progress: 'done' }, 'a coordinator records its contribution');
  t.match(await readTask(named!), { progress: 'in_progress', completedOn: null }, 'which does not finish the task');
  const byLead = await recorded(named!, 'TCCB', { progress: 'done', completedOn: '2021-03-12' }, key.tccb);
  t.match(byLead, { role: 'lead', progress: 'done' });
  t.match(await readTask(named!), { progress: 'done', completedOn: '2021-03-12' }, 'the lead’s part finishes it');
  t.match(await recorded(named!, 'THPT-NTMK', { progress: 'cancelled', cancelReason: 'Trường không có chuyên mục' }), { progress: 'cancelled' }, 'an admin records any part');
  t.match(await recorded(named!, 'TCCB', { progress: 'in_progress' }), { progress: 'in_progress' }, 'the lead’s part too');
  t.match(await readTask(named!), { progress: 'in_progress', completedOn: null });
});

t.test('the task-level PATCH of an editor reaches only its own part', async (t) => {
  const before = await parts(schools!);
  const res = await patchTask(schools!, { progress: 'in_progress' }, key.tccb);
  t.equal(res.statusCode, 200);
  t.match(res.json(), { progress: 'in_progress', partCounts: { lead: { ...zero, not_started: 4 }, coordinator: { ...zero, in_progress: 1 } } });
  const after = await parts(schools!);
  t.same(after.filter((p) => p.code !== 'TCCB'), before.filter((p) => p.code !== 'TCCB'), 'the coordinating division changed no school’s lead part');
  const stranger = await patchTask(schools!, { progress: 'in_progress' }, key.vp);
  assertProblem(t, stranger, 403, 'a unit the task does not name');
  t.same(await parts(schools!), after, 'nothing changed');
});

t.test('readers read parts and never write them; no key is 401', async (t) => {
  for (const [url, label] of [[partsUrl(named!), 'the parts'], [partUrl(named!, 'TCCB'), 'a part']] as const) {
    t.equal((await ctx.request({ url, key: key.reader })).statusCode, 200, `a reader reads ${label}`);
    t.equal((await ctx.request({ url, key: key.vp })).statusCode, 200, `an editor reads ${label} of a task its unit is not on`);
    assertProblem(t, await ctx.request({ url, key: null }), 401, `no key cannot read ${label}`);
    assertProblem(t, await ctx.request({ url, key: null, headers: { authorization: 'Bearer not-a-key' } }), 401, `a bad key cannot read ${label}`);
  }
  const before = await readPart(named!, 'TCCB');
  const events = await auditCount();
  assertProblem(t, await record(named!, 'TCCB', { progress: 'done', completedOn: '2021-03-10' }, key.reader), 403, 'a reader');
  assertProblem(t, await record(named!, 'TCCB', { progress: 'done', completedOn: '2021-03-10' }, null), 401, 'no key');
  assertProblem(
    t,
    await ctx.request({ method: 'PATCH', url: partUrl(named!, 'TCCB'), payload: { progress: 'done', completedOn: '2021-03-10' }, headers: { 'if-match': '*', authorization: 'Bearer not-a-key' }, key: null }),
    401,
    'a bad key',
  );
  t.same(await readPart(named!, 'TCCB'), before, 'nothing changed');
  t.equal(await auditCount(), events, 'nothing audited');
});

t.test('parts change only on an issued plan', async (t) => {
  const { planId: draftId, tasks: [draft] } = await newPlan([taskBody('Nhiệm vụ nháp', L('TCCB'))], null);
  const onDraft = assertProblem(t, await ctx.request({ method: 'PATCH', url: partUrl(draft!, 'TCCB'), payload: { progress: 'in_progress' }, headers: { 'if-match': '*' } }), 409);
  t.match(onDraft.detail, /only when the plan is issued; this plan is draft\./);
  assertProblem(t, await ctx.request({ method: 'PATCH', url: partUrl(draft!, 'TCCB'), payload: { progress: 'in_progress' }, headers: { 'if-match': '*' }, key: key.tccb }), 409, 'for its editor too');
  t.same(await parts(draft!), [], 'a draft’s task still has no parts');
  t.equal((await readTask(draft!)).progress, 'not_started');
  t.match(assertProblem(t, await ctx.request({ method: 'POST', url: refreshUrl(draftId) }), 409).detail, /this plan is draft/, 'nor are a draft’s parts refreshed');

  const { planId: closedId, tasks: [closing] } = await newPlan([taskBody('Nhiệm vụ của kế hoạch sẽ đóng', L('TCCB'), C('CNTT'))]);
  await recorded(closing!, 'CNTT', { progress: 'in_progress' });
  t.equal((await ctx.request({ method: 'POST', url: `/api/v1/plans/${closedId}/close` })).statusCode, 200);
  const kept = await parts(closing!);
  const task = await readTask(closing!);
  const events = await auditCount();
  t.match(assertProblem(t, await record(closing!, 'CNTT', { progress: 'done', completedOn: '2021-03-10' }), 409).detail, /this plan is closed/);
  assertProblem(t, await record(closing!, 'TCCB', { note: 'Ghi chú muộn' }, key.tccb), 409, 'not even a note');
  assertProblem(t, await patchTask(closing!, { progress: 'done', completedOn: '2021-03-10' }), 409, 'nor through the task');
  assertProblem(t, await ctx.request({ method: 'POST', url: refreshUrl(closedId) }), 409, 'nor refreshed');
  t.same(await parts(closing!), kept, 'a closed plan’s parts stay as they were, and can be read');
  t.same(await readTask(closing!), task);
  t.equal(await auditCount(), events);

  const { planId: cancelledId, tasks: [dropped] } = await newPlan([taskBody('Nhiệm vụ của kế hoạch bị hủy', L('TCCB'))]);
  t.equal((await ctx.request({ method: 'POST', url: `/api/v1/plans/${cancelledId}/cancel`, payload: { reason: 'Thay thế' } })).statusCode, 200);
  t.match(assertProblem(t, await record(dropped!, 'TCCB', { progress: 'in_progress' }), 409).detail, /this plan is cancelled/);
  t.equal((await readPart(dropped!, 'TCCB')).progress, 'not_started');
  t.equal((await readPart(dropped!, 'TCCB')).timeliness, null, 'a cancelled plan’s parts have no timeliness');

  assertProblem(t, await ctx.request({ method: 'PATCH', url: `/api/v1/plans/${MISSING}/tasks/${named!.id}/parts/TCCB`, payload: { progress: 'in_progress' }, headers: { 'if-match': '*' } }), 404, 'no such plan');
  assertProblem(t, await ctx.request({ method: 'PATCH', url: `/api/v1/plans/${planId}/tasks/${MISSING}/parts/TCCB`, payload: { progress: 'in_progress' }, headers: { 'if-match': '*' } }), 404, 'no such task');
});

t.test('refresh-parts is for admins, on an issued plan', async (t) => {
  for (const [k, status, label] of [[key.tccb, 403, 'an editor'], [key.reader, 403, 'a reader'], [null, 401, 'no key']] as const) {
    const events = await auditCount();
    assertProblem(t, await ctx.request({ method: 'POST', url: refreshUrl(planId), key: k }), status, label);
    t.equal(await auditCount(), events, `${label}: nothing audited`);
  }
  assertProblem(t, await ctx.request({ method: 'POST', url: refreshUrl(MISSING) }), 404);
  assertProblem(t, await ctx.request({ method: 'POST', url: '/api/v1/plans/not-a-uuid/refresh-parts' }), 400);
  assertProblem(t, await ctx.request({ method: 'POST', url: refreshUrl(planId), payload: { force: true } }), 400, 'it takes no body');
  const before = await parts(named!);
  const res = await ctx.request({ method: 'POST', url: refreshUrl(planId) });
  t.equal(res.statusCode, 200);
  t.same(res.json(), { planId, added: 0, removed: 0 }, 'nothing to do when no group has changed');
  t.same(await parts(named!), before, 'and nothing changed');
  const withBody = await ctx.request({ method: 'POST', url: refreshUrl(planId), payload: {} });
  t.equal(withBody.statusCode, 200, 'an empty object is an empty body');
  const events = (await ctx.request({ url: `/api/v1/audit?entityType=plan&entityId=${planId}&action=refresh_parts` })).json().items;
  t.equal(events.length, 2, 'each refresh is audited on the plan');
  t.match(events[0], { action: 'refresh_parts', entityType: 'plan', actor: { name: 'admin key for tests' }, before: null, after: { planId, added: 0, removed: 0 } });
});

t.test('GET /api/v1/tasks?unitCode= shows that unit’s own part of each task', async (t) => {
  const { tasks: [drafted] } = await newPlan([taskBody('Nhiệm vụ nháp của TCCB', L('TCCB'))], null);
  const search = async (query: string): Promise<Task[]> => {
    const res = await ctx.request({ url: `/api/v1/tasks?limit=200&asOf=${AS_OF}&${query}` });
    if (res.statusCode !== 200) throw new Error(res.body);
    return res.json().items;
  };
  const tccb = await search(`unitCode=TCCB&planId=${planId}`);
  t.same(tccb.map((x) => x.id), [named!.id, schools!.id]);
  t.same(tccb.map((x) => [x.part?.code, x.part?.role]), [['TCCB', 'lead'], ['TCCB', 'coordinator']], 'its lead part of one task, its coordinating part of the other');
  t.same(tccb[0]!.part, await readPart(named!, 'TCCB'), 'the part as GET shows it');
  t.same(tccb[1]!.part, await readPart(schools!, 'TCCB'));

  const hd = await search(`unitCode=THPT-HD&planId=${planId}`);
  t.same(hd.map((x) => [x.part?.code, x.part?.role, x.part?.progress]), [['THPT-HD', 'coordinator', 'in_progress'], ['THPT-HD', 'lead', 'not_started']], 'a school’s own parts, named through its group');
  t.same(await search(`unitId=${unit['THPT-HD']}&planId=${planId}`), hd, 'the same by unitId');
  t.same((await search(`unitCode=THPT-HD&role=lead&planId=${planId}`)).map((x) => [x.id, x.part?.role]), [[schools!.id, 'lead']], 'with role');
  // "My tasks by my status": with a unit, progress and timeliness are its own part's, not the task's.
  const all = [...tccb, ...hd];
  t.ok(all.some((x) => x.part && x.part.progress !== x.progress), 'some part stands where its task does not, so the filters below can tell');
  for (const code of ['TCCB', 'THPT-HD']) {
    const mine = code === 'TCCB' ? tccb : hd;
    for (const progress of ['not_started', 'in_progress']) {
      const found = await search(`unitCode=${code}&planId=${planId}&progress=${progress}`);
      t.same(found.map((x) => x.id), mine.filter((x) => x.part?.progress === progress).map((x) => x.id), `${code}, progress=${progress}: by its own part`);
    }
    for (const timeliness of ['not_started', 'in_progress']) {
      const found = await search(`unitCode=${code}&planId=${planId}&timeliness=${timeliness}`);
      t.same(found.map((x) => x.id), mine.filter((x) => x.part?.timeliness === timeliness).map((x) => x.id), `${code}, timeliness=${timeliness}: by its own part`);
    }
  }
  const ntmk = await search(`unitCode=THPT-NTMK&planId=${planId}`);
  t.same(ntmk.map((x) => x.part?.progress), ['cancelled', 'not_started'], 'each unit sees its own, not another school’s');

  const withDraft = await search('unitCode=TCCB');
  const draftRow = withDraft.find((x) => x.id === drafted!.id);
  t.ok(draftRow, 'the draft’s task is found');
  t.equal(draftRow?.part, null, 'with no part: its plan is a draft');
  t.same(draftRow?.partCounts, { lead: zero, coordinator: zero });
  const plain = await search(`planId=${planId}`);
  t.equal(plain.length, 2);
  t.ok(plain.every((x) => !('part' in x)), 'without a unit, tasks carry no part');
  t.ok(plain.every((x) => x.partCounts.lead.not_started + x.partCounts.lead.in_progress + x.partCounts.lead.done + x.partCounts.lead.cancelled > 0), 'but their counts');
});

t.test('refresh adds parts for units that joined a group and removes untouched parts of units no longer named', async (t) => {
  const added = async (code: string, kind: string) => (unit[code] = (await ctx.addUnit({ code, name: `Đơn vị ${code}`, kind, parentId: unit.SGDDT })).id);
  for (const code of ['PB-A', 'PB-B', 'PB-C', 'PB-D', 'PB-E']) await added(code, 'division');
  await added('THPT-A', 'affiliated');
  const { planId: id, tasks: [led, coordinated] } = await newPlan([
    taskBody('Các trường chủ trì', L('affiliated'), C('TCCB')),
    taskBody('TCCB chủ trì; các phòng phối hợp', L('TCCB'), C('divisions')),
  ]);
  const schoolsLead = ['GDTX', 'THPT-A', 'THPT-HD', 'THPT-LLQ', 'THPT-NTMK'];
  t.same((await parts(led!)).filter((p) => p.role === 'lead').map((p) => p.code), schoolsLead, 'the units of the group when the plan was issued');

  for (const [i, code] of ['GDTX', 'THPT-HD', 'THPT-LLQ', 'THPT-NTMK'].entries()) await recorded(led!, code, { progress: 'done', completedOn: `2021-03-0${i + 2}` });
  t.match(await readTask(led!), { progress: 'in_progress', version: 2 }, 'four schools of five done');

  // The divisions added for this test, each with another reason to keep (or lose) its part.
  const post = async (code: string) => {
    const res = await ctx.request({ method: 'POST', url: '/api/v1/activities', payload: { unitId: unit[code], form: 'meeting', title: 'Họp triển khai', occurredOn: '2021-03-03', taskId: coordinated!.id } });
    if (res.statusCode !== 201) throw new Error(`activity: ${res.body}`);
    return res.json() as { id: string; version: number };
  };
  await recorded(coordinated!, 'PB-A', { progress: 'in_progress' });
  await recorded(coordinated!, 'PB-B', { note: 'Sẽ phối hợp' });
  await post('PB-C');
  const gone = await post('PB-D');
  t.equal((await ctx.request({ method: 'DELETE', url: `/api/v1/activities/${gone.id}`, headers: { 'if-match': `"${gone.version}"` } })).statusCode, 204);
  for (const code of ['THPT-A', 'PB-A', 'PB-B', 'PB-C', 'PB-D', 'PB-E']) {
    const res = await ctx.request({ method: 'POST', url: `/api/v1/units/${unit[code]}/deactivate` });
    if (res.statusCode !== 200) throw new Error(`deactivate ${code}: ${res.body}`);
  }
  t.ok(await hasPart(led!, 'THPT-A'), 'deactivating a unit does not touch its parts by itself');
  t.equal((await readTask(led!)).progress, 'in_progress');

  const first = await ctx.request({ method: 'POST', url: refreshUrl(id) });
  t.equal(first.statusCode, 200);
  t.same(first.json(), { planId: id, added: 0, removed: 3 }, 'THPT-A’s part of the first task, PB-D’s and PB-E’s of the second');
  t.notOk(await hasPart(led!, 'THPT-A'), 'the deactivated school’s untouched part is gone');
  t.match(await readTask(led!), { progress: 'done', completedOn: '2021-03-05', version: 3 }, 'so every lead left is done: the task is done, with a new version');
  const left = (await parts(coordinated!)).map((p) => p.code);
  t.same(left.filter((c) => c.startsWith('PB-')), ['PB-A', 'PB-B', 'PB-C'], 'kept: started, with a note, with evidence; gone: untouched, or with only removed evidence');
  t.match(await readPart(coordinated!, 'PB-B'), { progress: 'not_started', note: 'Sẽ phối hợp' });
  t.equal((await readTask(coordinated!)).version, 2, 'a task whose progress did not move keeps its version');

  // A school opens after the issue: it has no part until the plan is refreshed.
  await added('THPT-B', 'affiliated');
  const newcomer = await ctx.keyFor('editor', unit['THPT-B']);
  t.notOk(await hasPart(led!, 'THPT-B'));
  assertProblem(t, await record(led!, 'THPT-B', { progress: 'in_progress' }, newcomer), 404, 'no part to record on yet');
  const before = await readTask(led!);
  const noPart = assertProblem(t, await patchTask(led!, { progress: 'in_progress' }, newcomer), 409, 'the task-level PATCH cannot place it either');
  t.match(noPart.detail, /no part of this task yet.*refreshes the plan’s parts/);
  t.same(await readTask(led!), before, 'and changes nothing');
  const found = (await ctx.request({ url: `/api/v1/tasks?unitCode=THPT-B&planId=${id}` })).json().items;
  t.same(found.map((x: Task) => [x.id, x.part]), [[led!.id, null]], 'the task names it through its group, with no part for it yet');

  const second = await ctx.request({ method: 'POST', url: refreshUrl(id) });
  t.same(second.json(), { planId: id, added: 1, removed: 0 }, 'a lead part for the new school; none for a division task');
  t.match(await readPart(led!, 'THPT-B'), { role: 'lead', progress: 'not_started', version: 1 });
  t.match(await readTask(led!), { progress: 'in_progress', completedOn: null, version: 4, partCounts: { lead: { ...zero, done: 4, not_started: 1 } } }, 'a new lead not started reopens the task');
  t.notOk(await hasPart(coordinated!, 'THPT-B'));

  const third = await ctx.request({ method: 'POST', url: refreshUrl(id) });
  t.same(third.json(), { planId: id, added: 0, removed: 0 }, 'a second refresh finds nothing to do');
  t.equal((await readTask(led!)).version, 4);

  await recorded(led!, 'THPT-B', { progress: 'done', completedOn: '2021-03-14' }, newcomer);
  t.match(await readTask(led!), { progress: 'done', completedOn: '2021-03-14' }, 'its editor records its part and the task is done again');
  const events = (await ctx.request({ url: `/api/v1/audit?entityType=plan&entityId=${id}&action=refresh_parts` })).json().items;
  t.same(events.map((e: { after: { added: number; removed: number } }) => [e.after.added, e.after.removed]), [[0, 0], [1, 0], [0, 3]], 'every refresh audited, newest first');
});
