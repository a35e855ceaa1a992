// A report, and the Department's roll-up, as Excel workbooks people sort, filter and sum: one sheet
// per table, Vietnamese bold headers on a frozen first row, numbers as numbers, dates as Excel
// dates (Vietnam time), yes/no as Có/Không.
import ExcelJS from 'exceljs';
import { PROGRESS_VI, TIMELINESS_VI } from '../tasks/tasks.labels.js';
import { FORMS, PROGRESS, TIMELINESS } from '../tasks/tasks.table.js';
import {
  calendarDate,
  COMPLIANCE_VI,
  KIND_VI,
  QUESTION_FIELDS,
  questionFigure,
  QUESTIONS_VI,
  quarterVi,
  REPORT_FORMS_VI,
  REPORT_STATUS_VI,
  ROLE_VI,
  ROLLUP_QUESTIONS_VI,
  vietnamWallClock,
  yesNo,
} from './reports.labels.js';
import type { Report, ReportFigures, Rollup } from './reports.schemas.js';

/** A moment (submitted, accepted) rather than a day: shown with its time. */
interface DateTime {
  dateTime: Date;
}
type Cell = string | number | Date | DateTime | null;
type Row = Cell[];

const DATE_FORMAT = 'dd/mm/yyyy';
const DATE_TIME_FORMAT = 'dd/mm/yyyy hh:mm';
const MONTH_FORMAT = 'mm/yyyy';

const date = (iso: string | null | undefined): Date | null => (iso ? calendarDate(iso) : null);
const dateTime = (instant: string | null): DateTime | null => (instant ? { dateTime: vietnamWallClock(instant) } : null);
const sum = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);

/** How many characters a cell shows, for a column width that fits it. */
function shownLength(cell: Cell, monthColumn: boolean): number {
  if (cell === null) return 0;
  if (cell instanceof Date) return monthColumn ? MONTH_FORMAT.length : DATE_FORMAT.length;
  if (typeof cell === 'object') return DATE_TIME_FORMAT.length;
  return String(cell).length;
}

/**
 * A sheet of one table. `months` names the columns whose dates stand for a month (2021-03 as
 * 03/2021); `totals` sets the last row in bold.
 */
function addSheet(book: ExcelJS.Workbook, name: string, headers: string[], rows: Row[], { months = [] as number[], totals = false } = {}): void {
  const sheet = book.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.addRow(headers.map((h) => h.normalize('NFC'))).font = { bold: true };
  for (const values of rows) {
    const row = sheet.addRow(values.map((v) => (typeof v === 'string' ? v.normalize('NFC') : v !== null && typeof v === 'object' && !(v instanceof Date) ? v.dateTime : v)));
    values.forEach((v, i) => {
      if (v instanceof Date) row.getCell(i + 1).numFmt = months.includes(i) ? MONTH_FORMAT : DATE_FORMAT;
      else if (v !== null && typeof v === 'object') row.getCell(i + 1).numFmt = DATE_TIME_FORMAT;
    });
  }
  if (totals && rows.length > 0) sheet.lastRow!.font = { bold: true };
  headers.forEach((header, i) => {
    // Excel's width unit is about one character of the default font; two spare for the filter arrow and padding.
    const longest = Math.max(header.length, ...rows.map((r) => shownLength(r[i] ?? null, months.includes(i))));
    sheet.getColumn(i + 1).width = Math.min(60, Math.max(8, longest + 2));
  });
}

async function written(book: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await book.xlsx.writeBuffer());
}

function summary(report: Report): Row[] {
  const f = report.figures;
  return [
    ['Đơn vị', report.unit.name],
    ['Mã đơn vị', report.unit.code],
    ['Năm', report.year],
    ['Loại báo cáo', KIND_VI[report.kind]],
    ['Kỳ báo cáo', report.window.kind === 'cutoff' ? 'Kỳ báo cáo CCHC' : 'Năm dương lịch'],
    ['Từ ngày', date(report.window.from)],
    ['Đến ngày', date(report.window.to)],
    ['Hạn gửi', date(report.dueOn)],
    ['Trạng thái', REPORT_STATUS_VI[report.status]],
    ['Số', report.number],
    ['Ngày gửi', dateTime(report.submittedAt)],
    ['Gửi muộn', report.late === null ? null : yesNo(report.late)],
    ['Ngày tiếp nhận', dateTime(report.acceptedAt)],
    ['Số liệu tính đến ngày', date(f.asOf)],
    ['Kế hoạch của Sở', f.tasks.planNumber],
    ['Tổng số hoạt động', f.activities.total],
    ['Hoạt động thực hiện nhiệm vụ', f.activities.linkedToTasks],
    ['Kỳ đăng tin đã đến hạn', f.compliance.due],
    ['Kỳ đăng tin đạt', f.compliance.met],
    ['Kế hoạch của đơn vị', yesNo(f.ownPlan !== null)],
    ['Số kế hoạch của đơn vị', f.ownPlan?.number ?? null],
    ['Ngày ban hành kế hoạch', date(f.ownPlan?.issuedOn)],
    ['Người ký', report.signer ? `${report.signer.title.replace(/\s*\r?\n\s*/g, ' ')} ${report.signer.name}` : null],
  ];
}

