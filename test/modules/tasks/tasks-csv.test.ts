// The appendix as CSV both ways (issue item 7): UTF-8 with a BOM, Vietnamese intact, units by code
// and groups by name; a round trip; and an import that reports each bad row and stores nothing.
import { parse } from 'csv-parse/sync';
import t from 'tap';
import { CLI_ACTOR } from '../../../src/domain/actor.js';
import type { Task } from '../../../src/modules/tasks/tasks.schemas.js';
import { seedDemoUnits } from '../../../src/modules/units/units.demo.js';
import { assertProblem, setupApp } from '../../helpers/app.js';

const ctx = await setupApp(t);
await seedDemoUnits(ctx.db, CLI_ACTOR);
const unit = Object.fromEntries((await ctx.db.selectFrom('units').select(['code', 'id']).execute()).map((u) => [u.code, u.id]));
const HEADER = 'ordinal,content,forms,formNote,lead,coordinators,duePeriod,targetCount,targetUnit,note,progressNote,progress,completedOn,timeliness';
const TRICKY = 'Tuyên truyền "Kế hoạch CCHC", năm 2021\nvà tiêu chí chấm điểm';

async function plan(title: string, tasks: object[] = []): Promise<{ id: string; tasks: Task[] }> {
  const res = await ctx.request({ method: 'POST', url: '/api/v1/plans', payload: { issuerUnitId: unit.SGDDT, year: 2021, title, tasks } });
  if (res.statusCode !== 201) throw new Error(res.body);
  return res.json();
}
const exportCsv = (planId: string, query = '', key?: string) => ctx.request({ url: `/api/v1/plans/${planId}/tasks${query}`, headers: { accept: 'text/csv' }, ...(key ? { key } : {}) });
const importCsv = (planId: string, payload: string | Buffer, key?: string) =>
  ctx.request({ method: 'POST', url: `/api/v1/plans/${planId}/tasks`, payload, headers: { 'content-type': 'text/csv; charset=utf-8' }, ...(key ? { key } : {}) });
const count = async (planId: string) => (await ctx.request({ url: `/api/v1/plans/${planId}/tasks?limit=200` })).json().items.length;
const rows = (csv: string): string[][] => parse(csv, { bom: true });

const a = await plan('Kế hoạch tuyên truyền CCHC năm 2021', [
  {
    content: TRICKY, forms: ['website_post'], formNote: 'Đăng tin trên Trang thông tin điện tử, có đính kèm Kế hoạch',
    assignees: [{ role: 'lead', unitId: unit.TCCB }, { role: 'coordinator', unitId: unit.CNTT }], duePeriod: '2021-01',
    target: { count: 1, unit: 'bài viết' }, note: 'Ghi chú: đăng trước ngày 15',
  },
  {
    content: 'Quán triệt Kế hoạch CCHC của Sở', forms: ['meeting', 'website_post'], formNote: 'Lồng ghép trong các cuộc họp',
    assignees: [{ role: 'lead', group: 'divisions' }, { role: 'coordinator', unitId: unit.CNTT }], duePeriod: '2021-Q1',
  },
  {
    content: 'Công bố Chỉ số CCHC năm 2020 của các đơn vị trực thuộc', forms: ['website_post'],
    assignees: [{ role: 'lead', unitId: unit.TCCB }, { role: 'lead', unitId: unit.VP }, { role: 'coordinator', group: 'affiliated' }, { role: 'coordinator', unitId: unit.KHTC }],
    duePeriod: '2021-03-01/2021-04-15', target: { count: 12, unit: 'đơn vị' },
  },
  { content: 'Cử công chức tham gia Hội thi trực tuyến', forms: ['contest'], assignees: [{ role: 'lead', unitId: unit.TCCB }, { role: 'coordinator', group: 'all_units' }], duePeriod: '2021' },
]);

