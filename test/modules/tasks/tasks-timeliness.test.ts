// Timeliness, derived as of a date and never stored: before, inside and after a due period, done
// early, on the boundary day and late; the same answer from a task, the appendix and the plan.
import t from 'tap';
import { vietnamToday } from '../../../src/domain/periods.js';
import { CLI_ACTOR } from '../../../src/domain/actor.js';
import type { Task } from '../../../src/modules/tasks/tasks.schemas.js';
import { seedDemoUnits } from '../../../src/modules/units/units.demo.js';
import { assertProblem, setupApp } from '../../helpers/app.js';

const ctx = await setupApp(t);
await seedDemoUnits(ctx.db, CLI_ACTOR);
const unit = Object.fromEntries((await ctx.db.selectFrom('units').select(['code', 'id']).execute()).map((u) => [u.code, u.id]));

const task = (content: string, duePeriod = '2021-03') => ({ content, forms: ['website_post'], assignees: [{ role: 'lead', unitId: unit.TCCB }], duePeriod });
const created = await ctx.request({
  method: 'POST',
  url: '/api/v1/plans',
  payload: {
    issuerUnitId: unit.SGDDT,
    year: 2021,
    title: 'Kế hoạch kiểm tra tiến độ',
    tasks: [
      task('not started'), task('in progress'), task('done early'), task('done on the last day'), task('done the day after'),
      task('done ten days late'), task('cancelled'), task('quarter', '2021-Q2'), task('range', '2021-03-10/2021-03-20'),
    ],
  },
});
if (created.statusCode !== 201) throw new Error(`plan: ${created.body}`);
const planId: string = created.json().id;
const tasks: Record<string, Task> = Object.fromEntries(created.json().tasks.map((x: Task) => [x.content, x]));
// Setup failures throw: assertions outside a subtest would race the root test's automatic end.
const issued = await ctx.request({ method: 'POST', url: `/api/v1/plans/${planId}/issue`, payload: { issuedOn: '2021-02-10' } });
if (issued.statusCode !== 200) throw new Error(`issue: ${issued.body}`);

const progress: Array<[string, object]> = [
  ['in progress', { progress: 'in_progress' }],
  ['done early', { progress: 'done', completedOn: '2021-02-20' }],
  ['done on the last day', { progress: 'done', completedOn: '2021-03-31' }],
  ['done the day after', { progress: 'done', completedOn: '2021-04-01' }],
  ['done ten days late', { progress: 'done', completedOn: '2021-04-10' }],
  ['cancelled', { progress: 'cancelled', cancelReason: 'Không còn phù hợp' }],
];
for (const [content, payload] of progress) {
  const res = await ctx.request({ method: 'PATCH', url: `/api/v1/plans/${planId}/tasks/${tasks[content]!.id}`, payload, headers: { 'if-match': '"1"' } });
  if (res.statusCode !== 200) throw new Error(`${content}: ${res.body}`);
}

const one = async (content: string, asOf?: string) =>
  (await ctx.request({ url: `/api/v1/plans/${planId}/tasks/${tasks[content]!.id}${asOf ? `?asOf=${asOf}` : ''}` })).json().timeliness;
const byContent = (items: Task[]) => Object.fromEntries(items.map((x) => [x.content, x.timeliness]));

// The nine tasks as of each date: what each one's timeliness must be.
const expected: Record<string, Record<string, string>> = {
  '2021-02-19': {
    'not started': 'not_started', 'in progress': 'in_progress', 'done early': 'in_progress', 'done on the last day': 'in_progress',
    'done the day after': 'in_progress', 'done ten days late': 'in_progress', cancelled: 'cancelled', quarter: 'not_started', range: 'not_started',
  },
  '2021-03-15': {
    'not started': 'not_started', 'in progress': 'in_progress', 'done early': 'done_on_time', 'done on the last day': 'in_progress',
    'done the day after': 'in_progress', 'done ten days late': 'in_progress', cancelled: 'cancelled', quarter: 'not_started', range: 'not_started',
  },
  '2021-03-31': {
    'not started': 'not_started', 'in progress': 'in_progress', 'done early': 'done_on_time', 'done on the last day': 'done_on_time',
    'done the day after': 'in_progress', 'done ten days late': 'in_progress', cancelled: 'cancelled', quarter: 'not_started', range: 'overdue',
  },
  '2021-04-01': {
    'not started': 'overdue', 'in progress': 'overdue', 'done early': 'done_on_time', 'done on the last day': 'done_on_time',
    'done the day after': 'done_late', 'done ten days late': 'overdue', cancelled: 'cancelled', quarter: 'not_started', range: 'overdue',
  },
  '2021-04-10': {
    'not started': 'overdue', 'in progress': 'overdue', 'done early': 'done_on_time', 'done on the last day': 'done_on_time',
    'done the day after': 'done_late', 'done ten days late': 'done_late', cancelled: 'cancelled', quarter: 'not_started', range: 'overdue',
  },
  '2021-07-01': {
    'not started': 'overdue', 'in progress': 'overdue', 'done early': 'done_on_time', 'done on the last day': 'done_on_time',
    'done the day after': 'done_late', 'done ten days late': 'done_late', cancelled: 'cancelled', quarter: 'overdue', range: 'overdue',
  },
};

