// Examples for the contract: task 4 of the 2021 seed plan, and a school's part of it.
import type { TaskPart } from './parts.schemas.js';
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
  partCounts: { lead: { not_started: 0, in_progress: 0, done: 1, cancelled: 0 }, coordinator: { not_started: 2, in_progress: 1, done: 1, cancelled: 0 } },
  note: null,
  progressNote: 'Đã đăng bài trên chuyên mục CCHC ngày 20/4.',
  timeliness: 'done_on_time',
  version: 3,
  createdAt: '2021-02-01T02:00:00.000Z',
  updatedAt: '2021-04-20T09:15:00.000Z',
};

export const PART_EXAMPLE: TaskPart = {
  id: '6b7c8d9e-0f1a-4b2c-8d3e-4f5a6b7c8d9e', taskId: '5c1d7e2a-8b3f-4d6e-9a1b-2c3d4e5f6a7b', unitId: '3f0b6f8e-6a57-4c1e-9b7a-2d4c5e6f7a81', code: 'THPT-HD', name: 'Trường THPT Hoàng Diệu',
  role: 'coordinator', progress: 'done', completedOn: '2021-04-20', cancelReason: null, note: 'Đã đăng bài trên chuyên mục CCHC.', timeliness: 'done_on_time',
  activityIds: ['9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d'], version: 2, updatedAt: '2021-04-20T08:30:00.000Z',
};
