// The only place that queries api_keys.
import { type Kysely, sql, type Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { Role } from '../../domain/actor.js';
import type { ApiKeyRow } from './api-keys.table.js';

type Db = Kysely<Database> | Transaction<Database>;

export async function insertApiKey(db: Db, row: { name: string; role: Role; unitId: string | null; keyHash: string; keyPrefix: string }): Promise<ApiKeyRow> {
  return db.insertInto('apiKeys').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function findApiKey(db: Db, id: string): Promise<ApiKeyRow | undefined> {
  return db.selectFrom('apiKeys').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findApiKeys(
  db: Db,
  f: { role?: Role; revoked?: boolean; after?: [string, string]; limit: number },
): Promise<ApiKeyRow[]> {
  let query = db.selectFrom('apiKeys').selectAll();
  if (f.role) query = query.where('role', '=', f.role);
  if (f.revoked !== undefined) query = query.where('revokedAt', f.revoked ? 'is not' : 'is', null);
  if (f.after) {
    const [createdAt, id] = f.after;
    query = query.where((eb) => eb.or([eb('createdAt', '>', new Date(createdAt)), eb.and([eb('createdAt', '=', new Date(createdAt)), eb('id', '>', id)])]));
  }
  return query.orderBy('createdAt').orderBy('id').limit(f.limit + 1).execute();
}

export async function revokeApiKeyRow(db: Db, id: string): Promise<ApiKeyRow | undefined> {
  return db
    .updateTable('apiKeys')
    .set((eb) => ({ revokedAt: new Date(), version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .where('revokedAt', 'is', null)
    .returningAll()
    .executeTakeFirst();
}

export async function countLiveAdminKeys(db: Db): Promise<number> {
  const { count } = await db
    .selectFrom('apiKeys')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('role', '=', 'admin')
    .where('revokedAt', 'is', null)
    .executeTakeFirstOrThrow();
  return count;
}

export async function countApiKeys(db: Db): Promise<number> {
  const { count } = await db.selectFrom('apiKeys').select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow();
  return count;
}

export interface KeyAdmission {
  /** The live key the hash belongs to; null when there is none. */
  key: (Pick<ApiKeyRow, 'id' | 'name' | 'role' | 'unitId'> & { unitActive: boolean }) | null;
  /** Requests counted in the current window of the caller's bucket, this one included. */
  hits: number;
  /** Milliseconds until that window ends. */
  resetMs: number;
}

/**
 * Authenticates and counts a request in one round trip: finds the live key of the hash and adds a
 * hit to its rate-limit bucket (`key:<id>`), or to `fallbackBucket` (the address) when there is no
 * such key. Fixed windows of `windowSeconds`, shared by every replica.
 */
export async function admit(db: Db, keyHash: string | null, fallbackBucket: string, windowSeconds: number): Promise<KeyAdmission> {
  const window = sql`make_interval(secs => ${windowSeconds})`;
  const { rows } = await sql<{ id: string | null; name: string | null; role: Role | null; unitId: string | null; unitActive: boolean; hits: number; resetMs: number }>`
    WITH k AS (
      SELECT a.id, a.name, a.role, a.unit_id, coalesce(u.active, true) AS unit_active
      FROM api_keys a LEFT JOIN units u ON u.id = a.unit_id
      WHERE a.key_hash = ${keyHash} AND a.revoked_at IS NULL
    ),
    hit AS (
      INSERT INTO rate_limit_hits AS r (bucket, window_start, hits)
      VALUES (coalesce((SELECT 'key:' || id FROM k), ${fallbackBucket}), now(), 1)
      ON CONFLICT (bucket) DO UPDATE SET
        hits = CASE WHEN r.window_start + ${window} <= now() THEN 1 ELSE r.hits + 1 END,
        window_start = CASE WHEN r.window_start + ${window} <= now() THEN now() ELSE r.window_start END
      RETURNING hits, ceil(extract(epoch FROM (window_start + ${window} - now())) * 1000)::int AS reset_ms
    )
    SELECT k.id, k.name, k.role, k.unit_id, k.unit_active, hit.hits, hit.reset_ms FROM hit LEFT JOIN k ON true`.execute(db);
  const row = rows[0]!;
  return {
    key: row.id && row.name && row.role ? { id: row.id, name: row.name, role: row.role, unitId: row.unitId, unitActive: row.unitActive } : null,
    hits: row.hits,
    resetMs: Math.max(0, row.resetMs),
  };
}