t.test('GET with Accept: text/csv: UTF-8 with BOM, the header, Vietnamese, codes and groups, quoting', async (t) => {
  const res = await exportCsv(a.id, '?asOf=2021-02-01');
  t.equal(res.statusCode, 200);
  t.match(res.headers['content-type'], /^text\/csv; charset=utf-8/);
  t.match(res.headers['content-disposition'], /attachment; filename=".+\.csv"/);
  t.same([...res.rawPayload.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'starts with the UTF-8 BOM');
  t.ok(res.body.startsWith(`\uFEFF${HEADER}\r\n`), 'then the header row');
  t.match(res.body, '"Tuyên truyền ""Kế hoạch CCHC"", năm 2021\nvà tiêu chí chấm điểm"', 'a comma, quotes and a newline are quoted');
  t.match(res.body, 'Công bố Chỉ số CCHC năm 2020 của các đơn vị trực thuộc', 'Vietnamese intact');
  const [header, ...body] = rows(res.body);
  t.same(header, HEADER.split(','));
  // A draft: no progress note yet, and no timeliness (it binds no one until issued).
  t.same(body, [
    ['1', TRICKY, 'website_post', 'Đăng tin trên Trang thông tin điện tử, có đính kèm Kế hoạch', 'TCCB', 'CNTT', '2021-01', '1', 'bài viết', 'Ghi chú: đăng trước ngày 15', '', 'not_started', '', ''],
    ['2', 'Quán triệt Kế hoạch CCHC của Sở', 'meeting;website_post', 'Lồng ghép trong các cuộc họp', 'divisions', 'CNTT', '2021-Q1', '', '', '', '', 'not_started', '', ''],
    ['3', 'Công bố Chỉ số CCHC năm 2020 của các đơn vị trực thuộc', 'website_post', '', 'TCCB;VP', 'affiliated;KHTC', '2021-03-01/2021-04-15', '12', 'đơn vị', '', '', 'not_started', '', ''],
    ['4', 'Cử công chức tham gia Hội thi trực tuyến', 'contest', '', 'TCCB', 'all_units', '2021', '', '', '', '', 'not_started', '', ''],
  ]);
  const reader = await ctx.keyFor('reader');
  t.equal((await exportCsv(a.id, '', reader)).statusCode, 200, 'a reader may export');
  assertProblem(t, await exportCsv('00000000-0000-4000-8000-000000000000'), 404);
  const empty = await exportCsv((await plan('Kế hoạch trống')).id);
  t.equal(empty.body, `\uFEFF${HEADER}\r\n`, 'a plan without tasks exports the header alone');
});

t.test('a content with a newline and nothing else to quote is quoted too', async (t) => {
  const p = await plan('Kế hoạch xuống dòng', [{ content: 'Dòng một\nDòng hai', forms: ['video'], assignees: [{ role: 'lead', unitId: unit.CNTT }], duePeriod: '2021-05' }]);
  const res = await exportCsv(p.id);
  // RFC 4180 readers (Excel, Python's csv) end the row at an unquoted line break.
  t.match(res.body, '\r\n1,"Dòng một\nDòng hai",video,', 'quoted');
  const copy = await plan('Bản sao xuống dòng');
  const imported = await importCsv(copy.id, res.body);
  t.equal(imported.statusCode, 201, 'the export imports again');
  t.equal(imported.json().items[0].content, 'Dòng một\nDòng hai');
});

t.test('round trip: plan A’s appendix imported into a new draft B gives the same tasks', async (t) => {
  const csv = (await exportCsv(a.id)).body;
  const b = await plan('Kế hoạch B');
  const res = await importCsv(b.id, csv);
  t.equal(res.statusCode, 201);
  t.match(res.headers['content-type'], /^application\/json/);
  const items: Task[] = res.json().items;
  t.equal(items.length, 4);
  const fields = (x: Task) => ({ ordinal: x.ordinal, content: x.content, forms: x.forms, formNote: x.formNote, assignees: x.assignees, duePeriod: x.duePeriod, target: x.target, note: x.note });
  t.same(items.map(fields), a.tasks.map(fields), 'the response');
  const stored: Task[] = (await ctx.request({ url: `/api/v1/plans/${b.id}/tasks` })).json().items;
  t.same(stored.map(fields), a.tasks.map(fields), 'what B now holds');
  t.ok(stored.every((x) => x.planId === b.id && x.progress === 'not_started' && x.version === 1), 'new tasks of B, not started');

  const again = await importCsv(b.id, csv);
  t.same(again.json().items.map((x: Task) => x.ordinal), [5, 6, 7, 8], 'a second import appends after the last task');
  const events = (await ctx.request({ url: `/api/v1/audit?entityType=task&entityId=${stored[0]!.id}` })).json().items;
  t.match(events, [{ action: 'create', after: { content: TRICKY } }], 'each imported task is audited');
});

t.test('a CSV typed in NFD, without a BOM, in any column order, is stored NFC', async (t) => {
  const b = await plan('Kế hoạch NFD');
  const text = 'duePeriod,lead,content,forms,formNote,targetCount,targetUnit\n2021-06,GDTRH;GDTH,Tuyên truyền dịch vụ công trực tuyến,video,Đăng video hướng dẫn,2,video clip\n';
  const res = await importCsv(b.id, text.normalize('NFD'));
  t.equal(res.statusCode, 201);
  t.match(res.json().items[0], {
    content: 'Tuyên truyền dịch vụ công trực tuyến'.normalize('NFC'), formNote: 'Đăng video hướng dẫn'.normalize('NFC'),
    duePeriod: '2021-06', forms: ['video'], target: { count: 2, unit: 'video clip' }, note: null,
  });
  t.not(res.json().items[0].content, 'Tuyên truyền dịch vụ công trực tuyến'.normalize('NFD'));
  t.same(res.json().items[0].assignees.map((a: { unitId: string }) => a.unitId), [unit.GDTRH, unit.GDTH]);
});

t.test('a bad row: 422 naming each line and column, and nothing is stored', async (t) => {
  const b = await plan('Kế hoạch lỗi', [{ content: 'Đã có', forms: ['video'], assignees: [{ role: 'lead', unitId: unit.VP }], duePeriod: '2021-02' }]);
  const csv = [
    'content,forms,lead,coordinators,duePeriod,targetCount,targetUnit',
    'Dòng tốt,website_post,TCCB,CNTT,2021-03,,',
    'Kỳ hạn sai,website_post,TCCB,,2021-13,,',
    'Đơn vị lạ,website_post,XYZ,affiliated,2021-04,,',
    'Hình thức lạ,newspaper,TCCB,,2021-04,,',
    ',website_post,TCCB,,2021-04,,',
    'Chỉ tiêu sai,website_post,TCCB,,2021-04,2,',
    'Thiếu chủ trì,website_post,,CNTT,2021-04-15/2021-03-01,,',
  ].join('\r\n');
  const problem = assertProblem(t, await importCsv(b.id, csv), 422);
  t.match(problem.detail, /line 3, column duePeriod/);
  const errors = problem.errors ?? [];
  t.same(errors.map((e) => `${e.line}:${e.column}`).sort(), ['3:duePeriod', '4:lead', '5:forms', '6:content', '7:targetCount', '8:duePeriod', '8:lead'].sort());
  t.notOk(errors.some((e) => 'pointer' in e), 'a line and column, no pointer into a body that is a file');
  t.match(errors.find((e) => e.line === 4 && e.column === 'lead')?.message, /XYZ/);
  t.equal(await count(b.id), 1, 'the good row was not stored either');
});

t.test('CSV that cannot be an appendix', async (t) => {
  const b = await plan('Kế hoạch từ chối');
  const good = 'content,forms,lead,duePeriod\r\nMột nhiệm vụ,video,TCCB,2021-05\r\n';
  const unknown = assertProblem(t, await importCsv(b.id, 'content,forms,lead,duePeriod,priority\r\nA,video,TCCB,2021-05,1\r\n'), 400);
  t.same(unknown.errors?.map((e) => [e.line, e.column]), [[1, 'priority']]);
  const missing = assertProblem(t, await importCsv(b.id, 'content,forms,lead\r\nA,video,TCCB\r\n'), 400);
  t.same(missing.errors?.map((e) => [e.line, e.column]), [[1, 'duePeriod']], 'a required column is missing');
  assertProblem(t, await importCsv(b.id, 'content,forms,lead,duePeriod\r\n'), 400, 'a header alone');
  assertProblem(t, await importCsv(b.id, 'content,forms,lead,duePeriod\r\nA,video,TCCB\r\n'), 400, 'a row shorter than the header');
  const latin1 = Buffer.concat([Buffer.from('content,forms,lead,duePeriod\r\nTuy'), Buffer.from([0xea, 0x6e]), Buffer.from(',video,TCCB,2021-05\r\n')]);
  t.match(assertProblem(t, await importCsv(b.id, latin1), 400).detail, /not valid UTF-8/);
  t.equal(await count(b.id), 0, 'nothing stored by any of them');

  const editor = await ctx.keyFor('editor', unit.TCCB);
  assertProblem(t, await importCsv(b.id, good, editor), 403);
  assertProblem(t, await importCsv('00000000-0000-4000-8000-000000000000', good), 404);
  const issued = await plan('Kế hoạch đã ban hành');
  await ctx.request({ method: 'POST', url: `/api/v1/plans/${issued.id}/issue`, payload: { issuedOn: '2021-02-10' } });
  t.match(assertProblem(t, await importCsv(issued.id, good), 409).detail, /only when the plan is draft/);
  t.equal(await count(issued.id), 0);
  t.equal((await importCsv(b.id, good)).statusCode, 201, 'the same CSV is fine on a draft');
});

t.test('text that starts like a formula is exported after an apostrophe, and imports back as it was', async (t) => {
  const risky = ['=HYPERLINK("http://evil.example","x")', '+1+1', '-2', '@SUM(A1)'];
  const source = await plan('Kế hoạch công thức', risky.map((content, i) => ({ content, forms: ['video'], assignees: [{ role: 'lead', unitId: unit.VP }], duePeriod: '2021-02', note: i === 0 ? '=1+2' : null })));
  const csv = (await exportCsv(source.id)).body;
  const [, ...cells] = rows(csv);
  t.same(cells.map((r) => r[1]), risky.map((c) => `'${c}`), 'content: an apostrophe first, so no spreadsheet runs it');
  t.equal(cells[0]![9], "'=1+2", 'note too');
  const copy = await plan('Bản sao công thức');
  t.equal((await importCsv(copy.id, csv)).statusCode, 201);
  const items: Task[] = (await ctx.request({ url: `/api/v1/plans/${copy.id}/tasks` })).json().items;
  t.same(items.map((i) => i.content), risky, 'the apostrophe is taken off on import');
  t.equal(items[0]!.note, '=1+2');
});
