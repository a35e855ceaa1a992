// Each unit's own part of a task: made when the plan is issued (groups resolved, a unit named twice
// leads), listed lead first then by code across pages, read by unit id or code under an ETag, recorded
// under If-Match, and the task's progress derived from its lead units' parts; the task-level PATCH of
// before parts existed records on parts; every part write is audited as a task_part.
import { readdirSync } from 'node:fs';
import { type Kysely, sql } from 'kysely';
import t from 'tap';
import type { TaskPart } from '../../../src/modules/tasks/parts.schemas.js';
import type { Task } from '../../../src/modules/tasks/tasks.schemas.js';
import { assertProblem } from '../../helpers/app.js';
import { taskFixtures } from './fixtures.js';

type Migration = { up(db: Kysely<any>): Promise<void>; down(db: Kysely<any>): Promise<void> };

/** The migrations after `file`, oldest first. */
async function laterMigrations(file: string): Promise<Migration[]> {
  const dir = new URL('../../../migrations/', import.meta.url);
  const names = readdirSync(dir).filter((name) => name.endsWith('.ts') && name > file).sort();
  return Promise.all(names.map((name) => import(new URL(name, dir).href) as Promise<Migration>));
}

const { ctx, unit, L, C, taskBody, newPlan, taskUrl } = await taskFixtures(t);
const MISSING = '00000000-0000-4000-8000-000000000000';
const DIVISIONS = ['CNTT', 'GDTH', 'GDTRH', 'KHTC', 'TCCB', 'VP'];
const SCHOOLS = ['GDTX', 'THPT-HD', 'THPT-LLQ', 'THPT-NTMK'];
const partsUrl = (task: Task) => `${taskUrl(task)}/parts`;
const partUrl = (task: Task, who: string) => `${partsUrl(task)}/${who}`;

async function readTask(task: Task, asOf = '2021-03-15'): Promise<Task> {
  const res = await ctx.request({ url: `${taskUrl(task)}?asOf=${asOf}` });
  if (res.statusCode !== 200) throw new Error(`task: ${res.body}`);
  return res.json();
}
async function readPart(task: Task, who: string, asOf = '2021-03-15'): Promise<TaskPart> {
  const res = await ctx.request({ url: `${partUrl(task, who)}?asOf=${asOf}` });
  if (res.statusCode !== 200) throw new Error(`part ${who}: ${res.body}`);
  return res.json();
}
/** PATCH of the unit's part under the If-Match of its current version (admin's key unless another is given). */
async function record(task: Task, who: string, payload: object, key?: string) {
  const etag = (await ctx.request({ url: partUrl(task, who) })).headers.etag as string;
  return ctx.request({ method: 'PATCH', url: partUrl(task, who), payload, headers: { 'if-match': etag }, ...(key ? { key } : {}) });
}
async function recorded(task: Task, who: string, payload: object, key?: string): Promise<TaskPart> {
  const res = await record(task, who, payload, key);
  if (res.statusCode !== 200) throw new Error(`record ${who}: ${res.body}`);
  return res.json();
}
/** PATCH of the task itself under the If-Match of its current version. */
async function patchTask(task: Task, payload: object, key?: string) {
  const etag = (await ctx.request({ url: taskUrl(task) })).headers.etag as string;
  return ctx.request({ method: 'PATCH', url: taskUrl(task), payload, headers: { 'if-match': etag }, ...(key ? { key } : {}) });
}
/** Every part, following nextCursor page by page. */
async function allParts(task: Task, query: string, limit: number): Promise<{ parts: TaskPart[]; pages: number[] }> {
  const parts: TaskPart[] = [];
  const pages: number[] = [];
  let cursor: string | null = null;
  do {
    const res = await ctx.request({ url: `${partsUrl(task)}?limit=${limit}${query}${cursor ? `&cursor=${cursor}` : ''}` });
    if (res.statusCode !== 200) throw new Error(`parts: ${res.body}`);
    const page = res.json();
    parts.push(...page.items);
    pages.push(page.items.length);
    cursor = page.nextCursor;
  } while (cursor && pages.length < 20);
  return { parts, pages };
}
const progressOf = async (task: Task) => Object.fromEntries((await allParts(task, '', 200)).parts.map((p) => [p.code, p.progress]));
const events = async (entityType: string, entityId: string) => (await ctx.request({ url: `/api/v1/audit?entityType=${entityType}&entityId=${entityId}&limit=200` })).json().items;
const zero = { not_started: 0, in_progress: 0, done: 0, cancelled: 0 };
const pointers = (problem: { errors?: Array<{ pointer: string }> }) => (problem.errors ?? []).map((e) => e.pointer);

