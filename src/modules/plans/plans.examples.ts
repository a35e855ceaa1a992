// An example plan for the contract: the 2021 seed plan, shortened.
import type { Plan } from './plans.schemas.js';
import { TASK_EXAMPLE } from '../tasks/tasks.examples.js';

export const PLAN_EXAMPLE: Plan = {
  id: '7d2e8f3b-9c4a-4e5f-8b6c-3d4e5f6a7b8c',
  issuerUnitId: '1a2b3c4d-5e6f-4a8b-9c0d-1e2f3a4b5c6d',
  year: 2021,
  title: 'Kế hoạch tuyên truyền cải cách hành chính năm 2021',
  documentType: 'KH',
  number: '01/KH-SGDĐT',
  issuedOn: '2021-02-03',
  status: 'issued',
  cancelReason: null,
  parentPlanId: null,
  legalBases: [{ number: '19/KH-UBND', date: '2021-01-26', issuer: 'Ủy ban nhân dân tỉnh Sóc Trăng', title: 'Tuyên truyền cải cách hành chính (CCHC) tỉnh Sóc Trăng năm 2021', planId: null }],
  objectives: ['Tăng sự hiểu biết của cá nhân, tổ chức về công tác CCHC, về việc sử dụng dịch vụ công trực tuyến.'],
  requirements: ['Đa dạng các hình thức tuyên truyền; ứng dụng công nghệ thông tin vào hoạt động tuyên truyền;'],
  audience: 'Toàn thể đảng viên, công chức, viên chức trong cơ quan và các đơn vị trực thuộc; các tổ chức, cá nhân có liên quan.',
  scope: null,
  contents: [],
  forms: [{ form: 'video', description: 'Đăng tải video clip tuyên truyền CCHC trên website, chuyên mục CCHC;' }],
  fundingSource: 'Kinh phí thực hiện tuyên truyền CCHC năm 2021 được bố trí trong nguồn kinh phí hoạt động thường xuyên của cơ quan, đơn vị.',
  recipients: [{ text: 'Sở Nội vụ (để báo cáo)', unitId: null }],
  signer: { name: 'Châu Tuấn Hồng', title: 'GIÁM ĐỐC' },
  obligations: [{ id: '8d2e4f6a-1b3c-4d5e-8f9a-0b1c2d3e4f5a', kind: 'publish', group: 'affiliated', forms: ['website_post'], minCount: 1, per: 'quarter', description: 'Đăng tải ít nhất 01 tin, bài/quý trên chuyên mục CCHC – website của đơn vị.' }],
  taskCount: 12,
  tasksByProgress: { not_started: 5, in_progress: 1, done: 6, cancelled: 0 },
  version: 2,
  createdAt: '2021-02-01T02:00:00.000Z',
  updatedAt: '2021-02-03T07:54:15.000Z',
};

export const PLAN_DETAIL_EXAMPLE = { ...PLAN_EXAMPLE, taskCount: 1, tasksByProgress: { not_started: 0, in_progress: 0, done: 1, cancelled: 0 }, tasks: [TASK_EXAMPLE] };
