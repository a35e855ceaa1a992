// The only place that queries task_parts: each unit's own part of a task of an issued plan. Parts
// are made from the assignees (groups resolved to their active units), and a task's progress is
// derived from its lead units' parts here, in SQL, so every path that changes a part agrees.
import { type Kysely, type RawBuilder, sql, type Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';
import { namedBySql } from '../units/units.service.js';
import { timelinessSql } from './tasks.repository.js';
import type { TaskPart } from './parts.schemas.js';
import type { AssigneeRole, Progress } from './tasks.table.js';

type Db = Kysely<Database> | Transaction<Database>;

/** A part as the API shows it (`tp` a task_parts row, `t` its task, `u` its unit). */
export function partObjectSql(asOf: string): RawBuilder<TaskPart> {
  return sql<TaskPart>`jsonb_build_object(
    'id', tp.id, 'taskId', tp.task_id, 'unitId', tp.unit_id, 'code', u.code, 'name', u.name, 'role', tp.role,
    'progress', tp.progress, 'completedOn', tp.completed_on, 'cancelReason', tp.cancel_reason, 'note', tp.note,
    'timeliness', ${timelinessSql(asOf, 'tp')},
    'activityIds', (SELECT coalesce(jsonb_agg(a.id ORDER BY a.occurred_on, a.id), '[]'::jsonb) FROM activities a
                    WHERE a.task_id = tp.task_id AND a.unit_id = tp.unit_id AND a.deleted_at IS NULL AND a.occurred_on <= ${asOf}::date),
    'version', tp.version,
    'updatedAt', to_char(tp.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))`;
}

/** The unit's part of the task `t`, or null (a correlated subquery of a task row). */
export function unitPartSql(asOf: string, unitId: string): RawBuilder<TaskPart | null> {
  return sql<TaskPart | null>`(SELECT ${partObjectSql(asOf)} FROM task_parts tp JOIN units u ON u.id = tp.unit_id WHERE tp.task_id = t.id AND tp.unit_id = ${unitId})`;
}

// Lead first, then by unit code: the order parts are listed in.
const RANK = sql<number>`CASE tp.role WHEN 'lead' THEN 0 ELSE 1 END`;

export interface PartFilter {
  role?: AssigneeRole;
  progress?: Progress;
  after?: [number, string];
  limit: number;
}

export async function findParts(db: Db, taskId: string, asOf: string, f: PartFilter): Promise<Array<{ part: TaskPart; rank: number; code: string }>> {
  let query = db
    .selectFrom('taskParts as tp')
    .innerJoin('tasks as t', 't.id', 'tp.taskId')
    .innerJoin('units as u', 'u.id', 'tp.unitId')
    .select([partObjectSql(asOf).as('part'), RANK.as('rank'), 'u.code'])
    .where('tp.taskId', '=', taskId);
  if (f.role) query = query.where('tp.role', '=', f.role);
  if (f.progress) query = query.where('tp.progress', '=', f.progress);
  if (f.after) query = query.where(sql<boolean>`(${RANK}, u.code) > (${f.after[0]}, ${f.after[1]})`);
  return query.orderBy(RANK).orderBy('u.code').limit(f.limit + 1).execute();
}

export async function findPart(db: Db, taskId: string, unitId: string, asOf: string): Promise<TaskPart | undefined> {
  const row = await db
    .selectFrom('taskParts as tp')
    .innerJoin('tasks as t', 't.id', 'tp.taskId')
    .innerJoin('units as u', 'u.id', 'tp.unitId')
    .select(partObjectSql(asOf).as('part'))
    .where('tp.taskId', '=', taskId)
    .where('tp.unitId', '=', unitId)
    .executeTakeFirst();
  return row?.part;
}

/** The parts of the task a change applies to: the unit's own, or (unitId null) every lead's. */
export async function partsOf(db: Db, taskId: string, unitId: string | null): Promise<Array<{ id: string; unitId: string }>> {
  let query = db.selectFrom('taskParts').select(['id', 'unitId']).where('taskId', '=', taskId);
  query = unitId ? query.where('unitId', '=', unitId) : query.where('role', '=', 'lead');
  return query.orderBy('id').execute();
}

// The units an assignee `a` names: its unit, or the active units of its group's kinds.
const namedUnits = namedBySql('u', sql.ref('a.unit_id'), sql.ref('a.unit_group'));

/** Makes the missing parts of the plan's tasks (a unit named twice keeps its lead role); returns how many. */
export async function addMissingParts(trx: Transaction<Database>, planId: string): Promise<number> {
  const result = await sql`
    INSERT INTO task_parts (task_id, unit_id, role)
    SELECT DISTINCT ON (t.id, u.id) t.id, u.id, a.role
    FROM tasks t JOIN task_assignees a ON a.task_id = t.id JOIN units u ON ${namedUnits}
    WHERE t.plan_id = ${planId}
    ORDER BY t.id, u.id, a.role DESC
    ON CONFLICT (task_id, unit_id) DO NOTHING`.execute(trx);
  return Number(result.numAffectedRows ?? 0n);
}

/** Removes the parts of units the tasks no longer name, where nothing was recorded; returns how many. */
export async function removeUnnamedParts(trx: Transaction<Database>, planId: string): Promise<number> {
  const result = await sql`
    DELETE FROM task_parts tp USING tasks t
    WHERE t.id = tp.task_id AND t.plan_id = ${planId}
      AND tp.progress = 'not_started' AND tp.note IS NULL
      AND NOT EXISTS (SELECT 1 FROM activities a WHERE a.task_id = tp.task_id AND a.unit_id = tp.unit_id AND a.deleted_at IS NULL)
      AND NOT EXISTS (SELECT 1 FROM task_assignees a JOIN units u ON ${namedUnits} WHERE a.task_id = tp.task_id AND u.id = tp.unit_id)`.execute(trx);
  return Number(result.numAffectedRows ?? 0n);
}

export async function setPartProgress(
  trx: Transaction<Database>,
  partId: string,
  version: number | null,
  changes: { progress: Progress; completedOn: string | null; cancelReason: string | null; note?: string | null },
): Promise<boolean> {
  let query = trx.updateTable('taskParts').set({ ...changes, version: sql`version + 1`, updatedAt: sql`now()` }).where('id', '=', partId);
  if (version !== null) query = query.where('version', '=', version);
  return (await query.executeTakeFirst()).numUpdatedRows > 0n;
}

/**
 * Sets the progress of the tasks (one, or a plan's) from their parts: cancelled when every lead's
 * part is, done when every lead's part not cancelled is done (on the last lead's date), in progress
 * once any part has started. A task without lead parts keeps what it has. `bump` gives a changed
 * task a new version (false when the caller's own write already did). Returns the tasks it changed.
 */
export async function deriveTaskProgress(trx: Transaction<Database>, scope: { taskId: string } | { planId: string }, bump: boolean): Promise<string[]> {
  const where = 'taskId' in scope ? sql`tp.task_id = ${scope.taskId}` : sql`tp.task_id IN (SELECT id FROM tasks WHERE plan_id = ${scope.planId})`;
  const { rows } = await sql<{ id: string }>`
    WITH d AS (
      SELECT task_id,
        CASE WHEN count(*) FILTER (WHERE role = 'lead' AND progress <> 'cancelled') = 0 THEN 'cancelled'
             WHEN count(*) FILTER (WHERE role = 'lead' AND progress NOT IN ('done', 'cancelled')) = 0 THEN 'done'
             WHEN bool_or(progress IN ('in_progress', 'done')) THEN 'in_progress'
             ELSE 'not_started' END AS progress,
        max(completed_on) FILTER (WHERE role = 'lead' AND progress = 'done') AS completed_on,
        min(cancel_reason) FILTER (WHERE role = 'lead' AND progress = 'cancelled') AS cancel_reason
      FROM task_parts tp WHERE ${where}
      GROUP BY task_id HAVING count(*) FILTER (WHERE role = 'lead') > 0)
    UPDATE tasks t SET progress = d.progress,
      completed_on = CASE WHEN d.progress = 'done' THEN d.completed_on END,
      cancel_reason = CASE WHEN d.progress = 'cancelled' THEN d.cancel_reason END,
      version = t.version + ${bump ? 1 : 0}, updated_at = CASE WHEN ${bump} THEN now() ELSE t.updated_at END
    FROM d WHERE t.id = d.task_id
      AND (t.progress, t.completed_on, t.cancel_reason) IS DISTINCT FROM
          (d.progress, CASE WHEN d.progress = 'done' THEN d.completed_on END, CASE WHEN d.progress = 'cancelled' THEN d.cancel_reason END)
    RETURNING t.id`.execute(trx);
  return rows.map((r) => r.id);
}

/** The task's parts counted by role and progress, in ASSIGNEE_ROLES × PROGRESS order (a subquery of `t`). */
export function partCountsSql(roles: readonly AssigneeRole[], progress: readonly Progress[]): RawBuilder<number[]> {
  const cells = roles.flatMap((r) => progress.map((p) => sql`count(*) FILTER (WHERE tp.role = ${sql.lit(r)} AND tp.progress = ${sql.lit(p)})`));
  return sql<number[]>`(SELECT jsonb_build_array(${sql.join(cells)}) FROM task_parts tp WHERE tp.task_id = t.id)`;
}
