// The window a periodic CCHC report takes its data from, and when it is due (DOMAIN.md "Reports";
// Nghị định 09/2019/NĐ-CP): the cut-off window, from the issuer's cut-off day of December of the
// year before to the day before it in June or December, or the calendar half-year or year.

export type ReportKind = 'six_month' | 'annual';
export type ReportWindowKind = 'cutoff' | 'calendar';

export interface ReportWindow {
  from: string;
  to: string;
  /** The 20th of the window's last month. */
  dueOn: string;
}

/** The cut-off day the reporting guidance sets (15 December to 14 June); an issuer may set another, 1 to 28. */
export const DEFAULT_CUTOFF_DAY = 15;

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
 * The window of the report of `year` and its due date. A cut-off day of 1 ends the window on the
 * last day of May or November: the day before the 1st.
 */
export function reportWindow(kind: ReportKind, windowKind: ReportWindowKind, year: number, cutoffDay = DEFAULT_CUTOFF_DAY): ReportWindow {
  if (!Number.isInteger(cutoffDay) || cutoffDay < 1 || cutoffDay > 28) throw new RangeError(`a cut-off day is 1 to 28, not ${cutoffDay}`);
  const lastMonth = kind === 'six_month' ? 6 : 12;
  const from = windowKind === 'cutoff' ? shifted(year - 1, 12, cutoffDay) : `${year}-01-01`;
  // Day 0 of the next month is the last of this one.
  const to = windowKind === 'cutoff' ? shifted(year, lastMonth, cutoffDay, -1) : shifted(year, lastMonth + 1, 0);
  return { from, to, dueOn: `${to.slice(0, 7)}-${pad(DUE_DAY)}` };
}

/** Whether a report submitted on `submittedOn` (a Vietnam date) was late for `dueOn`. */
export function isLate(submittedOn: string, dueOn: string): boolean {
  return submittedOn > dueOn;
}
