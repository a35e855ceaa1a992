// The audit_events table: one row per write, with the record before and after it. The value lists
// are the one home of what a write may be recorded as: the schemas and recordChange's type derive
// from them.
import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

export const AUDIT_ACTIONS = ['create', 'update', 'delete', 'deactivate', 'activate', 'issue', 'close', 'cancel', 'progress', 'reorder', 'revoke', 'refresh_parts', 'submit', 'accept', 'return', 'assign', 'answer', 'publish', 'erase'] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const AUDIT_ENTITY_TYPES = ['unit', 'api_key', 'plan', 'task', 'task_part', 'activity', 'report', 'question', 'non_working_day'] as const;
export type AuditEntityType = (typeof AUDIT_ENTITY_TYPES)[number];

export interface AuditEventsTable {
  id: Generated<number>;
  occurredAt: ColumnType<Date, never, never>;
  actorKeyId: string | null;
  actorName: string;
  requestId: string | null;
  action: AuditAction;
  entityType: AuditEntityType;
  entityId: string;
  before: ColumnType<unknown, string | null, never> | null;
  after: ColumnType<unknown, string | null, never> | null;
}

export type AuditEventRow = Selectable<AuditEventsTable>;
export type NewAuditEventRow = Insertable<AuditEventsTable>;

declare module '../../db/schema.js' {
  interface Database {
    auditEvents: AuditEventsTable;
  }
}