t.test('parts are made when the plan is issued: one per unit named, groups resolved, a unit named twice leads', async (t) => {
  const { planId, tasks } = await newPlan(
    [
      taskBody('TCCB chủ trì; CNTT và các đơn vị trực thuộc phối hợp', L('TCCB'), C('CNTT'), C('affiliated')),
      taskBody('Các phòng chủ trì; TCCB cũng được nêu phối hợp', L('divisions'), C('TCCB')),
      taskBody('TCCB chủ trì; mọi đơn vị phối hợp', C('all_units'), L('TCCB')),
    ],
    null,
  );
  const [named, divisions, everyone] = tasks as [Task, Task, Task];
  const draft = await ctx.request({ url: partsUrl(named) });
  t.equal(draft.statusCode, 200);
  t.same(draft.json(), { items: [], nextCursor: null }, 'a draft plan’s task has no parts');
  t.same((await readTask(named)).partCounts, { lead: zero, coordinator: zero }, 'and counts none');
  t.equal((await ctx.request({ url: partUrl(named, 'TCCB') })).statusCode, 404, 'nor any one part');

  t.equal((await ctx.request({ method: 'POST', url: `/api/v1/plans/${planId}/issue`, payload: { issuedOn: '2021-02-10' } })).statusCode, 200);

  const first = (await allParts(named, '&asOf=2021-03-15', 200)).parts;
  t.same(first.map((p) => [p.role, p.code]), [['lead', 'TCCB'], ...['CNTT', ...SCHOOLS].map((c) => ['coordinator', c])], 'lead first, then the coordinators by code');
  const tccb = first[0]!;
  t.match(tccb, { taskId: named.id, unitId: unit.TCCB, code: 'TCCB', name: 'Phòng Tổ chức cán bộ', role: 'lead', progress: 'not_started', completedOn: null, cancelReason: null, note: null, timeliness: 'not_started', activityIds: [], version: 1 });
  t.match(tccb.id, /^[0-9a-f-]{36}$/);
  t.ok(!Number.isNaN(Date.parse(tccb.updatedAt)), 'updatedAt is an instant');
  t.equal(new Set(first.map((p) => p.id)).size, first.length, 'each part its own id');
  t.same((await readTask(named)).partCounts, { lead: { ...zero, not_started: 1 }, coordinator: { ...zero, not_started: 5 } });

  const second = (await allParts(divisions, '', 200)).parts;
  t.same(second.map((p) => [p.role, p.code]), DIVISIONS.map((c) => ['lead', c]), 'the divisions group resolves to every division; TCCB keeps its lead role');
  t.same((await readTask(divisions)).partCounts, { lead: { ...zero, not_started: 6 }, coordinator: zero });

  const third = (await allParts(everyone, '', 200)).parts;
  t.same(third.map((p) => [p.role, p.code]), [['lead', 'TCCB'], ...[...DIVISIONS.filter((c) => c !== 'TCCB'), ...SCHOOLS].sort().map((c) => ['coordinator', c])], 'all_units: divisions and affiliated units, not the Department nor outside bodies');
  t.notOk(third.some((p) => p.code === 'SGDDT' || p.code === 'SNV'));
});

t.test('the list pages through lead parts then coordinators, with filters', async (t) => {
  const { tasks: [task] } = await newPlan([taskBody('TCCB, KHTC chủ trì; mọi đơn vị phối hợp', L('TCCB'), L('KHTC'), C('all_units'))]);
  const full = (await allParts(task!, '', 200)).parts;
  t.equal(full.length, 10);
  t.same(full.slice(0, 2).map((p) => p.code), ['KHTC', 'TCCB'], 'leads first, by code');
  t.ok(full.slice(2).every((p) => p.role === 'coordinator'));

  for (const limit of [1, 3, 4, 9, 10]) {
    const { parts, pages } = await allParts(task!, '', limit);
    t.same(parts.map((p) => p.id), full.map((p) => p.id), `limit ${limit}: every part once, in order`);
    t.equal(pages.length, Math.ceil(10 / limit), `limit ${limit}: ${Math.ceil(10 / limit)} pages`);
  }
  const exact = (await ctx.request({ url: `${partsUrl(task!)}?limit=10` })).json();
  t.equal(exact.items.length, 10);
  t.equal(exact.nextCursor, null, 'no cursor when the page holds the rest');
  const firstPage = (await ctx.request({ url: `${partsUrl(task!)}?limit=2` })).json();
  t.type(firstPage.nextCursor, 'string', 'a cursor when more follow');

  const coordinators = await allParts(task!, '&role=coordinator', 3);
  t.same(coordinators.parts.map((p) => p.code), full.slice(2).map((p) => p.code), 'role=coordinator across pages');
  t.same(coordinators.pages, [3, 3, 2]);
  const leads = await allParts(task!, '&role=lead', 200);
  t.same(leads.parts.map((p) => p.code), ['KHTC', 'TCCB']);

  await recorded(task!, 'THPT-HD', { progress: 'in_progress' });
  await recorded(task!, 'TCCB', { progress: 'done', completedOn: '2021-03-05' });
  await recorded(task!, 'CNTT', { progress: 'in_progress' });
  t.same((await allParts(task!, '&progress=in_progress', 1)).parts.map((p) => p.code), ['CNTT', 'THPT-HD'], 'progress filter across pages');
  t.same((await allParts(task!, '&progress=done', 200)).parts.map((p) => p.code), ['TCCB']);
  t.same((await allParts(task!, '&progress=in_progress&role=lead', 200)).parts, [], 'both filters');
  t.same((await allParts(task!, '&progress=not_started&role=lead', 200)).parts.map((p) => p.code), ['KHTC']);

  const at = async (asOf: string) => (await ctx.request({ url: `${partsUrl(task!)}?role=lead&asOf=${asOf}` })).json().items.map((p: TaskPart) => p.timeliness);
  t.same(await at('2021-03-10'), ['not_started', 'done_on_time'], 'timeliness as of a date in the due month');
  t.same(await at('2021-03-04'), ['not_started', 'in_progress'], 'a part done after asOf was still in progress then');
  t.same(await at('2021-04-01'), ['overdue', 'done_on_time'], 'the task’s due date decides: past it, a part not done is overdue');

  assertProblem(t, await ctx.request({ url: `${partsUrl(task!)}?cursor=not-a-cursor` }), 400, 'a cursor the list did not give out');
  assertProblem(t, await ctx.request({ url: `${partsUrl(task!)}?limit=0` }), 400);
  assertProblem(t, await ctx.request({ url: `${partsUrl(task!)}?limit=201` }), 400);
  assertProblem(t, await ctx.request({ url: `${partsUrl(task!)}?role=owner` }), 400);
  assertProblem(t, await ctx.request({ url: `${partsUrl(task!)}?progress=finished` }), 400);
  assertProblem(t, await ctx.request({ url: `${partsUrl(task!)}?asOf=2021-02-30` }), 400);
  assertProblem(t, await ctx.request({ url: `${partsUrl(task!)}?unitCode=TCCB` }), 400, 'an unknown parameter');
  assertProblem(t, await ctx.request({ url: `/api/v1/plans/${task!.planId}/tasks/${MISSING}/parts` }), 404, 'no such task');
  assertProblem(t, await ctx.request({ url: `/api/v1/plans/${MISSING}/tasks/${task!.id}/parts` }), 404, 'the task under another plan');
  assertProblem(t, await ctx.request({ url: `/api/v1/plans/${task!.planId}/tasks/not-a-uuid/parts` }), 400);
});

