// The rate_limit_hits table: a fixed-window counter per caller, shared by every replica.
import type { ColumnType } from 'kysely';

export interface RateLimitHitsTable {
  bucket: string;
  windowStart: ColumnType<Date, Date, Date>;
  hits: number;
}
