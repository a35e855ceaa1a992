// Periods as the service writes them (2021, 2021-H1, 2021-Q3, 2021-05, or a date range
// 2021-03-01/2021-04-15) and the dates they cover. Dates are Vietnam dates (UTC+7, no DST).

export interface DateRange {
  from: string;
  to: string;
}

/** The years a period may fall in: those of plans (a sane range, and dates PostgreSQL stores). */
export const PERIOD_YEARS = { min: 2000, max: 2100 } as const;

/** One of each form a period is written in, as the schemas show them and the errors list them. */
export const PERIOD_EXAMPLES = ['2021', '2021-H1', '2021-Q2', '2021-03', '2021-03-01/2021-04-15'] as const;

/** What a period is, for messages: "… must be a period: a year (2021), …". */
export const PERIOD_FORMS =
  `a year (2021), half (2021-H1), quarter (2021-Q2), month (2021-03) or date range (2021-03-01/2021-04-15), in the years ${PERIOD_YEARS.min}–${PERIOD_YEARS.max}`;

/** Why a text is not a period, for every message that refuses one (the schema's, the services', the CSV's). */
export const NOT_A_PERIOD = `must be a period: ${PERIOD_FORMS}; a range's dates must exist and it must not end before it starts`;

// 2000–2100, in the one place that says so ([0-9], not \d: other tools read the pattern too, and
// some take \d for any Unicode digit).
const YEAR = '(20[0-9]{2}|2100)';
const DATE = `${YEAR}-[0-9]{2}-[0-9]{2}`;
export const PERIOD_PATTERN = `^${YEAR}(-(0[1-9]|1[0-2])|-Q[1-4]|-H[12])?$|^${DATE}/${DATE}$`;
const PERIOD_REGEX = new RegExp(PERIOD_PATTERN);

export const VIETNAM_OFFSET_MS = 7 * 3600 * 1000;

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function lastDayOfMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function monthsRange(year: number, firstMonth: number, lastMonth: number): DateRange {
  return { from: `${year}-${pad(firstMonth)}-01`, to: `${year}-${pad(lastMonth)}-${pad(lastDayOfMonth(year, lastMonth))}` };
}

/** True for a real calendar date written YYYY-MM-DD (2021-02-30 is not one). */
export function isCalendarDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return month >= 1 && month <= 12 && day >= 1 && day <= lastDayOfMonth(year, month);
}

/** The dates a period covers, or null when the text is not a period (PERIOD_PATTERN, then the calendar). */
export function periodRange(period: string): DateRange | null {
  if (!PERIOD_REGEX.test(period)) return null;
  const range = /^(\d{4}-\d{2}-\d{2})\/(\d{4}-\d{2}-\d{2})$/.exec(period);
  if (range) {
    const [from, to] = [range[1]!, range[2]!];
    return isCalendarDate(from) && isCalendarDate(to) && from <= to ? { from, to } : null;
  }
  const match = /^(\d{4})(?:-(?:(0[1-9]|1[0-2])|Q([1-4])|H([12])))?$/.exec(period);
  if (!match) return null;
  const year = Number(match[1]);
  if (match[2]) return monthsRange(year, Number(match[2]), Number(match[2]));
  if (match[3]) return monthsRange(year, Number(match[3]) * 3 - 2, Number(match[3]) * 3);
  if (match[4]) return monthsRange(year, match[4] === '1' ? 1 : 7, match[4] === '1' ? 6 : 12);
  return monthsRange(year, 1, 12);
}

/** The later of two optional bounds (ISO dates compare as text): where two lower bounds meet. */
export function laterBound(a: string | undefined, b: string | undefined): string | undefined {
  return a === undefined || (b !== undefined && b > a) ? b : a;
}

/** The earlier of two optional bounds: where two upper bounds meet. */
export function earlierBound(a: string | undefined, b: string | undefined): string | undefined {
  return a === undefined || (b !== undefined && b < a) ? b : a;
}

/** Whether a calendar date (YYYY-MM-DD) is a Saturday or Sunday. */
export function isWeekend(date: string): boolean {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day === 0 || day === 6;
}

/** Today's date in Vietnam (Asia/Ho_Chi_Minh). */
export function vietnamToday(now: Date = new Date()): string {
  return new Date(now.getTime() + VIETNAM_OFFSET_MS).toISOString().slice(0, 10);
}

/** The months a range touches, as YYYY-MM. */
export function monthsOf(range: DateRange): string[] {
  const months: string[] = [];
  let [year, month] = [Number(range.from.slice(0, 4)), Number(range.from.slice(5, 7))];
  const last = range.to.slice(0, 7);
  for (let key = `${year}-${pad(month)}`; key <= last; key = `${year}-${pad(month)}`) {
    months.push(key);
    [year, month] = month === 12 ? [year + 1, 1] : [year, month + 1];
  }
  return months;
}
