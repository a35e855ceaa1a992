// Bad input to the questions' operations: each refused with a problem naming the field (400 for what
// the schema refuses, 422 for what breaks a rule, 428/412 for If-Match), and nothing written: no
// question row, no audit event, the question's row as it was. Then Idempotency-Key on create, and
// the removal of a published question (a tombstone, its activity gone).
import type { LightMyRequestResponse } from 'fastify';
import t, { type Test } from 'tap';
import { assertProblem } from '../../helpers/app.js';
import { ASKER, QUESTION, questionWorld } from './fixtures.js';

const QUESTIONS = '/api/v1/questions';
const NO_SUCH_ID = '0b8f5a1e-0000-4000-8000-000000000000';

const w = await questionWorld(t);

// An inactive unit, to assign to.
const retired = await w.addUnit({ code: 'KHTC', name: 'Phòng Kế hoạch - Tài chính', parentId: (await w.db.selectFrom('units').select('id').where('code', '=', 'SGDDT').executeTakeFirstOrThrow()).id });
const deactivated = await w.request({ method: 'POST', url: `/api/v1/units/${retired.id}/deactivate`, payload: {} });
if (deactivated.statusCode !== 200) throw new Error(`could not deactivate KHTC: ${deactivated.body}`);

const pointers = (problem: { errors?: Array<{ pointer?: string }> }) => (problem.errors ?? []).map((e) => e.pointer);

