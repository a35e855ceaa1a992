// The words and dates a report's documents (Word and Excel) are written in: Vietnamese names of
// forms, statuses and sections, and dates as Vietnamese readers write them, in Vietnam time.
import { VIETNAM_OFFSET_MS } from '../../domain/periods.js';
import type { ComplianceStatus } from '../compliance/compliance.schemas.js';
import type { QuestionFigures } from '../questions/questions.schemas.js';
import type { Form } from '../tasks/tasks.table.js';
import type { RollupRow } from './reports.schemas.js';
import type { ReportKind } from './reports.table.js';

// A report names the forms as the reporting template does, longer than the plan appendix's FORMS_VI.
export const REPORT_FORMS_VI: Record<Form, string> = {
  website_post: 'Tin, bài đăng trên website',
  video: 'Video clip',
  meeting: 'Hội nghị, cuộc họp',
  contest: 'Hội thi',
  procedure_listing: 'Niêm yết TTHC',
  survey: 'Khảo sát',
  qa: 'Hỏi đáp',
  hotline: 'Đường dây nóng',
};

export const COMPLIANCE_VI: Record<ComplianceStatus, string> = {
  met: 'Đạt',
  missed: 'Chưa đạt',
  due: 'Đang trong kỳ',
  not_started: 'Chưa đến kỳ',
};

export const REPORT_STATUS_VI: Record<RollupRow['status'], string> = {
  missing: 'Chưa lập',
  draft: 'Đang soạn',
  submitted: 'Đã gửi',
  accepted: 'Đã tiếp nhận',
};

export const KIND_VI: Record<ReportKind, string> = { six_month: 'Báo cáo 6 tháng', annual: 'Báo cáo năm' };

export const ROLE_VI: Record<string, string> = { lead: 'Chủ trì', coordinator: 'Phối hợp' };

/** The citizens' questions' figures in the order the documents list them: counts, then response times. */
export const QUESTION_FIELDS = ['received', 'answered', 'answeredOnTime', 'overdue', 'published', 'median', 'p90'] as const;
export type QuestionField = (typeof QUESTION_FIELDS)[number];

/** As the questions' own table names them. */
export const QUESTIONS_VI: Record<QuestionField, string> = {
  received: 'Tiếp nhận',
  answered: 'Đã trả lời',
  answeredOnTime: 'Trả lời đúng hạn',
  overdue: 'Quá hạn chưa trả lời',
  published: 'Đã công khai',
  median: 'Thời gian trả lời (ngày làm việc): trung vị',
  p90: 'Thời gian trả lời (ngày làm việc): 90% số câu hỏi không quá',
};

/** As a roll-up names them, among its other figures. */
export const ROLLUP_QUESTIONS_VI: Record<QuestionField, string> = {
  received: 'Câu hỏi tiếp nhận',
  answered: 'Câu hỏi đã trả lời',
  answeredOnTime: 'Câu hỏi trả lời đúng hạn',
  overdue: 'Câu hỏi quá hạn chưa trả lời',
  published: 'Câu hỏi đã công khai',
  median: 'Trả lời trung vị (ngày làm việc)',
  p90: 'Trả lời 90% câu hỏi (ngày làm việc)',
};

/** One of the questions' figures: a count, or a response time (null when none was answered). */
export function questionFigure(q: QuestionFigures, field: QuestionField): number | null {
  return field === 'median' || field === 'p90' ? q.responseDays[field] : q[field];
}

/** The period in a report's title: "6 tháng đầu năm 2021" or "năm 2021". */
export function periodTitle(kind: ReportKind, year: number): string {
  return kind === 'six_month' ? `6 tháng đầu năm ${year}` : `năm ${year}`;
}

export function yesNo(value: boolean): string {
  return value ? 'Có' : 'Không';
}

/** 2021-Q2 → Quý II/2021 (Roman quarters, as documents write them); anything else as it is. */
export function quarterVi(quarter: string): string {
  const match = /^(\d{4})-Q([1-4])$/.exec(quarter);
  return match ? `Quý ${['I', 'II', 'III', 'IV'][Number(match[2]) - 1]}/${match[1]}` : quarter;
}

/** 2021-03 → Tháng 3/2021. */
export function monthVi(month: string): string {
  return `Tháng ${Number(month.slice(5, 7))}/${month.slice(0, 4)}`;
}

/** 2021-06-04 → 04/06/2021. */
export function dateVi(isoDate: string): string {
  return `${isoDate.slice(8, 10)}/${isoDate.slice(5, 7)}/${isoDate.slice(0, 4)}`;
}


/**
 * An instant as a Date whose UTC fields are the Vietnam wall clock (UTC+7, no DST): what a
 * spreadsheet cell, which has no time zone, should show, and whose ISO date is the Vietnam date.
 */
export function vietnamWallClock(instant: string): Date {
  return new Date(Date.parse(instant) + VIETNAM_OFFSET_MS);
}

/** An ISO date (2021-06-14) as a Date at UTC midnight: the day a spreadsheet cell shows. */
export function calendarDate(isoDate: string): Date {
  return new Date(`${isoDate}T00:00:00Z`);
}