t.test('one part by unit id or code, under its ETag; a write needs If-Match and a stale one changes nothing', async (t) => {
  const { tasks: [task, other] } = await newPlan([taskBody('TCCB chủ trì, CNTT phối hợp', L('TCCB'), C('CNTT')), taskBody('Nhiệm vụ khác', L('VP'))]);
  const byCode = await ctx.request({ url: `${partUrl(task!, 'CNTT')}?asOf=2021-03-15` });
  t.equal(byCode.statusCode, 200);
  t.equal(byCode.headers.etag, '"1"');
  const byId = await ctx.request({ url: `${partUrl(task!, unit.CNTT!)}?asOf=2021-03-15` });
  t.equal(byId.statusCode, 200);
  t.same(byId.json(), byCode.json(), 'the same part by id or by code');
  t.match(byCode.json(), { code: 'CNTT', role: 'coordinator', version: 1 });
  const asOfElse = await ctx.request({ url: `${partUrl(task!, 'CNTT')}?asOf=2021-04-10`, headers: { 'if-none-match': '"1"' } });
  t.equal(asOfElse.statusCode, 200, 'its timeliness is as of a date the ETag does not cover: never 304');
  t.equal(asOfElse.json().timeliness, 'overdue', 'the copy held said not_started');

  assertProblem(t, await ctx.request({ url: partUrl(task!, 'VP') }), 404, 'a unit the task does not name has no part');
  assertProblem(t, await ctx.request({ url: partUrl(other!, 'TCCB') }), 404, 'nor on another task');
  assertProblem(t, await ctx.request({ url: partUrl(task!, 'NOPE') }), 404, 'a code that names no unit');
  assertProblem(t, await ctx.request({ url: partUrl(task!, MISSING) }), 404, 'an id that names no unit');
  assertProblem(t, await ctx.request({ url: partUrl(task!, 'tccb') }), 400, 'neither an id nor a code');
  assertProblem(t, await ctx.request({ url: `/api/v1/plans/${other!.planId}/tasks/${MISSING}/parts/TCCB` }), 404);
  assertProblem(t, await ctx.request({ url: `${partUrl(task!, 'TCCB')}?role=lead` }), 400, 'an unknown parameter');

  const url = partUrl(task!, 'CNTT');
  const before = byCode.json() as TaskPart;
  const unchanged = async (label: string) => t.same(await readPart(task!, 'CNTT'), before, `${label}: nothing changed`);
  const noIfMatch = assertProblem(t, await ctx.request({ method: 'PATCH', url, payload: { progress: 'in_progress' } }), 428);
  t.match(noIfMatch.detail, /If-Match/);
  await unchanged('without If-Match');
  assertProblem(t, await ctx.request({ method: 'PATCH', url, payload: { progress: 'in_progress' }, headers: { 'if-match': '"7"' } }), 412);
  await unchanged('a version that never was');
  assertProblem(t, await ctx.request({ method: 'PATCH', url, payload: { progress: 'in_progress' }, headers: { 'if-match': 'W/"1"' } }), 412, 'a weak tag never matches');
  await unchanged('a weak tag');
  assertProblem(t, await ctx.request({ method: 'PATCH', url, payload: { progress: 'in_progress' }, headers: { 'if-match': 'one' } }), 412);

  const ok = await ctx.request({ method: 'PATCH', url, payload: { progress: 'in_progress', note: 'Đang chuẩn bị bài viết' }, headers: { 'if-match': '"1"' } });
  t.equal(ok.statusCode, 200);
  t.equal(ok.headers.etag, '"2"');
  t.match(ok.json(), { code: 'CNTT', progress: 'in_progress', note: 'Đang chuẩn bị bài viết', version: 2 });
  t.not(ok.json().updatedAt, before.updatedAt, 'updatedAt moves');
  const stale = await ctx.request({ method: 'PATCH', url, payload: { progress: 'done', completedOn: '2021-03-10' }, headers: { 'if-match': '"1"' } });
  assertProblem(t, stale, 412, 'the version it was read at is gone');
  t.match(await readPart(task!, 'CNTT'), { progress: 'in_progress', completedOn: null, version: 2 }, 'a stale write changes nothing');
  const any = await ctx.request({ method: 'PATCH', url, payload: { note: null }, headers: { 'if-match': '*' } });
  t.equal(any.statusCode, 200, '* matches any version');
  t.match(any.json(), { progress: 'in_progress', note: null, version: 3 }, 'null clears the note; progress stays');
  t.equal((await ctx.request({ url, headers: { 'if-none-match': '"2"' } })).statusCode, 200, 'an old copy is sent the new one');
  t.equal((await ctx.request({ url, headers: { 'if-none-match': '"3"' } })).statusCode, 200, 'and so is the current one');
});

