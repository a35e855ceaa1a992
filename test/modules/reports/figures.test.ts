// A unit's report figures, computed straight from data made through the API: its parts of the
// Department's plan by progress and timeliness as of the window's end (overdue ones listed), its
// activities by form and by month, its windows of the plan's publish obligations, its own plan;
// over a six-month cut-off window and the calendar half-year, so that each edge shows both ways.
import t from 'tap';
import { CLI_ACTOR } from '../../../src/domain/actor.js';
import { NotFound } from '../../../src/domain/errors.js';
import { computeFigures } from '../../../src/modules/reports/reports.figures.js';
import type { Task } from '../../../src/modules/tasks/tasks.schemas.js';
import { seedDemoUnits } from '../../../src/modules/units/units.demo.js';
import { setupApp } from '../../helpers/app.js';

const ctx = await setupApp(t);
await seedDemoUnits(ctx.db, CLI_ACTOR);
const unit = Object.fromEntries((await ctx.db.selectFrom('units').select(['code', 'id']).execute()).map((u) => [u.code, u.id])) as Record<string, string>;
const HD = unit['THPT-HD']!;
/** The six-month cut-off window of 2021, and the calendar half-year. */
const CUTOFF = { from: '2020-12-15', to: '2021-06-14' };
const H1 = { from: '2021-01-01', to: '2021-06-30' };

/** The API's answer as JSON, or a throw when its status is not the one expected. */
async function call(method: 'POST' | 'PATCH' | 'DELETE', url: string, payload: object | undefined, expected: number, headers: Record<string, string> = {}) {
  const res = await ctx.request({ method, url, payload, headers });
  if (res.statusCode !== expected) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
  return expected === 204 ? null : res.json();
}

type Plan = { id: string; number: string | null; tasks: Task[]; obligations: Array<{ id: string }> };
/** A 2021 plan (the Department's unless the body names another issuer), issued on `issuedOn` if given. */
async function plan(body: Record<string, unknown>, issuedOn?: string): Promise<Plan> {
  const made: Plan = await call('POST', '/api/v1/plans', { issuerUnitId: unit.SGDDT, year: 2021, title: 'Kế hoạch tuyên truyền CCHC', ...body }, 201);
  return issuedOn ? { ...made, number: (await call('POST', `/api/v1/plans/${made.id}/issue`, { issuedOn }, 200)).number } : made;
}
const lead = (code: string) => ({ role: 'lead', unitId: unit[code] });
const coordinator = (code: string) => ({ role: 'coordinator', unitId: unit[code] });
const task = (content: string, duePeriod: string, ...assignees: object[]) => ({ content, forms: ['website_post'], assignees, duePeriod });

/** Records THPT-HD's part of the task under the If-Match of its version. */
async function record(task: Task, payload: object): Promise<void> {
  const url = `/api/v1/plans/${task.planId}/tasks/${task.id}/parts/${HD}`;
  await call('PATCH', url, payload, 200, { 'if-match': (await ctx.request({ url })).headers.etag as string });
}
const done = (completedOn: string) => ({ progress: 'done', completedOn });
const started = { progress: 'in_progress' };

/** An activity of the unit (with evidence where its form needs it), carrying out the task if given. */
async function activity(code: string, form: string, occurredOn: string, taskId?: string): Promise<{ id: string; version: number }> {
  const evidence = form === 'website_post' || form === 'video' ? { evidenceUrl: `https://example.edu.vn/${code}/${occurredOn}` } : {};
  return call('POST', '/api/v1/activities', { unitId: unit[code], form, title: `${form} của ${code}`, occurredOn, ...evidence, ...(taskId ? { taskId } : {}) }, 201);
}

