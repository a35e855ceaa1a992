// The only place that queries tasks and task_assignees. Timeliness is computed here, in SQL, so
// that lists, filters and summaries agree (DOMAIN.md "Tasks": derived as of a date, never stored).
import { type Expression, type Kysely, type RawBuilder, sql, type SqlBool, type Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';
import { type ChangeScan, inChangeOrder } from '../../db/sync.js';
import type { PlanStatus } from '../plans/plans.table.js';
import type { UnitGroup } from '../units/units.table.js';
import { ASSIGNEE_ROLES, type AssigneeRole, type NewTaskRow, PROGRESS, type TaskRow, type Timeliness } from './tasks.table.js';
import type { Assignee, TaskAssignee } from './tasks.schemas.js';
import type { TaskPart } from './parts.schemas.js';
import { partCountsSql, unitPartSql } from './parts.repository.js';

type Db = Kysely<Database> | Transaction<Database>;

export type TaskWithDerived = TaskRow & { assignees: TaskAssignee[]; timeliness: Timeliness | null; partCounts: number[]; part?: TaskPart | null };

/**
 * Done on or before the due date is on time; a period that ended without it being done is overdue.
 * A draft plan binds no one yet and a cancelled one no longer does: their tasks have no timeliness
 * (null), so no filter finds them by it and no summary counts them.
 */
export function timelinessSql(asOf: string | RawBuilder<unknown>, of: 't' | 'tp' = 't'): RawBuilder<Timeliness | null> {
  // The progress is the task's (`t`) or a unit's part of it (`tp`); the due date is always the task's.
  const progress = sql.ref(`${of}.progress`);
  const completedOn = sql.ref(`${of}.completed_on`);
  return sql<Timeliness | null>`CASE
    WHEN (SELECT p.status FROM plans p WHERE p.id = t.plan_id) IN ('draft', 'cancelled') THEN NULL
    WHEN ${progress} = 'cancelled' THEN 'cancelled'
    WHEN ${progress} = 'done' AND ${completedOn} <= ${asOf}::date
      THEN CASE WHEN ${completedOn} <= t.due_to THEN 'done_on_time' ELSE 'done_late' END
    WHEN ${asOf}::date > t.due_to THEN 'overdue'
    WHEN ${progress} = 'not_started' THEN 'not_started'
    ELSE 'in_progress'
  END`;
}

// A unit comes with its code and name, for people and for clients that filter by code.
const assigneesSql = sql<TaskAssignee[]>`(
  SELECT coalesce(jsonb_agg(jsonb_strip_nulls(jsonb_build_object('role', a.role, 'unitId', a.unit_id, 'code', u.code, 'name', u.name, 'group', a.unit_group)) ORDER BY a.position), '[]'::jsonb)
  FROM task_assignees a LEFT JOIN units u ON u.id = a.unit_id WHERE a.task_id = t.id)`;

export function selectTasks(db: Db, asOf: string) {
  return db
    .selectFrom('tasks as t')
    .selectAll('t')
    .select([assigneesSql.as('assignees'), timelinessSql(asOf).as('timeliness'), partCountsSql(ASSIGNEE_ROLES, PROGRESS).as('partCounts')]);
}

/** The status of the plan an appendix belongs to (tasks live inside a plan; its state governs them). */
export async function findPlanStatus(db: Db, planId: string): Promise<PlanStatus | undefined> {
  return (await db.selectFrom('plans').select('status').where('id', '=', planId).executeTakeFirst())?.status;
}

/** The task's plan and its status; undefined when there is no such task. */
export async function findTaskPlan(db: Db, taskId: string): Promise<{ planId: string; status: PlanStatus } | undefined> {
  // Shared locks: the plan cannot be closed or cancelled, nor the task deleted, before the caller commits.
  return db.selectFrom('tasks as t').innerJoin('plans as p', 'p.id', 't.planId').select(['t.planId', 'p.status']).where('t.id', '=', taskId).forShare().executeTakeFirst();
}

/** The plan's number as written (01/KH-SGDĐT), null while it has none; undefined when there is no such plan. */
export async function findPlanNumber(db: Db, planId: string): Promise<{ sequence: number | null; symbol: string | null } | undefined> {
  const row = await db.selectFrom('plans').select(['numberSequence', 'symbol']).where('id', '=', planId).executeTakeFirst();
  return row && { sequence: row.numberSequence, symbol: row.symbol };
}

/** The same, the plan row locked until the transaction ends: its state and its tasks' order cannot move meanwhile. */
export async function lockPlanStatus(trx: Transaction<Database>, planId: string): Promise<PlanStatus | undefined> {
  return (await trx.selectFrom('plans').select('status').where('id', '=', planId).forUpdate().executeTakeFirst())?.status;
}

export interface TaskFilter {
  planId?: string;
  year?: number;
  dueWithin?: { from: string; to: string };
  unit?: { id: string; groups: UnitGroup[]; role?: AssigneeRole };
  progress?: string;
  timeliness?: Timeliness;
  searchPattern?: string;
}

function assignedTo(unit: NonNullable<TaskFilter['unit']>): Expression<SqlBool> {
  const groups = unit.groups.length ? sql`OR a.unit_group IN (${sql.join(unit.groups)})` : sql``;
  const role = unit.role ? sql`AND a.role = ${unit.role}` : sql``;
  return sql<SqlBool>`EXISTS (SELECT 1 FROM task_assignees a WHERE a.task_id = t.id AND (a.unit_id = ${unit.id} ${groups}) ${role})`;
}

export async function findTasks(db: Db, asOf: string, f: TaskFilter, page: { after?: [string, string, number]; limit: number } | { changes: ChangeScan }): Promise<TaskWithDerived[]> {
  let query = f.unit ? selectTasks(db, asOf).select(unitPartSql(asOf, f.unit.id).as('part')) : selectTasks(db, asOf);
  if (f.planId) query = query.where('t.planId', '=', f.planId);
  if (f.year !== undefined) query = query.where('t.planId', 'in', db.selectFrom('plans').select('id').where('year', '=', f.year));
  if (f.dueWithin) query = query.where('t.dueFrom', '<=', f.dueWithin.to).where('t.dueTo', '>=', f.dueWithin.from);
  if (f.unit) query = query.where(assignedTo(f.unit));
  // With a unit, progress and timeliness are its own part's ("my tasks, by my status"); the task's where it has none.
  const unitPart = <T>(value: RawBuilder<T>) => (f.unit ? sql<T>`(SELECT ${value} FROM task_parts tp WHERE tp.task_id = t.id AND tp.unit_id = ${f.unit.id})` : null);
  const mine = <T>(part: RawBuilder<T> | null, task: RawBuilder<T>) => (part ? sql<T>`coalesce(${part}, ${task})` : task);
  if (f.progress) query = query.where(mine(unitPart(sql<string>`tp.progress`), sql<string>`t.progress`), '=', f.progress);
  if (f.timeliness) query = query.where(mine(unitPart(timelinessSql(asOf, 'tp')), timelinessSql(asOf)), '=', f.timeliness);
  if (f.searchPattern) query = query.where('t.searchKey', 'like', f.searchPattern);
  if ('changes' in page) return (await inChangeOrder(query, 't', page.changes).execute()) as TaskWithDerived[];
  if (page.after) {
    const [dueTo, planId, ordinal] = page.after;
    query = query.where((eb) => eb(eb.refTuple('t.dueTo', 't.planId', 't.ordinal'), '>', eb.tuple(dueTo, planId, ordinal)));
  }
  return (await query.orderBy('t.dueTo').orderBy('t.planId').orderBy('t.ordinal').limit(page.limit + 1).execute()) as TaskWithDerived[];
}

export async function findPlanTasks(db: Db, planId: string, asOf: string, page?: { afterOrdinal?: number; limit: number }): Promise<TaskWithDerived[]> {
  let query = selectTasks(db, asOf).where('t.planId', '=', planId);
  if (page?.afterOrdinal !== undefined) query = query.where('t.ordinal', '>', page.afterOrdinal);
  if (page) query = query.limit(page.limit + 1);
  return (await query.orderBy('t.ordinal').execute()) as TaskWithDerived[];
}

/** The task as planTasksSql gives it: JSON, its instants as text. */
export type TaskJson = Omit<TaskWithDerived, 'createdAt' | 'updatedAt'> & { createdAt: string; updatedAt: string };

/** The tasks of the plan `plans.id` of the enclosing query as one JSON array, in appendix order: a plan and its appendix in one statement. */
export function planTasksSql(db: Db, asOf: string): RawBuilder<TaskJson[]> {
  const tasks = selectTasks(db, asOf).where(sql<SqlBool>`t.plan_id = plans.id`);
  return sql<TaskJson[]>`(SELECT coalesce(jsonb_agg(to_jsonb(x) ORDER BY x.ordinal), '[]'::jsonb) FROM (${tasks}) x)`;
}

export function revivedTask(json: TaskJson): TaskWithDerived {
  return { ...json, createdAt: new Date(json.createdAt), updatedAt: new Date(json.updatedAt) };
}

export async function findTask(db: Db, planId: string, taskId: string, asOf: string): Promise<TaskWithDerived | undefined> {
  return (await selectTasks(db, asOf).where('t.planId', '=', planId).where('t.id', '=', taskId).executeTakeFirst()) as TaskWithDerived | undefined;
}

export async function maxOrdinal(db: Db, planId: string): Promise<number> {
  const row = await db.selectFrom('tasks').select((eb) => eb.fn.max('ordinal').as('max')).where('planId', '=', planId).executeTakeFirst();
  return row?.max ?? 0;
}

export async function insertTask(db: Db, row: NewTaskRow, assignees: Assignee[]): Promise<string> {
  const { id } = await db.insertInto('tasks').values(row).returning('id').executeTakeFirstOrThrow();
  await replaceAssignees(db, id, assignees);
  return id;
}

export async function replaceAssignees(db: Db, taskId: string, assignees: Assignee[]): Promise<void> {
  await db.deleteFrom('taskAssignees').where('taskId', '=', taskId).execute();
  await db
    .insertInto('taskAssignees')
    .values(assignees.map((a, i) => ({ taskId, position: i + 1, role: a.role, unitId: a.unitId ?? null, unitGroup: a.group ?? null })))
    .execute();
}

/** Closes the gap a deleted task left (the ordinal constraint is checked at commit). */
export async function shiftOrdinalsAfter(db: Db, planId: string, ordinal: number): Promise<void> {
  await db
    .updateTable('tasks')
    .set((eb) => ({ ordinal: eb('ordinal', '-', 1), version: eb('version', '+', 1), updatedAt: sql<Date>`now()` }))
    .where('planId', '=', planId)
    .where('ordinal', '>', ordinal)
    .execute();
}

export async function setOrdinal(db: Db, taskId: string, ordinal: number): Promise<void> {
  await db.updateTable('tasks').set((eb) => ({ ordinal, version: eb('version', '+', 1), updatedAt: sql<Date>`now()` })).where('id', '=', taskId).execute();
}

/** Counts by progress as it stood on asOf (a task completed later was still in progress) and by timeliness. */
export async function countTasksBy(db: Db, planId: string, asOf: string): Promise<Array<{ progress: string; timeliness: Timeliness | null; count: number }>> {
  const progressAsOf = sql<string>`CASE WHEN t.progress = 'done' AND t.completed_on > ${asOf}::date THEN 'in_progress' ELSE t.progress END`;
  return db
    .selectFrom('tasks as t')
    .select([progressAsOf.as('progress'), timelinessSql(asOf).as('timeliness'), (eb) => eb.fn.countAll<number>().as('count')])
    .where('t.planId', '=', planId)
    .groupBy([sql`1`, sql`2`])
    .execute();
}

/** How many of the plan's tasks have evidence: an activity linked to them, done by asOf. */
export async function countTasksWithEvidence(db: Db, planId: string, asOf: string): Promise<number> {
  const row = await db
    .selectFrom('tasks as t')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('t.planId', '=', planId)
    .where(sql<SqlBool>`EXISTS (SELECT 1 FROM activities a WHERE a.task_id = t.id AND a.deleted_at IS NULL AND a.occurred_on <= ${asOf}::date)`)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** Whether the unit (directly, or through one of its groups) is named on the task. */
export async function isAssigned(db: Db, taskId: string, unitId: string, groups: UnitGroup[]): Promise<boolean> {
  const row = await db
    .selectFrom('tasks as t')
    .select('t.id')
    .where('t.id', '=', taskId)
    .where(assignedTo({ id: unitId, groups }))
    .executeTakeFirst();
  return row !== undefined;
}
