// The workflow: submit freezes the figures (later changes to activities and tasks do not move them),
// numbers the report in its unit's BC sequence and judges it late; accept makes it read-only;
// return sends it back to draft with its reason, its snapshot and number dropped. Illegal moves are
// 409s naming the states allowed; If-Match and Idempotency-Key work as on plans; all is audited.
import t from 'tap';
import { vietnamToday } from '../../../src/domain/periods.js';
import type { Report } from '../../../src/modules/reports/reports.schemas.js';
import { assertProblem } from '../../helpers/app.js';
import { REPORTS, setupReports } from './fixtures.js';

const f = await setupReports(t);
const { ctx, unit } = f;
const year = Number(vietnamToday().slice(0, 4));
const editorHD = await ctx.keyFor('editor', unit['THPT-HD']);

const activity = (code: string, title: string) =>
  ctx.request({ method: 'POST', url: '/api/v1/activities', payload: { unitId: unit[code], form: 'meeting', title, occurredOn: '2021-03-10', taskId: f.plan.taskId } });

t.test('submit: figures frozen, numbered BC, late for a due date gone by; history and audit', async (t) => {
  const draft = await f.made({ unitId: unit['THPT-HD'], year: 2021, kind: 'six_month' }, editorHD);
  const res = await f.act(draft.id, 'submit', { key: editorHD });
  t.equal(res.statusCode, 200, res.body);
  t.equal(res.headers.etag, '"2"');
  const submitted: Report = res.json();
  t.match(submitted, { status: 'submitted', number: `01/BC-THPT-HD`, late: true, acceptedAt: null });
  t.ok(Date.parse(submitted.submittedAt!) <= Date.now());
  t.match(submitted.history, [{ action: 'submit', by: { name: 'editor key for tests' } }]);
  t.same(submitted.figures, draft.figures, 'the figures as they stood');
  const stored = await ctx.db.selectFrom('reports').select(['numberYear', 'symbol']).where('id', '=', draft.id).executeTakeFirstOrThrow();
  t.same(stored, { numberYear: year, symbol: 'BC-THPT-HD' }, 'numbered in the calendar year of submission');
  const events = (await ctx.request({ url: `/api/v1/audit?entityType=report&entityId=${draft.id}` })).json().items;
  t.same(events.map((e: { action: string }) => e.action).sort(), ['create', 'submit']);
});

t.test('a submitted report keeps its figures while activities and tasks change; a draft follows them', async (t) => {
  const submitted = (await ctx.request({ url: `${REPORTS}?unitCode=THPT-HD&kind=six_month&year=2021` })).json().items[0] as Report;
  const draft = await f.made({ unitId: unit['THPT-NTMK'], year: 2021, kind: 'six_month' });
  for (const code of ['THPT-HD', 'THPT-NTMK']) t.equal((await activity(code, `Hội nghị của ${code}`)).statusCode, 201);
  const task = (await ctx.request({ url: `/api/v1/plans/${f.plan.id}/tasks/${f.plan.taskId}` })).json();
  const progress = await ctx.request({ method: 'PATCH', url: `/api/v1/plans/${f.plan.id}/tasks/${f.plan.taskId}`, payload: { progress: 'done', completedOn: '2021-04-01' }, headers: { 'if-match': `"${task.version}"` } });
  t.equal(progress.statusCode, 200, progress.body);

  const after = (await f.read(submitted.id)) as Report;
  t.same(after.figures, submitted.figures, 'the submitted report’s figures did not move');
  const draftNow = (await f.read(draft.id)) as Report;
  t.equal(draftNow.figures.activities.total, draft.figures.activities.total + 1, 'the draft counts the new activity');
  t.not(JSON.stringify(draftNow.figures), JSON.stringify(draft.figures));
});

t.test('consecutive numbers in the unit’s sequence; return gives the number up, resubmit takes the next', async (t) => {
  const annual = await f.made({ unitId: unit['THPT-HD'], year: 2021, kind: 'annual' });
  t.equal((await f.moved(annual.id, 'submit')).number, '02/BC-THPT-HD', 'the next number after 01');
  const other = await f.made({ unitId: unit.SGDDT, year: 2021, kind: 'six_month' });
  const deptReport = await f.moved(other.id, 'submit');
  t.equal(deptReport.number, '01/BC-SGDĐT', 'each unit its own sequence, its abbreviation in the symbol');
  t.ok(deptReport.figures.rollup, 'the Department’s roll-up frozen with it');
  const plan = (await ctx.request({ url: `/api/v1/plans/${f.plan.id}` })).json();
  t.equal(plan.number, '01/KH-SGDĐT', 'plans are numbered apart (KH)');

  const returned = await f.moved(annual.id, 'return', { payload: { reason: 'Bổ sung số liệu tin, bài quý II.' } });
  t.match(returned, { status: 'draft', number: null, submittedAt: null, late: null });
  t.match(returned.history, [{ action: 'submit', number: '02/BC-THPT-HD' }, { action: 'return', reason: 'Bổ sung số liệu tin, bài quý II.' }], 'the history keeps the number given up');
  const row = await ctx.db.selectFrom('reports').select(['numberSequence', 'symbol']).where('id', '=', annual.id).executeTakeFirstOrThrow();
  t.same(row, { numberSequence: null, symbol: null }, 'the snapshot and number dropped');
  const patched = await ctx.request({ method: 'PATCH', url: `${REPORTS}/${annual.id}`, payload: { results: 'Đã bổ sung.' }, headers: { 'if-match': `"${returned.version}"` } });
  t.equal(patched.statusCode, 200, 'a returned report is a draft to edit again');
  const again = await f.moved(annual.id, 'submit');
  t.equal(again.number, '03/BC-THPT-HD', 'a new number');
  t.same(again.history.map((h) => h.action), ['submit', 'return', 'submit']);
});

