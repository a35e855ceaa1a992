// Incremental sync through the API: each mirrored list (units, plans, tasks, activities, questions)
// with updatedSince and includeDeleted: changes in order, tombstones for removals, tokens that carry
// on, and every parameter that does not go with it refused.
import t from 'tap';
import { assertProblem } from '../helpers/app.js';
import { ACTIVITIES, setupActivities } from '../modules/activities/fixtures.js';
import { QUESTION } from '../modules/questions/fixtures.js';

const f = await setupActivities(t);
const { ctx } = f;
const EPOCH = '2000-01-01T00:00:00Z';

interface Mirror {
  rows: Map<string, { version: number }>;
  token: string;
  calls: number;
}

/** Follows a list's changes from `since` until a page is not full, applying each to a mirror. */
async function sync(path: string, since: string, options: { limit?: number; key?: string; mirror?: Mirror } = {}): Promise<Mirror> {
  const mirror = options.mirror ?? { rows: new Map(), token: since, calls: 0 };
  const limit = options.limit ?? 200;
  for (;;) {
    const sep = path.includes('?') ? '&' : '?';
    const res = await ctx.request({ url: `${path}${sep}updatedSince=${encodeURIComponent(mirror.token)}&includeDeleted=true&limit=${limit}`, ...(options.key ? { key: options.key } : {}) });
    if (res.statusCode !== 200) throw new Error(`${path}: ${res.statusCode} ${res.body}`);
    const page = res.json();
    mirror.calls++;
    for (const item of page.items) mirror.rows.set(item.id, item);
    for (const gone of page.tombstones) mirror.rows.delete(gone.id);
    if (page.nextCursor !== null) throw new Error('nextCursor is null with updatedSince');
    mirror.token = page.nextUpdatedSince;
    if (page.items.length + page.tombstones.length < limit) return mirror;
  }
}

const ids = async (table: 'units' | 'plans' | 'tasks' | 'activities' | 'questions', live = true) => {
  let query = ctx.db.selectFrom(table).select('id');
  if (live && (table === 'activities' || table === 'questions')) query = query.where('deletedAt', 'is', null);
  return (await query.execute()).map((r) => r.id).sort();
};

t.test('units: a first sync from an instant copies every unit, in pages; later calls bring only what changed', async (t) => {
  const first = await sync('/api/v1/units', EPOCH, { limit: 3 });
  t.same([...first.rows.keys()].sort(), await ids('units'), 'the mirror holds every unit');
  t.ok(first.calls > 3, `it took several pages (${first.calls})`);

  const again = await sync('/api/v1/units', first.token, { mirror: { rows: new Map(first.rows), token: first.token, calls: 0 } });
  t.equal(again.calls, 1, 'caught up: one call');
  t.same([...again.rows.keys()].sort(), await ids('units'), 'nothing new');

  const added = await ctx.addUnit({ code: 'SYNC-A', name: 'Đơn vị đồng bộ A' });
  const tccb = (await ctx.request({ url: `/api/v1/units/${f.unit.TCCB}` })).json();
  const renamed = await ctx.request({ method: 'PATCH', url: `/api/v1/units/${f.unit.TCCB}`, headers: { 'if-match': `"${tccb.version}"` }, payload: { shortName: 'TCCB mới' } });
  t.equal(renamed.statusCode, 200);
  const res = await ctx.request({ url: `/api/v1/units?updatedSince=${encodeURIComponent(again.token)}` });
  const page = res.json();
  t.same(page.items.map((u: { id: string }) => u.id), [added.id, f.unit.TCCB], 'the two changes, in the order they were made');
  t.equal(page.items[1].shortName, 'TCCB mới', 'as they stand now');
  t.notOk('tombstones' in page, 'no tombstones without includeDeleted');
  t.type(page.nextUpdatedSince, 'string');

  const removed = await ctx.request({ method: 'DELETE', url: `/api/v1/units/${added.id}`, headers: { 'if-match': `"${added.version}"` } });
  t.equal(removed.statusCode, 204, 'an unused unit can be removed');
  const after = (await ctx.request({ url: `/api/v1/units?updatedSince=${encodeURIComponent(page.nextUpdatedSince)}&includeDeleted=true` })).json();
  t.same(after.items, [], 'no live row changed');
  t.equal(after.tombstones.length, 1, 'one tombstone');
  t.same(Object.keys(after.tombstones[0]).sort(), ['deletedAt', 'id', 'version']);
  t.equal(after.tombstones[0].id, added.id);
  t.equal(after.tombstones[0].version, added.version + 1, 'the version after the last one read');
  t.ok(Date.now() - Date.parse(after.tombstones[0].deletedAt) < 60_000, 'deletedAt is now');
  const quiet = (await ctx.request({ url: `/api/v1/units?updatedSince=${encodeURIComponent(after.nextUpdatedSince)}&includeDeleted=true` })).json();
  t.same([quiet.items, quiet.tombstones], [[], []], 'and then nothing');
});

