// Working days: a question is due QUESTION_RESPONSE_DAYS working days after its Vietnam (UTC+7) date
// of receipt, the day itself not counted, weekends and the calendar's non-working days skipped (Tết
// 2021); response times in working days; the due dates a calendar change moves (and those it leaves
// alone); the SQL functions working_days_after and working_days_between, checked against a count in
// JavaScript.
import { sql } from 'kysely';
import t from 'tap';
import { vietnamToday } from '../../../src/domain/periods.js';
import { buildApp } from '../../../src/app.js';
import { loadConfig } from '../../../src/config.js';
import { QUESTION, questionWorld } from './fixtures.js';

const w = await questionWorld(t);
const DAYS = '/api/v1/calendar/non-working-days';
// Tết Tân Sửu: Wednesday 10 to Tuesday 16 February 2021; its weekdays.
const TET_2021 = ['2021-02-10', '2021-02-11', '2021-02-12', '2021-02-15', '2021-02-16'];

const after = async (day: string, n: number) =>
  (await sql<{ d: string }>`SELECT working_days_after(${day}::date, ${n}::int)::text AS d`.execute(w.db)).rows[0]!.d;
const between = async (from: string, to: string) =>
  (await sql<{ n: number }>`SELECT working_days_between(${from}::date, ${to}::date) AS n`.execute(w.db)).rows[0]!.n;

// The same rules in JavaScript, to check the SQL against.
const nextDay = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
const isWorkingDay = (day: string, holidays: string[]) => ![0, 6].includes(new Date(`${day}T00:00:00Z`).getUTCDay()) && !holidays.includes(day);
function refAfter(day: string, n: number, holidays: string[]): string {
  let d = day;
  for (let left = n; left > 0; ) if (isWorkingDay((d = nextDay(d)), holidays)) left--;
  return d;
}
function refBetween(from: string, to: string, holidays: string[]): number {
  let count = 0;
  for (let d = from; d < to; ) if (isWorkingDay((d = nextDay(d)), holidays)) count++;
  return count;
}

async function addDays(days: string[], name: string) {
  for (const day of days) {
    const res = await w.request({ method: 'POST', url: DAYS, payload: { day, name } });
    if (res.statusCode !== 201) throw new Error(`could not add ${day}: ${res.body}`);
  }
}
const question = async (id: string) => (await w.request({ url: `/api/v1/questions/${id}` })).json();
const row = (id: string) => w.db.selectFrom('questions').select(['dueOn', 'version']).where('id', '=', id).executeTakeFirstOrThrow();

t.test('Tết 2021: a question received before it is due a week later', async (t) => {
  const early = await w.ask({ receivedAt: '2021-02-05T02:00:00.000Z' });
  t.equal(early.dueOn, '2021-02-12', 'without the holidays: five weekdays after Friday 5 February');
  t.equal(early.responseDays, 5);

  await addDays(TET_2021, 'Tết Nguyên đán Tân Sửu');
  const moved = await question(early.id);
  t.equal(moved.dueOn, '2021-02-19', 'the question recorded before the holidays were added moves with them');
  t.equal(moved.version, early.version + 5, 'a new version for each holiday that moved it');

  const friday = await w.ask({ receivedAt: '2021-02-05T02:00:00.000Z' });
  t.equal(friday.dueOn, '2021-02-19', 'received Friday 5 February: Mon 8, Tue 9, Wed 17, Thu 18, Fri 19');
  t.equal(friday.version, 1);
  const saturday = await w.ask({ receivedAt: '2021-02-06T03:00:00.000Z' });
  t.equal(saturday.dueOn, '2021-02-19', 'received Saturday 6 February: the same five days');
  const onHoliday = await w.ask({ receivedAt: '2021-02-11T03:00:00.000Z' });
  t.equal(onHoliday.dueOn, '2021-02-23', 'received on a holiday: counted from the next working day, Wed 17');

  const steps = [];
  for (const n of [1, 2, 3, 4, 5]) steps.push(await after('2021-02-05', n));
  t.same(steps, ['2021-02-08', '2021-02-09', '2021-02-17', '2021-02-18', '2021-02-19'], 'working_days_after, day by day');
  for (const n of [1, 10, 22, 60]) t.equal(await after('2021-02-05', n), refAfter('2021-02-05', n, TET_2021), `working_days_after(5 Feb, ${n}) as counted in JavaScript`);
  t.equal(await after('2021-02-09', 1), '2021-02-17', 'the first working day after Tết');
});

