// A progress note (issue 7, item 3): the units a task names write how the work is going, with its
// progress; `note` stays part of what the task says (admins, on a draft). Shown on the task and in
// the CSV export (after note), and ignored by the CSV import like progress.
import { parse } from 'csv-parse/sync';
import t from 'tap';
import { CLI_ACTOR } from '../../../src/domain/actor.js';
import type { Task } from '../../../src/modules/tasks/tasks.schemas.js';
import { seedDemoUnits } from '../../../src/modules/units/units.demo.js';
import { assertProblem, setupApp } from '../../helpers/app.js';

const ctx = await setupApp(t);
await seedDemoUnits(ctx.db, CLI_ACTOR);
const unit = Object.fromEntries((await ctx.db.selectFrom('units').select(['code', 'id']).execute()).map((u) => [u.code, u.id]));

async function plan(issuedOn?: string): Promise<{ id: string; tasks: Task[] }> {
  const res = await ctx.request({
    method: 'POST',
    url: '/api/v1/plans',
    payload: {
      issuerUnitId: unit.SGDDT, year: 2021, title: 'Kế hoạch ghi chú tiến độ',
      tasks: [
        { content: 'Đăng tin', forms: ['website_post'], assignees: [{ role: 'lead', unitId: unit.TCCB }, { role: 'coordinator', group: 'affiliated' }], duePeriod: '2021-03', note: 'Kèm kế hoạch' },
        { content: 'Việc của Văn phòng', forms: ['qa'], assignees: [{ role: 'lead', unitId: unit.VP }], duePeriod: '2021-04' },
      ],
    },
  });
  if (res.statusCode !== 201) throw new Error(res.body);
  if (issuedOn) await ctx.request({ method: 'POST', url: `/api/v1/plans/${res.json().id}/issue`, payload: { issuedOn } });
  return res.json();
}
const url = (x: Task) => `/api/v1/plans/${x.planId}/tasks/${x.id}`;
const patch = (x: Task, payload: object, key?: string) => ctx.request({ method: 'PATCH', url: url(x), payload, headers: { 'if-match': '*' }, ...(key ? { key } : {}) });

const issued = await plan('2021-02-10');
const [shared, officeOnly] = issued.tasks;
const school = await ctx.keyFor('editor', unit['THPT-HD']);
const personnel = await ctx.keyFor('editor', unit.TCCB);

t.test('an editor of a unit the task names writes a progress note, alone or with progress', async (t) => {
  const alone = await patch(shared!, { progressNote: 'Đã gửi bài cho Tổ CNTT.' }, school);
  t.equal(alone.statusCode, 200, `a school, through the affiliated group: ${alone.body}`);
  t.match(alone.json(), { progressNote: 'Đã gửi bài cho Tổ CNTT.', progress: 'not_started', note: 'Kèm kế hoạch', version: 2 });
  const withProgress = await patch(shared!, { progress: 'done', completedOn: '2021-03-20', progressNote: 'Đã đăng ngày 20/3.' }, personnel);
  t.match(withProgress.json(), { progress: 'done', completedOn: '2021-03-20', progressNote: 'Đã đăng ngày 20/3.' }, 'the lead, with progress');
  t.match((await patch(shared!, { progress: 'in_progress' }, personnel)).json(), { progressNote: 'Đã đăng ngày 20/3.' }, 'progress alone keeps the note');
  t.match((await patch(shared!, { progressNote: null }, personnel)).json(), { progressNote: null }, 'null clears it');
  const audit = (await ctx.request({ url: `/api/v1/audit?entityType=task&entityId=${shared!.id}&limit=10` })).json().items;
  t.match(audit.at(-2), { action: 'progress', before: { progressNote: null }, after: { progressNote: 'Đã gửi bài cho Tổ CNTT.' } }, 'audited as progress');
});

t.test('what an editor may not do: others’ tasks, the task’s own note, a blank note', async (t) => {
  assertProblem(t, await patch(officeOnly!, { progressNote: 'Không phải việc của trường' }, school), 403, 'a task its unit is not named on');
  const note = assertProblem(t, await patch(shared!, { note: 'Sửa ghi chú' }, school), 403, 'note is part of what the task says');
  t.match(note.detail, /Only an admin changes what a task says/);
  assertProblem(t, await patch(shared!, { progressNote: '   ' }, school), 400, 'blank');
  assertProblem(t, await patch(shared!, { progressNote: 'x'.repeat(4001) }, school), 400, 'too long');
  const reader = await ctx.keyFor('reader');
  assertProblem(t, await patch(shared!, { progressNote: 'Đọc thôi' }, reader), 403);
  const draft = await plan();
  const early = assertProblem(t, await patch(draft.tasks[0]!, { progressNote: 'Chưa ban hành' }), 409, 'like progress, it waits for the plan to be issued');
  t.match(early.detail, /only when the plan is issued/);
});

t.test('CSV: exported after note, ignored on import', async (t) => {
  await patch(officeOnly!, { progressNote: 'Đang trả lời, còn 2 câu hỏi' });
  const csv = (await ctx.request({ url: `/api/v1/plans/${issued.id}/tasks?asOf=2021-06-30`, headers: { accept: 'text/csv' } })).body;
  const [header, ...rows] = parse(csv, { bom: true }) as string[][];
  t.equal(header!.indexOf('progressNote'), header!.indexOf('note') + 1, 'the column after note');
  t.same(rows.map((r) => [r[header!.indexOf('note')], r[header!.indexOf('progressNote')]]), [['Kèm kế hoạch', ''], ['', 'Đang trả lời, còn 2 câu hỏi']]);
  const copy = await plan();
  const imported = await ctx.request({ method: 'POST', url: `/api/v1/plans/${copy.id}/tasks`, payload: csv, headers: { 'content-type': 'text/csv' } });
  t.equal(imported.statusCode, 201, imported.body);
  t.same(imported.json().items.map((x: Task) => [x.note, x.progressNote, x.progress]), [['Kèm kế hoạch', null, 'not_started'], [null, null, 'not_started']], 'a draft’s tasks start afresh');
});
