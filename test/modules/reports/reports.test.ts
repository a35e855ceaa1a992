// A unit's report: made as a draft against the Department's plan of its year, with its window and
// due date, its figures computed on read, its narrative written under If-Match, listed with cursor
// paging, deleted while a draft; every write audited.
import t from 'tap';
import type { Report } from '../../../src/modules/reports/reports.schemas.js';
import { assertProblem } from '../../helpers/app.js';
import { REPORTS, setupReports } from './fixtures.js';

const f = await setupReports(t);
const { ctx, unit } = f;

const auditOf = async (id: string) => (await ctx.request({ url: `/api/v1/audit?entityType=report&entityId=${id}` })).json().items as Array<{ action: string; before: unknown; after: Report | null }>;

t.test('a draft: its window, due date, plan and live figures; Location and ETag', async (t) => {
  const res = await f.create({ unitId: unit['THPT-HD'], year: 2021, kind: 'six_month' });
  t.equal(res.statusCode, 201);
  const report: Report = res.json();
  t.equal(res.headers.location, `${REPORTS}/${report.id}`);
  t.equal(res.headers.etag, '"1"');
  t.match(report, {
    unit: { id: unit['THPT-HD'], code: 'THPT-HD', name: 'Trường THPT Hoàng Diệu' },
    year: 2021,
    kind: 'six_month',
    window: { kind: 'cutoff', from: '2020-12-15', to: '2021-06-14' },
    dueOn: '2021-06-20',
    planId: f.plan.id,
    status: 'draft',
    number: null,
    submittedAt: null,
    late: null,
    acceptedAt: null,
    narrative: { results: null, shortcomings: null, causes: null, difficulties: null, proposals: null, nextPeriodTasks: null },
    signer: null,
    recipients: [],
    history: [],
    version: 1,
  });
  t.equal(report.figures.asOf, '2021-06-14', 'figures as of the window’s end');
  t.equal(report.figures.tasks.planId, f.plan.id);
  t.notOk('rollup' in report.figures, 'no roll-up in a unit’s report');
  t.same(await f.read(report.id), report, 'GET shows the same');
  const events = await auditOf(report.id);
  t.same(events.map((e) => e.action), ['create']);
  t.equal((events[0]!.after as Report).figures, null, 'the trail keeps what is stored: a draft’s figures are not');
});

t.test('the calendar window, the annual kind and the narrative given at creation', async (t) => {
  const report = await f.made({
    unitId: unit.CNTT,
    year: 2021,
    kind: 'annual',
    window: 'calendar',
    results: 'Đăng tải 04 tin, bài.',
    signer: { title: 'TỔ TRƯỞNG', name: 'Lê Văn Bình' },
    recipients: ['Sở GDĐT;', 'Lưu: VT.'],
  });
  t.same(report.window, { kind: 'calendar', from: '2021-01-01', to: '2021-12-31' });
  t.equal(report.dueOn, '2022-01-20', 'a calendar window runs to the month’s end: due on the 20th of the month after');
  t.equal(report.narrative.results, 'Đăng tải 04 tin, bài.');
  t.same(report.signer, { title: 'TỔ TRƯỞNG', name: 'Lê Văn Bình' });
  t.same(report.recipients, ['Sở GDĐT;', 'Lưu: VT.']);
});

t.test('the window turns on the Department’s cut-off day', async (t) => {
  const dept = (await ctx.request({ url: `/api/v1/units/SGDDT` })).json();
  t.equal(dept.reportCutoffDay, 15, 'the default');
  const patched = await ctx.request({ method: 'PATCH', url: `/api/v1/units/SGDDT`, payload: { reportCutoffDay: 10 }, headers: { 'if-match': `"${dept.version}"` } });
  t.equal(patched.statusCode, 200, patched.body);
  t.equal(patched.json().reportCutoffDay, 10);
  const report = await f.made({ unitId: unit['THPT-NTMK'], year: 2021, kind: 'six_month' });
  t.same(report.window, { kind: 'cutoff', from: '2020-12-10', to: '2021-06-09' });
  t.equal(report.dueOn, '2021-06-20');
  const back = await ctx.request({ method: 'PATCH', url: `/api/v1/units/SGDDT`, payload: { reportCutoffDay: 15 }, headers: { 'if-match': patched.headers.etag as string } });
  t.equal(back.statusCode, 200);
  const stored = await f.read(report.id);
  t.same((stored as Report).window, report.window, 'a report keeps the window it was made with');
});

t.test('the Department’s own report carries the roll-up of its units', async (t) => {
  const report = await f.made({ unitId: unit.SGDDT, year: 2021, kind: 'six_month' });
  t.ok(report.figures.rollup, 'a roll-up');
  t.equal(report.figures.rollup?.year, 2021);
  t.equal(report.figures.rollup?.kind, 'six_month');
});