t.test('the day of receipt is the date in Vietnam; weekends are skipped', async (t) => {
  const cases: Array<[string, string, string]> = [
    ['2021-03-04T02:00:00.000Z', '2021-03-11', 'Thursday morning → Thursday a week on'],
    ['2021-03-04T16:59:59.999Z', '2021-03-11', 'Thursday 23:59:59 in Vietnam is still Thursday'],
    ['2021-03-04T17:00:00.000Z', '2021-03-12', 'Thursday 17:00 UTC is Friday 00:00 in Vietnam'],
    ['2021-03-05T02:00:00.000Z', '2021-03-12', 'Friday → Friday a week on, over the weekend'],
    ['2021-03-05T18:00:00.000Z', '2021-03-12', 'Friday 18:00 UTC is Saturday 01:00 in Vietnam: Mon 8 … Fri 12'],
    ['2021-03-07T10:00:00.000Z', '2021-03-12', 'Sunday → the Friday after'],
    ['2021-03-05T00:30:00+07:00', '2021-03-12', 'an instant written with the Vietnam offset'],
  ];
  for (const [receivedAt, dueOn, what] of cases) {
    const q = await w.ask({ receivedAt });
    t.equal(q.dueOn, dueOn, what);
  }
  const offset = await w.ask({ receivedAt: '2021-03-05T00:30:00+07:00' });
  t.equal(offset.receivedAt, '2021-03-04T17:30:00.000Z', 'kept as the instant it is');

  const thursday = await w.ask({ receivedAt: '2021-03-04T02:00:00.000Z' });
  const corrected = await w.request({
    method: 'PATCH',
    url: `/api/v1/questions/${thursday.id}`,
    key: w.keys.office,
    headers: { 'if-match': '"1"' },
    payload: { receivedAt: '2021-03-05T18:00:00.000Z' },
  });
  t.equal(corrected.statusCode, 200, corrected.body);
  t.equal(corrected.json().dueOn, '2021-03-12', 'a corrected receipt moves the due date');
  t.equal(await after('2021-12-31', 1), '2022-01-03', 'over the turn of a year and a weekend');
});

t.test('response times in working days', async (t) => {
  t.equal(await between('2021-02-05', '2021-02-17'), 3, 'Friday 5 to Wednesday 17 February: Mon 8, Tue 9, Wed 17');
  t.equal(await between('2021-02-05', '2021-02-05'), 0, 'the same day');
  t.equal(await between('2021-02-06', '2021-02-06'), 0, 'the same day, a Saturday');
  t.equal(await between('2021-02-05', '2021-02-07'), 0, 'only a weekend after');
  t.equal(await between('2021-02-06', '2021-02-08'), 1, 'Saturday to Monday');
  t.equal(await between('2021-02-09', '2021-02-16'), 0, 'only Tết and a weekend after');
  t.equal(await between('2021-03-04', '2021-03-11'), 5, 'a week with no holiday');
  t.equal(await between('2021-02-05', await after('2021-02-05', 5)), 5, 'answered on the due date: the response days');
  t.equal(await between('2021-01-04', '2021-12-31'), refBetween('2021-01-04', '2021-12-31', TET_2021), 'a whole year as counted in JavaScript');

  const now = new Date(Date.now() - 1000).toISOString();
  const today = await w.ask({ receivedAt: now });
  const answered = await w.step(today.id, 'answer', { answer: 'Đã trả lời ngay.' });
  t.equal(answered.statusCode, 200, answered.body);
  const a = answered.json();
  // 0 unless Vietnam's midnight fell between the receipt and the answer.
  t.equal(a.responseWorkingDays, refBetween(vietnamToday(new Date(now)), vietnamToday(new Date(a.answeredAt)), TET_2021), 'answered the day it came: 0');
  t.equal(a.answeredOnTime, true);

  const old = await w.ask({ receivedAt: '2021-02-05T02:00:00.000Z' });
  const late = (await w.step(old.id, 'answer', { answer: 'Trả lời muộn.' })).json();
  const answeredOn = vietnamToday(new Date(late.answeredAt));
  t.equal(late.responseWorkingDays, refBetween('2021-02-05', answeredOn, TET_2021), 'from 5 February 2021 to today, Tết skipped');
  t.equal(late.responseWorkingDays, await between('2021-02-05', answeredOn));
  t.equal(late.answeredOnTime, false, 'answered years after 19 February 2021');
});

