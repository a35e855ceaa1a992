// The demo's reports for 2021, one of each case the Department meets: THPT-HD's six-month report
// submitted on time and accepted, THPT-NTMK's submitted late, GDTX's returned with its reason (a
// draft again), THPT-HD's annual report still a draft, THPT-LLQ with none, and the Department's own
// six-month report, submitted last (late, on 30 June) with the roll-up of its units. Each is made
// only when missing.
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { Actor } from '../../domain/actor.js';
import { unitIdsByCode } from '../units/units.service.js';
import { findReportOf } from './reports.repository.js';
import type { ReportCreate } from './reports.schemas.js';
import { acceptReport, createReport, returnReport, submitReport } from './reports.service.js';
import type { ReportKind } from './reports.table.js';

/** A moment of a Vietnam working day (08:30, UTC+7). */
const at = (date: string) => new Date(`${date}T01:30:00.000Z`);

interface DemoReport {
  unit: string;
  kind: ReportKind;
  text: Omit<ReportCreate, 'unitId' | 'year' | 'kind'>;
  /** What happened to it, in order, each on its date. */
  steps: Array<['submit' | 'accept', string] | ['return', string, string]>;
}

const SCHOOL_TEXT = (name: string) => ({
  results: `${name} đã đăng tải tin, bài về CCHC trên chuyên mục CCHC của website mỗi quý; lồng ghép tuyên truyền CCHC trong các cuộc họp hội đồng sư phạm.\n\nCán bộ, giáo viên tham gia Hội thi trực tuyến tìm hiểu CCHC do Sở Nội vụ tổ chức.`,
  shortcomings: 'Số lượng tin, bài còn ít; hình thức tuyên truyền chưa đa dạng.',
  causes: 'Cán bộ phụ trách website kiêm nhiệm nhiều việc.',
  difficulties: null,
  proposals: 'Đề nghị Sở tổ chức tập huấn kỹ năng viết tin, bài tuyên truyền CCHC.',
  nextPeriodTasks: 'Tiếp tục đăng tải tin, bài mỗi quý; xây dựng video clip tuyên truyền dịch vụ công trực tuyến.',
  signer: { title: 'HIỆU TRƯỞNG', name: 'Nguyễn Văn An' },
  recipients: ['Sở GDĐT (để báo cáo);', 'Lưu: VT.'],
});

const REPORTS: DemoReport[] = [
  { unit: 'THPT-HD', kind: 'six_month', text: SCHOOL_TEXT('Trường THPT Hoàng Diệu'), steps: [['submit', '2021-06-15'], ['accept', '2021-06-25']] },
  { unit: 'THPT-NTMK', kind: 'six_month', text: SCHOOL_TEXT('Trường THPT Chuyên Nguyễn Thị Minh Khai'), steps: [['submit', '2021-06-28']] },
  { unit: 'GDTX', kind: 'six_month', text: SCHOOL_TEXT('Trung tâm GDTX tỉnh'), steps: [['submit', '2021-06-18'], ['return', '2021-06-22', 'Bổ sung số liệu tin, bài quý I và kết quả tham gia Hội thi.']] },
  { unit: 'THPT-HD', kind: 'annual', text: { results: 'Đang tổng hợp kết quả cả năm.' }, steps: [] },
  {
    unit: 'SGDDT',
    kind: 'six_month',
    text: {
      results: 'Sở GDĐT đã triển khai Kế hoạch tuyên truyền CCHC năm 2021 đến các phòng chuyên môn và đơn vị trực thuộc; các nhiệm vụ của phụ lục đến hạn trong 6 tháng đầu năm đều hoàn thành.',
      shortcomings: 'Một số đơn vị trực thuộc chưa gửi báo cáo đúng hạn; có đơn vị chưa đăng tin, bài trong quý.',
      causes: 'Đơn vị chưa phân công cụ thể người phụ trách công tác tuyên truyền CCHC.',
      difficulties: null,
      proposals: null,
      nextPeriodTasks: 'Đôn đốc các đơn vị đăng tải tin, bài mỗi quý và báo cáo đúng hạn.',
      signer: { title: 'GIÁM ĐỐC', name: 'Châu Tuấn Hồng' },
      recipients: ['Sở Nội vụ (để báo cáo);', 'Các đơn vị trực thuộc;', 'Lưu: VT, TCCB.'],
    },
    steps: [['submit', '2021-06-30']],
  },
];

/** Adds the reports that are missing; returns how many it added. */
export async function seedDemoReports(db: Kysely<Database>, actor: Actor): Promise<number> {
  const ids = await unitIdsByCode(db, REPORTS.map((r) => r.unit));
  let added = 0;
  for (const { unit, kind, text, steps } of REPORTS) {
    const unitId = ids.get(unit);
    if (!unitId || (await findReportOf(db, unitId, 2021, kind))) continue;
    let report = await createReport(db, actor, { unitId, year: 2021, kind, ...text });
    for (const [action, date, reason] of steps) {
      if (action === 'submit') report = await submitReport(db, actor, report.id, null, at(date));
      else if (action === 'accept') report = await acceptReport(db, actor, report.id, null, at(date));
      else report = await returnReport(db, actor, report.id, null, reason!, at(date));
    }
    added++;
  }
  return added;
}
