// Who may do what with a citizen's question: 401 without a key on every endpoint, 403 where the
// role may not (readers on writes, a unit's editor on the Office's steps, the Office answering for
// a unit, anyone but an admin erasing), 404 for a question the caller cannot see and for an unknown
// id, and the matrix of who sees which question (whole, in the public view, or not at all) for GET
// one and for the list. Also: no Office unit is a 409, and a deactivated Office's keys only read.
import { randomUUID } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import t, { type Test } from 'tap';
import { assertProblem } from '../../helpers/app.js';
import { ASKER, QUESTION, questionWorld } from './fixtures.js';

const w = await questionWorld(t);
const Q = '/api/v1/questions';
const UNKNOWN = randomUUID();

/** The fields only the staff (and the unit it is assigned to) see: absent, not empty, in the public view. */
const STAFF_FIELDS = ['asker', 'personalDataErasedAt', 'receivedBy', 'assignedUnit', 'assignmentNote', 'answeredByKey', 'publication', 'closedReason', 'closedAt', 'history', 'recordedBy', 'createdAt'];

type Key = keyof typeof w.keys;
type Seen = 'whole' | 'public' | 'none';

/** A word no other question in this file holds, so that `q=` lists the matrix's questions only. */
const TOKEN = 'matranquyenxem';
const PUBLIC = { subject: `Chuyển trường THPT ${TOKEN} (bản công bố)`, question: 'Chuyển trường THPT cần giấy tờ gì?', answer: 'Đơn, học bạ, giấy giới thiệu.' };

function ok(res: LightMyRequestResponse, what: string): any {
  if (res.statusCode !== 200) throw new Error(`${what}: ${res.statusCode} ${res.body}`);
  return res.json();
}

/** A question in each state the matrix covers, walked through the workflow by the Office and the division. */
async function questionsInEveryState() {
  const ask = () => w.ask({ subject: `Thủ tục chuyển trường ${TOKEN}` });
  const received = await ask();

  const assigned = await ask();
  ok(await w.step(assigned.id, 'assign', { unitId: w.division.id, note: 'Ghi chú cho phòng' }), 'assign');

  const answered = await ask();
  ok(await w.step(answered.id, 'assign', { unitId: w.division.id }), 'assign');
  ok(await w.step(answered.id, 'answer', { answer: 'Hồ sơ gồm đơn, học bạ.' }, w.keys.division), 'answer');

  const published = await ask();
  ok(await w.step(published.id, 'assign', { unitId: w.division.id }), 'assign');
  ok(await w.step(published.id, 'answer', { answer: 'Hồ sơ gồm đơn, học bạ, giấy giới thiệu của trường nơi đi.' }, w.keys.division), 'answer');
  ok(await w.step(published.id, 'publish', PUBLIC), 'publish');

  const closed = await ask();
  ok(await w.step(closed.id, 'close', { reason: 'Trùng câu hỏi' }), 'close');

  const closedAfterAssign = await ask();
  ok(await w.step(closedAfterAssign.id, 'assign', { unitId: w.division.id }), 'assign');
  ok(await w.step(closedAfterAssign.id, 'close', { reason: 'Người hỏi rút câu hỏi' }), 'close');

  const answeredByOffice = await ask();
  ok(await w.step(answeredByOffice.id, 'answer', { answer: 'Văn phòng trả lời trực tiếp.' }), 'answer');

  return { received, assigned, answered, published, closed, closedAfterAssign, answeredByOffice };
}

const q = await questionsInEveryState();
type State = keyof typeof q;

/** Who sees what: the rules of questions.views.ts written out, state by state. */
const MATRIX: Record<State, Record<Key, Seen>> = {
  received: { reader: 'none', division: 'none', otherDivision: 'none', school: 'none', office: 'whole', admin: 'whole' },
  assigned: { reader: 'none', division: 'whole', otherDivision: 'none', school: 'none', office: 'whole', admin: 'whole' },
  answered: { reader: 'none', division: 'whole', otherDivision: 'none', school: 'none', office: 'whole', admin: 'whole' },
  published: { reader: 'public', division: 'whole', otherDivision: 'public', school: 'public', office: 'whole', admin: 'whole' },
  closed: { reader: 'none', division: 'none', otherDivision: 'none', school: 'none', office: 'whole', admin: 'whole' },
  closedAfterAssign: { reader: 'none', division: 'whole', otherDivision: 'none', school: 'none', office: 'whole', admin: 'whole' },
  answeredByOffice: { reader: 'none', division: 'none', otherDivision: 'none', school: 'none', office: 'whole', admin: 'whole' },
};
const STATES = Object.keys(MATRIX) as State[];
const STATUS: Record<State, string> = {
  received: 'received',
  assigned: 'assigned',
  answered: 'answered',
  published: 'published',
  closed: 'closed',
  closedAfterAssign: 'closed',
  answeredByOffice: 'answered',
};
const KEYS = Object.keys(w.keys) as Key[];