t.test('an instant starts from the rows changed since then; the filters still apply', async (t) => {
  const before = new Date(Date.now() - 1000).toISOString();
  const unit = await ctx.addUnit({ code: 'SYNC-B', name: 'Đơn vị đồng bộ B', kind: 'affiliated' });
  const page = (await ctx.request({ url: `/api/v1/units?updatedSince=${before}` })).json();
  t.ok(page.items.some((u: { id: string }) => u.id === unit.id), 'the new unit is there');
  t.ok(page.items.every((u: { updatedAt: string }) => u.updatedAt >= before), 'only rows changed since the instant');
  const divisions = (await ctx.request({ url: `/api/v1/units?kind=division&updatedSince=${before}` })).json();
  t.notOk(divisions.items.some((u: { id: string }) => u.id === unit.id), 'kind=division leaves the school out');
  const future = (await ctx.request({ url: `/api/v1/units?updatedSince=2100-01-01T00:00:00%2B07:00` })).json();
  t.same(future.items, [], 'nothing changed after a future instant');
});

t.test('plans and tasks: removals leave tombstones, a removed plan takes its tasks with it', async (t) => {
  const plans = await sync('/api/v1/plans', EPOCH);
  const tasks = await sync('/api/v1/tasks', EPOCH);
  t.same([...plans.rows.keys()].sort(), await ids('plans'), 'every plan mirrored');
  t.same([...tasks.rows.keys()].sort(), await ids('tasks'), 'every task mirrored');

  const draft = (await ctx.request({ url: `/api/v1/plans/${f.draft.id}` })).json();
  const gone = await ctx.request({ method: 'DELETE', url: `/api/v1/plans/${f.draft.id}`, headers: { 'if-match': `"${draft.version}"` } });
  t.equal(gone.statusCode, 204);
  const plansAfter = await sync('/api/v1/plans', plans.token, { mirror: plans });
  const tasksAfter = await sync('/api/v1/tasks', tasks.token, { mirror: tasks });
  t.notOk(plansAfter.rows.has(f.draft.id), 'the plan is gone from the mirror');
  t.notOk(tasksAfter.rows.has(f.draft.tasks[0].id), 'and its task');
  t.same([...plansAfter.rows.keys()].sort(), await ids('plans'));
  t.same([...tasksAfter.rows.keys()].sort(), await ids('tasks'));
});

t.test('tasks: a unit’s part recorded is a change of its task, with that unit’s part when asked by unit', async (t) => {
  const token = (await sync('/api/v1/tasks', EPOCH)).token;
  const task = f.issued.tasks[1];
  const editor = await ctx.keyFor('editor', f.unit.CNTT);
  const url = `/api/v1/plans/${f.issued.id}/tasks/${task.id}/parts/CNTT`;
  const part = (await ctx.request({ url })).json();
  const res = await ctx.request({ method: 'PATCH', url, key: editor, headers: { 'if-match': `"${part.version}"` }, payload: { progress: 'in_progress' } });
  t.equal(res.statusCode, 200, res.body);
  const page = (await ctx.request({ url: `/api/v1/tasks?unitCode=CNTT&updatedSince=${encodeURIComponent(token)}` })).json();
  t.same(page.items.map((x: { id: string }) => x.id), [task.id], 'the task comes again');
  t.equal(page.items[0].part.progress, 'in_progress', 'with the unit’s part as it now stands');
  t.equal(page.items[0].progress, 'in_progress', 'and its own progress');
});

