// The checks that every use of a plan starts with: it exists (404); for a write, it is locked for
// the rest of the transaction and in a state that allows the write (409 saying which do).
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { PlanRow, PlanStatus } from '../../db/tables/plans.js';
import { Conflict, notFound } from '../../http/errors.js';
import { findPlan, lockPlan } from './plans.repository.js';

/** The plan (unlocked, for reads), or a 404. */
export async function requirePlan(db: Kysely<Database> | Transaction<Database>, id: string): Promise<PlanRow> {
  const row = await findPlan(db, id);
  if (!row) throw notFound('Plan', id);
  return row;
}

/** `what` completes "… only when the plan is draft": e.g. "A plan can be issued", "Tasks are added". */
export async function lockPlanIn(trx: Transaction<Database>, id: string, allowed: readonly PlanStatus[], what: string): Promise<PlanRow> {
  const row = await lockPlan(trx, id);
  if (!row) throw notFound('Plan', id);
  if (!allowed.includes(row.status)) {
    throw new Conflict(`${what} only when the plan is ${allowed.join(' or ')}; this plan is ${row.status}.`);
  }
  return row;
}
