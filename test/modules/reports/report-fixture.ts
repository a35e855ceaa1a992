// Reports and a roll-up built by hand, for the document exports' tests: every figure set to a
// value of its own, so that a table reading back the wrong field shows.
import type { Report, Rollup, RollupRow } from '../../../src/modules/reports/reports.schemas.js';

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const forms = (base: number) => ({ website_post: base + 4, video: base + 1, meeting: base + 2, contest: 0, procedure_listing: 1, survey: 0, qa: 0, hotline: 3 });

/** Question figures with a value of their own from `base`. */
export const questions = (base: number) => ({ received: base + 9, answered: base + 8, answeredOnTime: base + 6, overdue: base + 1, published: base + 5, responseDays: { median: base + 2.5, p90: base + 4.8 } });

const unit = (n: number, code: string, name: string) => ({ id: id(100 + n), code, name });
export const UNITS = {
  sgd: unit(0, 'SGDDT', 'Sở Giáo dục và Đào tạo'),
  hd: unit(1, 'THPT-HD', 'Trường THPT Hoàng Diệu'),
  lvt: unit(2, 'THPT-LVT', 'Trường THPT Lê Văn Tám'),
  nk: unit(3, 'THPT-NK', 'Trường THPT Năng khiếu'),
};

function row(u: (typeof UNITS)['hd'], over: Partial<RollupRow>): RollupRow {
  return {
    unit: u, window: { from: '2020-12-15', to: '2021-06-14' }, reportId: id(200), status: 'accepted', submittedAt: '2021-06-14T02:00:00.000Z', late: false, tasksDone: 5, tasksOverdue: 1,
    activitiesByForm: forms(0), quartersCompliant: 2, quartersDue: 2, nonCompliantQuarters: [], ownPlan: { id: id(300), number: '05/KH-THPTHD', issuedOn: '2021-03-10' }, questions: questions(0),
    ...over,
  };
}

export function rollup(): Rollup {
  return {
    year: 2021, kind: 'six_month', planId: id(1), window: { from: '2020-12-15', to: '2021-06-14' },
    rows: [
      row(UNITS.hd, {}),
      row(UNITS.lvt, { reportId: id(201), status: 'submitted', submittedAt: '2021-06-22T17:30:00.000Z', late: true, tasksDone: 3, tasksOverdue: 2, quartersCompliant: 1, nonCompliantQuarters: ['2021-Q2'], ownPlan: null }),
      row(UNITS.nk, { reportId: null, status: 'missing', submittedAt: null, late: null, tasksDone: 0, tasksOverdue: 4, activitiesByForm: forms(0), quartersCompliant: 0, nonCompliantQuarters: ['2021-Q1', '2021-Q2'], ownPlan: null }),
    ],
    notSubmitted: [UNITS.nk],
    late: [UNITS.lvt],
    nonCompliant: [{ unit: UNITS.lvt, quarters: ['2021-Q2'] }, { unit: UNITS.nk, quarters: ['2021-Q1', '2021-Q2'] }],
    totals: { units: 3, submitted: 2, late: 1, tasksDone: 8, tasksOverdue: 7, activitiesByForm: forms(0), ownPlans: 1, questions: questions(20) },
  };
}

/** Trường THPT Hoàng Diệu's six-month report, submitted 14 June 2021 at 07:30 in Vietnam (00:30 UTC). */
export function report(over: Partial<Report> = {}): Report {
  return {
    id: id(10), unit: UNITS.hd, year: 2021, kind: 'six_month',
    window: { kind: 'cutoff', from: '2020-12-15', to: '2021-06-14' }, dueOn: '2021-06-20', planId: id(1),
    status: 'submitted', number: '12/BC-THPTHD', submittedAt: '2021-06-14T00:30:00.000Z', late: false, acceptedAt: null,
    narrative: {
      results: 'Đơn vị đã đăng tải 04 tin, bài trên chuyên mục CCHC.\n\nTổ chức 02 cuộc họp lồng ghép tuyên truyền CCHC cho cán bộ, giáo viên.',
      shortcomings: 'Một số tin, bài đăng chưa kịp thời.',
      causes: null,
      difficulties: 'Thiếu nhân sự phụ trách website.',
      proposals: 'Đề nghị Sở tổ chức tập huấn viết tin, bài.',
      nextPeriodTasks: 'Tiếp tục đăng tin, bài hằng tháng.\n\nTổ chức Hội thi tìm hiểu CCHC.',
    },
    signer: { title: 'Hiệu trưởng', name: 'Nguyễn Văn Ánh' },
    recipients: ['Sở GDĐT (để báo cáo);', 'Lưu: VT.'],
    figures: {
      asOf: '2021-06-14',
      tasks: {
        planId: id(1), planNumber: '01/KH-SGDĐT', total: 9,
        byProgress: { not_started: 2, in_progress: 3, done: 3, cancelled: 1 },
        byTimeliness: { done_on_time: 2, done_late: 1, in_progress: 2, overdue: 2, not_started: 1, cancelled: 1 },
        overdue: [
          { taskId: id(20), ordinal: 3, content: 'Tuyên truyền Kế hoạch CCHC trên bảng tin nhà trường', dueTo: '2021-03-31', role: 'lead' },
          { taskId: id(21), ordinal: 7, content: 'Phối hợp tổ chức Hội thi tìm hiểu CCHC', dueTo: '2021-05-31', role: 'coordinator' },
        ],
      },
      activities: {
        total: 17, linkedToTasks: 11, byForm: forms(2),
        byMonth: [
          { month: '2020-12', count: 1 }, { month: '2021-01', count: 2 }, { month: '2021-02', count: 0 }, { month: '2021-03', count: 5 },
          { month: '2021-04', count: 3 }, { month: '2021-05', count: 4 }, { month: '2021-06', count: 2 },
        ],
      },
      compliance: {
        windows: [
          { obligationId: id(30), window: { from: '2021-01-01', to: '2021-03-31' }, required: 3, done: 4, status: 'met' },
          { obligationId: id(30), window: { from: '2021-04-01', to: '2021-06-30' }, required: 3, done: 2, status: 'due' },
        ],
        due: 1, met: 1,
      },
      ownPlan: { id: id(300), number: '05/KH-THPTHD', issuedOn: '2021-03-10' },
      questions: questions(10),
    },
    history: [{ action: 'submit', at: '2021-06-14T00:30:00.000Z', by: { keyId: null, name: 'Nguyễn Văn Ánh' } }],
    version: 2, createdAt: '2021-06-01T03:00:00.000Z', updatedAt: '2021-06-14T00:30:00.000Z',
    ...over,
  };
}

/** The Department's own annual report, with the roll-up of its units. */
export function departmentReport(): Report {
  const base = report();
  return report({
    unit: UNITS.sgd, kind: 'annual', number: '03/BC-SGDĐT', submittedAt: '2021-12-05T01:00:00.000Z', window: { kind: 'cutoff', from: '2020-12-15', to: '2021-12-14' },
    figures: { ...base.figures, rollup: rollup() },
    signer: { title: 'KT. Giám đốc\nPhó Giám đốc', name: 'Trần Thị Bình' },
  });
}

/** A draft: no number, no date yet, an empty narrative, nobody to sign. */
export function draftReport(): Report {
  return report({
    status: 'draft', number: null, submittedAt: null, late: null, signer: null, recipients: [], history: [],
    narrative: { results: null, shortcomings: null, causes: null, difficulties: null, proposals: null, nextPeriodTasks: null },
  });
}
