// The only place that queries audit_events.
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { AuditAction, AuditEntityType, AuditEventRow, NewAuditEventRow } from './audit.table.js';

type Db = Kysely<Database> | Transaction<Database>;

export async function insertAuditEvent(db: Db, event: NewAuditEventRow): Promise<void> {
  await db.insertInto('auditEvents').values(event).execute();
}

export interface AuditFilter {
  entityType?: AuditEntityType;
  entityId?: string;
  actorKeyId?: string;
  action?: AuditAction;
  from?: string;
  to?: string;
  beforeId?: number;
  limit: number;
}

/** Newest first; `beforeId` continues from a previous page. */
export async function findAuditEvents(db: Db, f: AuditFilter): Promise<AuditEventRow[]> {
  let query = db.selectFrom('auditEvents').selectAll();
  if (f.entityType) query = query.where('entityType', '=', f.entityType);
  if (f.entityId) query = query.where('entityId', '=', f.entityId);
  if (f.actorKeyId) query = query.where('actorKeyId', '=', f.actorKeyId);
  if (f.action) query = query.where('action', '=', f.action);
  if (f.from) query = query.where('occurredAt', '>=', new Date(f.from));
  if (f.to) query = query.where('occurredAt', '<', new Date(f.to));
  if (f.beforeId !== undefined) query = query.where('id', '<', f.beforeId);
  return query.orderBy('id', 'desc').limit(f.limit + 1).execute();
}
