// The report and the roll-up as Excel workbooks (issue 9, item 4), read back with exceljs: a sheet
// per table, bold Vietnamese headers on a frozen row, numbers as numbers, dates as dates in Vietnam
// time, Có/Không, widths that fit, and the Vietnamese text intact.
import ExcelJS from 'exceljs';
import t from 'tap';
import type { Report } from '../../../src/modules/reports/reports.schemas.js';
import { reportToXlsx, rollupToXlsx } from '../../../src/modules/reports/reports.xlsx.js';
import { departmentReport, draftReport, report, rollup } from './report-fixture.js';

async function load(buffer: Buffer): Promise<ExcelJS.Workbook> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(buffer as unknown as ArrayBuffer);
  return book;
}

function sheet(book: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const found = book.getWorksheet(name);
  if (!found) throw new Error(`no sheet ${name}`);
  return found;
}

/** A row's values from column A (exceljs keeps index 0 empty). */
const values = (s: ExcelJS.Worksheet, row: number) => (s.getRow(row).values as unknown[]).slice(1);
/** The "Mục | Giá trị" sheets as a map. */
const pairs = (s: ExcelJS.Worksheet) => new Map(s.getSheetValues().slice(2).map((r) => [(r as unknown[])[1] as string, (r as unknown[])[2]]));
const utc = (iso: string) => new Date(iso);

const REPORT_SHEETS = ['Thông tin', 'Nhiệm vụ', 'Nhiệm vụ quá hạn', 'Hoạt động theo hình thức', 'Hoạt động theo tháng', 'Tuân thủ', 'Câu hỏi, kiến nghị'];
const ROLLUP_SHEETS = ['Tổng hợp', 'Chưa nộp', 'Nộp muộn', 'Chưa đạt', 'Tổng cộng'];

t.test('a report: a sheet per table, bold headers on a frozen row, widths that fit', async (t) => {
  const book = await load(await reportToXlsx(report()));
  t.same(book.worksheets.map((s) => s.name), REPORT_SHEETS);
  for (const s of book.worksheets) {
    t.match(s.views, [{ state: 'frozen', ySplit: 1 }], `${s.name}: header row frozen`);
    t.equal(s.getRow(1).font?.bold, true, `${s.name}: header bold`);
    s.columns.forEach((column, i) => {
      const longest = Math.max(...(column.values ?? []).filter((v) => typeof v === 'string').map((v) => (v as string).length));
      // exceljs leaves a width of 9 unwritten (its default), and reads it back as undefined.
      const width = column.width ?? 9;
      t.ok(width >= Math.min(60, longest), `${s.name}: column ${i + 1} is ${width} wide for ${longest} characters`);
    });
  }
  t.same(values(sheet(book, 'Nhiệm vụ quá hạn'), 1), ['STT', 'Nội dung nhiệm vụ', 'Thời hạn', 'Vai trò']);
  t.same(values(sheet(book, 'Tuân thủ'), 1), ['Từ ngày', 'Đến ngày', 'Yêu cầu', 'Đã thực hiện', 'Kết quả']);
});

t.test('the summary: numbers, dates in Vietnam time, Có/Không', async (t) => {
  const info = sheet(await load(await reportToXlsx(report())), 'Thông tin');
  t.same(values(info, 1), ['Mục', 'Giá trị']);
  const m = pairs(info);
  t.equal(m.get('Đơn vị'), 'Trường THPT Hoàng Diệu');
  t.equal(m.get('Năm'), 2021);
  t.equal(m.get('Loại báo cáo'), 'Báo cáo 6 tháng');
  t.same(m.get('Từ ngày'), utc('2020-12-15T00:00:00Z'));
  t.same(m.get('Đến ngày'), utc('2021-06-14T00:00:00Z'));
  t.same(m.get('Hạn gửi'), utc('2021-06-20T00:00:00Z'));
  t.equal(m.get('Trạng thái'), 'Đã gửi');
  t.equal(m.get('Số'), '12/BC-THPTHD');
  t.same(m.get('Ngày gửi'), utc('2021-06-14T07:30:00Z'), '00:30 UTC is 07:30 in Vietnam');
  t.equal(m.get('Gửi muộn'), 'Không');
  t.equal(m.get('Tổng số hoạt động'), 17);
  t.equal(m.get('Kế hoạch của đơn vị'), 'Có');
  t.same(m.get('Ngày ban hành kế hoạch'), utc('2021-03-10T00:00:00Z'));
  t.equal(m.get('Người ký'), 'Hiệu trưởng Nguyễn Văn Ánh');
  const row = (label: string) => info.getRow([...m.keys()].indexOf(label) + 2).getCell(2);
  t.equal(row('Từ ngày').numFmt, 'dd/mm/yyyy');
  t.equal(row('Ngày gửi').numFmt, 'dd/mm/yyyy hh:mm');

  const draft = pairs(sheet(await load(await reportToXlsx(draftReport())), 'Thông tin'));
  t.equal(draft.get('Trạng thái'), 'Đang soạn');
  for (const label of ['Số', 'Ngày gửi', 'Gửi muộn', 'Người ký']) t.equal(draft.get(label), undefined, `a draft's ${label} is empty`);
});