// The Department's plan: each row is one case of THPT-HD's part, by ordinal (see the counts below).
const main = await plan(
  {
    tasks: [
      task('1. đúng hạn', '2021-01', lead('THPT-HD')),
      task('2. trễ hạn, phối hợp', '2021-02', lead('TCCB'), coordinator('THPT-HD')),
      task('3. quá hạn, chưa làm', '2021-03', lead('THPT-HD')),
      task('4. quá hạn, đang làm, qua nhóm', '2021-04', { role: 'lead', group: 'affiliated' }),
      task('5. quá hạn, phối hợp', '2021-05', lead('TCCB'), coordinator('THPT-HD')),
      task('6. hạn ngày trước cuối kỳ', '2021-06-01/2021-06-13', lead('THPT-HD')),
      task('7. hạn đúng ngày cuối kỳ', '2021-06-01/2021-06-14', lead('THPT-HD')),
      task('8. xong sau cuối kỳ', '2021-06', lead('THPT-HD')),
      task('9. xong ngày cuối kỳ', '2021-06', lead('THPT-HD')),
      task('10. bắt đầu ngày cuối kỳ', '2021-06-14/2021-06-30', lead('THPT-HD')),
      task('11. bắt đầu sau cuối kỳ', '2021-06-15/2021-06-30', lead('THPT-HD')),
      task('12. xong sớm', '2021-09', lead('THPT-HD')),
      task('13. chưa đến hạn', '2021-09', lead('THPT-HD')),
      task('14. của đơn vị khác', '2021-03', lead('TCCB')),
      task('15. hủy', '2021-05', lead('THPT-HD')),
    ],
    obligations: [
      { kind: 'publish', group: 'affiliated', forms: ['website_post', 'video'], minCount: 1, per: 'quarter', description: 'Ít nhất 01 tin, bài mỗi quý.' },
      { kind: 'own_plan', group: 'affiliated', description: 'Xây dựng kế hoạch của đơn vị.' },
      { kind: 'publish', unitId: HD, minCount: 10, per: 'half_year', description: '10 hoạt động mỗi 6 tháng.' },
      { kind: 'report', unitId: HD, per: 'half_year', description: 'Báo cáo 6 tháng, năm.' },
    ],
  },
  '2021-01-10',
);
const T = main.tasks;
const [quarterly, , halfYearly] = main.obligations.map((o) => o.id) as [string, string, string];
await record(T[0]!, done('2021-01-20'));
await record(T[1]!, done('2021-03-05'));
await record(T[3]!, started);
await record(T[7]!, done('2021-06-20'));
await record(T[8]!, done('2021-06-14'));
await record(T[9]!, started);
await record(T[10]!, started);
await record(T[11]!, done('2021-05-10'));
await record(T[14]!, { progress: 'cancelled', cancelReason: 'Gộp vào nhiệm vụ 9' });

// THPT-HD's activities around the windows' edges; one removed, one of another school.
await activity('THPT-HD', 'website_post', '2020-12-14');
await activity('THPT-HD', 'website_post', '2020-12-15');
await activity('THPT-HD', 'meeting', '2021-02-10', T[0]!.id);
await activity('THPT-HD', 'website_post', '2021-02-20', T[2]!.id);
await activity('THPT-HD', 'video', '2021-04-05');
await activity('THPT-HD', 'survey', '2021-05-05');
const removed = await activity('THPT-HD', 'qa', '2021-05-06');
await activity('THPT-HD', 'website_post', '2021-06-14');
await activity('THPT-HD', 'website_post', '2021-06-15');
await activity('THPT-LLQ', 'website_post', '2021-02-01');
await call('DELETE', `/api/v1/activities/${removed.id}`, undefined, 204, { 'if-match': `"${removed.version}"` });

// Own plans of THPT-HD: one under no plan (early), the one under the Department's issued the day after
// the cut-off window (its own task, overdue, is not a part of the Department's plan), a second one
// issued after that, a draft, and one issued early but cancelled; and another school's, early.
await plan({ issuerUnitId: HD, title: 'Kế hoạch riêng' }, '2021-02-01');
const own = await plan({ issuerUnitId: HD, title: 'Kế hoạch của trường', parentPlanId: main.id, tasks: [task('Của trường', '2021-03', lead('THPT-HD'))] }, '2021-06-15');
await plan({ issuerUnitId: HD, title: 'Bản nháp', parentPlanId: main.id });
await plan({ issuerUnitId: HD, title: 'Kế hoạch bổ sung', parentPlanId: main.id }, '2021-06-20');
await plan({ issuerUnitId: unit.GDTX, title: 'Kế hoạch của Trung tâm', parentPlanId: main.id }, '2021-02-15');
const cancelled = await plan({ issuerUnitId: HD, title: 'Kế hoạch bị hủy', parentPlanId: main.id }, '2021-03-01');
await call('POST', `/api/v1/plans/${cancelled.id}/cancel`, { reason: 'Ban hành lại' }, 200);

const cutoff = await computeFigures(ctx.db, { unitId: HD, planId: main.id, window: CUTOFF, department: false });
const h1 = await computeFigures(ctx.db, { unitId: HD, planId: main.id, window: H1, department: false });

