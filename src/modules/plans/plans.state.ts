// The one check every write to a plan or its tasks starts with: the plan exists (404), is locked
// for the rest of the transaction, and is in a state that allows the write (409 saying which do).
import type { Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { PlanRow, PlanStatus } from '../../db/tables/plans.js';
import { Conflict, notFound } from '../../http/errors.js';
import { lockPlan } from './plans.repository.js';

/** `what` completes "… only when the plan is draft": e.g. "A plan can be issued", "Tasks are added". */
export async function lockPlanIn(trx: Transaction<Database>, id: string, allowed: readonly PlanStatus[], what: string): Promise<PlanRow> {
  const row = await lockPlan(trx, id);
  if (!row) throw notFound('Plan', id);
  if (!allowed.includes(row.status)) {
    throw new Conflict(`${what} only when the plan is ${allowed.join(' or ')}; this plan is ${row.status}.`);
  }
  return row;
}
