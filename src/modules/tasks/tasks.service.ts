// Tasks of a plan: the appendix is written while the plan is a draft (admins), and progress is
// recorded once it is issued (admins, or editors of a unit the task names, groups included).
import type { Kysely, Transaction } from 'kysely';
import { countsByKey } from '../../domain/counts.js';
import type { Database } from '../../db/schema.js';
import { deleteVersioned, updateVersioned } from '../../db/versioned.js';
import { PROGRESS, type TaskRowUpdate } from './tasks.table.js';
import { Conflict, InvalidInput, notFound, StaleVersion } from '../../domain/errors.js';
import { periodRange, vietnamToday } from '../../domain/periods.js';
import { searchKey } from '../../domain/text.js';
import { decodeCursor, type Page, toPage } from '../../db/cursor.js';
import type { Actor } from '../../domain/actor.js';
import { recordChange } from '../audit/audit.service.js';
import { writtenNumberOrNull } from '../../domain/document-number.js';
import { groupsOfUnit, unitIdsByCode } from '../units/units.service.js';
import { csvToTasks, tasksToCsv } from './tasks.csv.js';
import { appendixFileName } from './tasks.labels.js';
import type { PlanStatus } from '../plans/plans.table.js';
import { authorizeTaskChange, partOf } from './tasks.access.js';
import {
  findPlanNumber,
  findPlanStatus,
  findPlanTasks,
  planTasksSql,
  revivedTask,
  type TaskJson,
  findTask,
  findTaskPlan,
  insertTask,
  isAssigned,
  lockPlanStatus,
  maxOrdinal,
  replaceAssignees,
  setOrdinal,
  shiftOrdinalsAfter,
  type TaskWithDerived,
} from './tasks.repository.js';
import { checkTaskInputs, type TaskOrigin } from './tasks.rules.js';
import { deriveTaskProgress } from './parts.repository.js';
import { recordOnParts } from './parts.service.js';
import type { CsvLabels, PlanTaskListQuery, Task, TaskCreate, TaskUpdate } from './tasks.schemas.js';

type Db = Kysely<Database> | Transaction<Database>;

// Other modules' queries (the reports' roll-up) count parts by timeliness with this expression.
export { timelinessSql } from './tasks.repository.js';

/** The plan's status, or a 404: every read of an appendix starts here. */
export async function requirePlanStatus(db: Db, planId: string): Promise<PlanStatus> {
  const status = await findPlanStatus(db, planId);
  if (!status) throw notFound('Plan', planId);
  return status;
}

/**
 * Every write to an appendix starts here: the plan is locked for the rest of the transaction, and
 * must be in a state that allows the write. `what` completes "… only when the plan is draft".
 */
export async function lockPlanIn(trx: Transaction<Database>, planId: string, allowed: readonly PlanStatus[], what: string): Promise<void> {
  const status = await lockPlanStatus(trx, planId);
  if (!status) throw notFound('Plan', planId);
  if (!allowed.includes(status)) throw new Conflict(`${what} only when the plan is ${allowed.join(' or ')}; this plan is ${status}.`);
}

/**
 * Why an activity of the unit may not carry out the task, or null when it may: the task's plan is
 * issued, and the unit is named on the task directly or through a group it belongs to now.
 */
export async function activityLinkRefusal(db: Db, taskId: string, unitId: string): Promise<string | null> {
  const task = await findTaskPlan(db, taskId);
  if (!task) return 'names no task';
  if (task.status !== 'issued') return `is a task of a ${task.status} plan: activities carry out the tasks of issued plans`;
  if (!(await isAssigned(db, taskId, unitId, await groupsOfUnit(db, unitId)))) {
    return 'is a task the activity’s unit is not assigned to (as lead or coordinator, directly or through its group)';
  }
  return null;
}

function partCounts(cells: number[]): Task['partCounts'] {
  // partCountsSql gives ASSIGNEE_ROLES × PROGRESS: the leads' counts, then the coordinators'.
  return { lead: countsByKey(PROGRESS, cells, 0), coordinator: countsByKey(PROGRESS, cells, PROGRESS.length) };
}