t.test('PATCH writes the narrative, signer and recipients of a draft under If-Match; null clears', async (t) => {
  const report = await f.made({ unitId: unit['THPT-LLQ'], year: 2021, kind: 'six_month', proposals: 'Đề xuất cũ.' });
  const patch = (payload: object, ifMatch?: string) =>
    ctx.request({ method: 'PATCH', url: `${REPORTS}/${report.id}`, payload, ...(ifMatch ? { headers: { 'if-match': ifMatch } } : {}) });
  const res = await patch(
    { results: 'Kết quả:\n\nĐăng tải 04 tin, bài.', shortcomings: 'Tồn tại.', causes: 'Nguyên nhân.', difficulties: 'Khó khăn.', nextPeriodTasks: 'Nhiệm vụ kỳ tới.', proposals: null, signer: { title: 'HIỆU TRƯỞNG', name: 'Trần Văn C' }, recipients: ['Sở GDĐT;'] },
    '"1"',
  );
  t.equal(res.statusCode, 200, res.body);
  t.equal(res.headers.etag, '"2"');
  const changed: Report = res.json();
  t.same(changed.narrative, { results: 'Kết quả:\n\nĐăng tải 04 tin, bài.', shortcomings: 'Tồn tại.', causes: 'Nguyên nhân.', difficulties: 'Khó khăn.', proposals: null, nextPeriodTasks: 'Nhiệm vụ kỳ tới.' });
  t.same(changed.signer, { title: 'HIỆU TRƯỞNG', name: 'Trần Văn C' });
  t.same(changed.recipients, ['Sở GDĐT;']);
  const cleared: Report = (await patch({ signer: null }, '"2"')).json();
  t.equal(cleared.signer, null);
  t.equal(cleared.narrative.results, changed.narrative.results, 'an absent field is kept');
  assertProblem(t, await patch({ results: 'Cũ' }, '"1"'), 412, 'a stale version');
  assertProblem(t, await patch({ results: 'Không có If-Match' }), 428, 'no If-Match');
  t.equal(((await f.read(report.id)) as Report).version, 3, 'neither changed it');
  const events = await auditOf(report.id);
  t.same(events.map((e) => e.action).sort(), ['create', 'update', 'update']);
});

t.test('DELETE removes a draft under If-Match; the audit trail keeps it', async (t) => {
  const report = await f.made({ unitId: unit.GDTX, year: 2021, kind: 'annual' });
  assertProblem(t, await ctx.request({ method: 'DELETE', url: `${REPORTS}/${report.id}` }), 428);
  assertProblem(t, await ctx.request({ method: 'DELETE', url: `${REPORTS}/${report.id}`, headers: { 'if-match': '"7"' } }), 412);
  const res = await ctx.request({ method: 'DELETE', url: `${REPORTS}/${report.id}`, headers: { 'if-match': '"1"' } });
  t.equal(res.statusCode, 204);
  t.equal(await f.read(report.id), 404);
  t.same((await auditOf(report.id)).map((e) => e.action).sort(), ['create', 'delete']);
  const again = await f.made({ unitId: unit.GDTX, year: 2021, kind: 'annual' });
  t.not(again.id, report.id, 'the unit may make its report again');
});

t.test('the list: newest year first, then kind and unit code; filters; cursor paging across pages', async (t) => {
  // A second year: the Department's plan of 2022 names every affiliated school.
  const plan = await ctx.request({
    method: 'POST',
    url: '/api/v1/plans',
    payload: { issuerUnitId: unit.SGDDT, year: 2022, title: 'Kế hoạch 2022', tasks: [{ content: 'Tuyên truyền', forms: ['meeting'], assignees: [{ role: 'lead', group: 'affiliated' }], duePeriod: '2022-Q2' }] },
  });
  await ctx.request({ method: 'POST', url: `/api/v1/plans/${plan.json().id}/issue`, payload: { issuedOn: '2022-01-10' } });
  for (const code of ['THPT-HD', 'GDTX']) await f.made({ unitId: unit[code], year: 2022, kind: 'six_month' });

  const all: Report[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const res = await ctx.request({ url: `${REPORTS}?limit=2${cursor ? `&cursor=${cursor}` : ''}` });
    t.equal(res.statusCode, 200, res.body);
    const page: { items: Report[]; nextCursor: string | null } = res.json();
    all.push(...page.items);
    cursor = page.nextCursor;
    pages++;
  } while (cursor);
  const keys = all.map((r) => `${r.year} ${r.kind} ${r.unit.code}`);
  t.same(keys, [
    '2022 six_month GDTX',
    '2022 six_month THPT-HD',
    '2021 annual CNTT',
    '2021 annual GDTX',
    '2021 six_month SGDDT',
    '2021 six_month THPT-HD',
    '2021 six_month THPT-LLQ',
    '2021 six_month THPT-NTMK',
  ]);
  t.equal(pages, 4);
  t.equal(new Set(all.map((r) => r.id)).size, all.length, 'no report twice');

  const list = async (query: string) => ((await ctx.request({ url: `${REPORTS}?${query}` })).json().items as Report[]).map((r) => `${r.year} ${r.kind} ${r.unit.code}`);
  t.same(await list('year=2022'), ['2022 six_month GDTX', '2022 six_month THPT-HD']);
  t.same(await list('kind=annual'), ['2021 annual CNTT', '2021 annual GDTX']);
  t.same(await list('unitCode=THPT-HD'), ['2022 six_month THPT-HD', '2021 six_month THPT-HD']);
  t.same(await list(`unitId=${unit.GDTX}&year=2021`), ['2021 annual GDTX']);
  t.same(await list('status=accepted'), []);
  const both = assertProblem(t, await ctx.request({ url: `${REPORTS}?unitId=${unit.GDTX}&unitCode=GDTX` }), 400);
  t.equal(both.errors?.[0]?.pointer, '/query/unitCode');
  assertProblem(t, await ctx.request({ url: `${REPORTS}?unitCode=KHONG-CO` }), 400, 'a code that names no unit');
  assertProblem(t, await ctx.request({ url: `${REPORTS}?cursor=bm9wZQ` }), 400, 'a cursor this list did not give out');
  assertProblem(t, await ctx.request({ url: `${REPORTS}?kind=quarterly` }), 400, 'an unknown kind');
  assertProblem(t, await ctx.request({ url: `${REPORTS}?sort=year` }), 400, 'an unknown parameter');
});
