// The only place that queries api_keys.
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { ApiKeyRow, Role } from '../../db/tables/api-keys.js';

type Db = Kysely<Database> | Transaction<Database>;

export async function insertApiKey(db: Db, row: { name: string; role: Role; unitId: string | null; keyHash: string; keyPrefix: string }): Promise<ApiKeyRow> {
  return db.insertInto('apiKeys').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function findApiKey(db: Db, id: string): Promise<ApiKeyRow | undefined> {
  return db.selectFrom('apiKeys').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findLiveKeyByHash(db: Db, keyHash: string): Promise<ApiKeyRow | undefined> {
  return db.selectFrom('apiKeys').selectAll().where('keyHash', '=', keyHash).where('revokedAt', 'is', null).executeTakeFirst();
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

export async function countApiKeys(db: Db): Promise<number> {
  const { count } = await db.selectFrom('apiKeys').select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow();
  return count;
}
