// Compliance with a plan's standing obligations, computed as of a date: a quarterly publish
// obligation for the affiliated units and an own_plan obligation, judged school by school and window
// by window from their activities and their own plans; filters, the per-unit view, and every refusal.
import t from 'tap';
import { CLI_ACTOR } from '../../../src/domain/actor.js';
import type { ComplianceRow } from '../../../src/modules/compliance/compliance.schemas.js';
import { seedDemoUnits } from '../../../src/modules/units/units.demo.js';
import { assertProblem, setupApp } from '../../helpers/app.js';

const ctx = await setupApp(t);
await seedDemoUnits(ctx.db, CLI_ACTOR);
const unit = Object.fromEntries((await ctx.db.selectFrom('units').select(['code', 'id']).execute()).map((u) => [u.code, u.id])) as Record<string, string>;
const MISSING = '00000000-0000-4000-8000-000000000000';
const AFTER = '2022-01-15';
const Q = { Q1: { from: '2021-01-01', to: '2021-03-31' }, Q2: { from: '2021-04-01', to: '2021-06-30' }, Q3: { from: '2021-07-01', to: '2021-09-30' }, Q4: { from: '2021-10-01', to: '2021-12-31' } };
const YEAR = { from: '2021-01-01', to: '2021-12-31' };

async function plan(body: Record<string, unknown>, issuedOn?: string): Promise<{ id: string; number: string | null; obligations: Array<{ id: string }> }> {
  const res = await ctx.request({ method: 'POST', url: '/api/v1/plans', payload: { issuerUnitId: unit.SGDDT, year: 2021, title: 'Kế hoạch tuyên truyền CCHC', ...body } });
  if (res.statusCode !== 201) throw new Error(`plan: ${res.body}`);
  let number: string | null = null;
  if (issuedOn) {
    const issued = await ctx.request({ method: 'POST', url: `/api/v1/plans/${res.json().id}/issue`, payload: { issuedOn } });
    if (issued.statusCode !== 200) throw new Error(`issue: ${issued.body}`);
    number = issued.json().number;
  }
  return { id: res.json().id, number, obligations: res.json().obligations };
}
async function activity(code: string, form: string, occurredOn: string): Promise<{ id: string; version: number }> {
  const evidence = form === 'website_post' || form === 'video' ? { evidenceUrl: `https://example.edu.vn/${code}/${occurredOn}` } : {};
  const res = await ctx.request({ method: 'POST', url: '/api/v1/activities', payload: { unitId: unit[code], form, title: `${form} của ${code}`, occurredOn, ...evidence } });
  if (res.statusCode !== 201) throw new Error(`activity: ${res.body}`);
  return res.json();
}

// The Department's plan: every school posts at least once a quarter (a post or a video), and issues its
// own plan under this one; TCCB holds two activities of any form per half-year; a report obligation
// is not judged here.
const main = await plan(
  {
    obligations: [
      { kind: 'publish', group: 'affiliated', forms: ['website_post', 'video'], minCount: 1, per: 'quarter', description: 'Đăng tải ít nhất 01 tin, bài/quý trên chuyên mục CCHC.' },
      // A count on an own_plan obligation means nothing: one plan is what is owed (required stays 1).
      { kind: 'own_plan', group: 'affiliated', minCount: 2, description: 'Xây dựng kế hoạch tuyên truyền CCHC của đơn vị.' },
      { kind: 'report', unitId: unit.TCCB, per: 'half_year', description: 'Báo cáo kết quả 6 tháng, năm.' },
      { kind: 'publish', unitId: unit.TCCB, minCount: 2, per: 'half_year', description: 'Tổ chức 02 hoạt động tuyên truyền mỗi 6 tháng.' },
    ],
  },
  '2021-01-20',
);
const [quarterly, ownPlan, , halfYearly] = main.obligations.map((o) => o.id) as [string, string, string, string];

