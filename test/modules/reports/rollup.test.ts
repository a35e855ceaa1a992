// The Department's roll-up: one row per unit its plan's report obligations name (a group's active
// units and a unit by id), each with its report's status, its parts done and overdue, its activities
// in the window by form, its quarters judged and its own plan, all as of the window's end; the lists,
// the totals, the window (a report's, else the Department's cut-off), the workbook, every refusal.
// Reports are written as rows, in each state the workflow leaves them, at the dates the cases need.
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import t from 'tap';
import { CLI_ACTOR } from '../../../src/domain/actor.js';
import type { Rollup, RollupRow } from '../../../src/modules/reports/reports.schemas.js';
import { seedDemoUnits } from '../../../src/modules/units/units.demo.js';
import { assertProblem, setupApp } from '../../helpers/app.js';

const ctx = await setupApp(t);
await seedDemoUnits(ctx.db, CLI_ACTOR);
await ctx.addUnit({ code: 'THPT-NK', name: 'Trường THPT Ngã Năm', kind: 'affiliated' });
const gone = await ctx.addUnit({ code: 'THPT-CU', name: 'Trường THPT đã sáp nhập', kind: 'affiliated' });
const unit = Object.fromEntries((await ctx.db.selectFrom('units').select(['code', 'id']).execute()).map((u) => [u.code, u.id])) as Record<string, string>;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const NO_QUESTIONS = { received: 0, answered: 0, answeredOnTime: 0, overdue: 0, published: 0, responseDays: { median: null, p90: null } };
const NONE = { website_post: 0, video: 0, meeting: 0, contest: 0, procedure_listing: 0, survey: 0, qa: 0, hotline: 0 };