t.test('tasks: the unit’s parts as of the window’s end', async (t) => {
  t.equal(cutoff.asOf, '2021-06-14', 'as of the window’s last day');
  t.match(main.number, /^\d{2}\/KH-SGDĐT$/);
  t.same({ planId: cutoff.tasks.planId, planNumber: cutoff.tasks.planNumber }, { planId: main.id, planNumber: main.number });
  // Parts 1–10, 12 (done early) and 15: not 11 or 13 (not due yet), 14 (TCCB's), nor the own plan's task.
  t.equal(cutoff.tasks.total, 12);
  t.same(cutoff.tasks.byProgress, { not_started: 4, in_progress: 3, done: 4, cancelled: 1 }, 'part 8, done after the window, was still in progress');
  t.same(cutoff.tasks.byTimeliness, { done_on_time: 3, done_late: 1, in_progress: 2, overdue: 4, not_started: 1, cancelled: 1 });
  t.same(
    cutoff.tasks.overdue,
    [
      { taskId: T[2]!.id, ordinal: 3, content: '3. quá hạn, chưa làm', dueTo: '2021-03-31', role: 'lead' },
      { taskId: T[3]!.id, ordinal: 4, content: '4. quá hạn, đang làm, qua nhóm', dueTo: '2021-04-30', role: 'lead' },
      { taskId: T[4]!.id, ordinal: 5, content: '5. quá hạn, phối hợp', dueTo: '2021-05-31', role: 'coordinator' },
      { taskId: T[5]!.id, ordinal: 6, content: '6. hạn ngày trước cuối kỳ', dueTo: '2021-06-13', role: 'lead' },
    ],
    'by ordinal; a part due on the last day is not overdue yet',
  );

  // The half-year: part 11 has begun, part 8 is done (on time), part 7 is overdue.
  t.equal(h1.asOf, '2021-06-30');
  t.equal(h1.tasks.total, 13);
  t.same(h1.tasks.byProgress, { not_started: 4, in_progress: 3, done: 5, cancelled: 1 });
  t.same(h1.tasks.byTimeliness, { done_on_time: 4, done_late: 1, in_progress: 2, overdue: 5, not_started: 0, cancelled: 1 });
  t.same(h1.tasks.overdue.map((p) => p.ordinal), [3, 4, 5, 6, 7]);
});

t.test('activities: the unit’s within the window, by form and by month', async (t) => {
  // 15/12/2020 to 14/6/2021: not the post of the 14th of December nor that of the 15th of June, not the removed Q&A.
  t.same(cutoff.activities, {
    total: 6,
    linkedToTasks: 2,
    byForm: { website_post: 3, video: 1, meeting: 1, contest: 0, procedure_listing: 0, survey: 1, qa: 0, hotline: 0 },
    byMonth: [
      { month: '2020-12', count: 1 },
      { month: '2021-01', count: 0 },
      { month: '2021-02', count: 2 },
      { month: '2021-03', count: 0 },
      { month: '2021-04', count: 1 },
      { month: '2021-05', count: 1 },
      { month: '2021-06', count: 1 },
    ],
  });
  t.same(h1.activities.byMonth.map((m) => m.count), [0, 2, 0, 1, 1, 2], 'the half-year: January to June, the post of the 15th of June in');
  t.same([h1.activities.total, h1.activities.byForm.website_post], [6, 3], 'without December’s first post');
});

t.test('compliance: the windows of the plan’s publish obligations that end within the report’s', async (t) => {
  t.same(
    cutoff.compliance,
    { windows: [{ obligationId: quarterly, window: { from: '2021-01-01', to: '2021-03-31' }, required: 1, done: 1, status: 'met' }], due: 1, met: 1 },
    'the first quarter only: not the fourth of 2020, before the plan’s year, nor the second quarter and half-year, still running',
  );
  t.same(
    h1.compliance,
    {
      windows: [
        { obligationId: quarterly, window: { from: '2021-01-01', to: '2021-03-31' }, required: 1, done: 1, status: 'met' },
        { obligationId: quarterly, window: { from: '2021-04-01', to: '2021-06-30' }, required: 1, done: 3, status: 'met' },
        { obligationId: halfYearly, window: { from: '2021-01-01', to: '2021-06-30' }, required: 10, done: 6, status: 'missed' },
      ],
      due: 3,
      met: 2,
    },
    'the windows ending on the last day are over: the half-year short of its ten is missed',
  );
});

t.test('compliance over a year: every window of the publish obligations, none of the others', async (t) => {
  const year = await computeFigures(ctx.db, { unitId: HD, planId: main.id, window: { from: '2021-01-01', to: '2021-12-31' }, department: false });
  t.same(
    year.compliance.windows.map((w) => [w.obligationId, w.window.from, w.status]),
    [
      [quarterly, '2021-01-01', 'met'],
      [quarterly, '2021-04-01', 'met'],
      [quarterly, '2021-07-01', 'missed'],
      [quarterly, '2021-10-01', 'missed'],
      [halfYearly, '2021-01-01', 'missed'],
      [halfYearly, '2021-07-01', 'missed'],
    ],
    'by obligation, then window; not the own plan’s year, which has its own section',
  );
  t.same([year.compliance.due, year.compliance.met], [6, 2]);
});

t.test('own plan: issued under the plan by the window’s end', async (t) => {
  t.equal(cutoff.ownPlan, null, 'issued the day after; a plan under no parent, a draft, a cancelled plan and another school’s do not count');
  t.match(own.number, /^\d{2}\/KH-/);
  t.same(h1.ownPlan, { id: own.id, number: own.number, issuedOn: '2021-06-15' }, 'the first issued under the plan');
});

t.test('a plan that does not exist', async (t) => {
  const error = await computeFigures(ctx.db, { unitId: HD, planId: '00000000-0000-4000-8000-000000000000', window: H1, department: false }).catch((e: unknown) => e);
  t.type(error, NotFound);
  t.match(error, { message: /^Plan 00000000-0000-4000-8000-000000000000 does not exist/ });
});
