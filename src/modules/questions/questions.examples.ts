// Example questions for the contract: one as the Office sees it once published, the same as a reader
// (the portal) sees it, and a non-working day.
import type { NonWorkingDay, Question } from './questions.schemas.js';

export const PUBLIC_QUESTION_EXAMPLE: Question = {
  id: '6a7b8c9d-0e1f-4a2b-8c3d-4e5f6a7b8c9d',
  channel: 'qa',
  status: 'published',
  receivedAt: '2021-03-08T02:15:00.000Z',
  dueOn: '2021-03-15',
  responseDays: 5,
  overdue: false,
  subject: 'Thủ tục chuyển trường cho học sinh THPT',
  question: 'Học sinh lớp 11 chuyển trường về Sóc Trăng cần những giấy tờ gì?',
  answer: 'Hồ sơ gồm đơn xin chuyển trường, học bạ và giấy giới thiệu của trường nơi đi; nộp tại trường nơi đến.',
  answeredBy: { id: '2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e', code: 'GDTRH', name: 'Phòng Giáo dục Trung học' },
  answeredAt: '2021-03-11T07:40:00.000Z',
  responseWorkingDays: 3,
  answeredOnTime: true,
  publishedAt: '2021-03-12T02:00:00.000Z',
  publishedUrl: 'https://sgddt.soctrang.gov.vn/hoi-dap/cau-hoi-125',
  version: 4,
  updatedAt: '2021-03-12T02:00:00.000Z',
};

export const QUESTION_EXAMPLE: Question = {
  ...PUBLIC_QUESTION_EXAMPLE,
  subject: 'Thủ tục chuyển trường cho học sinh THPT',
  question: 'Con tôi học lớp 11, gia đình chuyển về Sóc Trăng. Xin hỏi thủ tục chuyển trường gồm những giấy tờ gì và nộp ở đâu?',
  answer: 'Hồ sơ chuyển trường gồm: đơn xin chuyển trường, học bạ, giấy giới thiệu của trường nơi đi. Nộp tại trường nơi đến.',
  asker: { name: 'Nguyễn Thị Lan', phone: '0912345678', email: 'lan.nguyen@example.vn', address: null },
  personalDataErasedAt: null,
  receivedBy: { id: '4c5d6e7f-8a9b-4c0d-9e1f-2a3b4c5d6e7f', code: 'VP', name: 'Văn phòng Sở' },
  assignedUnit: { id: '2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e', code: 'GDTRH', name: 'Phòng Giáo dục Trung học' },
  assignmentNote: 'Phòng GDTrH trả lời trước ngày 12/3.',
  answeredByKey: { keyId: '1b2c3d4e-5f6a-4b7c-8d9e-0f1a2b3c4d5e', name: 'Phòng GDTrH – biên tập' },
  publication: {
    subject: 'Thủ tục chuyển trường cho học sinh THPT',
    question: 'Học sinh lớp 11 chuyển trường về Sóc Trăng cần những giấy tờ gì?',
    answer: 'Hồ sơ gồm đơn xin chuyển trường, học bạ và giấy giới thiệu của trường nơi đi; nộp tại trường nơi đến.',
    activityId: '9e4f2a6b-1c3d-4e5f-8a7b-6c5d4e3f2a1b',
  },
  closedReason: null,
  closedAt: null,
  history: [
    { action: 'assign', at: '2021-03-08T03:00:00.000Z', by: { keyId: '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d', name: 'Văn phòng – biên tập' }, unitId: '2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e', note: 'Phòng GDTrH trả lời trước ngày 12/3.' },
    { action: 'answer', at: '2021-03-11T07:40:00.000Z', by: { keyId: '1b2c3d4e-5f6a-4b7c-8d9e-0f1a2b3c4d5e', name: 'Phòng GDTrH – biên tập' }, unitId: '2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e' },
    { action: 'publish', at: '2021-03-12T02:00:00.000Z', by: { keyId: '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d', name: 'Văn phòng – biên tập' } },
  ],
  recordedBy: { keyId: '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d', name: 'Văn phòng – biên tập' },
  createdAt: '2021-03-08T02:20:00.000Z',
};

/** The question as received, before any step: due five working days after the day it came. */
export const RECEIVED_EXAMPLE: Question = {
  ...QUESTION_EXAMPLE,
  status: 'received',
  answer: null,
  answeredBy: null,
  answeredAt: null,
  responseWorkingDays: null,
  answeredOnTime: null,
  publishedAt: null,
  publishedUrl: null,
  assignedUnit: null,
  assignmentNote: null,
  answeredByKey: null,
  publication: null,
  history: [],
  version: 1,
  updatedAt: '2021-03-08T02:20:00.000Z',
};

export const NON_WORKING_DAY_EXAMPLE: NonWorkingDay = {
  id: '8c9d0e1f-2a3b-4c4d-8e5f-6a7b8c9d0e1f',
  day: '2021-02-10',
  name: 'Tết Nguyên đán',
  version: 1,
  createdAt: '2020-12-20T02:00:00.000Z',
  updatedAt: '2020-12-20T02:00:00.000Z',
};
