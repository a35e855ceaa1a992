// The calendar of non-working days (/calendar/non-working-days): add, read, list by year or by from
// and to in date order, keyset pages, rename and remove under If-Match, Idempotency-Key; who may do
// what (every key reads, admins write); each bad input refused with a problem naming the field and
// nothing written; the audit trail of each change.
import t, { type Test } from 'tap';
import { assertProblem } from '../../helpers/app.js';
import { questionWorld } from './fixtures.js';

const w = await questionWorld(t);
const DAYS = '/api/v1/calendar/non-working-days';

const add = (payload: unknown, key?: string | null, headers: Record<string, string> = {}) => w.request({ method: 'POST', url: DAYS, payload: payload as object, key, headers });
const get = (day: string, key?: string | null) => w.request({ url: `${DAYS}/${day}`, key });
const list = (query: string, key?: string | null) => w.request({ url: `${DAYS}?${query}`, key });
const rename = (day: string, payload: unknown, ifMatch?: string, key?: string | null) =>
  w.request({ method: 'PATCH', url: `${DAYS}/${day}`, payload: payload as object, key, headers: ifMatch ? { 'if-match': ifMatch } : {} });
const remove = (day: string, ifMatch?: string, key?: string | null) => w.request({ method: 'DELETE', url: `${DAYS}/${day}`, key, headers: ifMatch ? { 'if-match': ifMatch } : {} });

