// The audit trail: every write records who, when, what, and the record before and after,
// inside the same transaction as the write itself.
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { AuditAction, AuditEntityType, AuditEventRow } from './audit.table.js';
import { decodeCursor, type Page, toPage } from '../../db/cursor.js';
import type { Actor } from '../../domain/actor.js';
import { findAuditEvents, insertAuditEvent } from './audit.repository.js';
import type { AuditEvent, AuditListQuery } from './audit.schemas.js';

export interface Change {
  action: AuditAction;
  entityType: AuditEntityType;
  entityId: string;
  before: unknown;
  after: unknown;
}

export async function recordChange(trx: Transaction<Database>, actor: Actor, change: Change): Promise<void> {
  await insertAuditEvent(trx, {
    actorKeyId: actor.keyId,
    actorName: actor.name,
    requestId: actor.requestId,
    action: change.action,
    entityType: change.entityType,
    entityId: change.entityId,
    before: change.before === null ? null : JSON.stringify(change.before),
    after: change.after === null ? null : JSON.stringify(change.after),
  });
}

function toAuditEvent(row: AuditEventRow): AuditEvent {
  return {
    id: row.id,
    occurredAt: row.occurredAt.toISOString(),
    actor: { keyId: row.actorKeyId, name: row.actorName },
    requestId: row.requestId,
    action: row.action,
    entityType: row.entityType,
    entityId: row.entityId,
    before: (row.before ?? null) as AuditEvent['before'],
    after: (row.after ?? null) as AuditEvent['after'],
  };
}

export async function listAuditEvents(db: Kysely<Database>, q: AuditListQuery): Promise<Page<AuditEvent>> {
  const beforeId = q.cursor ? (decodeCursor(q.cursor, ['bigint'])[0] as number) : undefined;
  const rows = await findAuditEvents(db, { ...q, beforeId });
  return toPage(rows, q.limit, toAuditEvent, (row) => [row.id]);
}