t.test('the figures’ tables', async (t) => {
  const book = await load(await reportToXlsx(report()));
  const tasks = sheet(book, 'Nhiệm vụ');
  t.same(values(tasks, 1), ['Nhóm', 'Trạng thái', 'Số nhiệm vụ']);
  t.same(values(tasks, 2), ['Tiến độ', 'Chưa bắt đầu', 2]);
  t.same(values(tasks, 6), ['Tình trạng', 'Đúng hạn', 2]);
  t.same(values(tasks, 7), ['Tình trạng', 'Trễ hạn', 1]);
  t.same(values(tasks, tasks.rowCount), ['Tổng cộng', undefined, 9]);
  t.equal(tasks.getRow(tasks.rowCount).font?.bold, true, 'the totals row in bold');

  const overdue = sheet(book, 'Nhiệm vụ quá hạn');
  t.same(values(overdue, 2), [3, 'Tuyên truyền Kế hoạch CCHC trên bảng tin nhà trường', utc('2021-03-31T00:00:00Z'), 'Chủ trì']);

  const forms = sheet(book, 'Hoạt động theo hình thức');
  t.same(values(forms, 1), ['STT', 'Hình thức', 'Số hoạt động']);
  t.same(values(forms, 2), [1, 'Tin, bài đăng trên website', 6]);
  t.same(values(forms, 4), [3, 'Hội nghị, cuộc họp', 4]);
  t.same(values(forms, 10), [undefined, 'Tổng cộng', 17]);

  const months = sheet(book, 'Hoạt động theo tháng');
  t.same(values(months, 2), [utc('2020-12-01T00:00:00Z'), 1]);
  t.equal(months.getCell('A2').numFmt, 'mm/yyyy', 'a month shows as 12/2020');
  t.same(values(months, 5), [utc('2021-03-01T00:00:00Z'), 5]);
  t.same(values(months, 9), ['Tổng cộng', 17]);

  const compliance = sheet(book, 'Tuân thủ');
  t.same(values(compliance, 2), [utc('2021-01-01T00:00:00Z'), utc('2021-03-31T00:00:00Z'), 3, 4, 'Đạt']);
  t.same(values(compliance, 3), [utc('2021-04-01T00:00:00Z'), utc('2021-06-30T00:00:00Z'), 3, 2, 'Đang trong kỳ']);

  const questions = sheet(book, 'Câu hỏi, kiến nghị');
  t.same(questions.getSheetValues().slice(1).map((r) => (r as unknown[]).slice(1)), [
    ['Chỉ tiêu', 'Giá trị'],
    ['Tiếp nhận', 19],
    ['Đã trả lời', 18],
    ['Trả lời đúng hạn', 16],
    ['Quá hạn chưa trả lời', 11],
    ['Đã công khai', 15],
    ['Thời gian trả lời (ngày làm việc): trung vị', 12.5],
    ['Thời gian trả lời (ngày làm việc): 90% số câu hỏi không quá', 14.8],
  ]);
  const base = report().figures;
  const unanswered = await load(await reportToXlsx(report({ figures: { ...base, questions: { ...base.questions, responseDays: { median: null, p90: null } } } })));
  const times = pairs(sheet(unanswered, 'Câu hỏi, kiến nghị'));
  t.ok(times.has('Thời gian trả lời (ngày làm việc): trung vị'), 'the row is there');
  t.equal(times.get('Thời gian trả lời (ngày làm việc): trung vị'), undefined, 'no answer, no response time: an empty cell');
  t.equal(times.get('Thời gian trả lời (ngày làm việc): 90% số câu hỏi không quá'), undefined);
});