async function added(day: string, name = `Ngày nghỉ ${day}`) {
  const res = await add({ day, name });
  if (res.statusCode !== 201) throw new Error(`could not add ${day}: ${res.body}`);
  return res.json();
}
const rowCount = async () => Number((await w.db.selectFrom('nonWorkingDays').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
const auditEvents = async (query = '') => (await w.request({ url: `/api/v1/audit?entityType=non_working_day&limit=200${query}` })).json().items;
const days = (res: { json(): { items: Array<{ day: string }> } }) => res.json().items.map((d) => d.day);

/** Asserts the refusal: its status, the pointers of its errors, and that no day and no audit event was written. */
async function refused(t: Test, request: () => ReturnType<typeof add>, status: number, pointers: string[] | null, what: string) {
  const [rows, events] = [await rowCount(), (await auditEvents()).length];
  const problem = assertProblem(t, await request(), status, what);
  if (pointers) t.same(problem.errors?.map((e) => e.pointer), pointers, `${what}: pointers`);
  t.equal(await rowCount(), rows, `${what}: no day written`);
  t.equal((await auditEvents()).length, events, `${what}: no audit event`);
  return problem;
}

t.test('POST adds a day with ETag "1" and Location; GET reads it back; every key reads', async (t) => {
  const created = await add({ day: '2030-02-04', name: 'Tết Nguyên đán' });
  t.equal(created.statusCode, 201, created.body);
  t.equal(created.headers.etag, '"1"');
  t.equal(created.headers.location, `${DAYS}/2030-02-04`);
  const day = created.json();
  t.match(day, { day: '2030-02-04', name: 'Tết Nguyên đán', version: 1 });
  t.match(day.id, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  t.equal(day.createdAt, day.updatedAt);

  const read = await get('2030-02-04');
  t.equal(read.statusCode, 200);
  t.equal(read.headers.etag, '"1"');
  t.same(read.json(), day);
  for (const key of [w.keys.reader, w.keys.division, w.keys.office]) {
    t.same((await get('2030-02-04', key)).json(), day, 'an editor or a reader reads it');
    t.same((await list('year=2030', key)).json(), { items: [day], nextCursor: null }, 'and lists it');
  }
  const notModified = await w.request({ url: `${DAYS}/2030-02-04`, headers: { 'if-none-match': '"1"' } });
  t.equal(notModified.statusCode, 304, 'If-None-Match with the current ETag');
});

t.test('lists by year and by from and to, in date order, the bounds included', async (t) => {
  for (const day of ['2032-09-02', '2032-01-01', '2032-04-30', '2033-01-03', '2032-05-03', '2031-12-31', '2032-09-03']) await added(day);
  const year = await list('year=2032');
  t.equal(year.statusCode, 200);
  t.same(days(year), ['2032-01-01', '2032-04-30', '2032-05-03', '2032-09-02', '2032-09-03'], 'the days of 2032, not 31 Dec 2031 or 1 Jan 2033');
  t.equal(year.json().nextCursor, null);
  t.same(days(await list('from=2032-04-30&to=2032-09-02')), ['2032-04-30', '2032-05-03', '2032-09-02'], 'from and to are inclusive');
  t.same(days(await list('from=2032-09-03')), ['2032-09-03', '2033-01-03'], 'from alone');
  t.same(days(await list('to=2032-01-01&from=2031-06-01')), ['2031-12-31', '2032-01-01']);
  t.same(days(await list('from=2032-05-02&to=2032-05-02')), [], 'none that day');
  t.same(days(await list('year=2032&from=2032-05-01')), ['2032-05-03', '2032-09-02', '2032-09-03'], 'year and from together');
  const all = days(await list('limit=200'));
  t.same(all, [...all].sort(), 'unfiltered, in date order too');
  t.ok(all.includes('2030-02-04') && all.includes('2033-01-03'));
});

t.test('pages of two over five days: every day once, in order, then no cursor', async (t) => {
  const five = ['2034-05-01', '2034-01-02', '2034-09-01', '2034-05-02', '2034-02-20'];
  for (const day of five) await added(day);
  const seen: string[] = [];
  const sizes: number[] = [];
  let cursor: string | null = null;
  do {
    const page = await list(`year=2034&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
    t.equal(page.statusCode, 200, page.body);
    sizes.push(page.json().items.length);
    seen.push(...days(page));
    cursor = page.json().nextCursor;
  } while (cursor && sizes.length < 10);
  t.same(sizes, [2, 2, 1]);
  t.same(seen, [...five].sort(), 'each day once, in date order');

  const first = await list('year=2034&limit=5');
  t.equal(first.json().nextCursor, null, 'a page that holds the last day gives no cursor');
  const fromCursor = await list(`from=2034-01-01&to=2034-12-31&limit=3`);
  const next = await list(`from=2034-01-01&to=2034-12-31&limit=3&cursor=${fromCursor.json().nextCursor}`);
  t.same([...days(fromCursor), ...days(next)], [...five].sort(), 'with from and to as well');
  t.equal(next.json().nextCursor, null);
});

t.test('PATCH renames under If-Match and takes a new version; 428 without, 412 when stale', async (t) => {
  const day = await added('2035-01-01', 'Tết Dương lịch');
  await refused(t, () => rename('2035-01-01', { name: 'Không If-Match' }), 428, null, 'no If-Match');
  const ok = await rename('2035-01-01', { name: 'Tết Dương lịch 2035' }, '"1"');
  t.equal(ok.statusCode, 200, ok.body);
  t.equal(ok.headers.etag, '"2"');
  t.match(ok.json(), { id: day.id, day: '2035-01-01', name: 'Tết Dương lịch 2035', version: 2, createdAt: day.createdAt });
  t.not(ok.json().updatedAt, day.updatedAt, 'updatedAt moves');
  t.same((await get('2035-01-01')).json(), ok.json());

  const stale = await refused(t, () => rename('2035-01-01', { name: 'Lost update' }, '"1"'), 412, null, 'a stale version');
  t.match(stale.detail, /version 1/);
  await refused(t, () => rename('2035-01-01', { name: 'Weak' }, 'W/"2"'), 412, null, 'a weak ETag');
  await refused(t, () => rename('2035-01-01', { name: 'Garbage' }, 'abc'), 412, null, 'no ETag at all');
  t.same((await get('2035-01-01')).json(), ok.json(), 'nothing changed');
  const any = await rename('2035-01-01', { name: 'Nghỉ Tết Dương lịch' }, '*');
  t.equal(any.statusCode, 200, '* matches any version');
  t.equal(any.json().version, 3);
});

t.test('DELETE removes under If-Match: 428 without, 412 when stale, then 204 and a 404', async (t) => {
  await added('2036-04-30', 'Ngày Giải phóng miền Nam');
  await refused(t, () => remove('2036-04-30'), 428, null, 'no If-Match');
  await refused(t, () => remove('2036-04-30', '"2"'), 412, null, 'a stale version');
  t.equal((await get('2036-04-30')).statusCode, 200, 'still there');
  const gone = await remove('2036-04-30', '"1"');
  t.equal(gone.statusCode, 204);
  t.equal(gone.body, '');
  assertProblem(t, await get('2036-04-30'), 404);
  t.same(days(await list('year=2036')), [], 'no longer listed');
  const again = await add({ day: '2036-04-30', name: 'Thêm lại' });
  t.equal(again.statusCode, 201, 'a removed day can be added again');
  t.equal(again.json().version, 1);
});

t.test('404 for a day not listed; 409 for a day already listed', async (t) => {
  const missing = assertProblem(t, await get('2037-06-15'), 404);
  t.match(missing.detail, /2037-06-15/);
  await refused(t, () => rename('2037-06-15', { name: 'x' }, '"1"'), 404, null, 'PATCH of a day not listed');
  await refused(t, () => remove('2037-06-15', '"1"'), 404, null, 'DELETE of a day not listed');
  assertProblem(t, await get('2037-06-12'), 404, 'a Saturday that is not listed is no listed day either');

  await added('2037-09-02', 'Quốc khánh');
  const dup = await refused(t, () => add({ day: '2037-09-02', name: 'Quốc khánh (trùng)' }), 409, null, 'the same day again');
  t.match(dup.detail, /2037-09-02/);
  t.equal((await get('2037-09-02')).json().name, 'Quốc khánh', 'the first name stays');
  const raced = await Promise.all([1, 2].map((i) => add({ day: '2037-09-03', name: `Nghỉ bù ${i}` })));
  t.same(raced.map((r) => r.statusCode).sort(), [201, 409], 'two at once: one is added, the other is a 409');
});

t.test('401 without a key; 403 for editors and readers on every write', async (t) => {
  await added('2038-01-01');
  assertProblem(t, await list('year=2038', null), 401, 'list without a key');
  assertProblem(t, await get('2038-01-01', null), 401, 'read without a key');
  assertProblem(t, await list('year=2038', 'not-a-key'), 401, 'a key that does not exist');
  await refused(t, () => add({ day: '2038-01-02', name: 'x' }, null), 401, null, 'POST without a key');
  await refused(t, () => rename('2038-01-01', { name: 'x' }, '"1"', null), 401, null, 'PATCH without a key');
  await refused(t, () => remove('2038-01-01', '"1"', null), 401, null, 'DELETE without a key');
  for (const [who, key] of [['the Office', w.keys.office], ['a division', w.keys.division], ['a reader', w.keys.reader]] as const) {
    await refused(t, () => add({ day: '2038-01-02', name: 'x' }, key), 403, null, `POST by ${who}`);
    await refused(t, () => rename('2038-01-01', { name: 'x' }, '"1"', key), 403, null, `PATCH by ${who}`);
    await refused(t, () => remove('2038-01-01', '"1"', key), 403, null, `DELETE by ${who}`);
  }
  t.match((await get('2038-01-01')).json(), { version: 1, name: 'Ngày nghỉ 2038-01-01' }, 'the day is as it was');
});

t.test('bad input is a 400 naming the field, and nothing is written', async (t) => {
  const body = (fields: object) => () => add({ day: '2039-05-02', name: 'Ngày nghỉ', ...fields });
  await refused(t, body({ day: '2039-02-30' }), 400, ['/body/day'], 'no such date');
  await refused(t, body({ day: '2039-13-01' }), 400, ['/body/day'], 'no 13th month');
  await refused(t, body({ day: '02/05/2039' }), 400, ['/body/day'], 'written the Vietnamese way');
  await refused(t, body({ day: '2039-05-02T00:00:00Z' }), 400, ['/body/day'], 'an instant');
  await refused(t, body({ day: 20390502 }), 400, ['/body/day'], 'a number');
  await refused(t, () => add({ name: 'Ngày nghỉ' }), 400, ['/body/day'], 'no day');
  await refused(t, body({ name: '' }), 400, ['/body/name', '/body/name'], 'an empty name (too short, and blank)');
  await refused(t, body({ name: '   ' }), 400, ['/body/name'], 'a blank name');
  await refused(t, body({ name: 'x'.repeat(201) }), 400, ['/body/name'], 'a name over 200 characters');
  await refused(t, () => add({ day: '2039-05-02' }), 400, ['/body/name'], 'no name');
  await refused(t, body({ kind: 'holiday' }), 400, ['/body/kind'], 'an unknown property');
  await refused(t, () => add([{ day: '2039-05-02', name: 'x' }]), 400, null, 'an array');

  await added('2039-09-02');
  await refused(t, () => rename('2039-09-02', { name: ' ' }, '"1"'), 400, ['/body/name'], 'PATCH: a blank name');
  await refused(t, () => rename('2039-09-02', {}, '"1"'), 400, ['/body/name'], 'PATCH: no name');
  await refused(t, () => rename('2039-09-02', { name: 'x', day: '2039-09-03' }, '"1"'), 400, ['/body/day'], 'PATCH: the day cannot be changed');
  t.equal((await get('2039-09-02')).json().version, 1, 'not renamed');

  assertProblem(t, await get('2039-02-30'), 400, 'GET of no such date');
  assertProblem(t, await get('tomorrow'), 400, 'GET of no date');
  await refused(t, () => rename('2039-02-30', { name: 'x' }, '"1"'), 400, null, 'PATCH of no such date');
  await refused(t, () => remove('2039-02-30', '"1"'), 400, null, 'DELETE of no such date');
});

t.test('days outside 2000–2100 are refused, and nothing is written', async (t) => {
  for (const day of ['1999-12-31', '2101-01-01', '0000-01-01', '9999-12-31']) {
    const [rows, events] = [await rowCount(), (await auditEvents()).length];
    const res = await add({ day, name: 'Ngoài khoảng' });
    t.equal(res.statusCode, 400, `${day}: refused as bad input`);
    t.match(res.headers['content-type'], /^application\/problem\+json/);
    t.notMatch(res.body, /non_working_days|constraint|violates|out of range/i, `${day}: no database wording`);
    t.equal(await rowCount(), rows, `${day}: no day written`);
    t.equal((await auditEvents()).length, events, `${day}: no audit event`);
  }
  t.equal((await add({ day: '2000-01-03', name: 'Ngày đầu' })).statusCode, 201, '2000 is in');
  const saturday = await add({ day: '2021-04-24', name: 'Thứ Bảy' });
  assertProblem(t, saturday, 422, 'a Saturday is never a working day: not listed');
  t.same(saturday.json().errors?.map((e: { pointer: string }) => e.pointer), ['/body/day']);
  t.equal((await add({ day: '2100-12-31', name: 'Ngày cuối' })).statusCode, 201, '2100 is in');
});

// The schema says it (a pattern on the year), so the database's CHECK is never what refuses it.
t.test('a day outside 2000–2100 is a 400 naming the field', async (t) => {
  const expect = async (res: Awaited<ReturnType<typeof add>>, pointer: string, what: string) => {
    t.equal(res.statusCode, 400, what);
    t.same(res.json().errors?.map((e: { pointer: string }) => e.pointer), [pointer], `${what}: pointer`);
  };
  for (const day of ['1999-12-31', '2101-01-01', '0000-01-01']) await expect(await add({ day, name: 'Ngoài khoảng' }), '/body/day', `POST ${day}`);
  await expect(await get('0000-01-01'), '/path/day', 'GET of year 0000');
  await expect(await list('from=0000-01-01'), '/query/from', 'from year 0000');
});

t.test('bad list queries are a 400 naming the parameter', async (t) => {
  const pointer = async (query: string, expected: string, what: string) => {
    const problem = assertProblem(t, await list(query), 400, what);
    t.same(problem.errors?.map((e) => e.pointer), [expected], `${what}: pointer`);
  };
  await pointer('from=2032-09-03&to=2032-09-02', '/query/to', 'from after to');
  await pointer('from=2032-02-30', '/query/from', 'from no such date');
  await pointer('to=31-12-2032', '/query/to', 'to not a date');
  await pointer('year=1999', '/query/year', 'a year before 2000');
  await pointer('year=2101', '/query/year', 'a year after 2100');
  await pointer('year=20x2', '/query/year', 'a year that is no number');
  await pointer('limit=0', '/query/limit', 'limit 0');
  await pointer('limit=201', '/query/limit', 'limit over 200');
  await pointer('cursor=bm90LWEtY3Vyc29y', '/query/cursor', 'a cursor this list did not give out');
  await pointer(`cursor=${Buffer.from('["2032-02-30"]').toString('base64url')}`, '/query/cursor', 'a cursor holding no date');
  await pointer('month=2', '/query/month', 'an unknown parameter');
});

t.test('Idempotency-Key: a retry replays the first answer; another body with the same key is a 422', async (t) => {
  const headers = { 'idempotency-key': 'add-2040-09-03' };
  const first = await add({ day: '2040-09-03', name: 'Nghỉ bù Quốc khánh' }, undefined, headers);
  t.equal(first.statusCode, 201, first.body);
  const replay = await add({ name: 'Nghỉ bù Quốc khánh', day: '2040-09-03' }, undefined, headers);
  t.equal(replay.statusCode, 201, 'the retry is answered as the first was, not a 409');
  t.same(replay.json(), first.json());
  t.equal(replay.headers.location, first.headers.location);
  t.equal(replay.headers.etag, '"1"');
  t.equal((await auditEvents(`&entityId=${first.json().id}`)).length, 1, 'one day added, one audit event');
  await refused(t, () => add({ day: '2040-09-04', name: 'Khác' }, undefined, headers), 422, null, 'the same key, another body');
  assertProblem(t, await get('2040-09-04'), 404);
});

t.test('each change is audited with the admin, before and after', async (t) => {
  const day = await added('2041-04-30', 'Giải phóng miền Nam');
  await rename('2041-04-30', { name: 'Ngày Giải phóng miền Nam' }, '"1"');
  await remove('2041-04-30', '"2"');
  const events = await auditEvents(`&entityId=${day.id}`);
  t.same(events.map((e: { action: string }) => e.action), ['delete', 'update', 'create'], 'newest first');
  const [deleted, updated, created] = events;
  t.match(created, { entityType: 'non_working_day', entityId: day.id, actor: { name: 'admin key for tests' }, before: null, after: { day: '2041-04-30', name: 'Giải phóng miền Nam', version: 1 } });
  t.match(updated, { before: { name: 'Giải phóng miền Nam', version: 1 }, after: { name: 'Ngày Giải phóng miền Nam', version: 2 } });
  t.match(deleted, { before: { day: '2041-04-30', name: 'Ngày Giải phóng miền Nam', version: 2 }, after: null });
  t.type(created.actor.keyId, 'string', 'the admin key is named');
  const creates = await auditEvents('&action=create');
  t.ok(creates.some((e: { entityId: string }) => e.entityId === day.id), 'listed among the calendar’s creations');
  t.same([...new Set(creates.map((e: { entityType: string }) => e.entityType))], ['non_working_day'], 'and the units the world added are not');
});
