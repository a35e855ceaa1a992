// An example task for the contract: task 4 of the 2021 seed plan.
import type { Task } from './tasks.schemas.js';

export const TASK_EXAMPLE: Task = {
  id: '5c1d7e2a-8b3f-4d6e-9a1b-2c3d4e5f6a7b',
  planId: '7d2e8f3b-9c4a-4e5f-8b6c-3d4e5f6a7b8c',
  ordinal: 4,
  content: 'Công bố chỉ số CCHC các đơn vị trực thuộc năm 2020.',
  forms: ['website_post'],
  formNote: 'Đăng bài',
  assignees: [
    { role: 'lead', unitId: '3f0b6f8e-6a57-4c1e-9b7a-2d4c5e6f7a81', code: 'TCCB', name: 'Phòng Tổ chức cán bộ' },
    { role: 'coordinator', group: 'affiliated' },
  ],
  duePeriod: '2021-04',
  dueFrom: '2021-04-01',
  dueTo: '2021-04-30',
  target: { count: 1, unit: 'bài viết' },
  progress: 'done',
  completedOn: '2021-04-20',
  cancelReason: null,
  note: null,
  progressNote: 'Đã đăng bài trên chuyên mục CCHC ngày 20/4.',
  timeliness: 'done_on_time',
  version: 3,
  createdAt: '2021-02-01T02:00:00.000Z',
  updatedAt: '2021-04-20T09:15:00.000Z',
};
