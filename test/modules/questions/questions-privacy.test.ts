// The asker's personal data (Nghị định 13/2023/NĐ-CP): readers never see it (not even the key), a
// unit sees it only on the questions assigned to or answered by it, an erasure (or a removal) leaves
// it nowhere in the database (the audit trail and the answers kept for Idempotency-Key replays
// included), and the logs never hold it, not even when the input is refused or the request fails.
import type { LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import pino from 'pino';
import t, { type Test } from 'tap';
import { buildApp } from '../../../src/app.js';
import { loadConfig } from '../../../src/config.js';
import { CLI_ACTOR } from '../../../src/domain/actor.js';
import { createApiKey } from '../../../src/modules/api-keys/api-keys.service.js';
import { assertProblem } from '../../helpers/app.js';
import { createTestDatabase } from '../../helpers/database.js';
import { ASKER, QUESTION, questionWorld } from './fixtures.js';

const w = await questionWorld(t);
const Q = '/api/v1/questions';

/** The fields only the staff (and the unit it is assigned to) see: absent, not empty, in the public view. */
const STAFF_FIELDS = ['personalDataErasedAt', 'receivedBy', 'assignedUnit', 'assignmentNote', 'answeredByKey', 'publication', 'closedReason', 'closedAt', 'history', 'recordedBy', 'createdAt'];

type Asker = { name: string; phone: string; email: string; address: string };
const valuesOf = (asker: Asker) => [asker.name, asker.phone, asker.email, asker.address].map((v) => v.normalize('NFC'));

/** Each value that the text holds, written as is or escaped as JSON would write it. */
function leaked(text: string, values: string[]): string[] {
  return values.filter((v) => text.includes(v) || text.includes(JSON.stringify(v).slice(1, -1)) || text.includes(v.normalize('NFD')));
}

function ok(res: LightMyRequestResponse, status: number, what: string): any {
  if (res.statusCode !== status) throw new Error(`${what}: ${res.statusCode} ${res.body}`);
  return res.json();
}

/** Asserts the public view: no asker key, no staff field, and none of the asker's values anywhere in the text. */
function assertPublic(t: Test, shown: any, raw: string, values: string[], what: string) {
  t.equal('asker' in shown, false, `${what}: no asker key`);
  t.same(STAFF_FIELDS.filter((f) => f in shown), [], `${what}: none of the staff’s fields`);
  t.same(leaked(raw, values), [], `${what}: none of the asker’s values in the text`);
}

/** Every row of every table of the public schema as text, and which of the values each holds. */
async function rawHits(values: string[]): Promise<{ tables: string[]; hits: string[] }> {
  const { rows } = await sql<{ tablename: string }>`SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`.execute(w.db);
  const tables = rows.map((r) => r.tablename);
  const hits: string[] = [];
  for (const table of tables) {
    const { rows: texts } = await sql<{ row: string }>`SELECT t::text AS row FROM ${sql.table(table)} t`.execute(w.db);
    for (const { row } of texts) for (const value of leaked(row, values)) hits.push(`${table}: ${value} in ${row.slice(0, 300)}`);
  }
  return { tables, hits };
}

const QUIET = { subject: 'Xin hỏi về hồ sơ xét tuyển lớp 10', question: 'Hồ sơ xét tuyển lớp 10 năm nay gồm những gì?' };

/** A question of its own asker, walked to publication by the Office and the division (each step with an Idempotency-Key when `keyed`). */
async function publishedQuestion(asker: Asker, prefix: string) {
  const created = await w.request({ method: 'POST', url: Q, key: w.keys.office, headers: { 'idempotency-key': `${prefix}-create` }, payload: { ...QUESTION, ...QUIET, asker } });
  const q = ok(created, 201, 'create');
  ok(await w.request({ method: 'POST', url: `${Q}/${q.id}/assign`, key: w.keys.office, headers: { 'idempotency-key': `${prefix}-assign` }, payload: { unitId: w.division.id } }), 200, 'assign');
  ok(await w.request({ method: 'POST', url: `${Q}/${q.id}/answer`, key: w.keys.division, headers: { 'idempotency-key': `${prefix}-answer` }, payload: { answer: 'Hồ sơ gồm đơn, học bạ THCS, giấy khai sinh.' } }), 200, 'answer');
  const published = ok(await w.request({ method: 'POST', url: `${Q}/${q.id}/publish`, key: w.keys.office, headers: { 'idempotency-key': `${prefix}-publish` }, payload: { url: 'https://sgddt.example.vn/hoi-dap/10' } }), 200, 'publish');
  return { created, q: published };
}

t.test('readers: a published question shows no asker, no staff field, and none of its values', async (t) => {
  const q = await w.ask({ subject: 'Câu hỏi công khai riêngtuhaiba' });
  ok(await w.step(q.id, 'assign', { unitId: w.division.id, note: 'Ghi chú nội bộ' }), 200, 'assign');
  ok(await w.step(q.id, 'answer', { answer: 'Câu trả lời của phòng.' }, w.keys.division), 200, 'answer');
  ok(await w.step(q.id, 'publish', { question: 'Câu hỏi đã biên tập.', url: 'https://sgddt.example.vn/hoi-dap/2' }), 200, 'publish');
  const values = valuesOf(ASKER);

  const one = await w.request({ url: `${Q}/${q.id}`, key: w.keys.reader });
  t.equal(one.statusCode, 200);
  assertPublic(t, one.json(), one.body, values, 'GET one');
  t.equal(one.json().question, 'Câu hỏi đã biên tập.', 'the published question');
  t.equal(one.json().subject, 'Câu hỏi công khai riêngtuhaiba', 'the subject as it is, none edited');

  const list = await w.request({ url: `${Q}?q=riengtuhaiba`, key: w.keys.reader });
  t.equal(list.statusCode, 200);
  t.equal(list.json().items.length, 1, 'the list holds it');
  assertPublic(t, list.json().items[0], list.body, values, 'the list');

  const everything = await w.request({ url: `${Q}?limit=200`, key: w.keys.reader });
  t.ok(everything.json().items.length > 0, 'the whole list');
  for (const item of everything.json().items) t.equal('asker' in item, false, `item ${item.id}: no asker key`);
  t.same(leaked(everything.body, values), [], 'the whole list holds none of the values');

  // The same question as the Office sees it does hold them: the checks above can find them.
  const staff = await w.request({ url: `${Q}/${q.id}` });
  t.same(leaked(staff.body, values), values, 'the admin sees every value');
});

t.test('editors: the asker of the unit’s own questions, of others nothing, or the public view once published', async (t) => {
  const q = await w.ask({ subject: 'Câu hỏi phòng riêngtubonnam' });
  ok(await w.step(q.id, 'assign', { unitId: w.division.id }), 200, 'assign');
  const values = valuesOf(ASKER);

  const division = await w.request({ url: `${Q}/${q.id}`, key: w.keys.division });
  t.equal(division.statusCode, 200);
  t.same(division.json().asker, ASKER, 'the division sees the asker of its question');
  const divisionList = await w.request({ url: `${Q}?q=riengtubonnam`, key: w.keys.division });
  t.same(divisionList.json().items.map((i: any) => i.asker), [ASKER], 'in its list too');

  for (const key of ['otherDivision', 'school'] as const) {
    const other = await w.request({ url: `${Q}/${q.id}`, key: w.keys[key] });
    assertProblem(t, other, 404, `${key}: 404 while unpublished`);
    t.same(leaked(other.body, values), [], `${key}: the 404 holds none of the values`);
    const otherList = await w.request({ url: `${Q}?q=riengtubonnam`, key: w.keys[key] });
    t.same(otherList.json().items, [], `${key}: not listed`);
  }

  ok(await w.step(q.id, 'answer', { answer: 'Phòng đã trả lời.' }, w.keys.division), 200, 'answer');
  ok(await w.step(q.id, 'publish', {}), 200, 'publish');

  for (const key of ['otherDivision', 'school'] as const) {
    const other = await w.request({ url: `${Q}/${q.id}`, key: w.keys[key] });
    t.equal(other.statusCode, 200, `${key}: sees it once published`);
    assertPublic(t, other.json(), other.body, values, `${key}: GET one`);
    const otherList = await w.request({ url: `${Q}?q=riengtubonnam`, key: w.keys[key] });
    t.equal(otherList.json().items.length, 1, `${key}: listed once published`);
    assertPublic(t, otherList.json().items[0], otherList.body, values, `${key}: the list`);
  }
  const after = await w.request({ url: `${Q}/${q.id}`, key: w.keys.division });
  t.same(after.json().asker, ASKER, 'the division, which answered, still sees the asker');
});

const ERASED: Asker = { name: 'Hoàng Văn Khánh Xoá', phone: '+84987654321', email: 'khanh.hoang.xoa@example.vn', address: 'Ấp Hòa Thuận, Xã Tân Hưng, Huyện Long Phú' };

t.test('erasure leaves the asker nowhere in the database, and replays answer without it', async (t) => {
  const values = valuesOf(ERASED);
  const { created, q } = await publishedQuestion(ERASED, 'erase');
  t.same(created.json().asker, ERASED, 'recorded with the asker');

  const before = await rawHits(values);
  t.ok(before.tables.includes('questions') && before.tables.includes('audit_events') && before.tables.includes('idempotency_keys'), 'the search covers the questions, the audit trail and the kept answers');
  t.ok(before.hits.some((h) => h.startsWith('questions:')), 'before the erasure, the search finds the asker in questions');
  t.ok(before.hits.some((h) => h.startsWith('idempotency_keys:')), 'and in the kept answers');
  t.same(before.hits.filter((h) => h.startsWith('audit_events:')), [], 'the audit trail never holds it');

  const erased = await w.request({ method: 'POST', url: `${Q}/${q.id}/erase-personal-data`, headers: { 'idempotency-key': 'erase-erase' } });
  t.equal(erased.statusCode, 200, erased.body);
  t.equal(erased.json().asker, null, 'the answer: asker null');
  t.type(erased.json().personalDataErasedAt, 'string', 'and the time of the erasure');
  t.equal(erased.json().status, 'published', 'the question is otherwise as it was');

  const after = await rawHits(values);
  t.same(after.hits, [], 'no table holds any of the asker’s values');
  const row = await w.db.selectFrom('questions').selectAll().where('id', '=', q.id).executeTakeFirstOrThrow();
  t.same([row.askerName, row.askerPhone, row.askerEmail, row.askerAddress], [null, null, null, null], 'the asker columns are null');
  t.type(row.personalDataErasedAt, Date, 'personal_data_erased_at is set');

  const replay = await w.request({ method: 'POST', url: Q, key: w.keys.office, headers: { 'idempotency-key': 'erase-create' }, payload: { ...QUESTION, ...QUIET, asker: ERASED } });
  t.equal(replay.statusCode, 201, 'the create replays');
  t.equal(replay.headers['idempotent-replayed'], 'true', 'as a replay');
  t.equal(replay.json().id, q.id, 'of the same question');
  t.equal(replay.json().asker, null, 'with asker null');
  t.equal(replay.json().personalDataErasedAt, erased.json().personalDataErasedAt, 'and the time of the erasure');
  t.same(leaked(replay.body, values), [], 'none of the values');
  const assignReplay = await w.request({ method: 'POST', url: `${Q}/${q.id}/assign`, key: w.keys.office, headers: { 'idempotency-key': 'erase-assign' }, payload: { unitId: w.division.id } });
  t.equal(assignReplay.headers['idempotent-replayed'], 'true', 'a step replays');
  t.equal(assignReplay.json().asker, null, 'with asker null');
  const count = await w.db.selectFrom('questions').select((eb) => eb.fn.countAll<string>().as('n')).where('askerName', 'is', null).executeTakeFirstOrThrow();
  t.equal(Number(count.n), 1, 'the replay recorded no new question');

  assertProblem(t, await w.request({ method: 'POST', url: `${Q}/${q.id}/erase-personal-data` }), 409, 'a second erasure');

  for (const key of ['office', 'admin', 'division'] as const) {
    const shown = await w.request({ url: `${Q}/${q.id}`, key: w.keys[key] });
    t.equal(shown.json().asker, null, `${key}: asker null`);
    t.equal(shown.json().personalDataErasedAt, erased.json().personalDataErasedAt, `${key}: personalDataErasedAt set`);
  }
  const reader = await w.request({ url: `${Q}/${q.id}`, key: w.keys.reader });
  t.equal('asker' in reader.json(), false, 'the reader still sees no asker key');

  const audit = await w.request({ url: `/api/v1/audit?entityType=question&entityId=${q.id}` });
  const actions = audit.json().items.map((e: any) => e.action);
  t.ok(actions.includes('erase'), 'the audit trail records the erasure');
  t.same(leaked(audit.body, values), [], 'and holds none of the values');
});

t.test('once erased, the asker is not recorded again; the rest of the intake may still be corrected', async (t) => {
  const asker: Asker = { name: 'Lý Thị Mai Xoá Hai', phone: '0933111222', email: 'mai.ly.xoa@example.vn', address: 'Khóm 3, Phường 5, TP Sóc Trăng' };
  const q = await w.ask({ ...QUIET, asker });
  const erased = await w.step(q.id, 'erase-personal-data', undefined, w.keys.admin);
  t.equal(erased.statusCode, 200, erased.body);
  t.equal(erased.json().status, 'received');
  const etag = erased.headers.etag as string;

  const patched = assertProblem(
    t,
    await w.request({ method: 'PATCH', url: `${Q}/${q.id}`, key: w.keys.office, headers: { 'if-match': etag }, payload: { asker: { name: 'Người khác', phone: '0944000111' } } }),
    409,
    'a new asker after the erasure',
  );
  t.match(patched.detail, /erased/, 'the detail says why');
  const row = await w.db.selectFrom('questions').select(['askerName', 'askerPhone', 'version']).where('id', '=', q.id).executeTakeFirstOrThrow();
  t.same(row, { askerName: null, askerPhone: null, version: erased.json().version }, 'nothing was written');

  const subject = await w.request({ method: 'PATCH', url: `${Q}/${q.id}`, key: w.keys.office, headers: { 'if-match': etag }, payload: { subject: 'Xin hỏi về hồ sơ xét tuyển lớp 10 (đã sửa)' } });
  t.equal(subject.statusCode, 200, 'the subject may still be corrected');
  t.equal(subject.json().asker, null, 'the asker stays erased');
  t.same((await rawHits(valuesOf(asker))).hits, [], 'no table holds the erased values');
});

const REMOVED: Asker = { name: 'Đặng Quốc Xoá Ba', phone: '0977888999', email: 'quoc.dang.xoa@example.vn', address: 'Số 99 Lê Lợi, Phường 6, TP Sóc Trăng' };

t.test('removing a question erases its asker too, everywhere, and removes its activity', async (t) => {
  const values = valuesOf(REMOVED);
  const { q } = await publishedQuestion(REMOVED, 'remove');
  t.ok((await rawHits(values)).hits.length > 0, 'before the removal, the search finds the asker');

  const removed = await w.request({ method: 'DELETE', url: `${Q}/${q.id}`, key: w.keys.office, headers: { 'if-match': `"${q.version}"` } });
  t.equal(removed.statusCode, 204, removed.body);
  t.same((await rawHits(values)).hits, [], 'no table holds any of the asker’s values');
  const row = await w.db.selectFrom('questions').selectAll().where('id', '=', q.id).executeTakeFirstOrThrow();
  t.type(row.deletedAt, Date, 'a tombstone');
  t.equal(row.askerName, null, 'without the asker');
  assertProblem(t, await w.request({ url: `${Q}/${q.id}` }), 404, 'gone from reads');
  assertProblem(t, await w.request({ url: `/api/v1/activities/${q.publication.activityId}` }), 404, 'its activity is removed');
  const replay = await w.request({ method: 'POST', url: Q, key: w.keys.office, headers: { 'idempotency-key': 'remove-create' }, payload: { ...QUESTION, ...QUIET, asker: REMOVED } });
  t.equal(replay.headers['idempotent-replayed'], 'true', 'the create replays');
  t.equal(replay.json().asker, null, 'with asker null');
});

t.test('the logs hold none of the asker’s data, whatever happens to the request', async (t) => {
  const lines: string[] = [];
  const logger = pino({ level: 'trace' }, { write: (s: string) => void lines.push(s) });
  const { handle } = await createTestDatabase(t);
  const app = await buildApp({ config: loadConfig({ RATE_LIMIT_MAX: '100000' }), db: handle.db, logger });
  t.teardown(() => app.close());
  await app.ready();
  const keyFor = async (role: 'admin' | 'editor', unitId?: string) => (await createApiKey(handle.db, CLI_ACTOR, { name: `${role} key`, role, unitId: unitId ?? null })).key;
  const admin = await keyFor('admin');
  const send = (key: string, options: { method?: 'GET' | 'POST' | 'PATCH'; url: string; payload?: object; headers?: Record<string, string> }) =>
    app.inject({ ...options, headers: { authorization: `Bearer ${key}`, ...options.headers } });
  const unit = async (body: object) => ok(await send(admin, { method: 'POST', url: '/api/v1/units', payload: { kind: 'division', ...body } }), 201, 'unit');
  const department = await unit({ code: 'SGDDT', name: 'Sở Giáo dục và Đào tạo', kind: 'department' });
  const office = await unit({ code: 'VP', name: 'Văn phòng Sở', parentId: department.id });
  const division = await unit({ code: 'GDTRH', name: 'Phòng Giáo dục Trung học', parentId: department.id });
  const officeKey = await keyFor('editor', office.id);
  const divisionKey = await keyFor('editor', division.id);

  const first: Asker = { name: 'Trịnh Văn Nhật Ký', phone: '0919191919', email: 'nhat.trinh.log@example.vn', address: 'Số 12 Hùng Vương, Phường 6, TP Sóc Trăng' };
  const second: Asker = { name: 'Võ Thị Ghi Log', phone: '+84908070605', email: 'ghi.vo.log@example.vn', address: 'Ấp Phú Hữu, Xã An Hiệp, Huyện Châu Thành' };
  const badEmail = 'khong-phai-thu-dien-tu-log';
  const badPhone = '12345';
  const body = (asker: object, fields: object = {}) => ({ ...QUESTION, ...QUIET, ...fields, asker });

  // The whole workflow.
  const created = ok(await send(officeKey, { method: 'POST', url: Q, headers: { 'idempotency-key': 'log-create' }, payload: body(first) }), 201, 'create');
  ok(await send(officeKey, { url: `${Q}?limit=10` }), 200, 'list');
  ok(await send(officeKey, { url: `${Q}/${created.id}` }), 200, 'get');
  const patched = ok(await send(officeKey, { method: 'PATCH', url: `${Q}/${created.id}`, headers: { 'if-match': `"${created.version}"` }, payload: { asker: second } }), 200, 'patch');
  t.same(patched.asker, second, 'the asker was replaced');
  ok(await send(officeKey, { method: 'POST', url: `${Q}/${created.id}/assign`, payload: { unitId: division.id } }), 200, 'assign');
  ok(await send(divisionKey, { method: 'POST', url: `${Q}/${created.id}/answer`, payload: { answer: 'Đã trả lời.' } }), 200, 'answer');
  ok(await send(officeKey, { method: 'POST', url: `${Q}/${created.id}/publish`, payload: {} }), 200, 'publish');
  ok(await send(admin, { method: 'POST', url: `${Q}/${created.id}/erase-personal-data` }), 200, 'erase');
  ok(await send(officeKey, { method: 'POST', url: Q, headers: { 'idempotency-key': 'log-create' }, payload: body(first) }), 201, 'the replay');

  // Input refused: the values sent must not be logged either.
  const refused: Array<[string, LightMyRequestResponse, number]> = [
    ['a phone of 5 digits', await send(officeKey, { method: 'POST', url: Q, payload: body({ ...first, phone: badPhone }) }), 400],
    ['an e-mail that is none', await send(officeKey, { method: 'POST', url: Q, payload: body({ ...first, email: badEmail }) }), 400],
    ['no name', await send(officeKey, { method: 'POST', url: Q, payload: body({ phone: first.phone, email: first.email, address: first.address }) }), 400],
    ['a receipt in the future', await send(officeKey, { method: 'POST', url: Q, payload: body(first, { receivedAt: '2999-01-01T00:00:00.000Z' }) }), 422],
    ['a bad phone in a correction', await send(officeKey, { method: 'PATCH', url: `${Q}/${created.id}`, headers: { 'if-match': '*' }, payload: { asker: { ...second, phone: badPhone } } }), 400],
    ['a body that is not JSON', await send(officeKey, { method: 'POST', url: Q, headers: { 'content-type': 'application/json' }, payload: `{"asker": {"name": "${first.name}", "phone": "${first.phone}"` as unknown as object }), 400],
  ];
  for (const [what, res, status] of refused) {
    const problem = assertProblem(t, res, status, what);
    t.same(leaked(JSON.stringify(problem), [...valuesOf(first), ...valuesOf(second), badEmail]), [], `${what}: the problem echoes none of the values`);
  }

  // A request that fails on our side (a database error while recording), logged as an error.
  await sql`CREATE FUNCTION refuse_question() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN IF NEW.subject = 'LOI-500' THEN RAISE EXCEPTION 'simulated failure' USING ERRCODE = 'XX000'; END IF; RETURN NEW; END $$`.execute(handle.db);
  await sql`CREATE TRIGGER refuse_question BEFORE INSERT ON questions FOR EACH ROW EXECUTE FUNCTION refuse_question()`.execute(handle.db);
  const failed = await send(officeKey, { method: 'POST', url: Q, payload: body(first, { subject: 'LOI-500' }) });
  assertProblem(t, failed, 500, 'a database failure');
  const failedKeyed = await send(officeKey, { method: 'POST', url: Q, headers: { 'idempotency-key': 'log-500' }, payload: body(second, { subject: 'LOI-500' }) });
  assertProblem(t, failedKeyed, 500, 'a database failure under an Idempotency-Key');

  const log = lines.join('');
  t.ok(lines.length > 0, 'something was logged');
  t.match(log, /incoming request/, 'the requests were logged');
  t.match(log, new RegExp(`/api/v1/questions/${created.id}/erase-personal-data`), 'the erasure among them');
  t.ok(lines.some((l) => JSON.parse(l).level >= 50 && /request failed/.test(l)), 'the failure was logged as an error');
  const leaks = leaked(log, [...valuesOf(first), ...valuesOf(second), badEmail]);
  const tooShort = /(?<![0-9A-Za-z])12345(?![0-9A-Za-z])/.test(log);
  t.same(leaks, [], 'the log holds none of the asker’s values');
  t.notOk(tooShort, 'nor the bad phone sent');
  if (leaks.length || tooShort) {
    const culprits = lines.filter((l) => leaked(l, [...valuesOf(first), ...valuesOf(second), badEmail]).length || /(?<![0-9A-Za-z])12345(?![0-9A-Za-z])/.test(l));
    t.comment(`log lines with personal data:\n${culprits.join('')}`);
  }
});