/** Asserts the question is shown whole (asker and staff fields) or in the public view (none of them, the published text). */
function assertView(t: Test, shown: any, seen: Exclude<Seen, 'none'>, state: State, what: string) {
  t.equal(shown.id, q[state].id, `${what}: the question`);
  t.equal(shown.status, STATUS[state], `${what}: ${STATUS[state]}`);
  if (seen === 'whole') {
    t.same(shown.asker, ASKER, `${what}: whole, with the asker`);
    t.ok(STAFF_FIELDS.every((f) => f in shown), `${what}: whole, with every staff field`);
  } else {
    t.notOk('asker' in shown, `${what}: no asker key`);
    t.same(STAFF_FIELDS.filter((f) => f in shown), [], `${what}: no staff field`);
    t.same({ subject: shown.subject, question: shown.question, answer: shown.answer }, PUBLIC, `${what}: the published text`);
  }
}

/** Every endpoint of the module, on a question id, with a valid body. */
const ENDPOINTS = [
  { name: 'list', method: 'GET', url: () => Q },
  { name: 'get', method: 'GET', url: (id: string) => `${Q}/${id}` },
  { name: 'create', method: 'POST', url: () => Q, payload: QUESTION },
  { name: 'patch', method: 'PATCH', url: (id: string) => `${Q}/${id}`, payload: { subject: 'Đã sửa' }, headers: { 'if-match': '*' } },
  { name: 'delete', method: 'DELETE', url: (id: string) => `${Q}/${id}`, headers: { 'if-match': '*' } },
  { name: 'assign', method: 'POST', url: (id: string) => `${Q}/${id}/assign`, payload: { unitId: w.division.id } },
  { name: 'return', method: 'POST', url: (id: string) => `${Q}/${id}/return`, payload: { reason: 'Không thuộc thẩm quyền' } },
  { name: 'answer', method: 'POST', url: (id: string) => `${Q}/${id}/answer`, payload: { answer: 'Trả lời' } },
  { name: 'publish', method: 'POST', url: (id: string) => `${Q}/${id}/publish`, payload: {} },
  { name: 'close', method: 'POST', url: (id: string) => `${Q}/${id}/close`, payload: { reason: 'Trùng' } },
  { name: 'erase-personal-data', method: 'POST', url: (id: string) => `${Q}/${id}/erase-personal-data` },
] as const;
const WRITES = ENDPOINTS.filter((e) => e.method !== 'GET');

function call(e: (typeof ENDPOINTS)[number], id: string, key: string | null) {
  return w.request({
    method: e.method,
    url: e.url(id),
    key,
    ...('payload' in e ? { payload: e.payload as object } : {}),
    ...('headers' in e ? { headers: e.headers } : {}),
  });
}

/** The rows as stored, to check that a refused request wrote nothing. */
async function snapshot() {
  const rows = await w.db.selectFrom('questions').select(['id', 'version', 'status', 'deletedAt', 'askerName']).orderBy('id').execute();
  const count = await w.db.selectFrom('questions').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  return { rows, count: Number(count.n) };
}

t.test('every endpoint answers 401 without a key, or with a key that is not one', async (t) => {
  const before = await snapshot();
  for (const e of ENDPOINTS) {
    const none = await call(e, q.received.id, null);
    assertProblem(t, none, 401, `${e.name} without a key`);
    t.match(none.headers['www-authenticate'], /^Bearer/, `${e.name}: WWW-Authenticate`);
    assertProblem(t, await call(e, q.received.id, 'not-a-key-at-all'), 401, `${e.name} with a made-up key`);
  }
  t.same(await snapshot(), before, 'nothing was written');
});

