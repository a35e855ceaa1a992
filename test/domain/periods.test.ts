// Periods and Vietnam dates: the forms a period is written in, the dates it covers, and the months
// a range touches.
import t from 'tap';
import { isCalendarDate, monthsOf, PERIOD_EXAMPLES, PERIOD_PATTERN, periodRange, vietnamToday } from '../../src/domain/periods.js';

t.test('periodRange: every form and the dates it covers', async (t) => {
  const cases: Array<[string, string, string]> = [
    ['2021', '2021-01-01', '2021-12-31'],
    ['2021-H1', '2021-01-01', '2021-06-30'],
    ['2021-H2', '2021-07-01', '2021-12-31'],
    ['2021-Q1', '2021-01-01', '2021-03-31'],
    ['2021-Q2', '2021-04-01', '2021-06-30'],
    ['2021-Q3', '2021-07-01', '2021-09-30'],
    ['2021-Q4', '2021-10-01', '2021-12-31'],
    ['2021-01', '2021-01-01', '2021-01-31'],
    ['2021-04', '2021-04-01', '2021-04-30'],
    ['2021-09', '2021-09-01', '2021-09-30'],
    ['2021-12', '2021-12-01', '2021-12-31'],
    ['2021-02', '2021-02-01', '2021-02-28'],
    ['2024-02', '2024-02-01', '2024-02-29'],
    ['2000-02', '2000-02-01', '2000-02-29'],
    ['2100-02', '2100-02-01', '2100-02-28'],
    ['2024-Q1', '2024-01-01', '2024-03-31'],
    ['2021-03-01/2021-04-15', '2021-03-01', '2021-04-15'],
    ['2021-03-01/2021-03-01', '2021-03-01', '2021-03-01'],
    ['2020-12-15/2021-06-14', '2020-12-15', '2021-06-14'],
    ['2024-02-29/2024-03-01', '2024-02-29', '2024-03-01'],
  ];
  for (const [period, from, to] of cases) t.same(periodRange(period), { from, to }, `${period} → ${from}..${to}`);
});

t.test('periodRange: null for what is not a period', async (t) => {
  for (const period of [
    '', '21', '2021-13', '2021-00', '2021-Q0', '2021-Q5', '2021-H0', '2021-H3', '2021-q2', '2021-h1', '2021-3', '2021/03', ' 2021', '2021 ',
    '2021-03-01', '2021-03-01/', '/2021-03-01', '2021-03-01/2021-04-15/2021-05-01', '2021-03-01 / 2021-04-15',
    '2021-04-15/2021-03-01', '2021-03-02/2021-03-01', '2021-02-29/2021-03-01', '2023-02-01/2023-02-29', '2021-04-31/2021-05-01',
    '2021-13-01/2021-13-02', '2021-00-10/2021-01-10', '2021-01-00/2021-01-10', 'Tháng 3 năm 2021',
    // Years outside 2000–2100 (issue 7: `0000-01-01/9999-12-31` reached the database).
    '1999', '2101', '0000', '9999-Q1', '1999-12', '0000-01-01/9999-12-31', '1999-12-31/2000-01-01', '2100-12-31/2101-01-01',
  ]) {
    t.equal(periodRange(period), null, JSON.stringify(period));
  }
});

t.test('PERIOD_PATTERN accepts what periodRange reads, short of calendar checks', async (t) => {
  const pattern = new RegExp(PERIOD_PATTERN);
  for (const ok of ['2021', '2021-H2', '2021-Q4', '2021-11', '2021-03-01/2021-04-15', '2021-04-15/2021-03-01']) t.match(ok, pattern, `${ok} matches`);
  for (const bad of ['2021-13', '2021-Q5', '2021-H3', '2021-3', '2021-03-01']) t.notMatch(bad, pattern, `${bad} does not`);
});

t.test('one rule for the years: PERIOD_PATTERN and periodRange both take 2000–2100 and nothing else', async (t) => {
  const pattern = new RegExp(PERIOD_PATTERN);
  for (const ok of ['2000', '2100', '2000-01', '2100-H2', '2000-01-01/2100-12-31']) {
    t.match(ok, pattern, `${ok} matches`);
    t.ok(periodRange(ok), `${ok} has a range`);
  }
  for (const bad of ['1999', '2101', '0000-01-01/9999-12-31', '1999-12-31/2000-01-01', '2100-12-31/2101-01-01', '3021-Q1']) {
    t.notMatch(bad, pattern, `${bad} does not match`);
    t.equal(periodRange(bad), null, `${bad} has no range`);
  }
  for (const example of PERIOD_EXAMPLES) t.ok(periodRange(example), `the example ${example} is a period`);
});

t.test('isCalendarDate', async (t) => {
  for (const date of ['2021-01-01', '2021-12-31', '2024-02-29', '2000-02-29', '2021-04-30', '1999-07-15']) t.ok(isCalendarDate(date), `${date} is a date`);
  for (const date of ['2021-02-29', '2100-02-29', '1900-02-29', '2021-04-31', '2021-13-01', '2021-00-10', '2021-01-00', '2021-01-32', '2021-1-01', '2021-01-1', '20210101', '2021-01-01T00:00:00Z', ' 2021-01-01', '']) {
    t.notOk(isCalendarDate(date), `${JSON.stringify(date)} is not`);
  }
});