export function toTask(row: TaskWithDerived): Task {
  return {
    id: row.id,
    planId: row.planId,
    ordinal: row.ordinal,
    content: row.content,
    forms: row.forms as Task['forms'],
    formNote: row.formNote,
    assignees: row.assignees,
    duePeriod: row.duePeriod,
    dueFrom: row.dueFrom,
    dueTo: row.dueTo,
    target: row.targetCount !== null && row.targetUnit !== null ? { count: row.targetCount, unit: row.targetUnit } : null,
    progress: row.progress,
    completedOn: row.completedOn,
    cancelReason: row.cancelReason,
    partCounts: partCounts(row.partCounts),
    ...(row.part !== undefined ? { part: row.part } : {}),
    note: row.note,
    progressNote: row.progressNote,
    timeliness: row.timeliness,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

function contentColumns(input: Partial<TaskCreate>): TaskRowUpdate {
  const range = input.duePeriod !== undefined ? periodRange(input.duePeriod) : null;
  return {
    ...(input.content !== undefined ? { content: input.content } : {}),
    ...(input.forms !== undefined ? { forms: JSON.stringify(input.forms) } : {}),
    ...(input.formNote !== undefined ? { formNote: input.formNote } : {}),
    ...(range ? { duePeriod: input.duePeriod, dueFrom: range.from, dueTo: range.to } : {}),
    ...(input.target !== undefined ? { targetCount: input.target?.count ?? null, targetUnit: input.target?.unit ?? null } : {}),
    ...(input.note !== undefined ? { note: input.note } : {}),
  };
}

/** Appends tasks to a plan the caller has locked, each audited; `origin(i)` says where task i came from. */
export async function appendTasks(trx: Transaction<Database>, actor: Actor, planId: string, inputs: TaskCreate[], origin: (i: number) => TaskOrigin): Promise<Task[]> {
  await checkTaskInputs(trx, inputs.map((task, i) => ({ task, origin: origin(i) })));
  let ordinal = await maxOrdinal(trx, planId);
  const ids = new Set<string>();
  for (const input of inputs) {
    const range = periodRange(input.duePeriod)!; // checkTaskInputs refused any period without one
    const row = {
      planId,
      ordinal: ++ordinal,
      content: input.content,
      forms: JSON.stringify(input.forms),
      formNote: input.formNote ?? null,
      duePeriod: input.duePeriod,
      dueFrom: range.from,
      dueTo: range.to,
      targetCount: input.target?.count ?? null,
      targetUnit: input.target?.unit ?? null,
      completedOn: null,
      cancelReason: null,
      note: input.note ?? null,
      progressNote: null,
      searchKey: searchKey(input.content, input.formNote),
    };
    ids.add(await insertTask(trx, row, input.assignees));
  }
  const tasks = (await planTasks(trx, planId)).filter((task) => ids.has(task.id));
  for (const task of tasks) await recordChange(trx, actor, { action: 'create', entityType: 'task', entityId: task.id, before: null, after: task });
  return tasks;
}

export async function planTasks(db: Db, planId: string, asOf = vietnamToday()): Promise<Task[]> {
  return (await findPlanTasks(db, planId, asOf)).map(toTask);
}

/** The same as a column of a query of plans (the plans module's planWithReader), read back with tasksOfColumn. */
export function planTasksColumn(db: Db, asOf: string) {
  return planTasksSql(db, asOf);
}

export function tasksOfColumn(json: TaskJson[]): Task[] {
  return json.map((task) => toTask(revivedTask(task)));
}

export async function requireTask(db: Db, planId: string, taskId: string, asOf = vietnamToday()): Promise<Task> {
  const row = await findTask(db, planId, taskId, asOf);
  if (!row) throw notFound('Task', taskId);
  return toTask(row);
}

async function createTasks(db: Kysely<Database>, actor: Actor, planId: string, inputs: TaskCreate[], origin: (i: number) => TaskOrigin): Promise<Task[]> {
  return db.transaction().execute(async (trx) => {
    await lockPlanIn(trx, planId, ['draft'], 'Tasks are added');
    return appendTasks(trx, actor, planId, inputs, origin);
  });
}

/** One task appended to a draft plan. */
export async function createTask(db: Kysely<Database>, actor: Actor, planId: string, input: TaskCreate): Promise<Task> {
  return (await createTasks(db, actor, planId, [input], () => ({ path: '' })))[0]!;
}

export async function listPlanTasks(db: Kysely<Database>, planId: string, q: PlanTaskListQuery): Promise<Page<Task>> {
  const afterOrdinal = q.cursor ? (decodeCursor(q.cursor, ['int'])[0] as number) : undefined;
  const rows = await findPlanTasks(db, planId, q.asOf ?? vietnamToday(), { afterOrdinal, limit: q.limit });
  if (rows.length === 0 && afterOrdinal === undefined) await requirePlanStatus(db, planId);
  return toPage(rows, q.limit, toTask, (row) => [row.ordinal]);
}

/** The whole appendix as CSV (tasks.csv.ts has the columns), with the name to download it under. */
export async function exportAppendixCsv(db: Kysely<Database>, planId: string, asOf?: string, labels: CsvLabels = 'en'): Promise<{ csv: string; fileName: string }> {
  const plan = await findPlanNumber(db, planId);
  if (!plan) throw notFound('Plan', planId);
  const number = writtenNumberOrNull(plan.sequence, plan.symbol);
  const csv = tasksToCsv(await planTasks(db, planId, asOf), labels);
  return { csv, fileName: appendixFileName({ id: planId, number }, labels === 'vi') };
}

/** Every row of the CSV appended to a draft plan, or none. */
export async function importAppendixCsv(db: Kysely<Database>, actor: Actor, planId: string, csv: string): Promise<Task[]> {
  const inputs = await csvToTasks(csv, (codes) => unitIdsByCode(db, codes));
  // Header on line 1: task i came from line i + 2 (csvToTasks has already checked each row by its real line).
  return createTasks(db, actor, planId, inputs, (i) => ({ line: i + 2 }));
}

export async function getTask(db: Kysely<Database>, planId: string, taskId: string, asOf?: string): Promise<Task> {
  return requireTask(db, planId, taskId, asOf);
}

export async function updateTask(db: Kysely<Database>, actor: Actor, planId: string, taskId: string, version: number | null, patch: TaskUpdate): Promise<Task> {
  const rule = partOf(actor, patch);
  return db.transaction().execute(async (trx) => {
    // What a task says is fixed once the plan is issued; from then on only its progress moves.
    await lockPlanIn(trx, planId, rule.planStatuses, rule.what);
    const before = await requireTask(trx, planId, taskId);
    await authorizeTaskChange(actor, rule, async (unitId) => isAssigned(trx, taskId, unitId, await groupsOfUnit(trx, unitId)));
    await checkTaskInputs(trx, [{ task: patch, origin: { path: '' } }]);
    const next = { ...before, ...patch };
    const note = patch.progressNote !== undefined ? { progressNote: patch.progressNote } : {};
    const changes: TaskRowUpdate = { ...contentColumns(patch), ...note, searchKey: searchKey(next.content, next.formNote) };
    if (!(await updateVersioned(trx, 'tasks', taskId, version, changes))) throw new StaleVersion(version ?? before.version);
    if (patch.assignees) await replaceAssignees(trx, taskId, patch.assignees);
    if (rule.part === 'progress') {
      await recordOnParts(trx, actor, taskId, patch);
      await deriveTaskProgress(trx, { taskId }, false);
    }
    const after = await requireTask(trx, planId, taskId);
    await recordChange(trx, actor, { action: rule.action, entityType: 'task', entityId: taskId, before, after });
    return after;
  });
}

export async function deleteTask(db: Kysely<Database>, actor: Actor, planId: string, taskId: string, version: number | null): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await lockPlanIn(trx, planId, ['draft'], 'Tasks are deleted');
    const before = await requireTask(trx, planId, taskId);
    if (!(await deleteVersioned(trx, 'tasks', taskId, version))) throw new StaleVersion(version ?? before.version);
    await shiftOrdinalsAfter(trx, planId, before.ordinal);
    await recordChange(trx, actor, { action: 'delete', entityType: 'task', entityId: taskId, before, after: null });
  });
}

export async function reorderTasks(db: Kysely<Database>, actor: Actor, planId: string, taskIds: string[]): Promise<Task[]> {
  return db.transaction().execute(async (trx) => {
    await lockPlanIn(trx, planId, ['draft'], 'Tasks are reordered');
    const before = await planTasks(trx, planId);
    const known = new Set(before.map((t) => t.id));
    if (taskIds.length !== known.size || taskIds.some((id) => !known.has(id))) {
      throw new InvalidInput([{ path: '/taskIds', message: `must list each of the plan's ${known.size} tasks exactly once` }]);
    }
    for (const [i, id] of taskIds.entries()) {
      if (before.find((t) => t.id === id)!.ordinal !== i + 1) await setOrdinal(trx, id, i + 1);
    }
    const after = await planTasks(trx, planId);
    await recordChange(trx, actor, { action: 'reorder', entityType: 'plan', entityId: planId, before: { taskIds: before.map((t) => t.id) }, after: { taskIds } });
    return after;
  });
}
