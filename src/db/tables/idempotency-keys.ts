// The idempotency_keys table: the first response to a POST, kept per caller and Idempotency-Key.
import type { ColumnType, Selectable } from 'kysely';

export interface IdempotencyKeysTable {
  actorKeyId: string;
  key: string;
  requestHash: string;
  statusCode: number | null;
  responseBody: string | null;
  responseHeaders: ColumnType<Record<string, string> | null, string | null, string | null>;
  createdAt: ColumnType<Date, never, never>;
}

export type IdempotencyKeyRow = Selectable<IdempotencyKeysTable>;