t.test('a part’s progress follows the same rules as a task’s; refused writes change nothing', async (t) => {
  const { tasks: [task] } = await newPlan([taskBody('TCCB chủ trì', L('TCCB'))]);
  const before = await readPart(task!, 'TCCB');
  const cases: Array<[object, number, string[]?]> = [
    [{ progress: 'done' }, 422, ['/body/completedOn']],
    [{ progress: 'in_progress', completedOn: '2021-03-10' }, 422, ['/body/completedOn']],
    [{ progress: 'done', completedOn: '2099-01-01' }, 422, ['/body/completedOn']],
    [{ progress: 'cancelled' }, 422, ['/body/cancelReason']],
    [{ cancelReason: 'Không cần' }, 422, ['/body/cancelReason']],
    [{ progress: 'done', completedOn: '2021-02-30' }, 400],
    [{ progress: 'finished' }, 400],
    [{}, 400],
    [{ note: '' }, 400],
    [{ note: '   ' }, 400],
    [{ progressNote: 'Ghi chú' }, 400],
    [{ role: 'coordinator' }, 400],
    [{ progress: null }, 400],
  ];
  for (const [payload, status, expected] of cases) {
    const problem = assertProblem(t, await record(task!, 'TCCB', payload), status, `${JSON.stringify(payload)} → ${status}`);
    if (expected) t.same(pointers(problem), expected);
  }
  t.same(await readPart(task!, 'TCCB'), before, 'nothing changed');
  t.match(await readTask(task!), { progress: 'not_started', version: 1 });
  t.same(await events('task_part', before.id), [], 'and nothing was audited');

  const done = await recorded(task!, 'TCCB', { progress: 'done', completedOn: '2021-03-10', note: 'Đã đăng bài' });
  t.match(done, { progress: 'done', completedOn: '2021-03-10', note: 'Đã đăng bài', timeliness: 'done_on_time' });
  const reopened = await recorded(task!, 'TCCB', { progress: 'in_progress' });
  t.match(reopened, { progress: 'in_progress', completedOn: null, note: 'Đã đăng bài' }, 'leaving done clears the date; the note stays');
  const cancelled = await recorded(task!, 'TCCB', { progress: 'cancelled', cancelReason: 'Gộp vào nhiệm vụ khác' });
  t.match(cancelled, { progress: 'cancelled', cancelReason: 'Gộp vào nhiệm vụ khác', timeliness: 'cancelled' });
  t.match(await recorded(task!, 'TCCB', { progress: 'not_started' }), { progress: 'not_started', cancelReason: null }, 'leaving cancelled clears the reason');
});

t.test('the task’s progress is derived from its lead units’ parts', async (t) => {
  const { tasks: [task] } = await newPlan([taskBody('TCCB và KHTC chủ trì, CNTT phối hợp', L('TCCB'), L('KHTC'), C('CNTT'))]);
  const expect = async (label: string, want: Partial<Task>, version: number) => {
    const read = await readTask(task!);
    t.match(read, want, label);
    t.equal(read.version, version, `${label}: version ${version}`);
  };
  await expect('nothing recorded: not started', { progress: 'not_started', completedOn: null, cancelReason: null }, 1);

  await recorded(task!, 'CNTT', { progress: 'in_progress' });
  await expect('a coordinator has started: in progress', { progress: 'in_progress', partCounts: { lead: { ...zero, not_started: 2 }, coordinator: { ...zero, in_progress: 1 } } }, 2);
  await recorded(task!, 'CNTT', { note: 'Ghi chú thêm' });
  await expect('a part write that changes no derived value leaves the task’s version', { progress: 'in_progress' }, 2);
  await recorded(task!, 'CNTT', { progress: 'not_started' });
  await expect('it stops: not started again', { progress: 'not_started' }, 3);
  await recorded(task!, 'CNTT', { progress: 'done', completedOn: '2021-03-02' });
  await expect('a coordinator done does not finish the task', { progress: 'in_progress', completedOn: null }, 4);

  await recorded(task!, 'TCCB', { progress: 'done', completedOn: '2021-03-05' });
  await expect('one lead of two done: in progress', { progress: 'in_progress', completedOn: null, partCounts: { lead: { ...zero, done: 1, not_started: 1 }, coordinator: { ...zero, done: 1 } } }, 4);
  await recorded(task!, 'KHTC', { progress: 'done', completedOn: '2021-03-20' });
  await expect('every lead done: done on the latest lead’s date', { progress: 'done', completedOn: '2021-03-20', cancelReason: null }, 5);
  t.equal((await readTask(task!, '2021-04-01')).timeliness, 'done_on_time');

  await recorded(task!, 'KHTC', { progress: 'in_progress' });
  await expect('a lead reopens: in progress, no date', { progress: 'in_progress', completedOn: null }, 6);
  await recorded(task!, 'KHTC', { progress: 'cancelled', cancelReason: 'KHTC không còn phụ trách' });
  await expect('the other lead cancels: done, on the date of the lead that did it', { progress: 'done', completedOn: '2021-03-05', cancelReason: null }, 7);
  await recorded(task!, 'TCCB', { progress: 'cancelled', cancelReason: 'Bãi bỏ nhiệm vụ' });
  await expect('every lead cancelled: cancelled, with a lead’s reason', { progress: 'cancelled', completedOn: null, cancelReason: 'Bãi bỏ nhiệm vụ', timeliness: 'cancelled' }, 8);
  await recorded(task!, 'CNTT', { progress: 'in_progress' });
  await expect('a coordinator’s work does not revive a cancelled task', { progress: 'cancelled' }, 8);

  await recorded(task!, 'TCCB', { progress: 'not_started' });
  await expect('a lead back to not started, a coordinator working: in progress', { progress: 'in_progress', cancelReason: null }, 9);
  await recorded(task!, 'CNTT', { progress: 'not_started' });
  await expect('no part started, one lead cancelled: not started', { progress: 'not_started' }, 10);
  await recorded(task!, 'CNTT', { progress: 'cancelled', cancelReason: 'Không tham gia' });
  await expect('a coordinator cancelling starts nothing', { progress: 'not_started' }, 10);
  await recorded(task!, 'TCCB', { progress: 'done', completedOn: '2021-04-02' });
  await expect('the one lead left done (late)', { progress: 'done', completedOn: '2021-04-02' }, 11);
  t.equal((await readTask(task!, '2021-04-10')).timeliness, 'done_late');
  t.same(await progressOf(task!), { TCCB: 'done', KHTC: 'cancelled', CNTT: 'cancelled' });
});