t.test('monthsOf: the months a range touches, across a year boundary', async (t) => {
  t.same(monthsOf({ from: '2021-03-01', to: '2021-03-31' }), ['2021-03']);
  t.same(monthsOf({ from: '2021-03-15', to: '2021-03-15' }), ['2021-03'], 'a single day');
  t.same(monthsOf({ from: '2021-04-01', to: '2021-06-30' }), ['2021-04', '2021-05', '2021-06']);
  t.same(monthsOf({ from: '2021-03-31', to: '2021-04-01' }), ['2021-03', '2021-04'], 'two days in two months');
  t.same(monthsOf({ from: '2021-11-20', to: '2022-02-03' }), ['2021-11', '2021-12', '2022-01', '2022-02']);
  t.same(monthsOf({ from: '2020-12-15', to: '2021-01-14' }), ['2020-12', '2021-01']);
  t.equal(monthsOf({ from: '2020-01-01', to: '2022-12-31' }).length, 36);
  t.same(monthsOf(periodRange('2021')!), Array.from({ length: 12 }, (_, i) => `2021-${String(i + 1).padStart(2, '0')}`));
  t.same(monthsOf(periodRange('2021-H2')!), ['2021-07', '2021-08', '2021-09', '2021-10', '2021-11', '2021-12']);
});

t.test('vietnamToday: the date in Asia/Ho_Chi_Minh (UTC+7)', async (t) => {
  t.equal(vietnamToday(new Date('2021-03-31T16:59:59Z')), '2021-03-31', '23:59:59 in Vietnam is still the 31st');
  t.equal(vietnamToday(new Date('2021-03-31T17:00:00Z')), '2021-04-01', 'midnight in Vietnam is the 1st');
  t.equal(vietnamToday(new Date('2021-12-31T17:00:00Z')), '2022-01-01', 'the year turns at 17:00 UTC');
  t.equal(vietnamToday(new Date('2021-12-31T16:59:59.999Z')), '2021-12-31');
  t.equal(vietnamToday(new Date('2024-02-28T17:30:00Z')), '2024-02-29', 'a leap day');
  t.equal(vietnamToday(new Date('2021-06-01T00:00:00+07:00')), '2021-06-01', 'midnight written with the +07:00 offset');
  t.equal(vietnamToday(new Date('2021-06-01T06:59:59+07:00')), '2021-06-01');
  t.equal(vietnamToday(new Date('2021-05-31T23:00:00-05:00')), '2021-06-01', 'the offset of the input does not matter');
  const before = vietnamToday(new Date(Date.now() - 1000));
  const now = vietnamToday();
  t.ok(now === before || now > before, 'no argument is now');
  t.match(now, /^\d{4}-\d{2}-\d{2}$/);
  t.ok(isCalendarDate(now));
});

t.test('property: every month of several years covers itself; the months tile each year', async (t) => {
  let checked = 0;
  for (const year of [2000, 2020, 2021, 2023, 2024, 2025, 2096, 2100]) {
    const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
    let expectedFrom = `${year}-01-01`;
    const months: string[] = [];
    for (let month = 1; month <= 12; month++) {
      const key = `${year}-${String(month).padStart(2, '0')}`;
      const range = periodRange(key);
      if (!range) {
        t.fail(`${key} has no range`);
        continue;
      }
      const ok = range.from <= range.to && range.from === expectedFrom && range.from === `${key}-01` && isCalendarDate(range.to) &&
        range.to.startsWith(key) && nextDay(range.to).slice(0, 7) !== key;
      t.ok(ok, `${key}: ${range.from}..${range.to} starts where the month before ended and is the whole month`);
      t.same(monthsOf(range), [key]);
      expectedFrom = nextDay(range.to);
      months.push(key);
      checked++;
    }
    t.equal(expectedFrom, `${year + 1}-01-01`, `the months of ${year} end on 31 December`);
    t.equal(periodRange(`${year}-02`)!.to, `${year}-02-${leap ? 29 : 28}`, `February ${year}`);
    t.same(monthsOf(periodRange(String(year))!), months, `${year} is its twelve months`);
    const quarters = [1, 2, 3, 4].map((q) => periodRange(`${year}-Q${q}`)!);
    const halves = [1, 2].map((h) => periodRange(`${year}-H${h}`)!);
    t.same([quarters[0]!.from, nextDay(quarters[0]!.to), nextDay(quarters[1]!.to), nextDay(quarters[2]!.to), nextDay(quarters[3]!.to)],
      [`${year}-01-01`, quarters[1]!.from, quarters[2]!.from, quarters[3]!.from, `${year + 1}-01-01`], `the quarters of ${year} tile it`);
    t.same([halves[0]!.from, nextDay(halves[0]!.to), halves[1]!.to], [`${year}-01-01`, halves[1]!.from, `${year}-12-31`], `the halves of ${year} tile it`);
    t.same({ from: quarters[0]!.from, to: quarters[1]!.to }, halves[0], 'Q1 and Q2 make H1');
  }
  t.equal(checked, 96);
});

function nextDay(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}