const hd = {
  q1: await activity('THPT-HD', 'website_post', '2021-02-10'),
  q2: await activity('THPT-HD', 'website_post', '2021-05-20'),
  q3: await activity('THPT-HD', 'video', '2021-08-20'),
  q4: await activity('THPT-HD', 'website_post', '2021-11-11'),
};
await activity('THPT-HD', 'website_post', '2020-12-31');
const ntmk = { q1: await activity('THPT-NTMK', 'website_post', '2021-03-01'), q4: await activity('THPT-NTMK', 'website_post', '2021-12-01') };
await activity('THPT-NTMK', 'meeting', '2021-06-01');
const llqDeleted = await activity('THPT-LLQ', 'website_post', '2021-02-15');
const llq = { q2Meeting: await activity('THPT-LLQ', 'meeting', '2021-04-10'), q3: await activity('THPT-LLQ', 'video', '2021-07-05'), q4: await activity('THPT-LLQ', 'website_post', '2021-10-10') };
const tccb = {
  meeting: await activity('TCCB', 'meeting', '2021-03-03'),
  post: await activity('TCCB', 'website_post', '2021-05-05'),
  survey: await activity('TCCB', 'survey', '2021-06-06'),
  qa: await activity('TCCB', 'qa', '2021-09-09'),
};
const removed = await ctx.request({ method: 'DELETE', url: `/api/v1/activities/${llqDeleted.id}`, headers: { 'if-match': `"${llqDeleted.version}"` } });
if (removed.statusCode !== 204) throw new Error(`delete: ${removed.body}`);

// Own plans: GDTX issues one under the Department's; THPT-HD only drafts one; THPT-LLQ issues one and
// cancels it; THPT-NTMK issues one under no plan.
const gdtxPlan = await plan({ issuerUnitId: unit.GDTX, title: 'Kế hoạch CCHC của Trung tâm', parentPlanId: main.id }, '2021-03-01');
await plan({ issuerUnitId: unit['THPT-HD'], title: 'Kế hoạch nháp của trường', parentPlanId: main.id });
const llqPlan = await plan({ issuerUnitId: unit['THPT-LLQ'], title: 'Kế hoạch bị hủy', parentPlanId: main.id }, '2021-04-01');
if ((await ctx.request({ method: 'POST', url: `/api/v1/plans/${llqPlan.id}/cancel`, payload: { reason: 'Ban hành lại' } })).statusCode !== 200) throw new Error('cancel');
await plan({ issuerUnitId: unit['THPT-NTMK'], title: 'Kế hoạch riêng của trường' }, '2021-02-01');

const url = (query: string) => `/api/v1/compliance?planId=${main.id}&${query}`;
async function compliance(query: string, key?: string) {
  const res = await ctx.request({ url: url(query), ...(key ? { key } : {}) });
  if (res.statusCode !== 200) throw new Error(`compliance ${query}: ${res.body}`);
  return res.json() as { planId: string; period: string; window: { from: string; to: string }; asOf: string; summary: Record<string, number>; items: ComplianceRow[] };
}
/** The rows as [code, kind, window start, status, done]. */
const rows = (items: ComplianceRow[]) => items.map((r) => [r.code, r.kind, r.window.from, r.status, r.done]);
const publishRows = (code: string, statuses: string[], done: number[]) =>
  Object.values(Q).map((w, i) => [code, 'publish', w.from, statuses[i], done[i]]);

