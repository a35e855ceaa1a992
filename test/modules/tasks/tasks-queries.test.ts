// What the Department asks of tasks (issue item 5): tasks across plans by year, period, unit (groups
// resolved), role, progress, timeliness and words; a plan's progress summary and its schedule.
import t from 'tap';
import { CLI_ACTOR } from '../../../src/domain/actor.js';
import type { Task } from '../../../src/modules/tasks/tasks.schemas.js';
import { seedDemoUnits } from '../../../src/modules/units/units.demo.js';
import { assertProblem, setupApp } from '../../helpers/app.js';

const ctx = await setupApp(t);
await seedDemoUnits(ctx.db, CLI_ACTOR);
const unit = Object.fromEntries((await ctx.db.selectFrom('units').select(['code', 'id']).execute()).map((u) => [u.code, u.id]));
const MISSING = '00000000-0000-4000-8000-000000000000';

type Who = { role: 'lead' | 'coordinator'; unitId?: string; group?: string };
const L = (who: string): Who => (who in unit ? { role: 'lead', unitId: unit[who] } : { role: 'lead', group: who });
const C = (who: string): Who => (who in unit ? { role: 'coordinator', unitId: unit[who] } : { role: 'coordinator', group: who });
const task = (content: string, duePeriod: string, ...assignees: Who[]) => ({ content, forms: ['website_post'], assignees, duePeriod });

async function plan(year: number, tasks: object[], issuedOn?: string): Promise<{ id: string; tasks: Task[] }> {
  const res = await ctx.request({ method: 'POST', url: '/api/v1/plans', payload: { issuerUnitId: unit.SGDDT, year, title: `Kế hoạch ${year}`, tasks } });
  if (res.statusCode !== 201) throw new Error(res.body);
  if (issuedOn) await ctx.request({ method: 'POST', url: `/api/v1/plans/${res.json().id}/issue`, payload: { issuedOn } });
  return res.json();
}
async function progress(x: Task, payload: object): Promise<void> {
  const res = await ctx.request({ method: 'PATCH', url: `/api/v1/plans/${x.planId}/tasks/${x.id}`, payload, headers: { 'if-match': '*' } });
  if (res.statusCode !== 200) throw new Error(res.body);
}
const search = async (query: string): Promise<string[]> => {
  const res = await ctx.request({ url: `/api/v1/tasks?limit=200&${query}` });
  if (res.statusCode !== 200) throw new Error(res.body);
  return res.json().items.map((x: Task) => x.content);
};

const a = await plan(2021, [
  task('a1 Công bố chỉ số cải cách hành chính', '2021-04', L('TCCB'), C('CNTT')),
  task('a2 Phối hợp các đơn vị trực thuộc', '2021-05', L('VP'), C('affiliated')),
  task('a3 Các phòng chuyên môn chủ trì', '2021-06', L('divisions'), C('CNTT')),
  task('a4 Nửa đầu năm, mọi đơn vị phối hợp', '2021-H1', L('TCCB'), C('all_units')),
  task('a5 Tháng bảy', '2021-07', L('TCCB'), C('CNTT')),
  task('a6 Đăng tin trên trang trường', '2021-03', L('THPT-HD')),
], '2021-02-10');
await plan(2022, [task('b1 Quý hai năm sau', '2022-Q2', L('TCCB')), task('b2 Qua năm mới', '2021-12-01/2022-01-31', L('KHTC'))]);
await progress(a.tasks[0]!, { progress: 'done', completedOn: '2021-04-20' });
await progress(a.tasks[1]!, { progress: 'in_progress' });

