// API key schemas. The secret appears once, in the answer to its creation.
import { type Static, Type } from 'typebox';
import { PageOf, PageQuery } from '../../http/pagination.js';
import { Instant, Nullable, StringEnum, Uuid } from '../../http/schemas.js';
import { ROLES } from '../../domain/actor.js';

const apiKeyFields = {
  id: Uuid,
  name: Type.String({ minLength: 1, maxLength: 200, examples: ['Cổng CCHC tỉnh (portal)'] }),
  role: StringEnum(ROLES, { description: 'admin: everything; editor: its own unit’s work; reader: reads, no personal data.' }),
  unitId: Nullable(Type.String({ format: 'uuid', description: 'The unit an editor acts for; null for admin and reader.' })),
  keyPrefix: Type.String({ description: 'The first characters of the key, to tell keys apart.', examples: ['cchc_Q2xh'] }),
  createdAt: Instant,
  revokedAt: Nullable(Type.String({ format: 'date-time' })),
  version: Type.Integer({ minimum: 1 }),
};

export const ApiKeySchema = Type.Object(apiKeyFields, { $id: 'ApiKey', additionalProperties: false });
export type ApiKey = Static<typeof ApiKeySchema>;

export const ApiKeyCreatedSchema = Type.Object(
  { ...apiKeyFields, key: Type.String({ description: 'The key itself. Shown only now: store it safely.' }) },
  { $id: 'ApiKeyCreated', additionalProperties: false },
);
export type ApiKeyCreated = Static<typeof ApiKeyCreatedSchema>;

export const ApiKeyCreateSchema = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200, pattern: '\\S' }),
    role: StringEnum(ROLES),
    unitId: Type.Optional(Nullable(Type.String({ format: 'uuid' }))),
  },
  {
    $id: 'ApiKeyCreate',
    additionalProperties: false,
    description: 'An editor key acts for one unit, given as unitId; admin and reader keys act for none.',
    // Each branch's description is what a client that breaks it is told, after the field's pointer.
    if: { properties: { role: { enum: ['editor'] } }, required: ['role'] },
    then: { required: ['unitId'], properties: { unitId: { type: 'string' } }, description: 'is required for an editor key (the unit it acts for)' },
    else: { properties: { unitId: { type: 'null' } }, description: 'must be absent or null for an admin or reader key' },
    examples: [{ name: 'Trường THPT Hoàng Diệu', role: 'editor', unitId: '3f0b6f8e-6a57-4c1e-9b7a-2d4c5e6f7a81' }],
  },
);
export type ApiKeyCreate = Static<typeof ApiKeyCreateSchema>;

export const ApiKeyPageSchema = PageOf(ApiKeySchema);

export const ApiKeyListQuerySchema = Type.Object(
  {
    role: Type.Optional(StringEnum(ROLES)),
    revoked: Type.Optional(Type.Boolean({ description: 'true: only revoked keys; false: only live ones.' })),
    ...PageQuery,
  },
  { additionalProperties: false },
);
export type ApiKeyListQuery = Static<typeof ApiKeyListQuerySchema>;

export const ApiKeyParamsSchema = Type.Object({ keyId: Type.String({ format: 'uuid' }) }, { additionalProperties: false });

export const apiKeySchemas = [ApiKeySchema, ApiKeyCreatedSchema, ApiKeyCreateSchema, ApiKeyPageSchema];