t.test('a task led by all divisions is followed division by division', async (t) => {
  const { planId, tasks: [task] } = await newPlan([taskBody('Các phòng chuyên môn đăng tin; các trường phối hợp', L('divisions'), C('affiliated'))]);
  const school = await ctx.keyFor('editor', unit['THPT-HD']);
  await recorded(task!, 'THPT-HD', { progress: 'in_progress' }, school);
  t.match(await readTask(task!), { progress: 'in_progress', partCounts: { lead: { ...zero, not_started: 6 }, coordinator: { ...zero, not_started: 3, in_progress: 1 } } }, 'a school started: in progress with no division done');

  // The latest date is recorded second, so the task's date is the latest lead's, not the last written.
  const dates: Record<string, string> = { VP: '2021-03-02', TCCB: '2021-03-20', KHTC: '2021-03-05', CNTT: '2021-03-06', GDTRH: '2021-03-07', GDTH: '2021-03-08' };
  const order = Object.keys(dates);
  for (const [i, code] of order.entries()) {
    const key = await ctx.keyFor('editor', unit[code]);
    const part = await recorded(task!, code, { progress: 'done', completedOn: dates[code] }, key);
    t.match(part, { code, role: 'lead', progress: 'done', completedOn: dates[code] });
    const read = await readTask(task!);
    const last = i === order.length - 1;
    t.same(read.partCounts.lead, { ...zero, done: i + 1, not_started: 5 - i }, `${i + 1} of 6 divisions done`);
    t.equal(read.progress, last ? 'done' : 'in_progress', last ? 'the last division: done' : `${code} done: still in progress`);
    t.equal(read.completedOn, last ? '2021-03-20' : null);
    const listed = (await ctx.request({ url: `${partsUrl(task!)}?role=lead&progress=not_started` })).json().items.map((p: TaskPart) => p.code);
    t.same(listed, DIVISIONS.filter((c) => !order.slice(0, i + 1).includes(c)), 'the divisions still to do');
  }
  t.equal((await readTask(task!, '2021-04-01')).timeliness, 'done_on_time');
  const summary = (await ctx.request({ url: `/api/v1/plans/${planId}/progress?asOf=2021-04-01` })).json();
  t.match(summary, { total: 1, byProgress: { done: 1 }, completionRate: 1 });
  t.equal((await readTask(task!)).partCounts.coordinator.in_progress, 1, 'the school’s own part is untouched by the divisions');

  await recorded(task!, 'GDTH', { progress: 'in_progress' }, await ctx.keyFor('editor', unit.GDTH));
  t.match(await readTask(task!), { progress: 'in_progress', completedOn: null }, 'one division reopening reopens the task');
});