t.test('filters: year, due period (overlap), progress, timeliness, words', async (t) => {
  t.same(await search('year=2021'), ['a6 Đăng tin trên trang trường', 'a1 Công bố chỉ số cải cách hành chính', 'a2 Phối hợp các đơn vị trực thuộc', 'a3 Các phòng chuyên môn chủ trì', 'a4 Nửa đầu năm, mọi đơn vị phối hợp', 'a5 Tháng bảy'], 'by due date, then ordinal');
  t.same(await search('year=2022'), ['b2 Qua năm mới', 'b1 Quý hai năm sau']);
  t.same(await search('year=2023'), []);
  t.same((await search('duePeriod=2021-Q2')).map((c) => c.slice(0, 2)), ['a1', 'a2', 'a3', 'a4'], 'months of the quarter and the half-year that holds it; not July');
  t.same((await search('duePeriod=2021-07')).map((c) => c.slice(0, 2)), ['a5']);
  t.same((await search('duePeriod=2022-01')).map((c) => c.slice(0, 2)), ['b2'], 'a range across the new year overlaps January');
  t.same((await search('duePeriod=2021-12-15/2021-12-31')).map((c) => c.slice(0, 2)), ['b2']);
  t.same((await search('duePeriod=2021')).map((c) => c.slice(0, 2)), ['a6', 'a1', 'a2', 'a3', 'a4', 'a5', 'b2']);
  t.same((await search('year=2021&duePeriod=2021-H2')).map((c) => c.slice(0, 2)), ['a5'], 'filters combine');
  t.same((await search('progress=done')).map((c) => c.slice(0, 2)), ['a1']);
  t.same((await search('progress=in_progress')).map((c) => c.slice(0, 2)), ['a2']);
  t.same((await search('timeliness=overdue&asOf=2021-06-01')).map((c) => c.slice(0, 2)), ['a6', 'a2'], 'a2 was in progress, a6 never started');
  t.same((await search('timeliness=done_on_time&asOf=2021-06-01')).map((c) => c.slice(0, 2)), ['a1']);
  t.same((await search('timeliness=done_on_time&asOf=2021-04-19')).map((c) => c.slice(0, 2)), [], 'not done yet on the 19th');
  t.same((await search('year=2021&timeliness=not_started&asOf=2021-03-31')).map((c) => c.slice(0, 2)), ['a6', 'a3', 'a4', 'a5'], 'a1, done on 20 April, shows in progress');
  t.same((await search('q=cai%20cach')).map((c) => c.slice(0, 2)), ['a1'], 'without diacritics');
  t.same((await search(`q=${encodeURIComponent('CẢI CÁCH')}`)).map((c) => c.slice(0, 2)), ['a1'], 'upper case with diacritics');
  t.same((await search('q=dang%20tin')).map((c) => c.slice(0, 2)), ['a6'], 'd finds đ');
  t.same((await search(`q=${encodeURIComponent('đơn vị')}`)).map((c) => c.slice(0, 2)), ['a2', 'a4']);
  t.same(await search('q=100%25'), [], '% is taken literally');
});

t.test('unitId finds tasks naming the unit directly or through its groups; role narrows', async (t) => {
  const ids = async (q: string) => (await search(q)).map((c) => c.slice(0, 2));
  t.same(await ids(`unitId=${unit['THPT-HD']}`), ['a6', 'a2', 'a4'], 'directly, through affiliated, through all_units');
  t.same(await ids(`unitId=${unit['THPT-HD']}&role=lead`), ['a6']);
  t.same(await ids(`unitId=${unit['THPT-HD']}&role=coordinator`), ['a2', 'a4']);
  t.same(await ids(`unitId=${unit.TCCB}&role=lead`), ['a1', 'a3', 'a4', 'a5', 'b1'], 'a3 through divisions');
  t.same(await ids(`unitId=${unit.TCCB}&role=coordinator`), ['a4'], 'through all_units');
  t.same(await ids(`unitId=${unit.CNTT}&role=coordinator`), ['a1', 'a3', 'a4', 'a5']);
  t.same(await ids(`unitId=${unit.KHTC}`), ['a3', 'a4', 'b2']);
  t.same(await ids(`unitId=${unit.SNV}`), [], 'an external unit belongs to no group');
  t.same(await ids(`unitId=${unit.SGDDT}`), [], 'nor does the department');
  t.same(await ids(`unitId=${MISSING}`), []);
  t.same(await ids(`unitId=${unit.TCCB}&year=2022`), ['b1']);
});