t.test('a year after: each school window by window, TCCB by half-year, own plans', async (t) => {
  const res = await compliance(`period=2021&asOf=${AFTER}`);
  t.match(res, { planId: main.id, period: '2021', window: YEAR, asOf: AFTER });
  t.same(rows(res.items), [
    ...publishRows('GDTX', ['missed', 'missed', 'missed', 'missed'], [0, 0, 0, 0]),
    ['GDTX', 'own_plan', '2021-01-01', 'met', 1],
    ['TCCB', 'publish', '2021-01-01', 'met', 3],
    ['TCCB', 'publish', '2021-07-01', 'missed', 1],
    ...publishRows('THPT-HD', ['met', 'met', 'met', 'met'], [1, 1, 1, 1]),
    ['THPT-HD', 'own_plan', '2021-01-01', 'missed', 0],
    ...publishRows('THPT-LLQ', ['missed', 'missed', 'met', 'met'], [0, 0, 1, 1]),
    ['THPT-LLQ', 'own_plan', '2021-01-01', 'missed', 0],
    ...publishRows('THPT-NTMK', ['met', 'missed', 'missed', 'met'], [1, 0, 0, 1]),
    ['THPT-NTMK', 'own_plan', '2021-01-01', 'missed', 0],
  ], 'by unit code, then the obligation’s position, then window; the report obligation is not judged');
  t.same(res.summary, { met: 10, missed: 12, due: 0, not_started: 0 });
  t.notOk(res.items.some((r) => r.code === 'SGDDT' || r.code === 'VP' || r.code === 'SNV'), 'only the units the obligations name');

  const hdRows = res.items.filter((r) => r.code === 'THPT-HD' && r.kind === 'publish');
  t.same(hdRows.map((r) => r.window), Object.values(Q), 'the quarters, as inclusive dates');
  t.same(hdRows.map((r) => r.activityIds), [[hd.q1.id], [hd.q2.id], [hd.q3.id], [hd.q4.id]], 'the activities that counted; not the post of December 2020');
  t.match(hdRows[0], { unitId: unit['THPT-HD'], name: 'Trường THPT Hoàng Diệu', planId: main.id, obligationId: quarterly, required: 1, ownPlan: null });
  const llqRows = res.items.filter((r) => r.code === 'THPT-LLQ' && r.kind === 'publish');
  t.same(llqRows.map((r) => r.activityIds), [[], [], [llq.q3.id], [llq.q4.id]], 'a removed post and a meeting (a form the obligation does not take) do not count');
  t.same(res.items.filter((r) => r.code === 'THPT-NTMK' && r.kind === 'publish').map((r) => r.activityIds), [[ntmk.q1.id], [], [], [ntmk.q4.id]]);

  const tccbRows = res.items.filter((r) => r.code === 'TCCB');
  t.same(tccbRows.map((r) => [r.window, r.required, r.activityIds]), [
    [{ from: '2021-01-01', to: '2021-06-30' }, 2, [tccb.meeting.id, tccb.post.id, tccb.survey.id]],
    [{ from: '2021-07-01', to: '2021-12-31' }, 2, [tccb.qa.id]],
  ], 'an obligation with no forms counts any form, minCount per half-year');
  t.ok(tccbRows.every((r) => r.obligationId === halfYearly));

  const own = res.items.filter((r) => r.kind === 'own_plan');
  t.same(own.map((r) => [r.code, r.window, r.required, r.activityIds]), ['GDTX', 'THPT-HD', 'THPT-LLQ', 'THPT-NTMK'].map((c) => [c, YEAR, 1, []]), 'own_plan: one window, the year');
  t.ok(own.every((r) => r.obligationId === ownPlan));
  t.same(own[0]!.ownPlan, { id: gdtxPlan.id, number: gdtxPlan.number, issuedOn: '2021-03-01' }, 'the plan the unit issued under this one, with its number and date');
  t.match(gdtxPlan.number, /^\d{2}\/KH-GDTX$/);
  t.same(own.slice(1).map((r) => r.ownPlan), [null, null, null], 'a draft, a cancelled plan, a plan under no parent: none counts');
});

