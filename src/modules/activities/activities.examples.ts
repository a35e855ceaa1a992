// An example activity for the contract, and the same as a row of the CSV: a school's article that
// carries out task 4 of plan 05/KH-SGDĐT.
import type { Activity } from './activities.schemas.js';

export const ACTIVITY_EXAMPLE: Activity = {
  id: '9e4f2a6b-1c3d-4e5f-8a7b-6c5d4e3f2a1b',
  unitId: '3f0b6f8e-6a57-4c1e-9b7a-2d4c5e6f7a81',
  unitCode: 'THPT-HD',
  unitName: 'Trường THPT Hoàng Diệu',
  form: 'website_post',
  title: 'Đăng tin công bố Chỉ số CCHC năm 2020',
  summary: 'Bài viết trên chuyên mục CCHC của trường.',
  occurredOn: '2021-04-20',
  evidenceUrl: 'https://thpt-hoangdieu.edu.vn/cchc/cong-bo-chi-so-cchc-2020',
  taskId: '5c1d7e2a-8b3f-4d6e-9a1b-2c3d4e5f6a7b',
  task: { id: '5c1d7e2a-8b3f-4d6e-9a1b-2c3d4e5f6a7b', planId: '7d2e8f3b-9c4a-4e5f-8b6c-3d4e5f6a7b8c', ordinal: 4, planNumber: '05/KH-SGDĐT' },
  figures: { participants: null, respondents: null, views: 350 },
  recordedBy: { keyId: '1b2c3d4e-5f6a-4b7c-8d9e-0f1a2b3c4d5e', name: 'Trường THPT Hoàng Diệu – biên tập' },
  version: 1,
  createdAt: '2021-04-20T09:15:00.000Z',
  updatedAt: '2021-04-20T09:15:00.000Z',
  deletedAt: null,
};

export const CSV_EXAMPLE =
  '\uFEFFid,occurredOn,unitCode,unitName,form,title,summary,evidenceUrl,planNumber,taskOrdinal,participants,respondents,views,recordedBy\r\n' +
  '9e4f2a6b-1c3d-4e5f-8a7b-6c5d4e3f2a1b,2021-04-20,THPT-HD,Trường THPT Hoàng Diệu,website_post,Đăng tin công bố Chỉ số CCHC năm 2020,' +
  'Bài viết trên chuyên mục CCHC của trường.,https://thpt-hoangdieu.edu.vn/cchc/cong-bo-chi-so-cchc-2020,05/KH-SGDĐT,4,,,350,Trường THPT Hoàng Diệu – biên tập\r\n';