async function ok(res: { statusCode: number; body: string }, what: string, status = 200) {
  if (res.statusCode !== status) throw new Error(`${what}: ${res.body}`);
  return JSON.parse(res.body);
}
async function plan(body: Record<string, unknown>, issuedOn?: string): Promise<{ id: string; number: string | null; tasks: Array<{ id: string }> }> {
  const created = await ok(await ctx.request({ method: 'POST', url: '/api/v1/plans', payload: { issuerUnitId: unit.SGDDT, year: 2021, title: 'Kế hoạch tuyên truyền CCHC', ...body } }), 'plan', 201);
  const issued = issuedOn ? await ok(await ctx.request({ method: 'POST', url: `/api/v1/plans/${created.id}/issue`, payload: { issuedOn } }), 'issue') : null;
  return { id: created.id, number: issued?.number ?? null, tasks: created.tasks };
}
async function activity(code: string, form: string, occurredOn: string): Promise<{ id: string; version: number }> {
  const evidence = form === 'website_post' || form === 'video' ? { evidenceUrl: `https://example.edu.vn/${code}/${occurredOn}` } : {};
  return ok(await ctx.request({ method: 'POST', url: '/api/v1/activities', payload: { unitId: unit[code], form, title: `${form} của ${code}`, occurredOn, ...evidence } }), 'activity', 201);
}
async function part(planId: string, taskId: string, code: string, payload: object) {
  const url = `/api/v1/plans/${planId}/tasks/${taskId}/parts/${unit[code]}`;
  const etag = (await ctx.request({ url })).headers.etag as string;
  await ok(await ctx.request({ method: 'PATCH', url, payload, headers: { 'if-match': etag } }), `part of ${code}`);
}
/** A report row as D's workflow leaves it; a non-draft one has its snapshot and number. */
async function report(code: string, kind: 'six_month' | 'annual', status: 'draft' | 'submitted' | 'accepted', extra: { submittedAt?: string; late?: boolean; window?: [string, string] } = {}) {
  const [windowFrom, windowTo] = extra.window ?? (kind === 'six_month' ? ['2020-12-15', '2021-06-14'] : ['2020-12-15', '2021-12-14']);
  const done = status !== 'draft';
  const row = await ctx.db
    .insertInto('reports')
    .values({
      unitId: unit[code]!, year: 2021, kind, windowKind: extra.window ? 'calendar' : 'cutoff', windowFrom, windowTo, dueOn: `${windowTo.slice(0, 8)}20`, planId: main.id, status,
      results: null, shortcomings: null, causes: null, difficulties: null, proposals: null, nextPeriodTasks: null, signerTitle: null, signerName: null, recipients: '[]',
      figures: done ? '{}' : null, submittedAt: done ? new Date(extra.submittedAt!) : null, late: done ? extra.late! : null,
      numberSequence: done ? 1 : null, numberYear: done ? 2021 : null, symbol: done ? `BC-${code}` : null, acceptedAt: status === 'accepted' ? new Date('2021-06-25T02:00:00Z') : null, history: '[]',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}
const rollup = async (query: string): Promise<Rollup> => ok(await ctx.request({ url: `/api/v1/reports/rollup?${query}` }), `rollup ${query}`);
const row = (r: Rollup, code: string): RollupRow => r.rows.find((x) => x.unit.code === code)!;
const codes = (units: Array<{ code: string }>) => units.map((u) => u.code);

// The Department's plan of 2021: the schools (and VP by name) report to it; every school posts once a
// quarter, THPT-HD holds two meetings a quarter besides, TCCB posts (not covered: the plan has report
// obligations); three tasks for the schools, due in March, May and September.
const task = (content: string, duePeriod: string) => ({ content, forms: ['website_post'], duePeriod, assignees: [{ role: 'lead', unitId: unit.TCCB }, { role: 'coordinator', group: 'affiliated' }] });
const main = await plan(
  {
    obligations: [
      { kind: 'report', group: 'affiliated', per: 'half_year', description: 'Báo cáo kết quả 6 tháng, năm.' },
      { kind: 'publish', group: 'affiliated', forms: ['website_post', 'video'], minCount: 1, per: 'quarter', description: 'Đăng tải ít nhất 01 tin, bài/quý.' },
      { kind: 'publish', unitId: unit['THPT-HD'], forms: ['meeting'], minCount: 2, per: 'quarter', description: 'Tổ chức 02 buổi sinh hoạt/quý.' },
      { kind: 'own_plan', group: 'affiliated', description: 'Xây dựng kế hoạch của đơn vị.' },
      { kind: 'publish', unitId: unit.TCCB, per: 'quarter', description: 'Đăng tin về CCHC.' },
      { kind: 'report', unitId: unit.VP, per: 'year', description: 'Văn phòng báo cáo năm.' },
    ],
    tasks: [task('Đăng tin quý I', '2021-03'), task('Đăng tin tháng 5', '2021-05'), task('Đăng tin quý III', '2021-09')],
  },
  '2021-01-20',
);
await ok(await ctx.request({ method: 'POST', url: `/api/v1/units/${gone.id}/deactivate`, payload: {} }), 'deactivate');
const [t1, t2, t3] = main.tasks.map((x) => x.id) as [string, string, string];
// As of 14 June: HD did T1 and T3, T2 only later (overdue); NTMK is in progress on T1 (overdue) and
// cancelled T2; LLQ did nothing (T1, T2 overdue); GDTX did T1 late, not T2.
await part(main.id, t1, 'THPT-HD', { progress: 'done', completedOn: '2021-03-20' });
await part(main.id, t2, 'THPT-HD', { progress: 'done', completedOn: '2021-06-20' });
await part(main.id, t3, 'THPT-HD', { progress: 'done', completedOn: '2021-06-01' });
await part(main.id, t1, 'THPT-NTMK', { progress: 'in_progress' });
await part(main.id, t2, 'THPT-NTMK', { progress: 'cancelled', cancelReason: 'Gộp vào nhiệm vụ khác' });
await part(main.id, t1, 'GDTX', { progress: 'done', completedOn: '2021-04-10' });

await activity('THPT-HD', 'website_post', '2020-12-20'); // in the window, not in the plan's year
await activity('THPT-HD', 'website_post', '2021-02-10');
await activity('THPT-HD', 'meeting', '2021-03-01');
await activity('THPT-HD', 'meeting', '2021-03-05');
await activity('THPT-HD', 'video', '2021-05-05');
await activity('THPT-HD', 'website_post', '2021-06-20'); // after the six-month window
await activity('THPT-NTMK', 'website_post', '2020-12-10'); // before it
await activity('THPT-NTMK', 'meeting', '2021-02-02');
const removed = await activity('THPT-LLQ', 'website_post', '2021-03-03');
const deleted = await ctx.request({ method: 'DELETE', url: `/api/v1/activities/${removed.id}`, headers: { 'if-match': `"${removed.version}"` } });
if (deleted.statusCode !== 204) throw new Error(`delete: ${deleted.body}`);
await activity('THPT-LLQ', 'website_post', '2021-06-14'); // the window's last day
await activity('GDTX', 'video', '2021-01-15');
await activity('GDTX', 'website_post', '2021-06-15');
await activity('TCCB', 'website_post', '2021-02-01');

// Own plans: HD's issued in March, GDTX's in July, NTMK's only a draft.
const hdPlan = await plan({ issuerUnitId: unit['THPT-HD'], title: 'Kế hoạch của trường', parentPlanId: main.id }, '2021-03-01');
const gdtxPlan = await plan({ issuerUnitId: unit.GDTX, title: 'Kế hoạch của Trung tâm', parentPlanId: main.id }, '2021-07-01');
await plan({ issuerUnitId: unit['THPT-NTMK'], title: 'Kế hoạch nháp', parentPlanId: main.id });

t.test('before any report: every unit missing, in the cut-off window of the Department’s own day', async (t) => {
  await sql`UPDATE units SET report_cutoff_day = 20 WHERE code = 'SGDDT'`.execute(ctx.db);
  t.teardown(async () => void (await sql`UPDATE units SET report_cutoff_day = 15 WHERE code = 'SGDDT'`.execute(ctx.db)));
  const r = await rollup('year=2021&kind=six_month');
  t.match(r, { year: 2021, kind: 'six_month', planId: main.id, window: { from: '2020-12-20', to: '2021-06-19' } });
  t.same(codes(r.rows.map((x) => x.unit)), ['GDTX', 'THPT-HD', 'THPT-LLQ', 'THPT-NK', 'THPT-NTMK', 'VP'], 'the report obligations’ units by code: no inactive school, no TCCB, not the Department');
  t.ok(r.rows.every((x) => x.status === 'missing' && x.reportId === null && x.submittedAt === null && x.late === null));
  t.same(codes(r.notSubmitted), codes(r.rows.map((x) => x.unit)));
  t.same(row(r, 'THPT-HD').activitiesByForm, { ...NONE, website_post: 2, meeting: 2, video: 1 }, 'the post of 20 December 2020 on this window’s first day, that of 20 June after its last');
  t.same(row(r, 'GDTX').activitiesByForm, { ...NONE, video: 1, website_post: 1 }, 'the post of 15 June falls inside it');
});

t.test('the six-month roll-up: each status, the lists and the totals', async (t) => {
  const ids = {
    hd: await report('THPT-HD', 'six_month', 'submitted', { submittedAt: '2021-06-18T03:00:00Z', late: false }),
    ntmk: await report('THPT-NTMK', 'six_month', 'draft'),
    llq: await report('THPT-LLQ', 'six_month', 'submitted', { submittedAt: '2021-06-25T08:00:00Z', late: true }),
    gdtx: await report('GDTX', 'six_month', 'accepted', { submittedAt: '2021-06-10T01:00:00Z', late: false }),
  };
  await report('THPT-HD', 'annual', 'submitted', { submittedAt: '2021-12-18T03:00:00Z', late: false });
  const r = await rollup('year=2021&kind=six_month');
  t.same(r.window, { from: '2020-12-15', to: '2021-06-14' }, 'the window of the reports of the year and kind');
  t.same(
    r.rows.map((x) => [x.unit.code, x.status, x.submittedAt, x.late, x.tasksDone, x.tasksOverdue]),
    [
      ['GDTX', 'accepted', '2021-06-10T01:00:00.000Z', false, 1, 1],
      ['THPT-HD', 'submitted', '2021-06-18T03:00:00.000Z', false, 2, 1],
      ['THPT-LLQ', 'submitted', '2021-06-25T08:00:00.000Z', true, 0, 2],
      ['THPT-NK', 'missing', null, null, 0, 2],
      ['THPT-NTMK', 'draft', null, null, 0, 1],
      ['VP', 'missing', null, null, 0, 0],
    ],
    'parts done by 14 June (HD’s T3 ahead of time, not T2 done later), overdue by then (T3 is not due yet; a cancelled part is not overdue)',
  );
  t.same([row(r, 'THPT-HD').reportId, row(r, 'THPT-NTMK').reportId, row(r, 'THPT-LLQ').reportId, row(r, 'GDTX').reportId], [ids.hd, ids.ntmk, ids.llq, ids.gdtx]);
  t.same(r.rows.map((x) => [x.unit.code, x.activitiesByForm]), [
    ['GDTX', { ...NONE, video: 1 }],
    ['THPT-HD', { ...NONE, website_post: 2, meeting: 2, video: 1 }],
    ['THPT-LLQ', { ...NONE, website_post: 1 }],
    ['THPT-NK', NONE],
    ['THPT-NTMK', { ...NONE, meeting: 1 }],
    ['VP', NONE],
  ], 'every form counted, zeros included; in the window only; the removed post not at all');
  t.same(
    r.rows.map((x) => [x.unit.code, x.quartersCompliant, x.quartersDue, x.nonCompliantQuarters]),
    [
      ['GDTX', 1, 1, []],
      ['THPT-HD', 1, 1, []],
      ['THPT-LLQ', 0, 1, ['2021-Q1']],
      ['THPT-NK', 0, 1, ['2021-Q1']],
      ['THPT-NTMK', 0, 1, ['2021-Q1']],
      ['VP', 0, 0, []],
    ],
    'only the first quarter is over by 14 June; a meeting is no post; the removed post does not count; VP owes no quarterly post',
  );
  t.same(row(r, 'THPT-HD').ownPlan, { id: hdPlan.id, number: hdPlan.number, issuedOn: '2021-03-01' });
  t.equal(row(r, 'GDTX').ownPlan, null, 'issued after the window’s end');
  t.equal(row(r, 'THPT-NTMK').ownPlan, null, 'a draft is no plan');

  t.same(codes(r.notSubmitted), ['THPT-NK', 'THPT-NTMK', 'VP'], 'missing or draft');
  t.same(codes(r.late), ['THPT-LLQ']);
  t.same(r.nonCompliant.map((x) => [x.unit.code, x.quarters]), [['THPT-LLQ', ['2021-Q1']], ['THPT-NK', ['2021-Q1']], ['THPT-NTMK', ['2021-Q1']]]);
  t.same(r.totals, { units: 6, submitted: 3, late: 1, tasksDone: 3, tasksOverdue: 7, activitiesByForm: { ...NONE, website_post: 3, video: 2, meeting: 3 }, ownPlans: 1, questions: NO_QUESTIONS });
  t.same(row(r, 'THPT-HD').unit, { id: unit['THPT-HD'], code: 'THPT-HD', name: 'Trường THPT Hoàng Diệu' });
});

t.test('the annual roll-up in the window of the Department’s own (calendar) report', async (t) => {
  await report('SGDDT', 'annual', 'draft', { window: ['2021-01-01', '2021-12-31'] });
  const r = await rollup('year=2021&kind=annual');
  t.same(r.window, { from: '2021-01-01', to: '2021-12-31' }, 'the Department’s report before THPT-HD’s');
  t.same(
    r.rows.map((x) => [x.unit.code, x.status, x.tasksDone, x.tasksOverdue, x.quartersCompliant, x.quartersDue, x.nonCompliantQuarters]),
    [
      ['GDTX', 'missing', 1, 2, 2, 4, ['2021-Q3', '2021-Q4']],
      ['THPT-HD', 'submitted', 3, 0, 1, 3, ['2021-Q2', '2021-Q3']],
      ['THPT-LLQ', 'missing', 0, 3, 1, 4, ['2021-Q1', '2021-Q3', '2021-Q4']],
      ['THPT-NK', 'missing', 0, 3, 0, 4, ['2021-Q1', '2021-Q2', '2021-Q3', '2021-Q4']],
      ['THPT-NTMK', 'missing', 0, 2, 0, 4, ['2021-Q1', '2021-Q2', '2021-Q3', '2021-Q4']],
      ['VP', 'missing', 0, 0, 0, 0, []],
    ],
    'four quarters over by 31 December; THPT-HD, judged in its own report’s window (to 14 December), three; its second quarter has its post but not its two meetings',
  );
  t.same(row(r, 'THPT-HD').window, { from: '2020-12-15', to: '2021-12-14' }, 'a unit with a report is judged in that report’s window, so its row says what its report says');
  t.same(row(r, 'GDTX').window, r.window, 'one without, in the roll-up’s');
  t.same(row(r, 'THPT-HD').activitiesByForm, { ...NONE, website_post: 3, meeting: 2, video: 1 }, 'in its window, the posts of 20 December 2020 and of 20 June count');
  t.same(row(r, 'GDTX').ownPlan, { id: gdtxPlan.id, number: gdtxPlan.number, issuedOn: '2021-07-01' });
  t.equal(r.totals.ownPlans, 2);
  t.equal(r.totals.submitted, 1);
});

t.test('a plan without report obligations covers the units its publish obligations name', async (t) => {
  await plan({ year: 2022, obligations: [{ kind: 'publish', unitId: unit.TCCB, per: 'quarter', description: 'Đăng tin.' }] }, '2022-01-10');
  const r = await rollup('year=2022&kind=six_month');
  t.same(codes(r.rows.map((x) => x.unit)), ['TCCB']);
  t.same(r.window, { from: '2021-12-15', to: '2022-06-14' });
  t.match(row(r, 'TCCB'), { status: 'missing', quartersDue: 1, quartersCompliant: 0, nonCompliantQuarters: ['2022-Q1'] });
});

t.test('a plan that names no unit: no rows, and the totals still count the window’s questions', async (t) => {
  await plan({ year: 2025, obligations: [] }, '2025-01-10');
  const r = await rollup('year=2025&kind=six_month');
  t.same(r.rows, []);
  t.match(r.totals, { units: 0, submitted: 0, tasksDone: 0, activitiesByForm: NONE, questions: NO_QUESTIONS });
});

t.test('the workbook', async (t) => {
  const res = await ctx.request({ url: '/api/v1/reports/rollup?year=2021&kind=six_month', headers: { accept: XLSX } });
  t.equal(res.statusCode, 200);
  t.match(res.headers['content-type'], XLSX);
  t.match(res.headers['content-disposition'], /attachment; filename="tong-hop-bao-cao-6-thang-2021\.xlsx"/);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  t.ok(book.worksheets.length >= 1, 'reads back as a workbook');
  t.ok(
    book.worksheets.some((sheet) => sheet.getSheetValues().some((values) => Array.isArray(values) && values.includes('Trường THPT Hoàng Diệu'))),
    'the units by name, Vietnamese intact',
  );
});

t.test('an Accept naming neither JSON nor the workbook: 406', async (t) => {
  assertProblem(t, await ctx.request({ url: '/api/v1/reports/rollup?year=2021&kind=six_month', headers: { accept: 'text/csv' } }), 406);
  const any = await ctx.request({ url: '/api/v1/reports/rollup?year=2021&kind=six_month', headers: { accept: '*/*' } });
  t.match(any.headers['content-type'], /^application\/json/, 'anything: JSON');
});

t.test('every key reads it; without one, 401', async (t) => {
  for (const role of ['reader', 'editor'] as const) {
    const key = await ctx.keyFor(role, role === 'editor' ? unit['THPT-HD'] : undefined);
    t.equal((await ctx.request({ url: '/api/v1/reports/rollup?year=2021&kind=six_month', key })).statusCode, 200, role);
  }
  assertProblem(t, await ctx.request({ url: '/api/v1/reports/rollup?year=2021&kind=six_month', key: null }), 401);
});

t.test('refusals: no Department plan that year (422), a bad kind or year (400)', async (t) => {
  // 2020: only a draft of the Department; 2019: an issued plan of a division.
  await plan({ year: 2020 });
  await plan({ year: 2019, issuerUnitId: unit.TCCB }, '2019-02-01');
  for (const year of [2019, 2020, 2023]) {
    const body = assertProblem(t, await ctx.request({ url: `/api/v1/reports/rollup?year=${year}&kind=six_month` }), 422, `${year}`);
    t.same(body.errors, [{ pointer: '/query/year', message: 'names a year with no issued plan of the Department' }]);
  }
  for (const query of ['year=2021&kind=quarterly', 'year=1999&kind=annual', 'year=abc&kind=annual', 'kind=annual', 'year=2021', 'year=2021&kind=annual&unitId=x']) {
    assertProblem(t, await ctx.request({ url: `/api/v1/reports/rollup?${query}` }), 400, query);
  }
});

t.test('a unit with a report is in the roll-up even when no report obligation names it', async (t) => {
  const before = await rollup('year=2021&kind=six_month');
  t.notOk(row(before, 'TCCB'), 'TCCB leads tasks but no report obligation names it');
  const id = await report('TCCB', 'six_month', 'draft');
  const after = await rollup('year=2021&kind=six_month');
  t.match(row(after, 'TCCB'), { reportId: id, status: 'draft' }, 'its report makes it a row, so the lists count it');
  t.ok(after.notSubmitted.some((u) => u.code === 'TCCB'));
});

t.test('the Department’s own report keeps its plan and window, even once that plan is cancelled', async (t) => {
  const id = await report('SGDDT', 'six_month', 'draft');
  const cancelled = await ctx.request({ method: 'POST', url: `/api/v1/plans/${main.id}/cancel`, payload: { reason: 'Thay thế bằng kế hoạch khác.' } });
  t.equal(cancelled.statusCode, 200);
  const read = await ctx.request({ url: `/api/v1/reports/${id}` });
  t.equal(read.statusCode, 200, 'still readable: its roll-up is of the plan it answers to');
  t.match(read.json().figures.rollup, { planId: main.id, window: { from: '2020-12-15', to: '2021-06-14' } });
  t.notOk(read.json().figures.rollup.rows.some((r: RollupRow) => r.unit.code === 'SGDDT'), 'the Department is not a row of its own roll-up');
});
