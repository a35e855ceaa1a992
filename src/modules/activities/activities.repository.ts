// The only place that reads and writes activities for their own sake (tasks, parts and compliance
// count them in their own statements). Every read joins the unit (its code and name) and the task
// with its plan (its ordinal and number), and leaves removed activities out.
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';
import { type ChangeScan, inChangeOrder } from '../../db/sync.js';
import type { Form } from '../tasks/tasks.table.js';
import type { UnitKind } from '../units/units.table.js';
import type { ActivityRow, NewActivityRow } from './activities.table.js';

type Db = Kysely<Database> | Transaction<Database>;

/** An activity with what answers show beside it: its unit's code and name, its task's plan, ordinal and number. */
export type ActivityRecord = ActivityRow & {
  unitCode: string;
  unitName: string;
  taskPlanId: string | null;
  taskOrdinal: number | null;
  planNumberSequence: number | null;
  planSymbol: string | null;
};

export interface ActivityFilter {
  unitId?: string;
  unitKinds?: UnitKind[];
  forms?: Form[];
  taskId?: string;
  planId?: string;
  from?: string;
  to?: string;
  searchPattern?: string;
  recordedByKeyId?: string;
}

function selectActivities(db: Db) {
  return db
    .selectFrom('activities as a')
    .innerJoin('units as u', 'u.id', 'a.unitId')
    .leftJoin('tasks as t', 't.id', 'a.taskId')
    .leftJoin('plans as p', 'p.id', 't.planId')
    .selectAll('a')
    .select(['u.code as unitCode', 'u.name as unitName', 't.planId as taskPlanId', 't.ordinal as taskOrdinal', 'p.numberSequence as planNumberSequence', 'p.symbol as planSymbol'])
    .where('a.deletedAt', 'is', null);
}

export async function insertActivity(db: Db, row: NewActivityRow): Promise<string> {
  return (await db.insertInto('activities').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export async function findActivity(db: Db, id: string): Promise<ActivityRecord | undefined> {
  return selectActivities(db).where('a.id', '=', id).executeTakeFirst();
}

/** The activity, its row locked until the transaction ends: no other write (a removal) can slip in between the checks and the write. */
export async function lockActivity(trx: Transaction<Database>, id: string): Promise<ActivityRecord | undefined> {
  return selectActivities(trx).where('a.id', '=', id).forUpdate('a').executeTakeFirst();
}

/** Newest first, ties by id: a stable order for keyset paging; without `page`, every match; with `changes`, in the order of change. */
export async function findActivities(db: Db, f: ActivityFilter, page?: { after?: [string, string]; limit: number } | { changes: ChangeScan }): Promise<ActivityRecord[]> {
  let query = selectActivities(db);
  if (f.unitId) query = query.where('a.unitId', '=', f.unitId);
  if (f.unitKinds) query = query.where('u.kind', 'in', f.unitKinds);
  if (f.forms) query = query.where('a.form', 'in', f.forms);
  if (f.taskId) query = query.where('a.taskId', '=', f.taskId);
  if (f.planId) query = query.where('t.planId', '=', f.planId);
  if (f.from) query = query.where('a.occurredOn', '>=', f.from);
  if (f.to) query = query.where('a.occurredOn', '<=', f.to);
  if (f.searchPattern) query = query.where('a.searchKey', 'like', f.searchPattern);
  if (f.recordedByKeyId) query = query.where('a.recordedByKeyId', '=', f.recordedByKeyId);
  if (page && 'changes' in page) return inChangeOrder(query, 'a', page.changes).execute();
  if (page?.after) {
    const [occurredOn, id] = page.after;
    query = query.where((eb) => eb.or([eb('a.occurredOn', '<', occurredOn), eb.and([eb('a.occurredOn', '=', occurredOn), eb('a.id', '>', id)])]));
  }
  if (page) query = query.limit(page.limit + 1);
  return query.orderBy('a.occurredOn', 'desc').orderBy('a.id').execute();
}

/** Whether the task is one of the plan's (the evidence of a task is read through its plan). */
export async function taskInPlan(db: Db, planId: string, taskId: string): Promise<boolean> {
  return (await db.selectFrom('tasks').select('id').where('id', '=', taskId).where('planId', '=', planId).executeTakeFirst()) !== undefined;
}