t.test('the roll-up: a row per unit, the lists and the totals', async (t) => {
  const book = await load(await rollupToXlsx(rollup()));
  t.same(book.worksheets.map((s) => s.name), ROLLUP_SHEETS);
  for (const s of book.worksheets) t.match(s.views, [{ state: 'frozen', ySplit: 1 }], `${s.name}: header row frozen`);
  const summary = sheet(book, 'Tổng hợp');
  t.same(values(summary, 1), [
    'STT', 'Mã đơn vị', 'Đơn vị', 'Báo cáo', 'Ngày gửi', 'Gửi muộn', 'Nhiệm vụ hoàn thành', 'Nhiệm vụ quá hạn',
    'Tin, bài đăng trên website', 'Video clip', 'Hội nghị, cuộc họp', 'Hội thi', 'Niêm yết TTHC', 'Khảo sát', 'Hỏi đáp', 'Đường dây nóng',
    'Tổng số hoạt động', 'Quý đạt', 'Quý đến hạn', 'Quý chưa đạt', 'Kế hoạch của đơn vị', 'Số kế hoạch', 'Ngày ban hành',
    'Câu hỏi tiếp nhận', 'Câu hỏi đã trả lời', 'Câu hỏi trả lời đúng hạn', 'Câu hỏi quá hạn chưa trả lời', 'Câu hỏi đã công khai', 'Trả lời trung vị (ngày làm việc)', 'Trả lời 90% câu hỏi (ngày làm việc)',
  ]);
  t.same(values(summary, 2), [
    1, 'THPT-HD', 'Trường THPT Hoàng Diệu', 'Đã tiếp nhận', utc('2021-06-14T09:00:00Z'), 'Không', 5, 1, 4, 1, 2, 0, 1, 0, 0, 3, 11, 2, 2, undefined, 'Có', '05/KH-THPTHD', utc('2021-03-10T00:00:00Z'),
    9, 8, 6, 1, 5, 2.5, 4.8,
  ]);
  t.same(values(summary, 3).slice(0, 8), [2, 'THPT-LVT', 'Trường THPT Lê Văn Tám', 'Đã gửi', utc('2021-06-23T00:30:00Z'), 'Có', 3, 2]);
  t.same(values(summary, 3).slice(17, 21), [1, 2, 'Quý II/2021', 'Không']);
  t.same(values(summary, 4).slice(3, 6), ['Chưa lập', undefined, undefined], 'no report: no date, no lateness');
  t.equal(summary.getCell('E2').numFmt, 'dd/mm/yyyy hh:mm');

  t.same(values(sheet(book, 'Chưa nộp'), 2), [1, 'THPT-NK', 'Trường THPT Năng khiếu', 'Chưa lập']);
  t.same(values(sheet(book, 'Nộp muộn'), 2), [1, 'THPT-LVT', 'Trường THPT Lê Văn Tám', utc('2021-06-23T00:30:00Z')]);
  t.same(values(sheet(book, 'Chưa đạt'), 3), [2, 'THPT-NK', 'Trường THPT Năng khiếu', 'Quý I/2021, Quý II/2021']);
  const totals = pairs(sheet(book, 'Tổng cộng'));
  t.equal(totals.get('Năm'), 2021);
  t.same(totals.get('Từ ngày'), utc('2020-12-15T00:00:00Z'));
  t.equal(totals.get('Số đơn vị'), 3);
  t.equal(totals.get('Đã gửi báo cáo'), 2);
  t.equal(totals.get('Tin, bài đăng trên website'), 4);
  t.equal(totals.get('Tổng số hoạt động'), 11);
  t.equal(totals.get('Đơn vị có kế hoạch'), 1);
  t.same(
    ['Câu hỏi tiếp nhận', 'Câu hỏi đã trả lời', 'Câu hỏi trả lời đúng hạn', 'Câu hỏi quá hạn chưa trả lời', 'Câu hỏi đã công khai', 'Trả lời trung vị (ngày làm việc)', 'Trả lời 90% câu hỏi (ngày làm việc)'].map((label) => totals.get(label)),
    [29, 28, 26, 21, 25, 22.5, 24.8],
    'every question of the window, not the rows’ sum',
  );
});

t.test('the Department’s report carries its roll-up’s sheets', async (t) => {
  const book = await load(await reportToXlsx(departmentReport()));
  t.same(book.worksheets.map((s) => s.name), [...REPORT_SHEETS, ...ROLLUP_SHEETS]);
  t.equal(pairs(sheet(book, 'Thông tin')).get('Người ký'), 'KT. Giám đốc Phó Giám đốc Trần Thị Bình');
  t.equal(pairs(sheet(book, 'Câu hỏi, kiến nghị')).get('Tiếp nhận'), 19, 'the Department’s own questions');
  t.same(values(sheet(book, 'Tổng hợp'), 3).slice(23), [9, 8, 6, 1, 5, 2.5, 4.8], 'a unit’s questions in its row');
  t.equal(pairs(sheet(book, 'Tổng cộng')).get('Câu hỏi tiếp nhận'), 29);
});

t.test('Vietnamese text comes out composed (NFC)', async (t) => {
  const base = report();
  const r: Report = { ...base, unit: { ...base.unit, name: 'Trường THPT Hoàng Diệu'.normalize('NFD') } };
  const book = await load(await reportToXlsx(r));
  t.equal(pairs(sheet(book, 'Thông tin')).get('Đơn vị'), 'Trường THPT Hoàng Diệu'.normalize('NFC'));
  for (const s of book.worksheets) {
    s.eachRow((row) => row.eachCell((cell) => {
      if (typeof cell.value === 'string' && cell.value !== cell.value.normalize('NFC')) t.fail(`${s.name}!${cell.address} is not NFC`);
    }));
  }
});