t.test('as of a date: activities after it do not count yet; a running window is due, a later one not started', async (t) => {
  const mid = await compliance('period=2021&asOf=2021-05-15');
  t.same(rows(mid.items), [
    ...publishRows('GDTX', ['missed', 'due', 'not_started', 'not_started'], [0, 0, 0, 0]),
    ['GDTX', 'own_plan', '2021-01-01', 'met', 1],
    ['TCCB', 'publish', '2021-01-01', 'met', 2],
    ['TCCB', 'publish', '2021-07-01', 'not_started', 0],
    ...publishRows('THPT-HD', ['met', 'due', 'not_started', 'not_started'], [1, 0, 0, 0]),
    ['THPT-HD', 'own_plan', '2021-01-01', 'due', 0],
    ...publishRows('THPT-LLQ', ['missed', 'due', 'not_started', 'not_started'], [0, 0, 0, 0]),
    ['THPT-LLQ', 'own_plan', '2021-01-01', 'due', 0],
    ...publishRows('THPT-NTMK', ['met', 'due', 'not_started', 'not_started'], [1, 0, 0, 0]),
    ['THPT-NTMK', 'own_plan', '2021-01-01', 'due', 0],
  ]);
  t.same(mid.summary, { met: 4, missed: 2, due: 7, not_started: 9 });
  t.equal(mid.asOf, '2021-05-15');

  const hdQ2 = async (asOf: string) => (await compliance(`period=2021-Q2&unitCode=THPT-HD&asOf=${asOf}`)).items.find((r) => r.kind === 'publish')!;
  t.match(await hdQ2('2021-05-19'), { status: 'due', done: 0, activityIds: [] }, 'the day before its post');
  t.match(await hdQ2('2021-05-20'), { status: 'met', done: 1, activityIds: [hd.q2.id] }, 'the day of it');
  t.match(await hdQ2('2021-03-31'), { status: 'not_started', done: 0 }, 'before the quarter');
  t.match(await hdQ2('2021-04-01'), { status: 'due' }, 'its first day');
  t.match(await hdQ2('2021-06-30'), { status: 'met' });
  const ntmkQ2 = async (asOf: string) => (await compliance(`period=2021-Q2&unitCode=THPT-NTMK&asOf=${asOf}`)).items.find((r) => r.kind === 'publish')!.status;
  t.equal(await ntmkQ2('2021-06-30'), 'due', 'still due on the quarter’s last day');
  t.equal(await ntmkQ2('2021-07-01'), 'missed', 'missed the day after');

  const gdtxOwn = async (asOf: string) => (await compliance(`period=2021&unitCode=GDTX&asOf=${asOf}`)).items.find((r) => r.kind === 'own_plan')!;
  t.match(await gdtxOwn('2021-02-28'), { status: 'due', done: 0, ownPlan: null }, 'before its own plan was issued');
  t.match(await gdtxOwn('2021-03-01'), { status: 'met', done: 1, ownPlan: { id: gdtxPlan.id, issuedOn: '2021-03-01' } }, 'from the day it was issued');
  const tccbH1 = (await compliance('period=2021-H1&unitCode=TCCB&asOf=2021-04-01')).items;
  t.same(tccbH1.map((r) => [r.window.from, r.status, r.done, r.required]), [['2021-01-01', 'due', 1, 2]], 'one of two by then');

  const today = await ctx.request({ url: url('period=2021') });
  t.equal(today.statusCode, 200);
  t.match(today.json().asOf, /^\d{4}-\d{2}-\d{2}$/, 'asOf defaults to today');
  t.same(today.json().summary, (await compliance(`period=2021&asOf=${today.json().asOf}`)).summary);
});

t.test('the period picks the windows of each obligation that meet it', async (t) => {
  const q2 = await compliance(`period=2021-Q2&asOf=${AFTER}`);
  t.match(q2, { period: '2021-Q2', window: Q.Q2 });
  t.same(rows(q2.items), [
    ['GDTX', 'publish', '2021-04-01', 'missed', 0],
    ['GDTX', 'own_plan', '2021-01-01', 'met', 1],
    ['TCCB', 'publish', '2021-01-01', 'met', 3],
    ['THPT-HD', 'publish', '2021-04-01', 'met', 1],
    ['THPT-HD', 'own_plan', '2021-01-01', 'missed', 0],
    ['THPT-LLQ', 'publish', '2021-04-01', 'missed', 0],
    ['THPT-LLQ', 'own_plan', '2021-01-01', 'missed', 0],
    ['THPT-NTMK', 'publish', '2021-04-01', 'missed', 0],
    ['THPT-NTMK', 'own_plan', '2021-01-01', 'missed', 0],
  ], 'a quarter: its quarter, the half-year it is in, the year');
  const august = await compliance(`period=2021-08&asOf=${AFTER}`);
  t.same([...new Set(august.items.map((r) => `${r.kind} ${r.window.from}..${r.window.to}`))], ['publish 2021-07-01..2021-09-30', 'own_plan 2021-01-01..2021-12-31', 'publish 2021-07-01..2021-12-31'], 'a month: the quarter and half-year around it');
  const range = await compliance(`period=2021-02-15/2021-05-10&asOf=${AFTER}`);
  t.same(range.window, { from: '2021-02-15', to: '2021-05-10' });
  t.same(range.items.filter((r) => r.code === 'THPT-NTMK').map((r) => [r.kind, r.window.from, r.status]), [['publish', '2021-01-01', 'met'], ['publish', '2021-04-01', 'missed'], ['own_plan', '2021-01-01', 'missed']], 'a range: every window it touches, whole');
  t.same(range.items.filter((r) => r.code === 'THPT-HD' && r.kind === 'publish').map((r) => r.activityIds), [[hd.q1.id], [hd.q2.id]], 'counted over the whole window, not only the range');
});

