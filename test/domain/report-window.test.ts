// Report windows: the CCHC cut-off window for every cut-off day an issuer may set, the calendar
// half-year and year, the due dates, and lateness.
import t from 'tap';
import { isCalendarDate } from '../../src/domain/periods.js';
import { DEFAULT_CUTOFF_DAY, isLate, reportWindow } from '../../src/domain/report-window.js';

t.test('the cut-off window by default: 15 December of the year before to 14 June or 14 December, due the 20th', async (t) => {
  t.equal(DEFAULT_CUTOFF_DAY, 15);
  t.same(reportWindow('six_month', 'cutoff', 2021), { from: '2020-12-15', to: '2021-06-14', dueOn: '2021-06-20' });
  t.same(reportWindow('annual', 'cutoff', 2021), { from: '2020-12-15', to: '2021-12-14', dueOn: '2021-12-20' });
});

t.test('the calendar window: 1 January to 30 June or 31 December', async (t) => {
  // A calendar window runs to the month's end: due on the 20th of the month after it, never inside it.
  t.same(reportWindow('six_month', 'calendar', 2021), { from: '2021-01-01', to: '2021-06-30', dueOn: '2021-07-20' });
  t.same(reportWindow('annual', 'calendar', 2024), { from: '2024-01-01', to: '2024-12-31', dueOn: '2025-01-20' });
  t.same(reportWindow('six_month', 'calendar', 2021, 3), reportWindow('six_month', 'calendar', 2021), 'the cut-off day does not move it');
});

t.test('another cut-off day moves both ends; day 1 ends the window at the end of May or November', async (t) => {
  t.same(reportWindow('six_month', 'cutoff', 2021, 10), { from: '2020-12-10', to: '2021-06-09', dueOn: '2021-06-20' });
  t.same(reportWindow('six_month', 'cutoff', 2021, 2), { from: '2020-12-02', to: '2021-06-01', dueOn: '2021-06-20' });
  t.same(reportWindow('annual', 'cutoff', 2021, 20), { from: '2020-12-20', to: '2021-12-19', dueOn: '2021-12-20' });
});

t.test('every cut-off day, kind and year: real dates, six or twelve months back to back, due in the last month after it closes', async (t) => {
  let checked = 0;
  for (const year of [2000, 2021, 2024, 2100]) {
    for (let day = 2; day <= 20; day++) {
      const half = reportWindow('six_month', 'cutoff', year, day);
      const whole = reportWindow('annual', 'cutoff', year, day);
      for (const w of [half, whole]) {
        const fine = [w.from, w.to, w.dueOn].every(isCalendarDate) && w.from <= w.to && w.dueOn.slice(0, 7) === w.to.slice(0, 7) && w.to < w.dueOn;
        if (!fine) t.fail(`${year} day ${day}: ${JSON.stringify(w)}`);
      }
      if (half.from !== whole.from) t.fail(`${year} day ${day}: both windows start together`);
      // The next annual window starts the day after this one ends: no day is counted twice or left out.
      const next = reportWindow('annual', 'cutoff', year + 1, day);
      const dayAfter = new Date(Date.parse(`${whole.to}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
      if (next.from !== dayAfter) t.fail(`${year} day ${day}: ${next.from} follows ${whole.to}`);
      checked++;
    }
  }
  t.equal(checked, 4 * 19);
});

t.test('a cut-off day outside 2–20 is a programming error', async (t) => {
  for (const day of [1, 21, 28, 2.5]) t.throws(() => reportWindow('six_month', 'cutoff', 2021, day), RangeError, `${day}`);
});

t.test('late: submitted after the due date, the due date itself on time', async (t) => {
  t.equal(isLate('2021-06-20', '2021-06-20'), false);
  t.equal(isLate('2021-06-19', '2021-06-20'), false);
  t.equal(isLate('2021-06-21', '2021-06-20'), true);
});
