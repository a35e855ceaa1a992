// Keyset paging: rows fetched with limit + 1 become a page, and the last row's sort key an opaque
// cursor. A cursor that this list did not give out is refused before any query sees it.
import { isCalendarDate } from '../domain/periods.js';
import { InvalidInput } from '../domain/errors.js';

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export type CursorValue = string | number | boolean | null;

/** What each sort-key value of a cursor must be, so a tampered cursor is refused, never a query error. */
export type CursorPart = 'int' | 'bigint' | 'uuid' | 'date' | 'instant' | 'text' | 'xid';

const CURSOR_CHECKS: Record<CursorPart, (v: unknown) => boolean> = {
  int: (v) => Number.isSafeInteger(v) && Math.abs(v as number) <= 2_147_483_647,
  bigint: (v) => Number.isSafeInteger(v),
  uuid: (v) => typeof v === 'string' && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v),
  date: (v) => typeof v === 'string' && isCalendarDate(v),
  instant: (v) => typeof v === 'string' && /^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{3}Z$/.test(v) && !Number.isNaN(Date.parse(v)),
  // A text PostgreSQL could not compare (U+0000, a lone surrogate) is no key a list gave out.
  text: (v) => typeof v === 'string' && v.length <= 200 && !/\u0000|\p{Cs}/u.test(v),
  // A transaction id (xid8) as PostgreSQL writes it: digits within 64 bits.
  xid: (v) => typeof v === 'string' && /^[0-9]{1,20}$/.test(v) && BigInt(v) < 2n ** 64n,
};

export function encodeCursor(values: CursorValue[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

/** The sort-key values a cursor carries, checked against what the list expects; `refusal` is the problem when they are not. */
export function decodeCursor(cursor: string, shape: CursorPart[], refusal = { path: '/cursor', message: 'is not a cursor this list gave out' }): CursorValue[] {
  let values: unknown;
  try {
    values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    values = undefined;
  }
  if (!Array.isArray(values) || values.length !== shape.length || values.some((v, i) => !CURSOR_CHECKS[shape[i]!](v))) {
    throw new InvalidInput([refusal], true);
  }
  return values as CursorValue[];
}

/** Rows fetched with limit + 1 → a page, the cursor built from the last row kept. */
export function toPage<R, T>(rows: R[], limit: number, map: (row: R) => T, keyOf: (row: R) => CursorValue[]): Page<T> {
  const more = rows.length > limit;
  const kept = more ? rows.slice(0, limit) : rows;
  const last = kept[kept.length - 1];
  return { items: kept.map(map), nextCursor: more && last !== undefined ? encodeCursor(keyOf(last)) : null };
}
