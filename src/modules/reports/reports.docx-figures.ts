// Part I of a report's Word document: its figures as sentences a reader can quote and tables they
// can check (tasks, activities, quarterly compliance, the unit's own plan, citizens' questions and,
// in the Department's report, the roll-up of its units).
import { AlignmentType, type Paragraph, type Table } from 'docx';
import type { QuestionFigures } from '../questions/questions.schemas.js';
import { PROGRESS_VI, TIMELINESS_VI } from '../tasks/tasks.labels.js';
import { FORMS, TIMELINESS } from '../tasks/tasks.table.js';
import { body, dataTable, gap, heading } from './reports.docx-parts.js';
import {
  COMPLIANCE_VI,
  dateVi,
  monthVi,
  QUESTION_FIELDS,
  questionFigure,
  QUESTIONS_VI,
  quarterVi,
  REPORT_FORMS_VI,
  REPORT_STATUS_VI,
  ROLE_VI,
  vietnamWallClock,
  yesNo,
} from './reports.labels.js';
import type { ReportFigures, Rollup } from './reports.schemas.js';

type Block = Paragraph | Table;

/** A list of names for a sentence, or "không có" (none). */
function names(list: string[]): string {
  return list.length > 0 ? `${list.join('; ')}.` : 'không có.';
}

function tasks(figures: ReportFigures): Block[] {
  const t = figures.tasks;
  const plan = t.planNumber ? `Kế hoạch số ${t.planNumber} của Sở` : 'Kế hoạch của Sở';
  const blocks: Block[] = [
    heading('1. Thực hiện nhiệm vụ theo kế hoạch'),
    body(
      `Tính đến ngày ${dateVi(figures.asOf)}, đơn vị được giao ${t.total} nhiệm vụ theo ${plan}: ` +
        `${PROGRESS_VI.done.toLowerCase()} ${t.byProgress.done}, ${PROGRESS_VI.in_progress.toLowerCase()} ${t.byProgress.in_progress}, ` +
        `${PROGRESS_VI.not_started.toLowerCase()} ${t.byProgress.not_started}, hủy ${t.byProgress.cancelled}; ` +
        `trong đó ${t.byTimeliness.overdue} nhiệm vụ quá hạn.`,
    ),
    dataTable(
      [{ header: 'Tình trạng', width: 115 }, { header: 'Số nhiệm vụ', width: 50 }],
      [...TIMELINESS.map((k) => [TIMELINESS_VI[k], t.byTimeliness[k]]), ['Tổng cộng', t.total]],
      { totals: true },
    ),
    gap(),
  ];
  if (t.overdue.length === 0) return [...blocks, body('Không có nhiệm vụ quá hạn.')];
  return [
    ...blocks,
    body('Các nhiệm vụ quá hạn:'),
    dataTable(
      [
        { header: 'STT', width: 12, align: AlignmentType.CENTER },
        { header: 'Nội dung nhiệm vụ', width: 103 },
        { header: 'Thời hạn', width: 25, align: AlignmentType.CENTER },
        { header: 'Vai trò', width: 25, align: AlignmentType.CENTER },
      ],
      t.overdue.map((o) => [o.ordinal, o.content, dateVi(o.dueTo), ROLE_VI[o.role] ?? o.role]),
    ),
    gap(),
  ];
}

function activities(figures: ReportFigures): Block[] {
  const a = figures.activities;
  return [
    heading('2. Hoạt động tuyên truyền'),
    body(`Trong kỳ báo cáo, đơn vị đã thực hiện ${a.total} hoạt động tuyên truyền cải cách hành chính, trong đó ${a.linkedToTasks} hoạt động thực hiện nhiệm vụ của kế hoạch.`),
    body('a) Theo hình thức:'),
    dataTable(
      [{ header: 'STT', width: 15, align: AlignmentType.CENTER }, { header: 'Hình thức', width: 100 }, { header: 'Số lượng', width: 50 }],
      [...FORMS.map((f, i) => [i + 1, REPORT_FORMS_VI[f], a.byForm[f]]), ['', 'Tổng cộng', a.total]],
      { totals: true },
    ),
    gap(),
    body('b) Theo tháng:'),
    dataTable([{ header: 'Tháng', width: 115 }, { header: 'Số hoạt động', width: 50 }], [...a.byMonth.map((m) => [monthVi(m.month), m.count]), ['Tổng cộng', a.total]], { totals: true }),
    gap(),
  ];
}

function compliance(figures: ReportFigures): Block[] {
  const c = figures.compliance;
  const blocks: Block[] = [
    heading('3. Thực hiện yêu cầu đăng tin, bài theo quý'),
    body(`Đơn vị đạt yêu cầu ${c.met}/${c.due} kỳ đã đến hạn.`),
  ];
  if (c.windows.length === 0) return blocks;
  return [
    ...blocks,
    dataTable(
      [
        { header: 'Kỳ', width: 60, align: AlignmentType.CENTER },
        { header: 'Yêu cầu', width: 30 },
        { header: 'Đã thực hiện', width: 35 },
        { header: 'Kết quả', width: 40, align: AlignmentType.CENTER },
      ],
      c.windows.map((w) => [`${dateVi(w.window.from)} – ${dateVi(w.window.to)}`, w.required, w.done, COMPLIANCE_VI[w.status]]),
    ),
    gap(),
  ];
}

