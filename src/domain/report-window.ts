// The window a periodic CCHC report takes its data from, and when it is due (DOMAIN.md "Reports";
// Nghị định 09/2019/NĐ-CP): the cut-off window, from the issuer's cut-off day of December of the
// year before to the day before it in June or December, or the calendar half-year or year.

export type ReportKind = 'six_month' | 'annual';
export type ReportWindowKind = 'cutoff' | 'calendar';

export interface ReportWindow {
  from: string;
  to: string;
  /** The 20th of the window's last month (cut-off); of the month after it (calendar, which runs to the month's end). */
  dueOn: string;
}

/** The cut-off day the reporting guidance sets (15 December to 14 June); an issuer may set another, 2 to 20. */
export const DEFAULT_CUTOFF_DAY = 15;
/** A cut-off window must end in its June or December, by the 19th, so that it is over before the report is due on the 20th. */
export const CUTOFF_DAYS = { min: 2, max: 20 } as const;

/** The day reports fall due, in the window's last month. */
const DUE_DAY = 20;

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** The date `days` days after year-month-day (negative: before), as YYYY-MM-DD. */
function shifted(year: number, month: number, day: number, days = 0): string {
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

/**
 * The window of the report of `year` and its due date. A cut-off window is due on the 20th of its
 * last month, days after it closes (the guidance's rule); a calendar window runs to the month's
 * end, so the 20th of that month would fall inside it: it is due on the 20th of the month after.
 */
export function reportWindow(kind: ReportKind, windowKind: ReportWindowKind, year: number, cutoffDay = DEFAULT_CUTOFF_DAY): ReportWindow {
  if (!Number.isInteger(cutoffDay) || cutoffDay < CUTOFF_DAYS.min || cutoffDay > CUTOFF_DAYS.max) {
    throw new RangeError(`a cut-off day is ${CUTOFF_DAYS.min} to ${CUTOFF_DAYS.max}, not ${cutoffDay}`);
  }
  const lastMonth = kind === 'six_month' ? 6 : 12;
  if (windowKind === 'cutoff') {
    const to = shifted(year, lastMonth, cutoffDay, -1);
    return { from: shifted(year - 1, 12, cutoffDay), to, dueOn: `${to.slice(0, 7)}-${pad(DUE_DAY)}` };
  }
  // Day 0 of the next month is the last of this one.
  return { from: `${year}-01-01`, to: shifted(year, lastMonth + 1, 0), dueOn: shifted(year, lastMonth + 1, DUE_DAY) };
}

/** Whether a report submitted on `submittedOn` (a Vietnam date) was late for `dueOn`. */
export function isLate(submittedOn: string, dueOn: string): boolean {
  return submittedOn > dueOn;
}
