// The only place that reads and writes activities for their own sake (tasks, parts and compliance
// count them in their own statements). Every read joins the unit (its code and name) and the task
// with its plan (its ordinal and number), and leaves removed activities out.
import { type Kysely, sql, type SqlBool, type Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';
import { prepared } from '../../db/prepared.js';
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

function filtered(db: Db, f: ActivityFilter) {
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
  return query.orderBy('a.occurredOn', 'desc').orderBy('a.id');
}

type PageParams = Record<string, string>;

/** A page's filters and position as the text parameters of a prepared query, named by where they go. */
function pageParams(f: ActivityFilter, page: { after?: [string, string]; limit: number }): PageParams {
  const params: PageParams = { limit: String(page.limit + 1) };
  for (const [name, value] of Object.entries(f)) {
    if (Array.isArray(value)) value.forEach((v: string, i) => (params[`${name}.${i}`] = v));
    else if (value) params[name] = value as string;
  }
  if (page.after) [params['after.0'], params['after.1']] = page.after;
  return params;
}

/** The filter and position that the parameters stand for (marks, when the query is being prepared). */
function fromParams(params: PageParams): { f: ActivityFilter; after?: [string, string]; limit: string } {
  const f: Record<string, string | string[]> = {};
  for (const [key, value] of Object.entries(params)) {
    const [name, index] = key.split('.');
    if (index === undefined) f[name!] = value;
    else (f[name!] = (f[name!] as string[] | undefined) ?? [])[Number(index)] = value;
  }
  const { after, limit, ...filter } = f;
  return { f: filter as ActivityFilter, after: after as [string, string] | undefined, limit: limit as string };
}

// The list is read page after page with the same few filters: each shape of page (which filters,
// how many forms) is prepared once.
const pages = new Map<string, (db: Db, params: PageParams) => Promise<ActivityRecord[]>>();

function pageReader(names: string[]) {
  return prepared(names, (db, marks) => {
    const { f, after, limit } = fromParams(marks);
    let query = filtered(db, f);
    if (after) query = query.where(sql<SqlBool>`(a.occurred_on < ${after[0]}::date OR (a.occurred_on = ${after[0]}::date AND a.id > ${after[1]}::uuid))`);
    return query.limit(sql<number>`${limit}::int`);
  });
}

/** Newest first, ties by id: a stable order for keyset paging; without `page`, every match; with `changes`, in the order of change. */
export async function findActivities(db: Db, f: ActivityFilter, page?: { after?: [string, string]; limit: number } | { changes: ChangeScan }): Promise<ActivityRecord[]> {
  if (!page) return filtered(db, f).execute();
  if ('changes' in page) return inChangeOrder(filtered(db, f).clearOrderBy(), 'a', page.changes).execute();
  const params = pageParams(f, page);
  const names = Object.keys(params).sort();
  const shape = names.join(' ');
  let read = pages.get(shape);
  if (!read) pages.set(shape, (read = pageReader(names)));
  return read(db, params);
}

/** Whether the task is one of the plan's (the evidence of a task is read through its plan). */
export async function taskInPlan(db: Db, planId: string, taskId: string): Promise<boolean> {
  return (await db.selectFrom('tasks').select('id').where('id', '=', taskId).where('planId', '=', planId).executeTakeFirst()) !== undefined;
}
