// A small world for the questions tests: the Office (VP), two divisions and a school, a key of each
// kind, and helpers that record a question and walk it through the workflow.
import type { Test } from 'tap';
import { setupApp, type TestApp } from '../../helpers/app.js';

export const ASKER = { name: 'Nguyễn Thị Lan', phone: '0912345678', email: 'lan.nguyen@example.vn', address: 'Số 7 Trần Hưng Đạo, Phường 2, TP Sóc Trăng' };

export const QUESTION = {
  channel: 'qa',
  receivedAt: '2021-03-08T02:15:00.000Z',
  subject: 'Thủ tục chuyển trường cho học sinh THPT',
  question: 'Con tôi học lớp 11, gia đình chuyển về Sóc Trăng. Xin hỏi thủ tục chuyển trường gồm những giấy tờ gì?',
  asker: ASKER,
};

export interface QuestionWorld extends TestApp {
  office: { id: string };
  division: { id: string; code: string };
  otherDivision: { id: string; code: string };
  school: { id: string };
  keys: { admin: string; office: string; division: string; otherDivision: string; school: string; reader: string };
  /** Records a question as the Office (fields override QUESTION) and returns its JSON. */
  ask(fields?: Record<string, unknown>): Promise<any>;
  /** POSTs a step (assign, return, answer, publish, close, erase-personal-data) with the key given (the Office's by default). */
  step(id: string, action: string, body?: unknown, key?: string): Promise<import('fastify').LightMyRequestResponse>;
}

export async function questionWorld(t: Test, env: Record<string, string> = {}): Promise<QuestionWorld> {
  const app = await setupApp(t, env);
  const department = await app.addUnit({ code: 'SGDDT', name: 'Sở Giáo dục và Đào tạo', kind: 'department' });
  const office = await app.addUnit({ code: 'VP', name: 'Văn phòng Sở', parentId: department.id });
  const division = await app.addUnit({ code: 'GDTRH', name: 'Phòng Giáo dục Trung học', parentId: department.id });
  const otherDivision = await app.addUnit({ code: 'TCCB', name: 'Phòng Tổ chức cán bộ', parentId: department.id });
  const school = await app.addUnit({ code: 'THPT-HD', name: 'Trường THPT Hoàng Diệu', kind: 'affiliated' });
  const keys = {
    admin: app.adminKey,
    office: await app.keyFor('editor', office.id),
    division: await app.keyFor('editor', division.id),
    otherDivision: await app.keyFor('editor', otherDivision.id),
    school: await app.keyFor('editor', school.id),
    reader: await app.keyFor('reader'),
  };
  const step: QuestionWorld['step'] = (id, action, body, key) =>
    app.request({ method: 'POST', url: `/api/v1/questions/${id}/${action}`, key: key ?? keys.office, ...(body === undefined ? {} : { payload: body as object }) });
  return {
    ...app,
    office,
    division,
    otherDivision,
    school,
    keys,
    step,
    async ask(fields = {}) {
      const res = await app.request({ method: 'POST', url: '/api/v1/questions', key: keys.office, payload: { ...QUESTION, ...fields } });
      if (res.statusCode !== 201) throw new Error(`could not record a question: ${res.body}`);
      return res.json();
    },
  };
}