t.test('filters: status, unitCode, unitId', async (t) => {
  const missed = await compliance(`period=2021&asOf=${AFTER}&status=missed`);
  t.equal(missed.items.length, 12);
  t.ok(missed.items.every((r) => r.status === 'missed'), 'only missed rows');
  t.same(missed.summary, { met: 0, missed: 12, due: 0, not_started: 0 }, 'the summary counts the rows given');
  const met = await compliance(`period=2021&asOf=${AFTER}&status=met`);
  t.same(met.items.map((r) => r.code), ['GDTX', 'TCCB', 'THPT-HD', 'THPT-HD', 'THPT-HD', 'THPT-HD', 'THPT-LLQ', 'THPT-LLQ', 'THPT-NTMK', 'THPT-NTMK']);
  t.equal((await compliance('period=2021&asOf=2021-05-15&status=due')).items.length, 7);
  t.same((await compliance(`period=2021&asOf=${AFTER}&status=due`)).items, [], 'nothing is due once the year is over');

  const ntmkRows = await compliance(`period=2021&asOf=${AFTER}&unitCode=THPT-NTMK`);
  t.same(rows(ntmkRows.items), [...publishRows('THPT-NTMK', ['met', 'missed', 'missed', 'met'], [1, 0, 0, 1]), ['THPT-NTMK', 'own_plan', '2021-01-01', 'missed', 0]]);
  t.same(ntmkRows.summary, { met: 2, missed: 3, due: 0, not_started: 0 });
  t.same(await compliance(`period=2021&asOf=${AFTER}&unitId=${unit['THPT-NTMK']}`), ntmkRows, 'the same by unitId');
  const both = await compliance(`period=2021&asOf=${AFTER}&unitCode=THPT-NTMK&status=missed`);
  t.same(both.items.map((r) => [r.kind, r.window.from]), [['publish', '2021-04-01'], ['publish', '2021-07-01'], ['own_plan', '2021-01-01']]);
  t.same((await compliance(`period=2021&asOf=${AFTER}&unitCode=VP`)).items, [], 'a unit the obligations do not name has no rows');
  t.same((await compliance(`period=2021&asOf=${AFTER}&unitId=${MISSING}`)).items, [], 'nor an id that names no unit');
});

t.test('one unit’s view: every obligation of the year’s issued and closed plans that names it', async (t) => {
  const closed = await plan({ title: 'Kế hoạch hội nghị', obligations: [{ kind: 'publish', unitId: unit['THPT-NTMK'], forms: ['meeting'], description: 'Tổ chức hội nghị quán triệt.' }] }, '2021-02-02');
  t.equal((await ctx.request({ method: 'POST', url: `/api/v1/plans/${closed.id}/close` })).statusCode, 200);
  await plan({ title: 'Kế hoạch nháp', obligations: [{ kind: 'publish', group: 'affiliated', description: 'Chưa ban hành.' }] });
  const dropped = await plan({ title: 'Kế hoạch bị hủy', obligations: [{ kind: 'publish', group: 'affiliated', description: 'Đã hủy.' }] }, '2021-02-03');
  t.equal((await ctx.request({ method: 'POST', url: `/api/v1/plans/${dropped.id}/cancel`, payload: { reason: 'Hủy' } })).statusCode, 200);
  const next = await plan({ year: 2022, title: 'Kế hoạch năm 2022', obligations: [{ kind: 'own_plan', group: 'affiliated', description: 'Kế hoạch 2022.' }] }, '2022-01-05');

  const view = async (who: string, query: string) => {
    const res = await ctx.request({ url: `/api/v1/units/${who}/compliance?${query}` });
    if (res.statusCode !== 200) throw new Error(`unit compliance: ${res.body}`);
    return res.json();
  };
  const ntmkView = await view('THPT-NTMK', `year=2021&asOf=${AFTER}`);
  t.match(ntmkView, { unitId: unit['THPT-NTMK'], code: 'THPT-NTMK', name: 'Trường THPT Chuyên Nguyễn Thị Minh Khai', year: 2021, asOf: AFTER });
  const byPlan = (items: ComplianceRow[], planId: string) => rows(items.filter((r) => r.planId === planId));
  t.same(byPlan(ntmkView.items, main.id), rows((await compliance(`period=2021&asOf=${AFTER}&unitCode=THPT-NTMK`)).items), 'the Department’s plan, as its compliance shows it');
  t.same(byPlan(ntmkView.items, closed.id), [['THPT-NTMK', 'publish', '2021-01-01', 'met', 1]], 'a closed plan still binds; its once-a-year obligation has the year as window');
  t.equal(ntmkView.items.length, 6, 'no row of the draft, the cancelled plan or the next year’s');
  t.same(ntmkView.summary, { met: 3, missed: 3, due: 0, not_started: 0 });
  t.same(await view(unit['THPT-NTMK']!, `year=2021&asOf=${AFTER}`), ntmkView, 'the unit by id or code');

  const gdtxView = await view('GDTX', `year=2021&asOf=${AFTER}`);
  t.same(gdtxView.items.map((r: ComplianceRow) => [r.kind, r.window.from, r.status]), [
    ['publish', '2021-01-01', 'missed'], ['publish', '2021-04-01', 'missed'], ['publish', '2021-07-01', 'missed'], ['publish', '2021-10-01', 'missed'], ['own_plan', '2021-01-01', 'met'],
  ]);
  t.same(gdtxView.items[4].ownPlan, { id: gdtxPlan.id, number: gdtxPlan.number, issuedOn: '2021-03-01' });
  const nextYear = await view('GDTX', `year=2022&asOf=${AFTER}`);
  t.same(nextYear.items.map((r: ComplianceRow) => [r.planId, r.kind, r.window, r.status, r.ownPlan]), [[next.id, 'own_plan', { from: '2022-01-01', to: '2022-12-31' }, 'due', null]], 'another year, another plan: its own plan for 2021 does not count');
  t.same(await view('VP', `year=2021&asOf=${AFTER}`).then((v) => [v.items, v.summary]), [[], { met: 0, missed: 0, due: 0, not_started: 0 }], 'a unit no obligation names');
  t.same((await view('THPT-HD', `year=2020&asOf=${AFTER}`)).items, [], 'a year without plans');

  const onClosed = await ctx.request({ url: `/api/v1/compliance?planId=${closed.id}&period=2021&asOf=${AFTER}` });
  t.equal(onClosed.statusCode, 200, 'a closed plan is judged');
  t.same(rows(onClosed.json().items), [['THPT-NTMK', 'publish', '2021-01-01', 'met', 1]]);
});

