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

/** The live key of the hash, with whether its unit (if it has one) is active; undefined when there is none. */
export async function findLiveKey(db: Db, keyHash: string): Promise<(Pick<ApiKeyRow, 'id' | 'name' | 'role' | 'unitId'> & { unitActive: boolean }) | undefined> {
  return db
    .selectFrom('apiKeys as a')
    .leftJoin('units as u', 'u.id', 'a.unitId')
    .select(['a.id', 'a.name', 'a.role', 'a.unitId', sql<boolean>`coalesce(u.active, true)`.as('unitActive')])
    .where('a.keyHash', '=', keyHash)
    .where('a.revokedAt', 'is', null)
    .executeTakeFirst();
}