t.test('the task-level PATCH of progress records on parts: an editor’s own, an admin’s every lead’s', async (t) => {
  const { tasks: [task] } = await newPlan([taskBody('TCCB và KHTC chủ trì; CNTT và các trường phối hợp', L('TCCB'), L('KHTC'), C('CNTT'), C('affiliated'))]);
  const tccb = await ctx.keyFor('editor', unit.TCCB);
  const cntt = await ctx.keyFor('editor', unit.CNTT);
  const school = await ctx.keyFor('editor', unit['THPT-LLQ']);

  const byLead = await patchTask(task!, { progress: 'done', completedOn: '2021-03-05' }, tccb);
  t.equal(byLead.statusCode, 200);
  t.match(byLead.json(), { progress: 'in_progress', completedOn: null, version: 2, partCounts: { lead: { ...zero, done: 1, not_started: 1 } } }, 'a lead editor’s progress is its part’s; the other lead is not done');
  t.equal(byLead.headers.etag, '"2"');
  t.match(await readPart(task!, 'TCCB'), { progress: 'done', completedOn: '2021-03-05', version: 2 });
  t.match(await readPart(task!, 'KHTC'), { progress: 'not_started', version: 1 }, 'the other lead’s part is untouched');
  const tccbPart = await readPart(task!, 'TCCB');
  const [byLeadEvent, ...more] = await events('task_part', tccbPart.id);
  t.same(more, [], 'one event on its part');
  t.match(byLeadEvent, { action: 'progress', entityType: 'task_part', actor: { name: 'editor key for tests' }, before: { code: 'TCCB', progress: 'not_started', version: 1 }, after: { code: 'TCCB', progress: 'done', completedOn: '2021-03-05', version: 2 } }, 'the part written through the task is audited as a task_part');
  t.same(await events('task_part', (await readPart(task!, 'KHTC')).id), [], 'the other lead’s part has no event');

  t.equal((await patchTask(task!, { progress: 'in_progress' }, cntt)).statusCode, 200);
  t.match(await readPart(task!, 'CNTT'), { role: 'coordinator', progress: 'in_progress' }, 'a coordinator editor’s goes to its own part');
  t.equal((await patchTask(task!, { progress: 'done', completedOn: '2021-03-06' }, school)).statusCode, 200);
  t.match(await readPart(task!, 'THPT-LLQ'), { progress: 'done', completedOn: '2021-03-06' }, 'so does a school’s, named through its group');
  t.same(await progressOf(task!), { TCCB: 'done', KHTC: 'not_started', CNTT: 'in_progress', GDTX: 'not_started', 'THPT-HD': 'not_started', 'THPT-LLQ': 'done', 'THPT-NTMK': 'not_started' });
  t.match(await readTask(task!), { progress: 'in_progress', version: 4 }, 'each accepted PATCH gives the task one new version');

  const byAdmin = await patchTask(task!, { progress: 'done', completedOn: '2021-03-25', progressNote: 'Hoàn thành' });
  t.equal(byAdmin.statusCode, 200);
  t.match(byAdmin.json(), { progress: 'done', completedOn: '2021-03-25', progressNote: 'Hoàn thành', version: 5, partCounts: { lead: { ...zero, done: 2 } } }, 'an admin’s goes to every lead’s part');
  t.match(await readPart(task!, 'TCCB'), { progress: 'done', completedOn: '2021-03-25' });
  t.match(await readPart(task!, 'KHTC'), { progress: 'done', completedOn: '2021-03-25' });
  t.same(await progressOf(task!), { TCCB: 'done', KHTC: 'done', CNTT: 'in_progress', GDTX: 'not_started', 'THPT-HD': 'not_started', 'THPT-LLQ': 'done', 'THPT-NTMK': 'not_started' }, 'and to no coordinator’s');
  const adminEvents = async (code: string) => (await events('task_part', (await readPart(task!, code)).id)).filter((e: { actor: { name: string } }) => e.actor.name === 'admin key for tests');
  t.match(await adminEvents('KHTC'), [{ action: 'progress', before: { progress: 'not_started' }, after: { progress: 'done', completedOn: '2021-03-25' } }], 'each lead part the admin’s PATCH reached is audited');
  t.match(await adminEvents('TCCB'), [{ before: { progress: 'done', completedOn: '2021-03-05' }, after: { progress: 'done', completedOn: '2021-03-25' } }]);
  t.same(await adminEvents('CNTT'), [], 'no coordinator’s');

  t.match((await patchTask(task!, { progress: 'in_progress' })).json(), { progress: 'in_progress', completedOn: null, version: 6 });
  t.match(await readPart(task!, 'KHTC'), { progress: 'in_progress', completedOn: null });
  const cancelled = (await patchTask(task!, { progress: 'cancelled', cancelReason: 'Bãi bỏ' })).json();
  t.match(cancelled, { progress: 'cancelled', cancelReason: 'Bãi bỏ', version: 7, partCounts: { lead: { ...zero, cancelled: 2 } } });
  t.match(await readPart(task!, 'THPT-LLQ'), { progress: 'done' }, 'a coordinator’s done part stays done');

  const noteOnly = await patchTask(task!, { progressNote: 'Chỉ ghi chú' }, tccb);
  t.equal(noteOnly.statusCode, 200, 'a progress note alone touches no part');
  t.match(noteOnly.json(), { progress: 'cancelled', progressNote: 'Chỉ ghi chú', version: 8 });
  t.match(await readPart(task!, 'TCCB'), { progress: 'cancelled' });

  const invalid = assertProblem(t, await patchTask(task!, { progress: 'done' }, tccb), 422);
  t.same(pointers(invalid), ['/body/completedOn']);
  t.match(await readTask(task!), { progress: 'cancelled', version: 8 }, 'a refused task-level PATCH changes nothing');
  t.match(await readPart(task!, 'TCCB'), { progress: 'cancelled' });
});

t.test('every part write is audited as a task_part; a refused one is not', async (t) => {
  const { tasks: [task] } = await newPlan([taskBody('TCCB chủ trì, CNTT phối hợp', L('TCCB'), C('CNTT'))]);
  const cntt = await ctx.keyFor('editor', unit.CNTT);
  const part = await readPart(task!, 'CNTT');
  await recorded(task!, 'CNTT', { progress: 'in_progress', note: 'Bắt đầu' }, cntt);
  await recorded(task!, 'CNTT', { progress: 'done', completedOn: '2021-03-10' });
  assertProblem(t, await record(task!, 'CNTT', { progress: 'cancelled' }), 422);
  assertProblem(t, await ctx.request({ method: 'PATCH', url: partUrl(task!, 'CNTT'), payload: { progress: 'not_started' }, headers: { 'if-match': '"1"' } }), 412);
  assertProblem(t, await record(task!, 'TCCB', { progress: 'in_progress' }, cntt), 403);

  const trail = await events('task_part', part.id);
  t.equal(trail.length, 2, 'two accepted writes, two events');
  const [second, first] = trail;
  t.match(first, { action: 'progress', entityType: 'task_part', entityId: part.id, actor: { name: 'editor key for tests' } });
  t.match(first.before, { id: part.id, code: 'CNTT', progress: 'not_started', note: null, version: 1 });
  t.match(first.after, { id: part.id, code: 'CNTT', progress: 'in_progress', note: 'Bắt đầu', version: 2 });
  t.match(second, { action: 'progress', actor: { name: 'admin key for tests' }, before: { progress: 'in_progress' }, after: { progress: 'done', completedOn: '2021-03-10', version: 3 } });
  t.same(await events('task_part', (await readPart(task!, 'TCCB')).id), [], 'the refused write on the lead’s part left no event');
  t.same(
    (await events('task', task!.id)).map((e: { action: string; after: Task }) => [e.action, e.after.progress]),
    [['progress', 'in_progress'], ['create', 'not_started']],
    'the task’s trail has the one part write that moved its derived progress (the coordinator starting), and not the one that did not',
  );
  const listed = (await ctx.request({ url: '/api/v1/audit?entityType=task_part&action=progress&limit=200' })).json().items;
  t.ok(listed.every((e: { entityType: string }) => e.entityType === 'task_part'), 'the trail filters by entity task_part');
  t.ok(listed.some((e: { entityId: string }) => e.entityId === part.id));
});

