// API keys: made, listed, revoked (by the API and the command line alike), and verified per request.
import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { ApiKeyRow } from '../../db/tables/api-keys.js';
import { Conflict, InvalidFields, notFound } from '../../http/errors.js';
import { decodeCursor, type Page, toPage } from '../../http/pagination.js';
import type { Admission } from '../../http/auth.js';
import type { Actor } from '../../http/principal.js';
import { recordChange } from '../audit/audit.service.js';
import { unitExists } from '../units/units.service.js';
import { admit, countApiKeys, findApiKey, findApiKeys, insertApiKey, revokeApiKeyRow } from './api-keys.repository.js';
import type { ApiKey, ApiKeyCreate, ApiKeyCreated, ApiKeyListQuery } from './api-keys.schemas.js';

const PREFIX_LENGTH = 9;

// Keys carry 256 random bits, so a fast hash is enough: nothing to brute-force, unlike passwords.
export function hashKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

function toApiKey(row: ApiKeyRow): ApiKey {
  return {
    id: row.id,
    name: row.name,
    role: row.role,
    unitId: row.unitId,
    keyPrefix: row.keyPrefix,
    createdAt: row.createdAt.toISOString(),
    revokedAt: row.revokedAt ? row.revokedAt.toISOString() : null,
    version: row.version,
  };
}

export async function createApiKey(db: Kysely<Database>, actor: Actor, input: ApiKeyCreate): Promise<ApiKeyCreated> {
  const unitId = input.unitId ?? null;
  if (input.role === 'editor' && !unitId) {
    throw new InvalidFields([{ pointer: '/body/unitId', message: 'is required for an editor key: the unit it acts for' }]);
  }
  if (input.role !== 'editor' && unitId) {
    throw new InvalidFields([{ pointer: '/body/unitId', message: `must be absent for a ${input.role} key` }]);
  }
  const key = `cchc_${randomBytes(32).toString('base64url')}`;
  return db.transaction().execute(async (trx) => {
    if (unitId && !(await unitExists(trx, unitId))) {
      throw new InvalidFields([{ pointer: '/body/unitId', message: 'names no unit' }]);
    }
    const row = await insertApiKey(trx, { name: input.name, role: input.role, unitId, keyHash: hashKey(key), keyPrefix: key.slice(0, PREFIX_LENGTH) });
    const apiKey = toApiKey(row);
    await recordChange(trx, actor, { action: 'create', entityType: 'api_key', entityId: row.id, before: null, after: apiKey });
    return { ...apiKey, key };
  });
}

export async function getApiKey(db: Kysely<Database>, id: string): Promise<ApiKey> {
  const row = await findApiKey(db, id);
  if (!row) throw notFound('API key', id);
  return toApiKey(row);
}

export async function listApiKeys(db: Kysely<Database>, q: ApiKeyListQuery): Promise<Page<ApiKey>> {
  const after = q.cursor ? (decodeCursor(q.cursor, ['instant', 'uuid']) as [string, string]) : undefined;
  const rows = await findApiKeys(db, { role: q.role, revoked: q.revoked, after, limit: q.limit });
  return toPage(rows, q.limit, toApiKey, (row) => [row.createdAt.toISOString(), row.id]);
}

export async function revokeApiKey(db: Kysely<Database>, actor: Actor, id: string): Promise<ApiKey> {
  return db.transaction().execute(async (trx) => {
    const before = await findApiKey(trx, id);
    if (!before) throw notFound('API key', id);
    const row = await revokeApiKeyRow(trx, id);
    if (!row) throw new Conflict('The API key is already revoked.');
    const apiKey = toApiKey(row);
    await recordChange(trx, actor, { action: 'revoke', entityType: 'api_key', entityId: id, before: toApiKey(before), after: apiKey });
    return apiKey;
  });
}

/** Who a request's key stands for (null when unknown or revoked), with the request counted. */
export async function admitRequest(db: Kysely<Database>, key: string | null, address: string, windowSeconds: number): Promise<Admission> {
  const keyHash = key && key.length <= 200 ? hashKey(key) : null;
  const { key: row, hits, resetMs } = await admit(db, keyHash, `ip:${address}`, windowSeconds);
  return { principal: row ? { keyId: row.id, name: row.name, role: row.role, unitId: row.unitId, unitActive: row.unitActive } : null, hits, resetMs };
}

export async function hasAnyApiKey(db: Kysely<Database>): Promise<boolean> {
  return (await countApiKeys(db)) > 0;
}