t.test('adding and removing a day moves the due dates whose span holds it, and only those', async (t) => {
  const spans = await w.ask({ receivedAt: '2021-04-19T02:00:00.000Z' });
  const dueThatDay = await w.ask({ receivedAt: '2021-04-14T02:00:00.000Z' });
  const endsBefore = await w.ask({ receivedAt: '2021-04-12T02:00:00.000Z' });
  const receivedThatDay = await w.ask({ receivedAt: '2021-04-21T02:00:00.000Z' });
  const receivedAfter = await w.ask({ receivedAt: '2021-04-22T02:00:00.000Z' });
  const removed = await w.ask({ receivedAt: '2021-04-19T02:00:00.000Z' });
  const answered = await w.ask({ receivedAt: '2021-04-19T02:00:00.000Z' });
  t.equal((await w.step(answered.id, 'answer', { answer: 'Đã trả lời.' })).statusCode, 200);
  t.same(
    [spans, dueThatDay, endsBefore, receivedThatDay, receivedAfter].map((q) => q.dueOn),
    ['2021-04-26', '2021-04-21', '2021-04-19', '2021-04-28', '2021-04-29'],
    'the due dates before the calendar change',
  );
  t.equal((await w.request({ method: 'DELETE', url: `/api/v1/questions/${removed.id}`, headers: { 'if-match': '"1"' } })).statusCode, 204);
  const removedBefore = await row(removed.id);

  const added = await w.request({ method: 'POST', url: DAYS, payload: { day: '2021-04-21', name: 'Giỗ Tổ Hùng Vương' } });
  t.equal(added.statusCode, 201, added.body);
  const moved = await question(spans.id);
  t.equal(moved.dueOn, '2021-04-27', 'received Monday 19 April, due Tuesday 27 with Wednesday 21 off');
  t.equal(moved.version, 2, 'and a new version');
  t.equal((await w.request({ url: `/api/v1/questions/${spans.id}` })).headers.etag, '"2"', 'which its ETag says');
  t.match(await question(dueThatDay.id), { dueOn: '2021-04-22', version: 2 }, 'due on the day itself: moves to the next working day');
  t.match(await question(endsBefore.id), { dueOn: '2021-04-19', version: 1 }, 'due before the day: untouched');
  t.match(await question(receivedThatDay.id), { dueOn: '2021-04-28', version: 1 }, 'received on the day, which is not counted: untouched');
  t.match(await question(receivedAfter.id), { dueOn: '2021-04-29', version: 1 }, 'received after the day: untouched');
  t.same(await row(removed.id), removedBefore, 'a removed question keeps its tombstone as it was');
  t.match(await question(answered.id), { dueOn: '2021-04-26', version: 2 }, 'an answered question keeps its due date: whether it was on time does not change');

  const renamed = await w.request({ method: 'PATCH', url: `${DAYS}/2021-04-21`, headers: { 'if-match': '"1"' }, payload: { name: 'Giỗ Tổ Hùng Vương (10/3 âm lịch)' } });
  t.equal(renamed.statusCode, 200, renamed.body);
  t.match(await question(spans.id), { dueOn: '2021-04-27', version: 2 }, 'a new name moves nothing');

  const gone = await w.request({ method: 'DELETE', url: `${DAYS}/2021-04-21`, headers: { 'if-match': '"2"' } });
  t.equal(gone.statusCode, 204, gone.body);
  t.match(await question(spans.id), { dueOn: '2021-04-26', version: 3 }, 'the day removed: back to Monday 26, a new version again');
  t.match(await question(dueThatDay.id), { dueOn: '2021-04-21', version: 3 });
  t.match(await question(endsBefore.id), { dueOn: '2021-04-19', version: 1 });
  t.match(await question(receivedThatDay.id), { dueOn: '2021-04-28', version: 1 });
  t.match(await question(receivedAfter.id), { dueOn: '2021-04-29', version: 1 });
  t.same(await row(removed.id), removedBefore);
  t.equal(await after('2021-04-19', 5), '2021-04-26', 'working_days_after no longer skips it');

  const audit = await w.request({ url: `/api/v1/audit?entityType=question&entityId=${spans.id}&action=update` });
  t.same(audit.json().items.map((e: { before: { dueOn: string }; after: { dueOn: string } }) => [e.before.dueOn, e.after.dueOn]).sort(), [['2021-04-26', '2021-04-27'], ['2021-04-27', '2021-04-26']], 'each move audited');
});

t.test('QUESTION_RESPONSE_DAYS sets the working days a question is due in', async (t) => {
  // A second app on the same database (building one is cheap; a database is not).
  const ten = await buildApp({ config: loadConfig({ RATE_LIMIT_MAX: '100000', QUESTION_RESPONSE_DAYS: '10' }), db: w.db });
  t.teardown(() => ten.close());
  await ten.ready();
  const ask = async (receivedAt: string) => {
    const res = await ten.inject({ method: 'POST', url: '/api/v1/questions', headers: { authorization: `Bearer ${w.keys.office}` }, payload: { ...QUESTION, receivedAt } });
    t.equal(res.statusCode, 201, res.body);
    return res.json();
  };
  const q = await ask('2021-03-05T02:00:00.000Z');
  t.equal(q.responseDays, 10);
  t.equal(q.dueOn, '2021-03-19', 'ten working days after Friday 5 March');
  const tet = await ask('2021-02-05T02:00:00.000Z');
  t.equal(tet.dueOn, '2021-02-26', 'across Tết: 8, 9, 17, 18, 19, 22 … 26 February');
  t.equal((await w.ask({ receivedAt: '2021-03-05T02:00:00.000Z' })).responseDays, 5, 'the other app keeps its 5');

  const moved = await w.request({ method: 'POST', url: DAYS, payload: { day: '2021-03-18', name: 'Nghỉ bù' } });
  t.equal(moved.statusCode, 201, moved.body);
  t.match(await question(q.id), { dueOn: '2021-03-22', version: 2 }, 'a calendar change recomputes with the question’s own response days');
});