t.test('a unit’s activities linked to the task are its part’s evidence; the plan counts tasks with evidence', async (t) => {
  const { planId, tasks: [task, bare] } = await newPlan([taskBody('TCCB chủ trì; các trường phối hợp', L('TCCB'), C('affiliated')), taskBody('Chưa có minh chứng', L('VP'))]);
  const post = async (code: string, occurredOn: string, taskId: string | null) => {
    const res = await ctx.request({
      method: 'POST',
      url: '/api/v1/activities',
      payload: { unitId: unit[code], form: 'website_post', title: `Bài viết của ${code}`, occurredOn, evidenceUrl: `https://example.edu.vn/${code}/${occurredOn}`, taskId },
    });
    if (res.statusCode !== 201) throw new Error(`activity: ${res.body}`);
    return res.json() as { id: string; version: number };
  };
  const progressAsOf = async (asOf: string) => (await ctx.request({ url: `/api/v1/plans/${planId}/progress?asOf=${asOf}` })).json().tasksWithEvidence;
  t.equal(await progressAsOf('2021-12-31'), 0, 'no evidence yet');

  const held = await ctx.request({ url: partUrl(task!, 'THPT-HD') });
  t.same(held.json().activityIds, []);
  const later = await post('THPT-HD', '2021-03-20', task!.id);
  const again = await ctx.request({ url: partUrl(task!, 'THPT-HD'), headers: { 'if-none-match': held.headers.etag as string } });
  t.equal(again.statusCode, 200, 'evidence linked since does not move the part’s version, so a held copy is not current');
  t.same(again.json().activityIds, [later.id]);

  const earlier = await post('THPT-HD', '2021-03-08', task!.id);
  await post('THPT-HD', '2021-03-09', null);
  const lead = await post('TCCB', '2021-03-12', task!.id);
  t.same((await readPart(task!, 'THPT-HD', '2021-12-31')).activityIds, [earlier.id, later.id], 'the unit’s linked activities, oldest first; an unlinked one is not evidence');
  t.same((await readPart(task!, 'THPT-HD', '2021-03-15')).activityIds, [earlier.id], 'as of a date, only what was done by then, as tasksWithEvidence counts');
  t.same((await readPart(task!, 'TCCB')).activityIds, [lead.id], 'each part its own unit’s');
  t.same((await readPart(task!, 'GDTX')).activityIds, []);
  t.equal((await readPart(task!, 'THPT-HD')).progress, 'not_started', 'evidence does not record progress');

  t.equal(await progressAsOf('2021-03-07'), 0, 'before the first linked activity');
  t.equal(await progressAsOf('2021-03-08'), 1, 'one task with evidence by its date');
  t.equal(await progressAsOf('2021-12-31'), 1, 'a task counts once, however many activities');
  t.same((await readPart(bare!, 'VP')).activityIds, []);

  const removed = await ctx.request({ method: 'DELETE', url: `/api/v1/activities/${earlier.id}`, headers: { 'if-match': `"${earlier.version}"` } });
  t.equal(removed.statusCode, 204);
  t.same((await readPart(task!, 'THPT-HD', '2021-12-31')).activityIds, [later.id], 'a removed activity is no longer evidence');
  t.equal(await progressAsOf('2021-03-10'), 0, 'nor counted');
  t.equal(await progressAsOf('2021-03-12'), 1, 'the lead’s counts from its date');
});

