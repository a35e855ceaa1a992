// Rows that outlive their use: idempotency records past their day. Every replica may sweep; the
// delete is idempotent.
import { type Kysely, sql } from 'kysely';
import type { Database } from './schema.js';

export const IDEMPOTENCY_TTL = sql`interval '24 hours'`;

export async function sweepExpired(db: Kysely<Database>): Promise<{ idempotencyKeys: number }> {
  const keys = await db.deleteFrom('idempotencyKeys').where('createdAt', '<', sql<Date>`now() - ${IDEMPOTENCY_TTL}`).executeTakeFirst();
  return { idempotencyKeys: Number(keys.numDeletedRows) };
}