async function countOf(table: 'questions' | 'auditEvents'): Promise<number> {
  const row = await w.db.selectFrom(table).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The raw row of a question (deleted ones too), as JSON. */
async function rawRow(id: string): Promise<Record<string, unknown> | undefined> {
  const row = await w.db.selectFrom('questions').selectAll().where('id', '=', id).executeTakeFirst();
  return row === undefined ? undefined : JSON.parse(JSON.stringify(row));
}

/** What a refused request must leave as it was: how many questions and audit events there are, and the question's row. */
async function written(id?: string) {
  return { questions: await countOf('questions'), audit: await countOf('auditEvents'), row: id === undefined ? null : await rawRow(id) };
}

type Expected = Array<[string, RegExp | string]>;

/** Asserts the refusal: the status, the pointers and messages of its errors, and that nothing was written. */
const rfc3339 = /RFC 3339/;

async function refused(t: Test, what: string, send: () => Promise<LightMyRequestResponse>, status: number, expected: Expected, id?: string) {
  const before = await written(id);
  const problem = assertProblem(t, await send(), status, what);
  t.strictSame(pointers(problem), expected.map(([pointer]) => pointer), `${what}: pointers`);
  expected.forEach(([, message], i) => t.match(problem.errors?.[i]?.message, message, `${what}: message`));
  t.strictSame(await written(id), before, `${what}: nothing written`);
  return problem;
}

const create = (payload: object, headers: Record<string, string> = {}) => w.request({ method: 'POST', url: QUESTIONS, key: w.keys.office, payload, headers });
const withAsker = (fields: Record<string, unknown>) => ({ ...QUESTION, asker: { ...ASKER, ...fields } });
const patch = (id: string, payload: object, ifMatch: string | null = '"1"') =>
  w.request({ method: 'PATCH', url: `${QUESTIONS}/${id}`, key: w.keys.office, payload, headers: ifMatch === null ? {} : { 'if-match': ifMatch } });
const remove = (id: string, ifMatch: string | null) =>
  w.request({ method: 'DELETE', url: `${QUESTIONS}/${id}`, key: w.keys.office, headers: ifMatch === null ? {} : { 'if-match': ifMatch } });

t.test('the asker: a name with something in it', async (t) => {
  const { name: _name, ...noName } = ASKER;
  await refused(t, 'an asker without a name', () => create({ ...QUESTION, asker: noName }), 400, [['/body/asker/name', 'is required']]);
  await refused(t, 'a blank name', () => create(withAsker({ name: '   ' })), 400, [['/body/asker/name', /wrong format/]]);
  await refused(t, 'an empty name', () => create(withAsker({ name: '' })), 400, [['/body/asker/name', /fewer than 1 characters/], ['/body/asker/name', /wrong format/]]);
  await refused(t, 'a name of 201 characters', () => create(withAsker({ name: 'L'.repeat(201) })), 400, [['/body/asker/name', /more than 200 characters/]]);
  const { asker: _asker, ...noAsker } = QUESTION;
  await refused(t, 'no asker at all', () => create(noAsker), 400, [['/body/asker', 'is required']]);
  await refused(t, 'an unknown field of the asker', () => create(withAsker({ idNumber: '079123456789' })), 400, [['/body/asker/idNumber', 'is not a known property']]);
});

t.test('phone numbers: Vietnamese ones only, written without spaces', async (t) => {
  const bad: Array<[string, string]> = [
    ['12345', 'five digits'],
    ['091234567', 'nine digits'],
    ['09123456789', 'eleven digits'],
    ['1912345678', 'ten digits not starting 0'],
    ['+8491234567', 'eight digits after +84'],
    ['+849123456789', 'ten digits after +84'],
    ['+84 912345678', 'a space after +84'],
    ['0912-345-678', 'hyphens'],
    ['0912 345 678', 'spaces'],
    ['+1912345678', 'another country'],
    ['0912345678\n', 'a trailing newline'],
  ];
  for (const [phone, what] of bad) {
    await refused(t, `phone ${JSON.stringify(phone)} (${what})`, () => create(withAsker({ phone })), 400, [['/body/asker/phone', /wrong format \(for example "0912345678"\)/]]);
  }
  for (const phone of ['0912345678', '+84912345678', '0388123456']) {
    const res = await create(withAsker({ phone }));
    t.equal(res.statusCode, 201, `phone ${phone} is accepted: ${res.body}`);
    t.equal(res.json().asker.phone, phone, `phone ${phone} is kept as written`);
  }
  const none = await create(withAsker({ phone: null }));
  t.equal(none.statusCode, 201, 'no phone (null) is fine');
  t.equal(none.json().asker.phone, null);
});

t.test(
  'phone numbers: a landline as written in Vietnam (0299 3822 123, 11 digits) is accepted',
  async (t) => {
    for (const phone of ['02993822123', '+842993822123']) {
      const res = await create(withAsker({ phone }));
      t.equal(res.statusCode, 201, `landline ${phone}: ${res.body}`);
    }
  },
);

t.test('e-mail addresses: real ones only', async (t) => {
  for (const email of ['lan', 'lan@', '@example.vn', 'lan nguyen@example.vn', 'lan@@example.vn']) {
    await refused(t, `email ${JSON.stringify(email)}`, () => create(withAsker({ email })), 400, [['/body/asker/email', 'must be a valid email']]);
  }
  const ok = await create(withAsker({ email: 'lan.nguyen+cchc@example.vn' }));
  t.equal(ok.statusCode, 201, `a real address is fine: ${ok.body}`);
});

t.test('the channel, the subject, the question and unknown fields', async (t) => {
  await refused(t, 'an unknown channel', () => create({ ...QUESTION, channel: 'fax' }), 400, [['/body/channel', 'must be one of: hotline, qa, email, in_person']]);
  const { subject: _s, ...noSubject } = QUESTION;
  const { question: _q, ...noQuestion } = QUESTION;
  const { channel: _c, ...noChannel } = QUESTION;
  await refused(t, 'no subject', () => create(noSubject), 400, [['/body/subject', 'is required']]);
  await refused(t, 'no question', () => create(noQuestion), 400, [['/body/question', 'is required']]);
  await refused(t, 'no channel', () => create(noChannel), 400, [['/body/channel', 'is required']]);
  await refused(t, 'a blank subject', () => create({ ...QUESTION, subject: ' \t ' }), 400, [['/body/subject', /wrong format/]]);
  await refused(t, 'a blank question', () => create({ ...QUESTION, question: '\n' }), 400, [['/body/question', /wrong format/]]);
  await refused(t, 'a subject of 501 characters', () => create({ ...QUESTION, subject: 'S'.repeat(501) }), 400, [['/body/subject', /more than 500 characters/]]);
  await refused(t, 'an unknown property', () => create({ ...QUESTION, priority: 'high' }), 400, [['/body/priority', 'is not a known property']]);
  await refused(t, 'a read-only property', () => create({ ...QUESTION, status: 'published' }), 400, [['/body/status', 'is not a known property']]);
  await refused(t, 'a NUL byte', () => create({ ...QUESTION, question: 'Xin hỏi\u0000' }), 400, [['/body/question', /NUL/]]);
  const before = await written();
  const several = assertProblem(t, await create({ ...QUESTION, channel: 'fax', subject: undefined, asker: { ...ASKER, phone: '123' } }), 400, 'several faults at once');
  t.strictSame(pointers(several).sort(), ['/body/asker/phone', '/body/channel', '/body/subject'], 'several faults: each is named');
  t.strictSame(await written(), before, 'several faults: nothing written');
});

t.test('receivedAt: a date and time, not in the future, not before 2000', async (t) => {
  const inAnHour = new Date(Date.now() + 3_600_000).toISOString();
  await refused(t, 'an hour from now', () => create({ ...QUESTION, receivedAt: inAnHour }), 422, [['/body/receivedAt', 'must not be in the future']]);
  await refused(t, 'years ahead', () => create({ ...QUESTION, receivedAt: '2099-01-01T00:00:00Z' }), 422, [['/body/receivedAt', 'must not be in the future']]);
  await refused(t, 'the last instant of 1999', () => create({ ...QUESTION, receivedAt: '1999-12-31T23:59:59.999Z' }), 422, [['/body/receivedAt', 'must not be before 2000']]);
  await refused(t, 'a Vietnamese date', () => create({ ...QUESTION, receivedAt: '08/03/2021 09:15' }), 400, [['/body/receivedAt', rfc3339]]);
  await refused(t, 'a date without a time', () => create({ ...QUESTION, receivedAt: '2021-03-08' }), 400, [['/body/receivedAt', rfc3339]]);
  await refused(t, 'a time without its offset', () => create({ ...QUESTION, receivedAt: '2021-03-08T09:15:00' }), 400, [['/body/receivedAt', rfc3339]]);
  await refused(t, 'no such day', () => create({ ...QUESTION, receivedAt: '2021-02-30T09:15:00+07:00' }), 400, [['/body/receivedAt', rfc3339]]);
  await refused(t, 'a number', () => create({ ...QUESTION, receivedAt: 1615169700000 }), 400, [['/body/receivedAt', 'must be string']]);
  const first = await create({ ...QUESTION, receivedAt: '2000-01-01T00:00:00Z' });
  t.equal(first.statusCode, 201, `the first instant of 2000 is fine: ${first.body}`);
  t.equal(first.json().receivedAt, '2000-01-01T00:00:00.000Z');
  const offset = await create({ ...QUESTION, receivedAt: '2021-03-08T09:15:00+07:00' });
  t.equal(offset.statusCode, 201, 'an offset is fine');
  t.equal(offset.json().receivedAt, '2021-03-08T02:15:00.000Z', 'and is kept as the instant it names');
});

t.test('receivedAt: a leap second (RFC 3339 allows it, no JavaScript Date holds it) is a 400, for every route', async (t) => {
  const before = await written();
  await refused(t, 'POST', () => create({ ...QUESTION, receivedAt: '2016-12-31T23:59:60Z' }), 400, [['/body/receivedAt', rfc3339]]);
  t.strictSame(await written(), before, 'POST: nothing written');
  const q = await w.ask();
  const corrected = await patch(q.id, { receivedAt: '2016-12-31T23:59:60Z' });
  t.equal(corrected.statusCode, 400, `PATCH: ${corrected.body}`);
});

t.test('the body of each step', async (t) => {
  const received = await w.ask();
  const assigned = await w.ask();
  t.equal((await w.step(assigned.id, 'assign', { unitId: w.division.id })).statusCode, 200, 'assigned');
  const answered = await w.ask();
  t.equal((await w.step(answered.id, 'answer', { answer: 'Hồ sơ gồm đơn và học bạ.' })).statusCode, 200, 'answered');

  await refused(t, 'assign without unitId', () => w.step(received.id, 'assign', {}), 400, [['/body/unitId', 'is required']], received.id);
  await refused(t, 'assign with a unit code', () => w.step(received.id, 'assign', { unitId: 'GDTRH' }), 400, [['/body/unitId', 'must be a valid uuid']], received.id);
  await refused(t, 'assign with a blank note', () => w.step(received.id, 'assign', { unitId: w.division.id, note: '  ' }), 400, [['/body/note', /wrong format/]], received.id);
  await refused(t, 'assign without a body', () => w.step(received.id, 'assign'), 400, [['/body', 'must be object']], received.id);
  await refused(t, 'assign to no unit', () => w.step(received.id, 'assign', { unitId: NO_SUCH_ID }), 422, [['/body/unitId', 'names no unit']], received.id);
  await refused(t, 'assign to the Office', () => w.step(received.id, 'assign', { unitId: w.office.id }), 422, [['/body/unitId', /^is the Office/]], received.id);
  await refused(t, 'assign to an inactive unit', () => w.step(received.id, 'assign', { unitId: retired.id }), 422, [['/body/unitId', 'is inactive: KHTC has been deactivated']], received.id);

  await refused(t, 'return without a reason', () => w.step(assigned.id, 'return', {}, w.keys.division), 400, [['/body/reason', 'is required']], assigned.id);
  await refused(t, 'return with a blank reason', () => w.step(assigned.id, 'return', { reason: '   ' }, w.keys.division), 400, [['/body/reason', /wrong format/]], assigned.id);
  await refused(t, 'return with an empty reason', () => w.step(assigned.id, 'return', { reason: '' }, w.keys.division), 400, [['/body/reason', /fewer than 1/], ['/body/reason', /wrong format/]], assigned.id);
  await refused(t, 'close without a reason', () => w.step(received.id, 'close', {}), 400, [['/body/reason', 'is required']], received.id);
  await refused(t, 'close with a blank reason', () => w.step(received.id, 'close', { reason: '\t' }), 400, [['/body/reason', /wrong format/]], received.id);

  await refused(t, 'a blank answer', () => w.step(received.id, 'answer', { answer: '  ' }), 400, [['/body/answer', /wrong format/]], received.id);
  await refused(t, 'no answer', () => w.step(received.id, 'answer', {}), 400, [['/body/answer', 'is required']], received.id);
  await refused(t, 'an answer with another field', () => w.step(received.id, 'answer', { answer: 'Có.', unitId: w.division.id }), 400, [['/body/unitId', 'is not a known property']], received.id);

  await refused(t, 'publish at a javascript: URL', () => w.step(answered.id, 'publish', { url: 'javascript:alert(1)' }), 400, [['/body/url', /wrong format/]], answered.id);
  const neither: Expected = [['/body/url', 'must be a valid uri']];
  await refused(t, 'publish at a relative URL', () => w.step(answered.id, 'publish', { url: '/x' }), 400, neither, answered.id);
  await refused(t, 'publish at an ftp URL', () => w.step(answered.id, 'publish', { url: 'ftp://sgddt.example.vn/1' }), 400, [['/body/url', /wrong format/]], answered.id);
  await refused(t, 'publish with a blank answer', () => w.step(answered.id, 'publish', { answer: ' ' }), 400, [['/body/answer', /wrong format/]], answered.id);
  const activities = Number((await w.db.selectFrom('activities').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
  t.equal(activities, 0, 'no refused publication recorded an activity');

  const stillReceived = await w.request({ url: `${QUESTIONS}/${received.id}` });
  t.equal(stillReceived.json().status, 'received');
  t.equal(stillReceived.json().version, 1);
});

t.test('PATCH: the same rules, and nothing changes when refused', async (t) => {
  const q = await w.ask();
  await refused(t, 'nothing to change', () => patch(q.id, {}), 400, [['/body', /fewer than 1 properties/]], q.id);
  await refused(t, 'a bad phone', () => patch(q.id, { asker: { ...ASKER, phone: '0912-345-678' } }), 400, [['/body/asker/phone', /wrong format/]], q.id);
  await refused(t, 'an asker without a name', () => patch(q.id, { asker: { phone: '0912345678' } }), 400, [['/body/asker/name', 'is required']], q.id);
  await refused(t, 'a blank subject', () => patch(q.id, { subject: '  ' }), 400, [['/body/subject', /wrong format/]], q.id);
  await refused(t, 'an unknown channel', () => patch(q.id, { channel: 'zalo' }), 400, [['/body/channel', /must be one of/]], q.id);
  await refused(t, 'a read-only field', () => patch(q.id, { dueOn: '2021-04-01' }), 400, [['/body/dueOn', 'is not a known property']], q.id);
  await refused(t, 'a future receipt', () => patch(q.id, { receivedAt: '2099-01-01T00:00:00Z' }), 422, [['/body/receivedAt', 'must not be in the future']], q.id);
  await refused(t, 'a receipt before 2000', () => patch(q.id, { receivedAt: '1999-06-01T00:00:00Z' }), 422, [['/body/receivedAt', 'must not be before 2000']], q.id);
  await refused(t, 'a receipt that is no date-time', () => patch(q.id, { receivedAt: 'hôm qua' }), 400, [['/body/receivedAt', /RFC 3339/]], q.id);
  const ok = await patch(q.id, { asker: { ...ASKER, phone: '+84912345678' } });
  t.equal(ok.statusCode, 200, `a good correction is fine: ${ok.body}`);
  t.equal(ok.json().asker.phone, '+84912345678');
  t.equal(ok.json().version, 2);
});

t.test('If-Match: required on PATCH and DELETE (428), checked (412)', async (t) => {
  const q = await w.ask();
  await refused(t, 'PATCH without If-Match', () => patch(q.id, { subject: 'Sửa' }, null), 428, [], q.id);
  await refused(t, 'PATCH with a stale version', () => patch(q.id, { subject: 'Sửa' }, '"7"'), 412, [], q.id);
  await refused(t, 'PATCH with a weak tag', () => patch(q.id, { subject: 'Sửa' }, 'W/"1"'), 412, [], q.id);
  await refused(t, 'DELETE without If-Match', () => remove(q.id, null), 428, [], q.id);
  await refused(t, 'DELETE with a stale version', () => remove(q.id, '"2"'), 412, [], q.id);
  await refused(t, 'a step with a stale version', () => w.request({ method: 'POST', url: `${QUESTIONS}/${q.id}/close`, key: w.keys.office, payload: { reason: 'Trùng' }, headers: { 'if-match': '"3"' } }), 412, [], q.id);
  const row = await rawRow(q.id);
  t.equal(row?.deletedAt, null, 'not removed');
  t.equal(row?.version, 1, 'still the first version');
  const changed = await patch(q.id, { subject: 'Sửa' }, '"1"');
  t.equal(changed.statusCode, 200, 'the current version is fine');
  t.equal(changed.headers.etag, '"2"');
});

t.test('an id that is no uuid is a 400 on every route', async (t) => {
  const expected: Expected = [['/path/questionId', 'must be a valid uuid']];
  await refused(t, 'GET', () => w.request({ url: `${QUESTIONS}/not-a-uuid` }), 400, expected);
  await refused(t, 'PATCH', () => patch('123', { subject: 'Sửa' }), 400, expected);
  await refused(t, 'DELETE', () => remove('0b8f5a1e-0000-4000-8000-00000000000', '"1"'), 400, expected);
  await refused(t, 'a step', () => w.step('x'.repeat(36), 'close', { reason: 'Trùng' }), 400, expected);
  assertProblem(t, await w.request({ url: `${QUESTIONS}/${NO_SUCH_ID}` }), 404, 'a uuid of no question is a 404');
});

t.test('Idempotency-Key on create: the same request replays, another is refused', async (t) => {
  const key = 'cau-hoi-2021-03-08-001';
  const before = await written();
  const first = await create(QUESTION, { 'idempotency-key': key });
  t.equal(first.statusCode, 201, first.body);
  t.notOk(first.headers['idempotent-replayed'], 'the first answer is no replay');
  const afterFirst = await written();
  t.equal(afterFirst.questions, before.questions + 1, 'one question recorded');
  t.equal(afterFirst.audit, before.audit + 1, 'one audit event');

  const reordered = Object.fromEntries(Object.entries(QUESTION).reverse());
  const replay = await create(reordered, { 'idempotency-key': key });
  t.equal(replay.statusCode, 201, 'the replay answers as the first did');
  t.equal(replay.headers['idempotent-replayed'], 'true');
  t.equal(replay.json().id, first.json().id, 'the same question');
  t.equal(replay.headers.location, first.headers.location, 'the same Location');
  t.equal(replay.headers.etag, first.headers.etag, 'the same ETag');
  t.equal(replay.body, first.body, 'the same body');
  t.strictSame(await written(), afterFirst, 'nothing more written');

  const other = await refused(t, 'the same key with another body', () => create({ ...QUESTION, subject: 'Câu hỏi khác' }, { 'idempotency-key': key }), 422, []);
  t.match(other.detail, /Idempotency-Key was already used with another request/);

  const fresh = await create(QUESTION, { 'idempotency-key': `${key}-b` });
  t.equal(fresh.statusCode, 201, 'a new key records anew');
  t.not(fresh.json().id, first.json().id, 'another question');
});

t.test('DELETE of a published question: a tombstone, gone from every read, its activity removed', async (t) => {
  const q = await w.ask({ channel: 'hotline', subject: 'Câu hỏi sẽ bị xoá' });
  t.equal((await w.step(q.id, 'assign', { unitId: w.division.id })).statusCode, 200);
  t.equal((await w.step(q.id, 'answer', { answer: 'Đã trả lời.' }, w.keys.division)).statusCode, 200);
  const published = await w.step(q.id, 'publish', { url: 'https://sgddt.example.vn/hoi-dap/99' });
  t.equal(published.statusCode, 200, published.body);
  const { activityId } = published.json().publication;
  t.type(activityId, 'string', 'the publication recorded an activity');
  t.equal((await w.request({ url: `/api/v1/activities/${activityId}` })).statusCode, 200, 'which can be read');
  const listed = async (key: string) => (await w.request({ url: `${QUESTIONS}?limit=200`, key })).json().items.map((i: { id: string }) => i.id);
  t.ok((await listed(w.keys.reader)).includes(q.id), 'readers list it while published');

  await refused(t, 'a reader removing it', () => w.request({ method: 'DELETE', url: `${QUESTIONS}/${q.id}`, key: w.keys.reader, headers: { 'if-match': '"4"' } }), 403, [], q.id);
  await refused(t, 'the answering unit removing it', () => w.request({ method: 'DELETE', url: `${QUESTIONS}/${q.id}`, key: w.keys.division, headers: { 'if-match': '"4"' } }), 403, [], q.id);

  const auditBefore = await countOf('auditEvents');
  const removed = await remove(q.id, published.headers.etag as string);
  t.equal(removed.statusCode, 204, removed.body);
  t.equal(removed.body, '', 'no body');
  t.equal(await countOf('auditEvents'), auditBefore + 2, 'two audit events: the question’s removal and its activity’s');

  for (const [who, key] of Object.entries(w.keys)) {
    assertProblem(t, await w.request({ url: `${QUESTIONS}/${q.id}`, key }), 404, `GET as ${who} is a 404`);
  }
  assertProblem(t, await w.request({ url: `/api/v1/activities/${activityId}` }), 404, 'its activity is gone');
  t.notOk((await listed(w.keys.admin)).includes(q.id), 'the admin’s list no longer has it');
  t.notOk((await listed(w.keys.reader)).includes(q.id), 'nor the readers’');
  t.notOk((await listed(w.keys.division)).includes(q.id), 'nor the answering unit’s');
  assertProblem(t, await remove(q.id, '"5"'), 404, 'a second DELETE is a 404');
  assertProblem(t, await w.step(q.id, 'close', { reason: 'x' }), 404, 'so is any step on it');

  const row = await rawRow(q.id);
  t.ok(row, 'the row is still there: a tombstone');
  t.type(row?.deletedAt, 'string', 'with deleted_at set');
  t.equal(row?.version, 5, 'and a new version, for mirrors');
  t.match(row, { askerName: null, askerPhone: null, askerEmail: null, askerAddress: null }, 'the asker’s data erased with it');
  t.type(row?.personalDataErasedAt, 'string', 'and the erasure dated');
  const activity = await w.db.selectFrom('activities').select(['deletedAt']).where('id', '=', activityId).executeTakeFirst();
  t.ok(activity?.deletedAt, 'the activity row is marked removed');

  const audit = await w.request({ url: `/api/v1/audit?entityType=question&entityId=${q.id}` });
  const events = audit.json().items as Array<{ action: string; before: unknown; after: unknown }>;
  const deletion = events.find((e) => e.action === 'delete');
  t.ok(deletion, 'the removal is audited');
  t.equal(deletion?.after, null);
  t.notMatch(JSON.stringify(events), /Nguyễn Thị Lan|0912345678|lan\.nguyen/, 'the audit trail holds none of the asker’s data');
});
