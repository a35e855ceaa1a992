// The audit_events table: one row per write, with the record before and after it.
import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

export interface AuditEventsTable {
  id: Generated<number>;
  occurredAt: ColumnType<Date, never, never>;
  actorKeyId: string | null;
  actorName: string;
  requestId: string | null;
  action: string;
  entityType: string;
  entityId: string;
  before: ColumnType<unknown, string | null, never> | null;
  after: ColumnType<unknown, string | null, never> | null;
}

export type AuditEventRow = Selectable<AuditEventsTable>;
export type NewAuditEventRow = Insertable<AuditEventsTable>;
