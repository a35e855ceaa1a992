// Audit trail schemas.
import { type Static, Type } from 'typebox';
import { PageOf, PageQuery } from '../../http/pagination.js';
import { Instant, Nullable, StringEnum, Uuid } from '../../http/schemas.js';
import { AUDIT_ACTIONS, AUDIT_ENTITY_TYPES } from './audit.table.js';

const Snapshot = Type.Unsafe<Record<string, unknown> | null>({
  type: ['object', 'null'],
  additionalProperties: true,
  description: 'The record as the API showed it; null before a create and after a delete.',
});

export const AuditEventSchema = Type.Object(
  {
    id: Type.Integer({ minimum: 1, description: 'Increases with every write.' }),
    occurredAt: Instant,
    actor: Type.Object(
      { keyId: Nullable(Type.String({ format: 'uuid' })), name: Type.String({ description: 'The key name, or `cli` for the command line.' }) },
      { additionalProperties: false },
    ),
    requestId: Nullable(Type.String()),
    action: StringEnum(AUDIT_ACTIONS, { examples: ['update'] }),
    entityType: StringEnum(AUDIT_ENTITY_TYPES, { examples: ['unit'] }),
    entityId: Uuid,
    before: Snapshot,
    after: Snapshot,
  },
  { $id: 'AuditEvent', additionalProperties: false },
);
export type AuditEvent = Static<typeof AuditEventSchema>;

export const AuditEventPageSchema = PageOf(AuditEventSchema);

export const AuditListQuerySchema = Type.Object(
  {
    entityType: Type.Optional(StringEnum(AUDIT_ENTITY_TYPES)),
    entityId: Type.Optional(Type.String({ format: 'uuid' })),
    actorKeyId: Type.Optional(Type.String({ format: 'uuid' })),
    action: Type.Optional(StringEnum(AUDIT_ACTIONS)),
    from: Type.Optional(Type.String({ format: 'date-time', description: 'Events at or after this instant.' })),
    to: Type.Optional(Type.String({ format: 'date-time', description: 'Events before this instant.' })),
    ...PageQuery,
  },
  { additionalProperties: false },
);
export type AuditListQuery = Static<typeof AuditListQuerySchema>;

export const auditSchemas = [AuditEventSchema, AuditEventPageSchema];