t.test('a task due 2021-03, one by one: not started, the boundary day, overdue the day after', async (t) => {
  t.equal(await one('not started', '2021-03-15'), 'not_started', 'inside the period');
  t.equal(await one('not started', '2021-03-31'), 'not_started', 'on the last day it is not yet overdue');
  t.equal(await one('not started', '2021-04-01'), 'overdue', 'the day after the period it is');
  t.equal(await one('in progress', '2021-03-20'), 'in_progress');
  t.equal(await one('in progress', '2021-04-01'), 'overdue');
  t.equal(await one('done early', '2021-04-01'), 'done_on_time', 'done before the period began');
  t.equal(await one('done on the last day', '2021-04-01'), 'done_on_time', 'done on the last day is on time');
  t.equal(await one('done the day after', '2021-04-01'), 'done_late');
  t.equal(await one('done the day after', '2021-03-31'), 'in_progress', 'not shown as done before its completion date');
  t.equal(await one('done ten days late', '2021-04-05'), 'overdue', 'after the period and before its completion date: overdue');
  t.equal(await one('cancelled', '2021-04-01'), 'cancelled');
  t.equal(await one('quarter', '2021-06-30'), 'not_started', 'a quarter is due on its last day');
  t.equal(await one('quarter', '2021-07-01'), 'overdue');
  const stored = (await ctx.request({ url: `/api/v1/plans/${planId}/tasks/${tasks['done the day after']!.id}?asOf=2021-03-01` })).json();
  t.match(stored, { progress: 'done', completedOn: '2021-04-01', timeliness: 'in_progress' }, 'progress stays as recorded; only timeliness is derived');
});

t.test('the appendix list and the plan detail agree with the task, date by date', async (t) => {
  for (const [asOf, want] of Object.entries(expected)) {
    const list = (await ctx.request({ url: `/api/v1/plans/${planId}/tasks?asOf=${asOf}` })).json().items;
    t.same(byContent(list), want, `appendix as of ${asOf}`);
    const detail = await ctx.request({ url: `/api/v1/plans/${planId}?asOf=${asOf}` });
    t.equal(detail.statusCode, 200);
    t.same(byContent(detail.json().tasks), want, `plan detail as of ${asOf}`);
    const search = (await ctx.request({ url: `/api/v1/tasks?planId=${planId}&asOf=${asOf}` })).json().items;
    t.same(byContent(search), want, `task search as of ${asOf}`);
  }
  for (const [content, want] of Object.entries(expected['2021-03-31']!)) t.equal(await one(content, '2021-03-31'), want, `${content} read alone as of 2021-03-31`);
});

t.test('without asOf, timeliness is as of today in Vietnam', async (t) => {
  for (const [content, want] of Object.entries(expected['2021-07-01']!)) t.equal(await one(content), want, `${content} today`);
  const today = vietnamToday();
  const draft = await ctx.request({
    method: 'POST',
    url: '/api/v1/plans',
    payload: { issuerUnitId: unit.SGDDT, year: 2021, title: 'Kế hoạch hôm nay', tasks: [task('ends today', `2021-01-01/${today}`), task('far future', '2099-Q4')] },
  });
  t.same(draft.json().tasks.map((x: Task) => x.timeliness), [null, null], 'a draft’s tasks have no timeliness');
  await ctx.request({ method: 'POST', url: `/api/v1/plans/${draft.json().id}/issue`, payload: { issuedOn: '2021-02-10' } });
  const [endsToday, future] = (await ctx.request({ url: `/api/v1/plans/${draft.json().id}/tasks` })).json().items as Task[];
  t.equal(endsToday!.timeliness, 'not_started', `a period ending today (${today}, Vietnam) is not overdue yet`);
  t.equal(future!.timeliness, 'not_started');
  const yesterday = await ctx.request({ url: `/api/v1/plans/${draft.json().id}/tasks/${endsToday!.id}?asOf=${nextDay(today)}` });
  t.equal(yesterday.json().timeliness, 'overdue', 'and is overdue tomorrow');
});