t.test('paging across pages: no repeats, ordered by due date, plan and ordinal', async (t) => {
  const all = (await ctx.request({ url: '/api/v1/tasks?limit=200' })).json().items as Task[];
  t.equal(all.length, 8);
  const key = (x: Task) => [x.dueTo, x.planId, String(x.ordinal).padStart(4, '0')].join('|');
  t.same(all.map(key), all.map(key).sort(), 'ordered by dueTo, planId, ordinal');
  const seen: Task[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const page: { items: Task[]; nextCursor: string | null } = (await ctx.request({ url: `/api/v1/tasks?limit=3${cursor ? `&cursor=${cursor}` : ''}` })).json();
    t.ok(page.items.length <= 3);
    seen.push(...page.items);
    cursor = page.nextCursor;
    pages++;
  } while (cursor && pages < 10);
  t.equal(pages, 3);
  t.same(seen.map((x) => x.id), all.map((x) => x.id), 'the pages together are the whole list, once each');
  t.equal(new Set(seen.map((x) => x.id)).size, 8);
});

t.test('a malformed query is a 400', async (t) => {
  for (const query of ['status=done', 'role=owner', 'progress=finished', 'timeliness=late', 'duePeriod=2021-13', 'duePeriod=2021-Q5', 'unitId=TCCB', 'year=21', 'asOf=2021-02-30', 'cursor=bm9wZQ', 'limit=0', 'q=']) {
    assertProblem(t, await ctx.request({ url: `/api/v1/tasks?${query}` }), 400, query);
  }
  const reversed = await ctx.request({ url: '/api/v1/tasks?duePeriod=2021-04-15/2021-03-01' });
  const problem = assertProblem(t, reversed, 400, 'a range that ends before it starts is refused, not ignored');
  t.same(problem.errors?.map((e) => e.pointer), ['/query/duePeriod']);
  assertProblem(t, await ctx.request({ url: '/api/v1/tasks?duePeriod=2021-02-30/2021-03-01' }), 400, 'so is one with a date that does not exist');
  const roleAlone = assertProblem(t, await ctx.request({ url: '/api/v1/tasks?role=lead' }), 400, 'a role without the unit that plays it');
  t.same(roleAlone.errors?.map((e) => e.pointer), ['/query/role']);
});