t.test('the migration made each task’s parts, its progress going to its lead units’ parts', async (t) => {
  // A database of its own: the migration is run down and up on it.
  const { ctx: m, unit: ids, L: lead, C: coordinator } = await taskFixtures(t);
  const who = (role: 'lead' | 'coordinator', x: string) => (role === 'lead' ? lead(x) : coordinator(x));
  const make = async (tasks: object[], then: string[], obligations: object[] = []) => {
    const res = await m.request({ method: 'POST', url: '/api/v1/plans', payload: { issuerUnitId: ids.SGDDT, year: 2021, title: 'Kế hoạch trước khi có phần việc', tasks, obligations } });
    if (res.statusCode !== 201) throw new Error(res.body);
    for (const action of then) {
      const done = await m.request({ method: 'POST', url: `/api/v1/plans/${res.json().id}/${action}`, ...(action === 'issue' ? { payload: { issuedOn: '2021-02-10' } } : {}) });
      if (done.statusCode !== 200) throw new Error(done.body);
    }
    return res.json() as { id: string; tasks: Task[]; obligations: Array<Record<string, unknown>> };
  };
  const obligations = [{ kind: 'publish', group: 'affiliated', forms: ['website_post'], minCount: 1, per: 'quarter', description: 'Mỗi quý một bài.' }, { kind: 'report', unitId: ids.TCCB, description: 'Báo cáo.' }];
  const issued = await make(
    [
      taskBody('a: TCCB chủ trì, CNTT phối hợp', who('lead', 'TCCB'), who('coordinator', 'CNTT')),
      taskBody('b: các trường chủ trì, mọi đơn vị phối hợp', who('lead', 'affiliated'), who('coordinator', 'all_units')),
      taskBody('c: TCCB và KHTC chủ trì, VP phối hợp', who('lead', 'TCCB'), who('lead', 'KHTC'), who('coordinator', 'VP')),
      taskBody('d: VP chủ trì', who('lead', 'VP')),
    ],
    ['issue'],
    obligations,
  );
  const closed = await make([taskBody('e: GDTRH chủ trì', who('lead', 'GDTRH'))], ['issue', 'close']);
  const draft = await make([taskBody('f: nháp', who('lead', 'TCCB'))], []);
  const droppedDraft = await make([taskBody('g: nháp rồi hủy', who('lead', 'TCCB'))], []);
  const cancelled = await m.request({ method: 'POST', url: `/api/v1/plans/${droppedDraft.id}/cancel`, payload: { reason: 'Không ban hành' } });
  t.equal(cancelled.statusCode, 200);
  t.equal((await m.request({ method: 'POST', url: `/api/v1/units/${ids.GDTX}/deactivate` })).statusCode, 200);
  const [a, b, c, d] = issued.tasks.map((x) => x.id) as [string, string, string, string];

  const migration = await import('../../../migrations/20261202T090000-activities-parts-obligations.js');
  // The migrations after it build on its tables: they go down first, newest first, and come back last.
  const later = await laterMigrations('20261202T090000-activities-parts-obligations.ts');
  for (const step of [...later].reverse()) await step.down(m.db);
  await migration.down(m.db);
  const set = (id: string, progress: string, completedOn: string | null, cancelReason: string | null) =>
    sql`UPDATE tasks SET progress = ${progress}, completed_on = ${completedOn}::date, cancel_reason = ${cancelReason} WHERE id = ${id}`.execute(m.db);
  await set(a, 'done', '2021-03-10', null);
  await set(b, 'cancelled', null, 'Gộp vào nhiệm vụ khác');
  await set(c, 'in_progress', null, null);
  await set(closed.tasks[0]!.id, 'in_progress', null, null);
  await migration.up(m.db);
  for (const step of later) await step.up(m.db);

  const rows = await m.db
    .selectFrom('taskParts as tp')
    .innerJoin('units as u', 'u.id', 'tp.unitId')
    .select(['tp.taskId', 'u.code', 'tp.role', 'tp.progress', 'tp.completedOn', 'tp.cancelReason', 'tp.note', 'tp.version'])
    .orderBy('u.code')
    .execute();
  const of = (taskId: string) => rows.filter((r) => r.taskId === taskId).map((r) => [r.code, r.role, r.progress, r.completedOn, r.cancelReason]);
  t.same(of(a), [['CNTT', 'coordinator', 'not_started', null, null], ['TCCB', 'lead', 'done', '2021-03-10', null]], 'the lead’s part takes the task’s progress and date; a coordinator’s starts afresh');
  t.same(of(b), [
    ...DIVISIONS.map((code) => [code, 'coordinator', 'not_started', null, null]),
    ...['THPT-HD', 'THPT-LLQ', 'THPT-NTMK'].map((code) => [code, 'lead', 'cancelled', null, 'Gộp vào nhiệm vụ khác']),
  ].sort((x, y) => (x[0]! < y[0]! ? -1 : 1)), 'groups resolve to the units active then (GDTX is not); a school named as lead and through all_units leads; a cancelled task’s reason goes with it');
  t.same(of(c), [['KHTC', 'lead', 'in_progress', null, null], ['TCCB', 'lead', 'in_progress', null, null], ['VP', 'coordinator', 'not_started', null, null]], 'every lead takes it');
  t.same(of(d), [['VP', 'lead', 'not_started', null, null]]);
  t.same(of(closed.tasks[0]!.id), [['GDTRH', 'lead', 'in_progress', null, null]], 'a closed plan’s tasks have their parts too');
  t.same(of(draft.tasks[0]!.id), [], 'a draft’s have none');
  t.same(of(droppedDraft.tasks[0]!.id), [], 'nor a plan cancelled before it was ever issued');
  t.ok(rows.every((r) => r.note === null && r.version === 1));

  const plan = (await m.request({ url: `/api/v1/plans/${issued.id}` })).json();
  t.same(plan.obligations.map(({ id, ...rest }: { id: string }) => rest), issued.obligations.map(({ id, ...rest }) => rest), 'the obligations come back as rows, in order');
  const task = (await m.request({ url: `/api/v1/plans/${issued.id}/tasks/${a}?asOf=2021-04-01` })).json();
  t.match(task, { progress: 'done', completedOn: '2021-03-10', timeliness: 'done_on_time', partCounts: { lead: { ...zero, done: 1 }, coordinator: { ...zero, not_started: 1 } } });
  const res = await m.request({ method: 'PATCH', url: `/api/v1/plans/${issued.id}/tasks/${c}/parts/KHTC`, payload: { progress: 'done', completedOn: '2021-03-20' }, headers: { 'if-match': '"1"' } });
  t.equal(res.statusCode, 200, 'a migrated part is recorded as any other');
  t.match((await m.request({ url: `/api/v1/plans/${issued.id}/tasks/${c}` })).json(), { progress: 'in_progress', partCounts: { lead: { ...zero, done: 1, in_progress: 1 } } });
});
