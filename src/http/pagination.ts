// Cursor pagination: `limit` and an opaque `cursor` in, `{ items, nextCursor }` out.
import { type TSchema, Type } from 'typebox';
import { isCalendarDate } from '../domain/periods.js';
import { InvalidFields } from './errors.js';
import { Nullable, ref } from './schemas.js';

export const PageQuery = {
  limit: Type.Integer({ minimum: 1, maximum: 200, default: 50, description: 'Items per page (1–200).' }),
  cursor: Type.Optional(Type.String({ minLength: 1, maxLength: 512, description: 'The nextCursor of the previous page.' })),
};

/** The named page schema of a list: `{ items: T[], nextCursor }`. */
export function PageOf<T extends TSchema & { $id?: string }>(item: T) {
  if (!item.$id) throw new Error('PageOf() needs a schema with an $id');
  return Type.Object(
    {
      items: Type.Array(ref(item)),
      nextCursor: Nullable(Type.String({ description: 'Pass as ?cursor= for the next page; null on the last one.' })),
    },
    { $id: `${item.$id}Page`, additionalProperties: false },
  );
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export type CursorValue = string | number | boolean | null;

export function encodeCursor(values: CursorValue[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

/** What each sort-key value of a cursor must be, so a tampered cursor is a 400, never a query error. */
export type CursorPart = 'int' | 'bigint' | 'uuid' | 'date' | 'instant' | 'text';

const CURSOR_CHECKS: Record<CursorPart, (v: unknown) => boolean> = {
  int: (v) => Number.isSafeInteger(v) && Math.abs(v as number) <= 2_147_483_647,
  bigint: (v) => Number.isSafeInteger(v),
  uuid: (v) => typeof v === 'string' && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v),
  date: (v) => typeof v === 'string' && isCalendarDate(v),
  instant: (v) => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(v) && !Number.isNaN(Date.parse(v)),
  text: (v) => typeof v === 'string' && v.length <= 200,
};

/** The sort-key values a cursor carries, checked against what the list expects. */
export function decodeCursor(cursor: string, shape: CursorPart[]): CursorValue[] {
  let values: unknown;
  try {
    values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    values = undefined;
  }
  if (!Array.isArray(values) || values.length !== shape.length || values.some((v, i) => !CURSOR_CHECKS[shape[i]!](v))) {
    throw new InvalidFields([{ pointer: '/query/cursor', message: 'is not a cursor this list gave out' }], 400);
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