t.test('progress summary: counts by progress and timeliness, completion rate done / not cancelled', async (t) => {
  const months = Array.from({ length: 12 }, (_, i) => task(`Tháng ${i + 1}`, `2021-${String(i + 1).padStart(2, '0')}`, L('TCCB')));
  const p = await plan(2021, months, '2021-01-05');
  await progress(p.tasks[0]!, { progress: 'done', completedOn: '2021-01-20' });
  await progress(p.tasks[1]!, { progress: 'done', completedOn: '2021-03-05' });
  await progress(p.tasks[2]!, { progress: 'done', completedOn: '2021-03-31' });
  await progress(p.tasks[3]!, { progress: 'cancelled', cancelReason: 'Gộp vào nhiệm vụ 5' });
  await progress(p.tasks[4]!, { progress: 'in_progress' });

  const may = await ctx.request({ url: `/api/v1/plans/${p.id}/progress?asOf=2021-05-15` });
  t.equal(may.statusCode, 200);
  t.same(may.json(), {
    planId: p.id, asOf: '2021-05-15', total: 12,
    byProgress: { not_started: 7, in_progress: 1, done: 3, cancelled: 1 },
    byTimeliness: { done_on_time: 2, done_late: 1, in_progress: 1, overdue: 0, not_started: 7, cancelled: 1 },
    completionRate: 3 / 11,
    tasksWithEvidence: 0,
  });
  const july = (await ctx.request({ url: `/api/v1/plans/${p.id}/progress?asOf=2021-07-01` })).json();
  t.same(july.byTimeliness, { done_on_time: 2, done_late: 1, in_progress: 0, overdue: 2, not_started: 6, cancelled: 1 }, 'May and June overdue by July');
  t.equal(july.completionRate, 3 / 11);
  const early = (await ctx.request({ url: `/api/v1/plans/${p.id}/progress?asOf=2021-01-10` })).json();
  t.same(early.byTimeliness, { done_on_time: 0, done_late: 0, in_progress: 4, overdue: 0, not_started: 7, cancelled: 1 }, 'nothing is done before its date: done shows in progress');
  t.same(early.byProgress, { not_started: 7, in_progress: 4, done: 0, cancelled: 1 }, 'progress as it stood on asOf: the tasks done later were in progress');
  t.equal(early.completionRate, 0);
  t.match((await ctx.request({ url: `/api/v1/plans/${p.id}/progress` })).json(), { asOf: /^\d{4}-\d{2}-\d{2}$/, byTimeliness: { overdue: 8 } }, 'today by default');

  const empty = await plan(2021, []);
  t.same((await ctx.request({ url: `/api/v1/plans/${empty.id}/progress?asOf=2021-05-15` })).json(), {
    planId: empty.id, asOf: '2021-05-15', total: 0,
    byProgress: { not_started: 0, in_progress: 0, done: 0, cancelled: 0 },
    byTimeliness: { done_on_time: 0, done_late: 0, in_progress: 0, overdue: 0, not_started: 0, cancelled: 0 },
    completionRate: null,
    tasksWithEvidence: 0,
  });
  const allCancelled = await plan(2021, [task('Sẽ hủy', '2021-05', L('TCCB'))], '2021-01-05');
  await progress(allCancelled.tasks[0]!, { progress: 'cancelled', cancelReason: 'Không thực hiện' });
  t.match((await ctx.request({ url: `/api/v1/plans/${allCancelled.id}/progress` })).json(), { total: 1, completionRate: null });
  const allDone = await plan(2021, [task('Xong', '2021-05', L('TCCB'))], '2021-01-05');
  await progress(allDone.tasks[0]!, { progress: 'done', completedOn: '2021-05-02' });
  t.equal((await ctx.request({ url: `/api/v1/plans/${allDone.id}/progress` })).json().completionRate, 1);

  assertProblem(t, await ctx.request({ url: `/api/v1/plans/${MISSING}/progress` }), 404);
  assertProblem(t, await ctx.request({ url: `/api/v1/plans/${p.id}/progress?asOf=2021-02-30` }), 400);
  assertProblem(t, await ctx.request({ url: `/api/v1/plans/${p.id}/progress?year=2021` }), 400);
});

t.test('schedule: the months in order, each with its tasks; a quarter in its three months', async (t) => {
  const s = await plan(2021, [
    task('quý hai', '2021-Q2', L('TCCB')),
    task('tháng ba', '2021-03', L('TCCB')),
    task('tháng năm', '2021-05', L('TCCB')),
    task('qua năm mới', '2021-11-20/2022-01-10', L('TCCB')),
  ], '2021-01-05');
  const res = await ctx.request({ url: `/api/v1/plans/${s.id}/schedule?asOf=2021-05-15` });
  t.equal(res.statusCode, 200);
  const body = res.json();
  t.match(body, { planId: s.id, asOf: '2021-05-15' });
  t.same(
    body.months.map((m: { month: string; tasks: Task[] }) => [m.month, m.tasks.map((x) => x.content)]),
    [
      ['2021-03', ['tháng ba']], ['2021-04', ['quý hai']], ['2021-05', ['quý hai', 'tháng năm']], ['2021-06', ['quý hai']],
      ['2021-11', ['qua năm mới']], ['2021-12', ['qua năm mới']], ['2022-01', ['qua năm mới']],
    ],
  );
  t.equal(body.months[0].tasks[0].timeliness, 'overdue', 'tasks carry their timeliness as of asOf');
  t.same((await ctx.request({ url: `/api/v1/plans/${(await plan(2021, [])).id}/schedule` })).json().months, []);
  assertProblem(t, await ctx.request({ url: `/api/v1/plans/${MISSING}/schedule` }), 404);
  assertProblem(t, await ctx.request({ url: `/api/v1/plans/${s.id}/schedule?month=3` }), 400);
});
