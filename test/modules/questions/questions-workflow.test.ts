// The workflow of a citizen's question: received → assigned → answered → published (an activity
// for the answering unit), returned assignments, the Office answering directly, closing, and every
// illegal step a 409 with nothing written.
import t from 'tap';
import { buildApp } from '../../../src/app.js';
import { loadConfig } from '../../../src/config.js';
import { assertProblem } from '../../helpers/app.js';
import { questionWorld } from './fixtures.js';

const w = await questionWorld(t);

t.test('a question goes from intake to publication, and the publication is an activity of the answering unit', async (t) => {
  const created = await w.ask();
  t.equal(created.status, 'received');
  t.equal(created.dueOn, '2021-03-15', 'five working days after Monday 8 March');
  t.equal(created.responseDays, 5);
  t.same(created.asker, { name: 'Nguyễn Thị Lan', phone: '0912345678', email: 'lan.nguyen@example.vn', address: 'Số 7 Trần Hưng Đạo, Phường 2, TP Sóc Trăng' });
  t.equal(created.receivedBy.code, 'VP');

  const assigned = await w.step(created.id, 'assign', { unitId: w.division.id, note: 'Trả lời trước 12/3' });
  t.equal(assigned.statusCode, 200, assigned.body);
  t.equal(assigned.json().status, 'assigned');
  t.equal(assigned.json().assignedUnit.code, 'GDTRH');

  const answered = await w.step(created.id, 'answer', { answer: 'Hồ sơ gồm đơn, học bạ, giấy giới thiệu.' }, w.keys.division);
  t.equal(answered.statusCode, 200, answered.body);
  const a = answered.json();
  t.equal(a.status, 'answered');
  t.equal(a.answeredBy.code, 'GDTRH');
  t.type(a.responseWorkingDays, 'number');

  const published = await w.step(created.id, 'publish', { question: 'Chuyển trường THPT cần giấy tờ gì?', url: 'https://sgddt.example.vn/hoi-dap/1' });
  t.equal(published.statusCode, 200, published.body);
  const p = published.json();
  t.equal(p.status, 'published');
  t.equal(p.publication.question, 'Chuyển trường THPT cần giấy tờ gì?');
  t.equal(p.question, created.question, 'the staff see the original question');
  t.same(p.history.map((h: { action: string }) => h.action), ['assign', 'answer', 'publish']);

  const activity = await w.request({ url: `/api/v1/activities/${p.publication.activityId}` });
  t.equal(activity.statusCode, 200);
  t.match(activity.json(), { unitCode: 'GDTRH', form: 'qa', evidenceUrl: 'https://sgddt.example.vn/hoi-dap/1', title: created.subject });

  const asReader = await w.request({ url: `/api/v1/questions/${created.id}`, key: w.keys.reader });
  t.equal(asReader.statusCode, 200);
  t.equal(asReader.json().question, 'Chuyển trường THPT cần giấy tờ gì?', 'readers see the published version');
  t.notOk('asker' in asReader.json(), 'and no asker');

  const audit = await w.request({ url: `/api/v1/audit?entityType=question&entityId=${created.id}` });
  t.same(audit.json().items.map((e: { action: string }) => e.action).sort(), ['answer', 'assign', 'create', 'publish']);
});

t.test('a hotline question publishes as a hotline activity; the Office answers directly from received', async (t) => {
  const q = await w.ask({ channel: 'hotline' });
  const answered = await w.step(q.id, 'answer', { answer: 'Đã trả lời qua điện thoại.' });
  t.equal(answered.statusCode, 200, answered.body);
  t.equal(answered.json().answeredBy.code, 'VP');
  const published = await w.step(q.id, 'publish', {});
  const activity = await w.request({ url: `/api/v1/activities/${published.json().publication.activityId}` });
  t.match(activity.json(), { unitCode: 'VP', form: 'hotline', evidenceUrl: null });
});

t.test('an assignment returned goes back to the Office with its reason', async (t) => {
  const q = await w.ask();
  await w.step(q.id, 'assign', { unitId: w.division.id });
  const returned = await w.step(q.id, 'return', { reason: 'Thuộc thẩm quyền Phòng TCCB.' }, w.keys.division);
  t.equal(returned.statusCode, 200, returned.body);
  t.equal(returned.json().status, 'received');
  t.equal(returned.json().assignedUnit, null);
  t.match(returned.json().history[1], { action: 'return', unitId: w.division.id, note: 'Thuộc thẩm quyền Phòng TCCB.' });
  const hidden = await w.request({ url: `/api/v1/questions/${q.id}`, key: w.keys.division });
  assertProblem(t, hidden, 404, 'the division no longer sees it');
});