t.test('asOf must be a real date', async (t) => {
  for (const asOf of ['2021-02-30', '2021-3-1', 'today', '2021-03']) {
    assertProblem(t, await ctx.request({ url: `/api/v1/plans/${planId}/tasks?asOf=${asOf}` }), 400, `appendix asOf=${asOf}`);
  }
  assertProblem(t, await ctx.request({ url: `/api/v1/plans/${planId}/tasks/${tasks.quarter!.id}?asOf=2021-13-01` }), 400);
  assertProblem(t, await ctx.request({ url: `/api/v1/plans/${planId}?asOf=yesterday` }), 400);
});

function nextDay(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

t.test('a draft or cancelled plan binds no one: its tasks have no timeliness, in every view (issue 7, item 4)', async (t) => {
  const make = async (title: string) => {
    const res = await ctx.request({ method: 'POST', url: '/api/v1/plans', payload: { issuerUnitId: unit.SGDDT, year: 2021, title, tasks: [task(`${title}: tháng ba`), task(`${title}: quý hai`, '2021-Q2')] } });
    if (res.statusCode !== 201) throw new Error(res.body);
    return res.json() as { id: string; tasks: Task[] };
  };
  const draft = await make('Bản nháp chưa ban hành');
  const withdrawn = await make('Kế hoạch đã hủy');
  await ctx.request({ method: 'POST', url: `/api/v1/plans/${withdrawn.id}/issue`, payload: { issuedOn: '2021-02-10' } });
  await ctx.request({ method: 'PATCH', url: `/api/v1/plans/${withdrawn.id}/tasks/${withdrawn.tasks[0]!.id}`, payload: { progress: 'done', completedOn: '2021-03-05' }, headers: { 'if-match': '*' } });
  const whileIssued = (await ctx.request({ url: `/api/v1/plans/${withdrawn.id}/tasks?asOf=2021-07-01` })).json().items.map((x: Task) => x.timeliness);
  t.same(whileIssued, ['done_on_time', 'overdue'], 'while issued, its tasks had timeliness');
  await ctx.request({ method: 'POST', url: `/api/v1/plans/${withdrawn.id}/cancel`, payload: { reason: 'Thay bằng kế hoạch khác' } });

  for (const [what, p] of [['draft', draft], ['cancelled', withdrawn]] as const) {
    const asOf = '2021-07-01';
    t.same((await ctx.request({ url: `/api/v1/plans/${p.id}/tasks?asOf=${asOf}` })).json().items.map((x: Task) => x.timeliness), [null, null], `${what}: the appendix`);
    t.same((await ctx.request({ url: `/api/v1/plans/${p.id}?asOf=${asOf}` })).json().tasks.map((x: Task) => x.timeliness), [null, null], `${what}: the plan`);
    t.equal((await ctx.request({ url: `/api/v1/plans/${p.id}/tasks/${p.tasks[1]!.id}?asOf=${asOf}` })).json().timeliness, null, `${what}: one task`);
    const search = (await ctx.request({ url: `/api/v1/tasks?planId=${p.id}&asOf=${asOf}` })).json().items.map((x: Task) => x.timeliness);
    t.same(search, [null, null], `${what}: the cross-plan list`);
    for (const timeliness of ['overdue', 'not_started', 'done_on_time', 'in_progress']) {
      t.same((await ctx.request({ url: `/api/v1/tasks?planId=${p.id}&asOf=${asOf}&timeliness=${timeliness}` })).json().items, [], `${what}: timeliness=${timeliness} finds none`);
    }
    const summary = (await ctx.request({ url: `/api/v1/plans/${p.id}/progress?asOf=${asOf}` })).json();
    t.equal(summary.total, 2, `${what}: the summary counts its tasks`);
    t.same(summary.byTimeliness, { done_on_time: 0, done_late: 0, in_progress: 0, overdue: 0, not_started: 0, cancelled: 0 }, `${what}: by timeliness none, as the filter finds none`);
    t.same((await ctx.request({ url: `/api/v1/plans/${p.id}/schedule?asOf=${asOf}` })).json().months.map((m: { tasks: Task[] }) => m.tasks[0]!.timeliness), [null, null, null, null], `${what}: the schedule`);
  }
  const csv = (await ctx.request({ url: `/api/v1/plans/${draft.id}/tasks?asOf=2021-07-01`, headers: { accept: 'text/csv' } })).body;
  t.ok(csv.split('\r\n')[1]!.endsWith(',not_started,,'), 'the CSV leaves the cell empty');
  t.match((await ctx.request({ url: `/api/v1/plans/${withdrawn.id}/progress?asOf=2021-07-01` })).json().byProgress, { done: 1, not_started: 1 }, 'progress as recorded stays');
});