function ownPlan(figures: ReportFigures): Block[] {
  const plan = figures.ownPlan;
  return [
    heading('4. Kế hoạch tuyên truyền của đơn vị'),
    body(plan ? `Đơn vị đã ban hành Kế hoạch số ${plan.number} ngày ${dateVi(plan.issuedOn)}.` : 'Đơn vị chưa ban hành kế hoạch tuyên truyền cải cách hành chính của đơn vị.'),
  ];
}

/** A response time with a decimal comma (12,5: a point reads as a thousands separator in Vietnamese), or "–" (nothing to measure) when no question was answered. */
function days(value: number | null): string {
  return value === null ? '–' : String(value).replace('.', ',');
}

function questions(figures: ReportFigures): Block[] {
  const q = figures.questions;
  return [
    heading('5. Tiếp nhận, trả lời câu hỏi, kiến nghị của người dân'),
    body(
      `Trong kỳ báo cáo, đơn vị tiếp nhận ${q.received} câu hỏi, kiến nghị của người dân; đã trả lời ${q.answered} câu hỏi, trong đó ${q.answeredOnTime} câu hỏi đúng hạn; ` +
        `${q.overdue} câu hỏi quá hạn chưa trả lời; ${q.published} câu hỏi đã được công khai.`,
    ),
    dataTable(
      [{ header: 'Chỉ tiêu', width: 115 }, { header: 'Số liệu', width: 50, align: AlignmentType.CENTER }],
      QUESTION_FIELDS.map((k) => [QUESTIONS_VI[k], k === 'median' || k === 'p90' ? days(questionFigure(q, k)) : questionFigure(q, k)!]),
    ),
    gap(),
  ];
}

/** Every question of the roll-up's window (the Office's and divisions' too), as a line under its table: the table has no room for more columns. */
function rollupQuestions(q: QuestionFigures): Paragraph {
  return body(
    `Câu hỏi, kiến nghị của người dân gửi đến Sở và các đơn vị: tiếp nhận ${q.received}, đã trả lời ${q.answered} (đúng hạn ${q.answeredOnTime}), ` +
      `quá hạn chưa trả lời ${q.overdue}, đã công khai ${q.published}; thời gian trả lời (ngày làm việc): trung vị ${days(q.responseDays.median)}; ` +
      `90% số câu hỏi không quá ${days(q.responseDays.p90)}.`,
  );
}

function rollup(r: Rollup): Block[] {
  const activitiesOf = (byForm: Record<string, number>) => Object.values(byForm).reduce((a, b) => a + b, 0);
  const rows = r.rows.map((row, i) => [
    i + 1,
    row.unit.name,
    row.late ? `${REPORT_STATUS_VI[row.status]} (muộn)` : REPORT_STATUS_VI[row.status],
    row.submittedAt ? dateVi(vietnamWallClock(row.submittedAt).toISOString().slice(0, 10)) : '',
    row.tasksDone,
    row.tasksOverdue,
    activitiesOf(row.activitiesByForm),
    `${row.quartersCompliant}/${row.quartersDue}`,
    yesNo(row.ownPlan !== null),
  ]);
  const t = r.totals;
  const totals = ['', 'Tổng cộng', `${t.submitted}/${t.units} đã gửi`, '', t.tasksDone, t.tasksOverdue, activitiesOf(t.activitiesByForm), '', `${t.ownPlans}/${t.units}`];
  const unitNames = (units: Array<{ name: string }>) => names(units.map((u) => u.name));
  return [
    heading('6. Tổng hợp báo cáo của các đơn vị'),
    body(`Có ${t.submitted}/${t.units} đơn vị đã gửi báo cáo, trong đó ${t.late} đơn vị gửi trễ hạn; ${t.ownPlans} đơn vị đã ban hành kế hoạch của đơn vị.`),
    dataTable(
      [
        { header: 'STT', width: 11, align: AlignmentType.CENTER },
        { header: 'Đơn vị', width: 40 },
        { header: 'Báo cáo', width: 22, align: AlignmentType.CENTER },
        { header: 'Ngày gửi', width: 23, align: AlignmentType.CENTER },
        { header: 'NV hoàn thành', width: 14 },
        { header: 'NV quá hạn', width: 13 },
        { header: 'Hoạt động', width: 14 },
        { header: 'Quý đạt', width: 13 },
        { header: 'KH đơn vị', width: 15, align: AlignmentType.CENTER },
      ],
      [...rows, totals],
      { totals: true, size: 11 },
    ),
    gap(),
    rollupQuestions(t.questions),
    body(`Đơn vị chưa gửi báo cáo: ${unitNames(r.notSubmitted)}`),
    body(`Đơn vị gửi báo cáo trễ hạn: ${unitNames(r.late)}`),
    body(`Đơn vị chưa đạt yêu cầu đăng tin, bài: ${names(r.nonCompliant.map((n) => `${n.unit.name} (${n.quarters.map(quarterVi).join(', ')})`))}`),
  ];
}

/** Part I: the figures, as of the window's end. */
export function figuresSection(figures: ReportFigures): Block[] {
  return [
    heading('I. SỐ LIỆU THỰC HIỆN'),
    ...tasks(figures),
    ...activities(figures),
    ...compliance(figures),
    ...ownPlan(figures),
    ...questions(figures),
    ...(figures.rollup ? rollup(figures.rollup) : []),
  ];
}