t.test('activities: new, changed and removed, in the order they happened', async (t) => {
  const start = await sync(ACTIVITIES, EPOCH);
  const a = await f.made(f.body('TCCB'));
  const b = await f.made(f.body('CNTT', { title: 'Hội nghị thứ hai' }));
  const changed = await ctx.request({ method: 'PATCH', url: `${ACTIVITIES}/${a.id}`, headers: { 'if-match': `"${a.version}"` }, payload: { title: 'Hội nghị quán triệt, sửa lại' } });
  t.equal(changed.statusCode, 200, changed.body);
  const removed = await ctx.request({ method: 'DELETE', url: `${ACTIVITIES}/${b.id}`, headers: { 'if-match': `"${b.version}"` } });
  t.equal(removed.statusCode, 204);

  const page = (await ctx.request({ url: `${ACTIVITIES}?updatedSince=${encodeURIComponent(start.token)}&includeDeleted=true` })).json();
  t.same(page.items.map((x: { id: string }) => x.id), [a.id], 'the changed one, once, as it now stands');
  t.equal(page.items[0].title, 'Hội nghị quán triệt, sửa lại');
  t.same(page.tombstones.map((x: { id: string; version: number }) => [x.id, x.version]), [[b.id, b.version + 1]], 'the removed one as a tombstone');

  // Two per page: the stream is cut between a row and a tombstone, and goes on from there.
  const paged = await sync(ACTIVITIES, start.token, { limit: 1, mirror: { rows: new Map(start.rows), token: start.token, calls: 0 } });
  t.equal(paged.calls, 3, 'one change per page, then an empty page');
  t.same([...paged.rows.keys()].sort(), await ids('activities'), 'the mirror equals the table');
});

t.test('questions: a reader mirrors the published ones in their public form, and learns of removals', async (t) => {
  const reader = await ctx.keyFor('reader');
  const officeKey = await ctx.keyFor('editor', f.unit.VP);
  const ask = async () => (await ctx.request({ method: 'POST', url: '/api/v1/questions', key: officeKey, payload: QUESTION })).json();
  const published = await ask();
  const hidden = await ask();
  const step = async (id: string, action: string, body: object) => {
    const res = await ctx.request({ method: 'POST', url: `/api/v1/questions/${id}/${action}`, key: officeKey, payload: body });
    if (res.statusCode !== 200) throw new Error(`${action}: ${res.body}`);
  };
  await step(published.id, 'answer', { answer: 'Hồ sơ gồm đơn xin chuyển trường và học bạ.' });
  await step(published.id, 'publish', { url: 'https://sgddt.soctrang.gov.vn/hoi-dap/1' });

  const mirror = await sync('/api/v1/questions', EPOCH, { key: reader });
  t.same([...mirror.rows.keys()], [published.id], 'only the published question');
  t.notOk('asker' in (mirror.rows.get(published.id) as object), 'in its public form');
  t.notOk(mirror.rows.has(hidden.id));

  const current = (await ctx.request({ url: `/api/v1/questions/${published.id}` })).json();
  const gone = await ctx.request({ method: 'DELETE', url: `/api/v1/questions/${published.id}`, headers: { 'if-match': `"${current.version}"` } });
  t.equal(gone.statusCode, 204);
  const after = await sync('/api/v1/questions', mirror.token, { key: reader, mirror });
  t.equal(after.rows.size, 0, 'the removed question is gone from the reader’s mirror');
});