t.test('refusals: 400, 401, 404, 409, 422', async (t) => {
  const draft = await plan({ title: 'Kế hoạch nháp khác', obligations: [{ kind: 'publish', group: 'affiliated', description: 'Nháp.' }] });
  const cancelled = await plan({ title: 'Kế hoạch hủy khác' }, '2021-02-04');
  await ctx.request({ method: 'POST', url: `/api/v1/plans/${cancelled.id}/cancel`, payload: { reason: 'Hủy' } });
  const get = (query: string, key?: string | null) => ctx.request({ url: `/api/v1/compliance?${query}`, ...(key !== undefined ? { key } : {}) });
  const pointersOf = (problem: { errors?: Array<{ pointer: string }> }) => (problem.errors ?? []).map((e) => e.pointer);

  const bad: Array<[string, string, string | null]> = [
    [`planId=${main.id}`, 'no period', '/query/period'],
    ['period=2021', 'no plan', '/query/planId'],
    [`planId=${main.id}&period=2021-Q5`, 'no fifth quarter', '/query/period'],
    [`planId=${main.id}&period=21`, 'a two-digit year', '/query/period'],
    [`planId=${main.id}&period=2021-05-01/2021-04-01`, 'a range that ends before it starts', '/query/period'],
    [`planId=${main.id}&period=2021-02-30/2021-03-01`, 'a range from no date', '/query/period'],
    ['planId=not-a-uuid&period=2021', 'a plan id that is no UUID', '/query/planId'],
    [`planId=${main.id}&period=2021&asOf=2021-02-30`, 'asOf no date', '/query/asOf'],
    [`planId=${main.id}&period=2021&status=late`, 'an unknown status', '/query/status'],
    [`planId=${main.id}&period=2021&unitId=THPT-HD`, 'a code as unitId', '/query/unitId'],
    [`planId=${main.id}&period=2021&unitCode=thpt-hd`, 'a code in lower case', '/query/unitCode'],
    [`planId=${main.id}&period=2021&unitCode=NOPE`, 'a code that names no unit', '/query/unitCode'],
    [`planId=${main.id}&period=2021&unitId=${unit['THPT-HD']}&unitCode=THPT-HD`, 'unitId with unitCode', '/query/unitCode'],
    [`planId=${main.id}&period=2021&year=2021`, 'an unknown parameter', null],
  ];
  for (const [query, label, pointer] of bad) {
    const problem = assertProblem(t, await get(query), 400, label);
    if (pointer) t.ok(pointersOf(problem).includes(pointer), `${label}: at ${pointer}`);
  }
  for (const [period, label] of [['2024', 'another year'], ['2020-Q4', 'a quarter before the plan’s year'], ['2021-12-01/2022-01-31', 'a range running past it']]) {
    const outside = assertProblem(t, await get(`planId=${main.id}&period=${period}`), 422, label);
    t.same(pointersOf(outside), ['/query/period'], `${label}: at the period`);
    t.match(outside.errors?.[0]?.message, /within the plan's year 2021/);
  }
  assertProblem(t, await get(`planId=${MISSING}&period=2021`), 404, 'no such plan');
  t.match(assertProblem(t, await get(`planId=${draft.id}&period=2021`), 409).detail, /this plan is draft/, 'a draft binds no one yet');
  t.match(assertProblem(t, await get(`planId=${cancelled.id}&period=2021`), 409).detail, /this plan is cancelled/, 'a cancelled plan no longer does');
  assertProblem(t, await get(`planId=${main.id}&period=2021`, null), 401, 'no key');
  assertProblem(t, await ctx.request({ url: `/api/v1/compliance?planId=${main.id}&period=2021`, key: null, headers: { authorization: 'Bearer not-a-key' } }), 401, 'a bad key');
  const reader = await ctx.keyFor('reader');
  const editor = await ctx.keyFor('editor', unit.VP);
  t.equal((await get(`planId=${main.id}&period=2021`, reader)).statusCode, 200, 'a reader reads it');
  t.equal((await get(`planId=${main.id}&period=2021`, editor)).statusCode, 200, 'an editor of any unit too');

  const unitGet = (who: string, query: string, key?: string | null) => ctx.request({ url: `/api/v1/units/${who}/compliance?${query}`, ...(key !== undefined ? { key } : {}) });
  const badYears: Array<[string, string]> = [
    ['', 'no year'], ['year=1999', 'a year before any plan'], ['year=2101', 'after'], ['year=2021.5', 'not a whole year'], ['year=twenty', 'not a number'],
    ['year=2021&asOf=2021-13-01', 'asOf no date'], ['year=2021&period=2021', 'an unknown parameter'],
  ];
  for (const [query, label] of badYears) {
    assertProblem(t, await unitGet('THPT-HD', query), 400, label);
  }
  assertProblem(t, await unitGet('thpt-hd', 'year=2021'), 400, 'neither an id nor a code');
  assertProblem(t, await unitGet('NOPE', 'year=2021'), 404, 'a code that names no unit');
  assertProblem(t, await unitGet(MISSING, 'year=2021'), 404, 'an id that names no unit');
  assertProblem(t, await unitGet('THPT-HD', 'year=2021', null), 401);
  t.equal((await unitGet('THPT-HD', 'year=2021', reader)).statusCode, 200);
  t.equal((await unitGet('THPT-HD', 'year=2021', editor)).statusCode, 200, 'an editor reads another unit’s');
});

t.test('groups are the units active when compliance is read', async (t) => {
  const before = await compliance(`period=2021&asOf=${AFTER}`);
  const deactivated = await ctx.request({ method: 'POST', url: `/api/v1/units/${unit.GDTX}/deactivate` });
  t.equal(deactivated.statusCode, 200);
  const after = await compliance(`period=2021&asOf=${AFTER}`);
  t.same(after.items, before.items.filter((r) => r.code !== 'GDTX'), 'a deactivated school leaves the group’s rows; the others are the same');
  const added = await ctx.addUnit({ code: 'THPT-MOI', name: 'Trường THPT Mới', kind: 'affiliated', parentId: unit.SGDDT });
  const withNew = await compliance(`period=2021-Q4&asOf=${AFTER}&unitCode=THPT-MOI`);
  t.same(withNew.items.map((r) => [r.unitId, r.kind, r.status]), [[added.id, 'publish', 'missed'], [added.id, 'own_plan', 'missed']], 'a school that joined the group since is judged by it, as the groups resolve on every read');
});
