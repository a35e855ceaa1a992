// The appendix as CSV for people (issue 7, item 9): `?labels=vi` gives Vietnamese headers and
// values, periods a spreadsheet keeps as text, and a download named after the plan's number.
import { parse } from 'csv-parse/sync';
import t from 'tap';
import { CLI_ACTOR } from '../../../src/domain/actor.js';
import type { Task } from '../../../src/modules/tasks/tasks.schemas.js';
import { seedDemoUnits } from '../../../src/modules/units/units.demo.js';
import { assertProblem, setupApp } from '../../helpers/app.js';

const ctx = await setupApp(t);
await seedDemoUnits(ctx.db, CLI_ACTOR);
const unit = Object.fromEntries((await ctx.db.selectFrom('units').select(['code', 'id']).execute()).map((u) => [u.code, u.id]));

async function plan(title: string, documentType = 'KH'): Promise<{ id: string; tasks: Task[] }> {
  const res = await ctx.request({
    method: 'POST',
    url: '/api/v1/plans',
    payload: {
      issuerUnitId: unit.SGDDT, year: 2021, title, documentType,
      tasks: [
        {
          content: 'Tuyên truyền Kế hoạch CCHC', forms: ['website_post', 'video'], formNote: 'Đăng tin kèm theo KH trên website',
          assignees: [{ role: 'lead', unitId: unit.TCCB }, { role: 'coordinator', unitId: unit.CNTT }, { role: 'coordinator', group: 'affiliated' }],
          duePeriod: '2021-03', target: { count: 1, unit: 'bài viết' }, note: 'Kèm kế hoạch',
        },
        { content: 'Phổ biến trong cuộc họp', forms: ['meeting'], assignees: [{ role: 'lead', group: 'divisions' }], duePeriod: '2021-Q2' },
        { content: 'Hội thi trực tuyến', forms: ['contest', 'qa', 'hotline'], assignees: [{ role: 'lead', unitId: unit.VP }, { role: 'coordinator', group: 'all_units' }], duePeriod: '2021-03-01/2021-04-15' },
        { content: 'Niêm yết và khảo sát', forms: ['procedure_listing', 'survey'], assignees: [{ role: 'lead', unitId: unit['THPT-HD'] }], duePeriod: '2021' },
      ],
    },
  });
  if (res.statusCode !== 201) throw new Error(res.body);
  return res.json();
}
const exportCsv = (planId: string, query = '') => ctx.request({ url: `/api/v1/plans/${planId}/tasks${query}`, headers: { accept: 'text/csv' } });

const issued = await plan('Kế hoạch tuyên truyền CCHC năm 2021');
await ctx.request({ method: 'POST', url: `/api/v1/plans/${issued.id}/issue`, payload: { issuedOn: '2021-02-03' } });
const progress = (i: number, payload: object) =>
  ctx.request({ method: 'PATCH', url: `/api/v1/plans/${issued.id}/tasks/${issued.tasks[i]!.id}`, payload, headers: { 'if-match': '*' } });
await progress(0, { progress: 'done', completedOn: '2021-03-20', progressNote: 'Đã đăng ngày 20/3' });
await progress(1, { progress: 'in_progress' });
await progress(2, { progress: 'cancelled', cancelReason: 'Không tổ chức' });

