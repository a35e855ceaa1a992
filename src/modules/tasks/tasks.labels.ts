// The appendix for people (`?labels=vi`): the columns and values of the CSV in the words the
// Department's documents use, and the download's file name after the plan's number.
import { asciiFileName } from '../../domain/text.js';
import type { UnitGroup } from '../units/units.table.js';
import type { Timeliness } from './tasks.schemas.js';
import type { Form, Progress } from './tasks.table.js';

export const COLUMNS_VI = {
  ordinal: 'STT',
  content: 'Nội dung',
  forms: 'Hình thức',
  formNote: 'Hình thức (theo văn bản)',
  lead: 'Đơn vị chủ trì',
  coordinators: 'Đơn vị phối hợp',
  duePeriod: 'Thời gian',
  targetCount: 'Chỉ tiêu',
  targetUnit: 'Đơn vị tính',
  note: 'Ghi chú',
  progressNote: 'Ghi chú tiến độ',
  progress: 'Tiến độ',
  completedOn: 'Ngày hoàn thành',
  timeliness: 'Tình trạng',
} as const;

export const FORMS_VI: Record<Form, string> = {
  website_post: 'Đăng tin, bài',
  video: 'Video clip',
  meeting: 'Hội nghị, họp',
  contest: 'Hội thi',
  procedure_listing: 'Niêm yết TTHC',
  survey: 'Khảo sát',
  qa: 'Hỏi đáp',
  hotline: 'Đường dây nóng',
};

export const PROGRESS_VI: Record<Progress, string> = {
  not_started: 'Chưa bắt đầu',
  in_progress: 'Đang thực hiện',
  done: 'Hoàn thành',
  cancelled: 'Hủy',
};

export const TIMELINESS_VI: Record<Timeliness, string> = {
  done_on_time: 'Đúng hạn',
  done_late: 'Trễ hạn',
  in_progress: 'Đang thực hiện',
  overdue: 'Quá hạn',
  not_started: 'Chưa bắt đầu',
  cancelled: 'Đã hủy',
};

// As the seed plan's appendix names them ("Các phòng CM, NV", "Các đơn vị thuộc và trực thuộc Sở").
export const GROUPS_VI: Record<UnitGroup, string> = {
  divisions: 'Các phòng chuyên môn, nghiệp vụ',
  affiliated: 'Các đơn vị trực thuộc',
  all_units: 'Các đơn vị thuộc và trực thuộc',
};

/**
 * A period as a spreadsheet keeps it. Excel reads a bare 2021-03 as a date (Mar-21) and 2021 as a
 * number; the formula ="2021-03" it shows as the text 2021-03. A leading apostrophe marks text only
 * when typed: opening a CSV, Excel and LibreOffice both show it. LibreOffice (7.4) keeps a bare
 * 2021-03 as text, and shows ="2021-03" as the text 2021-03 when "Evaluate formulas" is ticked in
 * its CSV import dialog (otherwise the formula itself). Excel is what the Department uses: formulas.
 */
export function spreadsheetText(text: string): string {
  return `="${text.replace(/"/g, '""')}"`;
}

/**
 * The download's name: the plan's number (01/KH-SGDĐT → 01-KH-SGDDT), or `plan-<id>` for a draft
 * without one, then what it holds (`nhiem-vu` in Vietnamese, `tasks` otherwise).
 */
export function appendixFileName(plan: { id: string; number: string | null }, vietnamese: boolean): string {
  const stem = plan.number ? asciiFileName(plan.number) : `plan-${plan.id}`;
  return `${stem}-${vietnamese ? 'nhiem-vu' : 'tasks'}.csv`;
}