t.test('on time: a report submitted before its due date', async (t) => {
  const plan = await ctx.request({
    method: 'POST',
    url: '/api/v1/plans',
    payload: { issuerUnitId: unit.SGDDT, year: year + 1, title: 'Kế hoạch năm sau', tasks: [{ content: 'Tuyên truyền', forms: ['meeting'], assignees: [{ role: 'lead', group: 'affiliated' }], duePeriod: `${year + 1}-Q2` }] },
  });
  t.equal((await ctx.request({ method: 'POST', url: `/api/v1/plans/${plan.json().id}/issue`, payload: {} })).statusCode, 200);
  const report = await f.made({ unitId: unit['THPT-HD'], year: year + 1, kind: 'six_month' });
  t.equal(report.dueOn, `${year + 1}-06-20`);
  const submitted = await f.moved(report.id, 'submit');
  t.equal(submitted.late, false);
  t.equal(submitted.number, '04/BC-THPT-HD', 'numbered by the year of submission, not the report’s');
});

t.test('accept: read-only from then on; every illegal move a 409 naming the states allowed', async (t) => {
  const report = await f.made({ unitId: unit.GDTX, year: 2021, kind: 'six_month' });
  const accept = assertProblem(t, await f.act(report.id, 'accept'), 409, 'accept a draft');
  t.match(accept.detail, /accepted only when it is submitted; this report is draft/);
  assertProblem(t, await f.act(report.id, 'return', { payload: { reason: 'Chưa nộp' } }), 409, 'return a draft');
  await f.moved(report.id, 'submit');
  const twice = assertProblem(t, await f.act(report.id, 'submit'), 409, 'submit twice');
  t.match(twice.detail, /submitted only when it is draft; this report is submitted/);
  const edit = assertProblem(t, await ctx.request({ method: 'PATCH', url: `${REPORTS}/${report.id}`, payload: { results: 'Sửa' }, headers: { 'if-match': '"2"' } }), 409, 'edit a submitted report');
  t.match(edit.detail, /edited only when it is draft/);
  assertProblem(t, await ctx.request({ method: 'DELETE', url: `${REPORTS}/${report.id}`, headers: { 'if-match': '"2"' } }), 409, 'delete a submitted report');

  const accepted = await f.moved(report.id, 'accept');
  t.equal(accepted.status, 'accepted');
  t.ok(accepted.acceptedAt);
  t.same(accepted.history.map((h) => h.action), ['submit', 'accept']);
  t.same(accepted.figures, (await f.read(report.id) as Report).figures);
  for (const action of ['submit', 'accept', 'return'] as const) {
    assertProblem(t, await f.act(report.id, action, { payload: action === 'return' ? { reason: 'Trả lại' } : {} }), 409, `${action} an accepted report`);
  }
  assertProblem(t, await ctx.request({ method: 'PATCH', url: `${REPORTS}/${report.id}`, payload: { results: 'Sửa' }, headers: { 'if-match': '"3"' } }), 409, 'edit an accepted report');
  assertProblem(t, await ctx.request({ method: 'DELETE', url: `${REPORTS}/${report.id}`, headers: { 'if-match': '"3"' } }), 409, 'delete an accepted report');
  t.equal(((await f.read(report.id)) as Report).version, 3, 'nothing moved it');
  const events = (await ctx.request({ url: `/api/v1/audit?entityType=report&entityId=${report.id}` })).json().items;
  t.same(events.map((e: { action: string }) => e.action).sort(), ['accept', 'create', 'submit']);
});

t.test('If-Match on an action: a stale one is a 412 and takes no number; Idempotency-Key replays', async (t) => {
  const report = await f.made({ unitId: unit['THPT-LLQ'], year: 2021, kind: 'six_month' });
  assertProblem(t, await f.act(report.id, 'submit', { ifMatch: '"5"' }), 412);
  assertProblem(t, await f.act(report.id, 'submit', { ifMatch: 'nope' }), 412, 'not an ETag');
  const res = await f.act(report.id, 'submit', { ifMatch: '"1"' });
  t.equal(res.statusCode, 200);
  t.equal(res.json().number, '01/BC-THPT-LLQ', 'the refused submissions took no number');

  const other = await f.made({ unitId: unit['THPT-LLQ'], year: 2021, kind: 'annual' });
  const send = () => ctx.request({ method: 'POST', url: `${REPORTS}/${other.id}/submit`, headers: { 'idempotency-key': 'nop-bao-cao-nam' } });
  const first = await send();
  const replay = await send();
  t.equal(first.statusCode, 200);
  t.equal(replay.statusCode, 200);
  t.equal(replay.headers['idempotent-replayed'], 'true');
  t.equal(replay.json().number, first.json().number);
  t.equal(first.json().number, '02/BC-THPT-LLQ');
});
