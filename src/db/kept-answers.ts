// The answers kept for Idempotency-Key replays hold what they showed, personal data included: when a
// record's personal data is erased, they are rewritten without it.
import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema.js';

/**
 * Rewrites the answers kept for Idempotency-Key replays that show the record (an object with its
 * id), so that they hold none of its personal data: `redact` gives each such object as it is to be
 * kept. A replay still answers as the first time did, without the erased values.
 */
export async function redactKeptAnswers(db: Kysely<Database> | Transaction<Database>, id: string, redact: (shown: Record<string, unknown>) => Record<string, unknown>): Promise<void> {
  const rows = await db.selectFrom('idempotencyKeys').select(['actorKeyId', 'key', 'responseBody']).where('responseBody', 'like', `%${id}%`).forUpdate().execute();
  const walk = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(walk);
    if (value === null || typeof value !== 'object') return value;
    const shown = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v)]));
    return shown.id === id ? redact(shown) : shown;
  };
  for (const row of rows) {
    let body: string | null;
    try {
      body = JSON.stringify(walk(JSON.parse(row.responseBody!)));
    } catch {
      body = null;
    }
    // An answer that is not JSON cannot be rewritten: it is forgotten instead.
    if (body === null) await db.deleteFrom('idempotencyKeys').where('actorKeyId', '=', row.actorKeyId).where('key', '=', row.key).execute();
    else await db.updateTable('idempotencyKeys').set({ responseBody: body }).where('actorKeyId', '=', row.actorKeyId).where('key', '=', row.key).execute();
  }
}
