// Transaction-scoped advisory locks: for rules over several rows that no row lock covers, such as
// "no cycle in a tree", where two concurrent moves could each pass the check alone.
import { sql, type Transaction } from 'kysely';
import type { Database } from './schema.js';

/** Waits for, then holds until the transaction ends, the lock named `name`. */
export async function lockNamed(trx: Transaction<Database>, name: string): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(hashtext(${name}))`.execute(trx);
}

/** The same lock shared: many holders at once, none while `lockNamed` holds it (and the other way round). */
export async function lockNamedShared(trx: Transaction<Database>, name: string): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock_shared(hashtext(${name}))`.execute(trx);
}
