// API keys: made, listed, revoked (by the API and the command line alike), and verified per request.
import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { ApiKeyRow } from './api-keys.table.js';
import { Conflict, InvalidInput, notFound } from '../../domain/errors.js';
import { decodeCursor, type Page, toPage } from '../../db/cursor.js';
import type { Actor, Principal } from '../../domain/actor.js';
import { recordChange } from '../audit/audit.service.js';
import { unitExists } from '../units/units.service.js';
import { lockNamed } from '../../db/locks.js';
import { countApiKeys, countLiveAdminKeys, findApiKey, findApiKeys, findLiveKey, insertApiKey, revokeApiKeyRow } from './api-keys.repository.js';
import type { ApiKey, ApiKeyCreate, ApiKeyCreated, ApiKeyListQuery } from './api-keys.schemas.js';
import type { KeyCache } from './key-cache.js';

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
  // The schema (ApiKeyCreate) and the key command check that only an editor has a unit; the
  // table's api_keys_editor_has_unit constraint holds it for any other caller.
  const unitId = input.unitId ?? null;
  const key = `cchc_${randomBytes(32).toString('base64url')}`;
  return db.transaction().execute(async (trx) => {
    if (unitId && !(await unitExists(trx, unitId))) {
      throw new InvalidInput([{ path: '/unitId', message: 'names no unit' }]);
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
    if (before.role === 'admin' && before.revokedAt === null) {
      // Serialised, so two admins revoking each other's keys at once cannot both pass the count.
      await lockNamed(trx, 'api_keys.admins');
      if ((await countLiveAdminKeys(trx)) <= 1) {
        throw new Conflict('This is the last live admin key: make another admin key first, or nobody could manage the service.');
      }
    }
    const row = await revokeApiKeyRow(trx, id);
    if (!row) throw new Conflict('The API key is already revoked.');
    const apiKey = toApiKey(row);
    await recordChange(trx, actor, { action: 'revoke', entityType: 'api_key', entityId: id, before: toApiKey(before), after: apiKey });
    return apiKey;
  });
}

/**
 * The principal of a request's key; null for none, an unknown key or a revoked one. A key the cache
 * holds costs no round trip; any other is looked up (and held when live), so an unknown key is
 * looked up every time.
 */
export async function authenticate(db: Kysely<Database>, cache: KeyCache<Principal>, key: string | null): Promise<Principal | null> {
  if (!key || key.length > 200) return null;
  const keyHash = hashKey(key);
  return cache.through(keyHash, async () => {
    const row = await findLiveKey(db, keyHash);
    return row ? { keyId: row.id, name: row.name, role: row.role, unitId: row.unitId, unitActive: row.unitActive } : null;
  });
}

export async function hasAnyApiKey(db: Kysely<Database>): Promise<boolean> {
  return (await countApiKeys(db)) > 0;
}