t.test('labels=vi: Vietnamese headers and values, units by name, periods kept as text', async (t) => {
  const res = await exportCsv(issued.id, '?labels=vi&asOf=2021-07-01');
  t.equal(res.statusCode, 200);
  t.match(res.headers['content-type'], /^text\/csv; charset=utf-8/);
  t.ok(res.body.startsWith('\uFEFFSTT,Nội dung,Hình thức,'), 'UTF-8 with a BOM, Vietnamese headers');
  const [header, ...rows] = parse(res.body, { bom: true }) as string[][];
  t.same(header, [
    'STT', 'Nội dung', 'Hình thức', 'Hình thức (theo văn bản)', 'Đơn vị chủ trì', 'Đơn vị phối hợp', 'Thời gian', 'Chỉ tiêu', 'Đơn vị tính',
    'Ghi chú', 'Ghi chú tiến độ', 'Tiến độ', 'Ngày hoàn thành', 'Tình trạng',
  ]);
  t.same(rows, [
    [
      '1', 'Tuyên truyền Kế hoạch CCHC', 'Đăng tin, bài; Video clip', 'Đăng tin kèm theo KH trên website', 'Phòng Tổ chức cán bộ',
      'Tổ Công nghệ thông tin; Các đơn vị trực thuộc', '="2021-03"', '1', 'bài viết', 'Kèm kế hoạch', 'Đã đăng ngày 20/3', 'Hoàn thành', '2021-03-20', 'Đúng hạn',
    ],
    ['2', 'Phổ biến trong cuộc họp', 'Hội nghị, họp', '', 'Các phòng chuyên môn, nghiệp vụ', '', '="2021-Q2"', '', '', '', '', 'Đang thực hiện', '', 'Quá hạn'],
    ['3', 'Hội thi trực tuyến', 'Hội thi; Hỏi đáp; Đường dây nóng', '', 'Văn phòng Sở', 'Các đơn vị thuộc và trực thuộc', '="2021-03-01/2021-04-15"', '', '', '', '', 'Hủy', '', 'Đã hủy'],
    ['4', 'Niêm yết và khảo sát', 'Niêm yết TTHC; Khảo sát', '', 'Trường THPT Hoàng Diệu', '', '="2021"', '', '', '', '', 'Chưa bắt đầu', '', 'Chưa bắt đầu'],
  ]);
  const early = parse((await exportCsv(issued.id, '?labels=vi&asOf=2021-03-01')).body, { bom: true }) as string[][];
  t.same(early.slice(1).map((r) => r[13]), ['Đang thực hiện', 'Đang thực hiện', 'Đã hủy', 'Chưa bắt đầu'], 'timeliness as of asOf (done on 20 March: in progress on the 1st)');
  const late = await progress(3, { progress: 'done', completedOn: '2022-01-05' });
  t.equal(late.statusCode, 200);
  t.equal((parse((await exportCsv(issued.id, '?labels=vi&asOf=2022-02-01')).body, { bom: true }) as string[][])[4]![13], 'Trễ hạn');
  t.equal(res.body.normalize('NFC'), res.body, 'NFC throughout');
});

t.test('the download is named after the plan’s number, with filename and filename*', async (t) => {
  const vi = await exportCsv(issued.id, '?labels=vi');
  t.equal(vi.headers['content-disposition'], 'attachment; filename="01-KH-SGDDT-nhiem-vu.csv"; filename*=UTF-8\'\'01-KH-SGDDT-nhiem-vu.csv', '01/KH-SGDĐT: / to -, Đ to D');
  t.equal((await exportCsv(issued.id)).headers['content-disposition'], 'attachment; filename="01-KH-SGDDT-tasks.csv"; filename*=UTF-8\'\'01-KH-SGDDT-tasks.csv', 'the default export too');
  t.equal((await exportCsv(issued.id, '?labels=en')).headers['content-disposition'], (await exportCsv(issued.id)).headers['content-disposition'], 'en is the default');
  const decision = await plan('Quyết định ban hành kế hoạch', 'QĐ');
  await ctx.request({ method: 'POST', url: `/api/v1/plans/${decision.id}/issue`, payload: { issuedOn: '2021-03-01' } });
  t.match((await exportCsv(decision.id, '?labels=vi')).headers['content-disposition'], /^attachment; filename="01-QD-SGDDT-nhiem-vu\.csv";/, 'QĐ → QD');
  const draft = await plan('Bản nháp');
  t.match((await exportCsv(draft.id, '?labels=vi')).headers['content-disposition'], new RegExp(`^attachment; filename="plan-${draft.id}-nhiem-vu\\.csv"; filename\\*=UTF-8''plan-${draft.id}-nhiem-vu\\.csv$`), 'a draft has no number yet');
  assertProblem(t, await exportCsv('00000000-0000-4000-8000-000000000000', '?labels=vi'), 404);
});

t.test('labels is for the CSV only, and en or vi', async (t) => {
  const json = assertProblem(t, await ctx.request({ url: `/api/v1/plans/${issued.id}/tasks?labels=vi` }), 400, 'with JSON');
  t.same(json.errors, [{ pointer: '/query/labels', message: 'is for the CSV appendix: send Accept: text/csv' }]);
  t.same(assertProblem(t, await exportCsv(issued.id, '?labels=fr'), 400).errors?.map((e) => e.pointer), ['/query/labels']);
});

t.test('import reads the default export; a Vietnamese one is refused, saying why', async (t) => {
  const copy = await plan('Bản sao');
  const en = await ctx.request({ method: 'POST', url: `/api/v1/plans/${copy.id}/tasks`, payload: (await exportCsv(issued.id)).body, headers: { 'content-type': 'text/csv' } });
  t.equal(en.statusCode, 201, en.body);
  t.same(en.json().items.map((x: Task) => x.duePeriod), ['2021-03', '2021-Q2', '2021-03-01/2021-04-15', '2021']);
  const vi = await ctx.request({ method: 'POST', url: `/api/v1/plans/${copy.id}/tasks`, payload: (await exportCsv(issued.id, '?labels=vi')).body, headers: { 'content-type': 'text/csv' } });
  const problem = assertProblem(t, vi, 400);
  t.match(problem.errors?.find((e) => e.column === 'Nội dung')?.message, /Vietnamese export \(labels=vi\)/);
});
