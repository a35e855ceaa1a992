// Example reports for the contract: a school's six-month report of 2021, submitted, and the same
// as a draft; the Word and Excel files stand for themselves.
import type { Report, ReportFigures } from './reports.schemas.js';

const zero = { website_post: 0, video: 0, meeting: 0, contest: 0, procedure_listing: 0, survey: 0, qa: 0, hotline: 0 };

export const FIGURES_EXAMPLE: ReportFigures = {
  asOf: '2021-06-14',
  tasks: {
    planId: '7d2e8f3b-9c4a-4e5f-8b6c-3d4e5f6a7b8c',
    planNumber: '01/KH-SGDĐT',
    total: 3,
    byProgress: { not_started: 0, in_progress: 1, done: 2, cancelled: 0 },
    byTimeliness: { done_on_time: 2, done_late: 0, in_progress: 0, overdue: 1, not_started: 0, cancelled: 0 },
    overdue: [{ taskId: '9e4f2a6b-1c3d-4e5f-8a7b-6c5d4e3f2a1b', ordinal: 4, content: 'Tuyên truyền về dịch vụ công trực tuyến mức độ 3, 4', dueTo: '2021-05-31', role: 'coordinator' }],
  },
  activities: {
    total: 5,
    linkedToTasks: 3,
    byForm: { ...zero, website_post: 4, meeting: 1 },
    byMonth: [
      { month: '2020-12', count: 0 },
      { month: '2021-01', count: 1 },
      { month: '2021-02', count: 0 },
      { month: '2021-03', count: 2 },
      { month: '2021-04', count: 1 },
      { month: '2021-05', count: 1 },
      { month: '2021-06', count: 0 },
    ],
  },
  compliance: {
    windows: [
      { obligationId: '2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e', window: { from: '2021-01-01', to: '2021-03-31' }, required: 1, done: 2, status: 'met' },
      { obligationId: '2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e', window: { from: '2021-04-01', to: '2021-06-30' }, required: 1, done: 2, status: 'due' },
    ],
    due: 1,
    met: 1,
  },
  ownPlan: { id: '4c5d6e7f-8a9b-4c0d-9e1f-2a3b4c5d6e7f', number: '02/KH-THPTHD', issuedOn: '2021-02-20' },
  questions: { received: 3, answered: 3, answeredOnTime: 2, overdue: 0, published: 2, responseDays: { median: 4, p90: 6.2 } },
};

export const REPORT_EXAMPLE: Report = {
  id: '5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b',
  unit: { id: '3f0b6f8e-6a57-4c1e-9b7a-2d4c5e6f7a81', code: 'THPT-HD', name: 'Trường THPT Hoàng Diệu' },
  year: 2021,
  kind: 'six_month',
  window: { kind: 'cutoff', from: '2020-12-15', to: '2021-06-14' },
  dueOn: '2021-06-20',
  planId: '7d2e8f3b-9c4a-4e5f-8b6c-3d4e5f6a7b8c',
  status: 'submitted',
  number: '12/BC-THPTHD',
  submittedAt: '2021-06-15T02:30:00.000Z',
  late: false,
  acceptedAt: null,
  narrative: {
    results: 'Đơn vị đã đăng tải 04 tin, bài trên chuyên mục CCHC của trang thông tin điện tử.\n\nTổ chức 01 cuộc họp lồng ghép tuyên truyền CCHC.',
    shortcomings: 'Chưa thực hiện tuyên truyền về dịch vụ công trực tuyến đúng hạn.',
    causes: 'Nhân sự phụ trách trang thông tin điện tử còn kiêm nhiệm.',
    difficulties: null,
    proposals: 'Đề nghị Sở tổ chức tập huấn về dịch vụ công trực tuyến.',
    nextPeriodTasks: 'Tiếp tục đăng tải tin, bài mỗi quý; hoàn thành video clip về dịch vụ công trực tuyến.',
  },
  signer: { title: 'HIỆU TRƯỞNG', name: 'Nguyễn Văn A' },
  recipients: ['Sở GDĐT (để báo cáo);', 'Lưu: VT.'],
  figures: FIGURES_EXAMPLE,
  history: [{ action: 'submit', at: '2021-06-15T02:30:00.000Z', by: { keyId: '8a9b0c1d-2e3f-4a5b-8c6d-7e8f9a0b1c2d', name: 'THPT-HD editor' } }],
  version: 3,
  createdAt: '2021-06-10T01:00:00.000Z',
  updatedAt: '2021-06-15T02:30:00.000Z',
};

export const DRAFT_EXAMPLE: Report = { ...REPORT_EXAMPLE, status: 'draft', number: null, submittedAt: null, late: null, history: [], version: 1, updatedAt: REPORT_EXAMPLE.createdAt };

/** What a document download's example says in place of the file. */
export const DOCX_EXAMPLE = '(the report as a Word document, 12-BC-THPTHD.docx)';
export const XLSX_EXAMPLE = '(the report as an Excel workbook, 12-BC-THPTHD.xlsx)';