t.test('a reader key may only read: 403 on every write, even on a published question it sees', async (t) => {
  const before = await snapshot();
  for (const e of WRITES) assertProblem(t, await call(e, q.published.id, w.keys.reader), 403, `reader: ${e.name}`);
  for (const e of WRITES) assertProblem(t, await call(e, UNKNOWN, w.keys.reader), 403, `reader: ${e.name} of an unknown id (refused before looking)`);
  t.same(await snapshot(), before, 'nothing was written');
});

t.test('a unit’s editor may not do the Office’s work on a question it sees', async (t) => {
  const before = await snapshot();
  assertProblem(t, await w.request({ method: 'POST', url: Q, key: w.keys.division, payload: QUESTION }), 403, 'division: create');
  assertProblem(t, await w.request({ method: 'POST', url: Q, key: w.keys.school, payload: QUESTION }), 403, 'school: create');
  // The division sees these two whole (assigned to it; answered by it).
  for (const id of [q.assigned.id, q.answered.id]) t.equal((await w.request({ url: `${Q}/${id}`, key: w.keys.division })).statusCode, 200, 'the division sees it');
  const patch = { method: 'PATCH' as const, url: `${Q}/${q.assigned.id}`, key: w.keys.division, headers: { 'if-match': '*' } };
  assertProblem(t, await w.request({ ...patch, payload: { subject: 'Sửa bởi phòng' } }), 403, 'division: patch its assigned question');
  assertProblem(t, await w.request({ ...patch, method: 'DELETE' }), 403, 'division: delete its assigned question');
  assertProblem(t, await w.request({ method: 'DELETE', url: `${Q}/${q.published.id}`, key: w.keys.division, headers: { 'if-match': '*' } }), 403, 'division: delete its published question');
  assertProblem(t, await w.step(q.assigned.id, 'close', { reason: 'Phòng đóng' }, w.keys.division), 403, 'division: close its assigned question');
  assertProblem(t, await w.step(q.answered.id, 'close', { reason: 'Phòng đóng' }, w.keys.division), 403, 'division: close its answered question');
  assertProblem(t, await w.step(q.answered.id, 'publish', {}, w.keys.division), 403, 'division: publish its answer');
  // Assigning starts from received, and a unit never sees a received question: the nearest case
  // is its own assigned one, refused for the role before the state is looked at.
  assertProblem(t, await w.step(q.assigned.id, 'assign', { unitId: w.otherDivision.id }, w.keys.division), 403, 'division: assign its assigned question');
  assertProblem(t, await w.step(q.received.id, 'assign', { unitId: w.otherDivision.id }, w.keys.division), 404, 'division: assign a received question it cannot see');
  // The Office answers only what is still with it.
  const officeAnswer = assertProblem(t, await w.step(q.assigned.id, 'answer', { answer: 'Văn phòng trả lời thay' }, w.keys.office), 403, 'the Office: answer a question assigned to the division');
  t.match(officeAnswer.detail, /GDTRH/, 'the refusal names the unit');
  // Erasure is for admins: the route refuses the others whatever the question.
  for (const key of ['office', 'division', 'otherDivision', 'school', 'reader'] as const) {
    assertProblem(t, await w.step(q.assigned.id, 'erase-personal-data', undefined, w.keys[key]), 403, `${key}: erase`);
    assertProblem(t, await w.step(UNKNOWN, 'erase-personal-data', undefined, w.keys[key]), 403, `${key}: erase an unknown id`);
  }
  t.same(await snapshot(), before, 'nothing was written');
  const seen = await w.request({ url: `${Q}/${q.assigned.id}` });
  t.same(seen.json().asker, ASKER, 'the asker is still there');
});