t.test('a row that shows what another holds comes again when that changes', async (t) => {
  const since = async (path: string) => (await sync(path, EPOCH)).token;
  const changedSince = async (path: string, token: string) => (await ctx.request({ url: `${path}${path.includes('?') ? '&' : '?'}updatedSince=${encodeURIComponent(token)}` })).json().items;

  // A plan shows its tasks by progress: a unit's part moving its task's progress re-sends the plan.
  const plansToken = await since('/api/v1/plans');
  const task = f.issued.tasks[0];
  const url = `/api/v1/plans/${f.issued.id}/tasks/${task.id}/parts/TCCB`;
  const part = (await ctx.request({ url })).json();
  t.equal((await ctx.request({ method: 'PATCH', url, headers: { 'if-match': `"${part.version}"` }, payload: { progress: 'in_progress' } })).statusCode, 200);
  const plans = await changedSince('/api/v1/plans', plansToken);
  t.same(plans.map((p: { id: string }) => p.id), [f.issued.id], 'the plan comes again');
  const listed = (await ctx.request({ url: `/api/v1/plans?q=${encodeURIComponent('Kế hoạch tuyên truyền CCHC năm 2021')}` })).json().items[0];
  t.same(plans[0], listed, 'as the list shows it now');

  // A task's timeliness follows its plan's state: issuing a plan re-sends its tasks.
  const made = (await ctx.request({ method: 'POST', url: '/api/v1/plans', payload: { issuerUnitId: f.unit.SGDDT, year: 2021, title: 'Kế hoạch bổ sung', tasks: [{ content: 'Nhiệm vụ bổ sung', forms: ['meeting'], assignees: [{ role: 'lead', unitId: f.unit.CNTT }], duePeriod: '2021-Q4' }] } })).json();
  const tasksToken = await since('/api/v1/tasks');
  t.equal((await ctx.request({ method: 'POST', url: `/api/v1/plans/${made.id}/issue`, payload: { issuedOn: '2021-03-01' } })).statusCode, 200);
  const tasks = await changedSince('/api/v1/tasks', tasksToken);
  t.same(tasks.map((x: { id: string }) => x.id), [made.tasks[0].id], 'its task comes again');
  t.not(tasks[0].timeliness, null, 'with the timeliness an issued plan gives it');

  // Activities and tasks show their unit's code and name: renaming the unit re-sends them.
  const activity = await f.made(f.body('CNTT'));
  const [activitiesToken, unitTasksToken] = [await since(ACTIVITIES), await since('/api/v1/tasks')];
  const cntt = (await ctx.request({ url: `/api/v1/units/${f.unit.CNTT}` })).json();
  t.equal((await ctx.request({ method: 'PATCH', url: `/api/v1/units/${f.unit.CNTT}`, headers: { 'if-match': `"${cntt.version}"` }, payload: { name: 'Phòng Công nghệ thông tin và Chuyển đổi số' } })).statusCode, 200);
  const activities = await changedSince(`${ACTIVITIES}?unitId=${f.unit.CNTT}&limit=200`, activitiesToken);
  t.ok(activities.some((a: { id: string }) => a.id === activity.id), 'the unit’s activities come again');
  t.ok(activities.every((a: { unitName: string }) => a.unitName === 'Phòng Công nghệ thông tin và Chuyển đổi số'), 'with its new name');
  t.same(activities.find((a: { id: string }) => a.id === activity.id), (await ctx.request({ url: `${ACTIVITIES}/${activity.id}` })).json(), 'as a read shows it');
  const named = await changedSince('/api/v1/tasks?unitCode=CNTT', unitTasksToken);
  t.ok(named.length > 0 && named.every((x: { assignees: Array<{ unitId?: string; name?: string }> }) => x.assignees.some((a) => a.unitId === f.unit.CNTT && a.name === 'Phòng Công nghệ thông tin và Chuyển đổi số')), 'and the tasks that name it');
});

t.test('what does not go with updatedSince is refused, as is a token no list gave out', async (t) => {
  const cases: Array<[string, string]> = [
    ['/api/v1/units?includeDeleted=true', '/query/includeDeleted'],
    [`/api/v1/units?updatedSince=${EPOCH}&cursor=WyJUQ0NCIl0`, '/query/cursor'],
    [`/api/v1/activities?updatedSince=${EPOCH}&cursor=abc`, '/query/cursor'],
    ['/api/v1/units?updatedSince=not-a-token', '/query/updatedSince'],
    ['/api/v1/plans?updatedSince=2021-02-30T00:00:00Z', '/query/updatedSince'],
    [`/api/v1/tasks?updatedSince=${Buffer.from(JSON.stringify(['-1', '00000000-0000-0000-0000-000000000000'])).toString('base64url')}`, '/query/updatedSince'],
    [`/api/v1/questions?updatedSince=${Buffer.from(JSON.stringify(['18446744073709551616', '00000000-0000-0000-0000-000000000000'])).toString('base64url')}`, '/query/updatedSince'],
    ['/api/v1/units?updatedSince=', '/query/updatedSince'],
    // Well formed, but ahead of anything this database has done: as after a restore from a backup.
    [`/api/v1/activities?updatedSince=${Buffer.from(JSON.stringify(['9000000000000000000', '00000000-0000-0000-0000-000000000000'])).toString('base64url')}`, '/query/updatedSince'],
    [`/api/v1/units?updatedSince=${EPOCH}&includeDeleted=maybe`, '/query/includeDeleted'],
  ];
  for (const [url, pointer] of cases) {
    const problem = assertProblem(t, await ctx.request({ url }), 400, url);
    t.same(problem.errors?.map((e) => e.pointer), [pointer], `${url}: ${pointer}`);
  }
  assertProblem(t, await ctx.request({ url: `/api/v1/units?updatedSince=${EPOCH}`, key: null }), 401, 'a key is needed');
});