function addFigureSheets(book: ExcelJS.Workbook, f: ReportFigures): void {
  const t = f.tasks;
  addSheet(
    book,
    'Nhiệm vụ',
    ['Nhóm', 'Trạng thái', 'Số nhiệm vụ'],
    [...PROGRESS.map((k) => ['Tiến độ', PROGRESS_VI[k], t.byProgress[k]]), ...TIMELINESS.map((k) => ['Tình trạng', TIMELINESS_VI[k], t.byTimeliness[k]]), ['Tổng cộng', null, t.total]],
    { totals: true },
  );
  addSheet(book, 'Nhiệm vụ quá hạn', ['STT', 'Nội dung nhiệm vụ', 'Thời hạn', 'Vai trò'], t.overdue.map((o) => [o.ordinal, o.content, date(o.dueTo), ROLE_VI[o.role] ?? o.role]));
  const a = f.activities;
  addSheet(book, 'Hoạt động theo hình thức', ['STT', 'Hình thức', 'Số hoạt động'], [...FORMS.map((k, i) => [i + 1, REPORT_FORMS_VI[k], a.byForm[k]]), [null, 'Tổng cộng', a.total]], {
    totals: true,
  });
  addSheet(book, 'Hoạt động theo tháng', ['Tháng', 'Số hoạt động'], [...a.byMonth.map((m) => [date(`${m.month}-01`), m.count]), ['Tổng cộng', a.total]], { months: [0], totals: true });
  addSheet(
    book,
    'Tuân thủ',
    ['Từ ngày', 'Đến ngày', 'Yêu cầu', 'Đã thực hiện', 'Kết quả'],
    f.compliance.windows.map((w) => [date(w.window.from), date(w.window.to), w.required, w.done, COMPLIANCE_VI[w.status]]),
  );
  addSheet(book, 'Câu hỏi, kiến nghị', ['Chỉ tiêu', 'Giá trị'], QUESTION_FIELDS.map((k) => [QUESTIONS_VI[k], questionFigure(f.questions, k)]));
}

function addRollupSheets(book: ExcelJS.Workbook, rollup: Rollup): void {
  const formHeaders = FORMS.map((k) => REPORT_FORMS_VI[k]);
  addSheet(
    book,
    'Tổng hợp',
    ['STT', 'Mã đơn vị', 'Đơn vị', 'Báo cáo', 'Ngày gửi', 'Gửi muộn', 'Nhiệm vụ hoàn thành', 'Nhiệm vụ quá hạn', ...formHeaders, 'Tổng số hoạt động',
      'Quý đạt', 'Quý đến hạn', 'Quý chưa đạt', 'Kế hoạch của đơn vị', 'Số kế hoạch', 'Ngày ban hành', ...QUESTION_FIELDS.map((k) => ROLLUP_QUESTIONS_VI[k])],
    rollup.rows.map((r, i) => [
      i + 1, r.unit.code, r.unit.name, REPORT_STATUS_VI[r.status], dateTime(r.submittedAt), r.late === null ? null : yesNo(r.late), r.tasksDone, r.tasksOverdue,
      ...FORMS.map((k) => r.activitiesByForm[k]), sum(r.activitiesByForm),
      r.quartersCompliant, r.quartersDue, r.nonCompliantQuarters.map(quarterVi).join(', ') || null, yesNo(r.ownPlan !== null), r.ownPlan?.number ?? null, date(r.ownPlan?.issuedOn),
      ...QUESTION_FIELDS.map((k) => questionFigure(r.questions, k)),
    ]),
  );
  const statusOf = new Map(rollup.rows.map((r) => [r.unit.id, r]));
  addSheet(book, 'Chưa nộp', ['STT', 'Mã đơn vị', 'Đơn vị', 'Báo cáo'], rollup.notSubmitted.map((u, i) => [i + 1, u.code, u.name, REPORT_STATUS_VI[statusOf.get(u.id)?.status ?? 'missing']]));
  addSheet(book, 'Nộp muộn', ['STT', 'Mã đơn vị', 'Đơn vị', 'Ngày gửi'], rollup.late.map((u, i) => [i + 1, u.code, u.name, dateTime(statusOf.get(u.id)?.submittedAt ?? null)]));
  addSheet(book, 'Chưa đạt', ['STT', 'Mã đơn vị', 'Đơn vị', 'Quý chưa đạt'], rollup.nonCompliant.map((n, i) => [i + 1, n.unit.code, n.unit.name, n.quarters.map(quarterVi).join(', ')]));
  const t = rollup.totals;
  addSheet(book, 'Tổng cộng', ['Chỉ tiêu', 'Giá trị'], [
    ['Năm', rollup.year],
    ['Loại báo cáo', KIND_VI[rollup.kind]],
    ['Từ ngày', date(rollup.window.from)],
    ['Đến ngày', date(rollup.window.to)],
    ['Số đơn vị', t.units],
    ['Đã gửi báo cáo', t.submitted],
    ['Gửi muộn', t.late],
    ['Nhiệm vụ hoàn thành', t.tasksDone],
    ['Nhiệm vụ quá hạn', t.tasksOverdue],
    ...FORMS.map((k) => [REPORT_FORMS_VI[k], t.activitiesByForm[k]]),
    ['Tổng số hoạt động', sum(t.activitiesByForm)],
    ['Đơn vị có kế hoạch', t.ownPlans],
    // Every question of the window, the Office's and divisions' too: more than the rows add up to.
    ...QUESTION_FIELDS.map((k) => [ROLLUP_QUESTIONS_VI[k], questionFigure(t.questions, k)]),
  ]);
}

/** A unit's report: its summary and each table of its figures; the Department's also its roll-up. */
export async function reportToXlsx(report: Report): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  addSheet(book, 'Thông tin', ['Mục', 'Giá trị'], summary(report));
  addFigureSheets(book, report.figures);
  if (report.figures.rollup) addRollupSheets(book, report.figures.rollup);
  return written(book);
}

export async function rollupToXlsx(rollup: Rollup): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  addRollupSheets(book, rollup);
  return written(book);
}