t.test('a question the caller cannot see, or that does not exist, is a 404 on every endpoint', async (t) => {
  const before = await snapshot();
  const unseen: Array<[string, LightMyRequestResponse]> = [
    ['reader: get a received question', await w.request({ url: `${Q}/${q.received.id}`, key: w.keys.reader })],
    ['reader: get an answered question', await w.request({ url: `${Q}/${q.answered.id}`, key: w.keys.reader })],
    ['division: get a received question', await w.request({ url: `${Q}/${q.received.id}`, key: w.keys.division })],
    ['otherDivision: get a question assigned to the division', await w.request({ url: `${Q}/${q.assigned.id}`, key: w.keys.otherDivision })],
    ['division: patch a received question', await w.request({ method: 'PATCH', url: `${Q}/${q.received.id}`, key: w.keys.division, headers: { 'if-match': '"1"' }, payload: { subject: 'x' } })],
    ['division: delete a received question', await w.request({ method: 'DELETE', url: `${Q}/${q.received.id}`, key: w.keys.division, headers: { 'if-match': '"1"' } })],
    ['school: delete a question assigned to the division', await w.request({ method: 'DELETE', url: `${Q}/${q.assigned.id}`, key: w.keys.school, headers: { 'if-match': '*' } })],
    ['division: assign a received question', await w.step(q.received.id, 'assign', { unitId: w.division.id }, w.keys.division)],
    ['otherDivision: return the division’s question', await w.step(q.assigned.id, 'return', { reason: 'x' }, w.keys.otherDivision)],
    ['otherDivision: answer the division’s question', await w.step(q.assigned.id, 'answer', { answer: 'x' }, w.keys.otherDivision)],
    ['school: answer a received question', await w.step(q.received.id, 'answer', { answer: 'x' }, w.keys.school)],
    ['otherDivision: publish the division’s answer', await w.step(q.answered.id, 'publish', {}, w.keys.otherDivision)],
    ['school: close a received question', await w.step(q.received.id, 'close', { reason: 'x' }, w.keys.school)],
    ['division: close a question answered by the Office', await w.step(q.answeredByOffice.id, 'close', { reason: 'x' }, w.keys.division)],
  ];
  for (const [what, res] of unseen) assertProblem(t, res, 404, what);

  for (const key of ['admin', 'office', 'division'] as const) {
    for (const e of ENDPOINTS.filter((e) => e.url(UNKNOWN).includes(UNKNOWN))) {
      if (e.name === 'erase-personal-data' && key !== 'admin') continue;
      const res = await call(e, UNKNOWN, w.keys[key]);
      const body = assertProblem(t, res, 404, `${key}: ${e.name} of an unknown id`);
      t.match(body.detail, UNKNOWN, 'the detail names the id');
    }
  }
  t.same(await snapshot(), before, 'nothing was written');
});

t.test('GET one: who sees which question, whole or in the public view', async (t) => {
  for (const state of STATES) {
    for (const key of KEYS) {
      const seen = MATRIX[state][key];
      const res = await w.request({ url: `${Q}/${q[state].id}`, key: w.keys[key] });
      const what = `${key} on ${state}`;
      if (seen === 'none') {
        assertProblem(t, res, 404, `${what}: 404`);
        t.notMatch(res.body, ASKER.name, `${what}: the 404 says nothing of the asker`);
      } else {
        t.equal(res.statusCode, 200, `${what}: 200`);
        assertView(t, res.json(), seen, state, what);
      }
    }
  }
});

t.test('the list: who sees which question, whole or in the public view', async (t) => {
  for (const key of KEYS) {
    const res = await w.request({ url: `${Q}?q=${TOKEN}&limit=200`, key: w.keys[key] });
    t.equal(res.statusCode, 200, `${key}: 200`);
    const page = res.json();
    t.equal(page.nextCursor, null, `${key}: one page`);
    const listed = new Map<string, any>(page.items.map((item: any) => [item.id, item]));
    const expected = STATES.filter((state) => MATRIX[state][key] !== 'none');
    t.same([...listed.keys()].sort(), expected.map((s) => q[s].id).sort(), `${key}: lists exactly ${expected.join(', ')}`);
    for (const state of expected) {
      const item = listed.get(q[state].id);
      if (item) assertView(t, item, MATRIX[state][key] as Exclude<Seen, 'none'>, state, `${key} lists ${state}`);
    }
  }
});

t.test('a reader’s list holds published questions only, in the public view, whatever the filters', async (t) => {
  const all = (await w.request({ url: `${Q}?limit=200`, key: w.keys.reader })).json();
  t.ok(all.items.length > 0, 'something is listed');
  t.same(all.items.filter((i: any) => i.status !== 'published'), [], 'only published questions');
  t.same(all.items.filter((i: any) => STAFF_FIELDS.some((f) => f in i)), [], 'none with a staff field');
  for (const status of ['received', 'assigned', 'answered', 'closed']) {
    const res = await w.request({ url: `${Q}?status=${status}`, key: w.keys.reader });
    t.equal(res.statusCode, 200);
    t.same(res.json().items, [], `status=${status}: nothing`);
  }
  const admin = (await w.request({ url: `${Q}?status=received&limit=200` })).json();
  t.ok(admin.items.length > 0, 'while the admin lists received questions');
});