t.test('illegal steps are 409 and write nothing', async (t) => {
  const q = await w.ask();
  assertProblem(t, await w.step(q.id, 'publish', {}), 409, 'publishing an unanswered question');
  assertProblem(t, await w.step(q.id, 'return', { reason: 'x' }), 409, 'returning a question never assigned');
  await w.step(q.id, 'close', { reason: 'Trùng câu hỏi' });
  assertProblem(t, await w.step(q.id, 'answer', { answer: 'x' }), 409, 'answering a closed question');
  assertProblem(t, await w.step(q.id, 'assign', { unitId: w.division.id }), 409, 'assigning a closed question');
  const after = await w.request({ url: `/api/v1/questions/${q.id}` });
  t.equal(after.json().version, 2, 'only the close was written');
});

t.test('only the unit assigned answers; another unit is refused', async (t) => {
  const q = await w.ask();
  await w.step(q.id, 'assign', { unitId: w.division.id });
  assertProblem(t, await w.step(q.id, 'answer', { answer: 'x' }, w.keys.otherDivision), 404, 'a unit that cannot see it');
  assertProblem(t, await w.step(q.id, 'answer', { answer: 'x' }, w.keys.office), 403, 'the Office, once it assigned it');
  const after = await w.request({ url: `/api/v1/questions/${q.id}` });
  t.equal(after.json().status, 'assigned');
});

t.test('a unit deactivated after the assignment answers nothing: the question is returned and assigned again', async (t) => {
  const unit = await w.addUnit({ code: 'GDTH', name: 'Phòng Giáo dục Tiểu học' });
  const q = await w.ask();
  await w.step(q.id, 'assign', { unitId: unit.id });
  const deactivated = await w.request({ method: 'POST', url: `/api/v1/units/${unit.id}/deactivate`, headers: { 'if-match': `"${unit.version}"` }, payload: {} });
  t.equal(deactivated.statusCode, 200, deactivated.body);
  const refused = assertProblem(t, await w.step(q.id, 'answer', { answer: 'Trả lời thay.' }, w.keys.admin), 409, 'an admin answering for it');
  t.match(refused.detail, /GDTH has been deactivated: return the question and assign it again/);
  t.equal((await w.step(q.id, 'return', { reason: 'Phòng đã giải thể.' })).statusCode, 200, 'the Office takes it back');
  t.equal((await w.step(q.id, 'answer', { answer: 'Văn phòng trả lời.' })).statusCode, 200, 'and answers it');
});

t.test('a corrected receipt cannot fall after the question’s first step', async (t) => {
  const q = await w.ask();
  const assigned = (await w.step(q.id, 'assign', { unitId: w.division.id })).json();
  const later = new Date(Date.parse(assigned.history[0].at) + 60_000).toISOString();
  const res = await w.request({ method: 'PATCH', url: `/api/v1/questions/${q.id}`, key: w.keys.office, headers: { 'if-match': `"${assigned.version}"` }, payload: { receivedAt: later } });
  const problem = assertProblem(t, res, 422);
  t.same(problem.errors?.map((e) => e.pointer), ['/body/receivedAt']);
  const earlier = await w.request({ method: 'PATCH', url: `/api/v1/questions/${q.id}`, key: w.keys.office, headers: { 'if-match': `"${assigned.version}"` }, payload: { receivedAt: '2021-03-05T02:00:00.000Z' } });
  t.equal(earlier.statusCode, 200, earlier.body);
  t.equal(earlier.json().dueOn, '2021-03-12', 'an earlier receipt moves the due date');
});

t.test('an admin answers a received question only while the Office exists', async (t) => {
  const q = await w.ask();
  const elsewhere = await buildApp({ config: loadConfig({ RATE_LIMIT_MAX: '100000', OFFICE_UNIT_CODE: 'VP-MOI' }), db: w.db });
  t.teardown(() => elsewhere.close());
  const res = await elsewhere.inject({ method: 'POST', url: `/api/v1/questions/${q.id}/answer`, headers: { authorization: `Bearer ${w.keys.admin}` }, payload: { answer: 'x' } });
  const problem = assertProblem(t, res, 409);
  t.match(problem.detail, /No unit has the Office’s code VP-MOI/);
});
