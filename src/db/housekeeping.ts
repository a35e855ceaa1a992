// Rows that outlive their use: rate-limit windows long over and idempotency records past their
// day. Every replica may sweep; the deletes are idempotent.
import { type Kysely, sql } from 'kysely';
import type { Database } from './schema.js';

export const IDEMPOTENCY_TTL = sql`interval '24 hours'`;

export async function sweepExpired(db: Kysely<Database>): Promise<{ rateLimitHits: number; idempotencyKeys: number }> {
  const hits = await db.deleteFrom('rateLimitHits').where('windowStart', '<', sql<Date>`now() - interval '1 day'`).executeTakeFirst();
  const keys = await db.deleteFrom('idempotencyKeys').where('createdAt', '<', sql<Date>`now() - ${IDEMPOTENCY_TTL}`).executeTakeFirst();
  return { rateLimitHits: Number(hits.numDeletedRows), idempotencyKeys: Number(keys.numDeletedRows) };
}