t.test('the audit trail of a question (its staff fields, unpublished text) is for admins only', async (t) => {
  const url = `/api/v1/audit?entityType=question&entityId=${q.received.id}`;
  for (const key of ['office', 'division', 'otherDivision', 'school', 'reader'] as const) assertProblem(t, await w.request({ url, key: w.keys[key] }), 403, `${key}: 403`);
  const admin = await w.request({ url });
  t.equal(admin.statusCode, 200, 'the admin reads it');
  t.same(admin.json().items.map((e: any) => e.action), ['create'], 'the received question’s one event');
});

t.test('with no unit of the Office’s code, recording a question is a 409', async (t) => {
  const nope = await questionWorld(t, { OFFICE_UNIT_CODE: 'NOPE' });
  const res = await nope.request({ method: 'POST', url: Q, payload: QUESTION });
  const body = assertProblem(t, res, 409, 'admin: create');
  t.match(body.detail, /NOPE/, 'the detail names the code');
  const count = await nope.db.selectFrom('questions').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  t.equal(Number(count.n), 0, 'nothing was recorded');
  // VP is no Office here: with no Office, recording is a 409 whoever asks.
  assertProblem(t, await nope.request({ method: 'POST', url: Q, key: nope.keys.office, payload: QUESTION }), 409, 'VP’s editor is refused too');
  const list = await nope.request({ url: Q });
  t.equal(list.statusCode, 200, 'the list still answers');
  t.same(list.json().items, [], 'empty');
});

t.test('a deactivated Office’s editor may only read', async (t) => {
  const unit = await w.request({ url: `/api/v1/units/${w.office.id}` });
  t.equal(unit.statusCode, 200);
  const deactivated = await w.request({ method: 'POST', url: `/api/v1/units/${w.office.id}/deactivate`, headers: { 'if-match': unit.headers.etag as string }, payload: {} });
  t.equal(deactivated.statusCode, 200, deactivated.body);
  t.equal(deactivated.json().active, false);
  const fresh = await w.request({ url: `${Q}/${q.received.id}` });
  const before = await snapshot();

  const create = assertProblem(t, await w.request({ method: 'POST', url: Q, key: w.keys.office, payload: QUESTION }), 403, 'create');
  t.match(create.detail, /deactivated/, 'the detail says why');
  assertProblem(t, await w.request({ method: 'PATCH', url: `${Q}/${q.received.id}`, key: w.keys.office, headers: { 'if-match': fresh.headers.etag as string }, payload: { subject: 'x' } }), 403, 'patch');
  assertProblem(t, await w.request({ method: 'DELETE', url: `${Q}/${q.received.id}`, key: w.keys.office, headers: { 'if-match': '*' } }), 403, 'delete');
  assertProblem(t, await w.step(q.received.id, 'assign', { unitId: w.division.id }), 403, 'assign');
  assertProblem(t, await w.step(q.received.id, 'answer', { answer: 'x' }), 403, 'answer');
  assertProblem(t, await w.step(q.received.id, 'close', { reason: 'x' }), 403, 'close');
  assertProblem(t, await w.step(q.answered.id, 'publish', {}), 403, 'publish');
  assertProblem(t, await w.step(q.assigned.id, 'return', { reason: 'x' }), 403, 'return');
  t.same(await snapshot(), before, 'nothing was written');

  const read = await w.request({ url: `${Q}/${q.received.id}`, key: w.keys.office });
  t.equal(read.statusCode, 200, 'it still reads');
  t.same(read.json().asker, ASKER, 'whole');

  const again = await w.request({ method: 'POST', url: `/api/v1/units/${w.office.id}/activate`, payload: {} });
  t.equal(again.statusCode, 200, again.body);
  const created = await w.request({ method: 'POST', url: Q, key: w.keys.office, payload: QUESTION });
  t.equal(created.statusCode, 201, 'once active again, the same request records the question');
});
