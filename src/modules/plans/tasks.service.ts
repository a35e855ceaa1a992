// Tasks of a plan: the appendix is written while the plan is a draft (admins), and progress is
// recorded once it is issued (admins, or editors of a unit the task names, groups included).
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';
import { deleteVersioned, updateVersioned } from '../../db/versioned.js';
import type { TaskRowUpdate } from '../../db/tables/tasks.js';
import { periodRange, vietnamToday } from '../../domain/periods.js';
import { searchKey } from '../../domain/text.js';
import { staleVersion } from '../../http/etag.js';
import { Forbidden, InvalidFields, notFound } from '../../http/errors.js';
import { decodeCursor, type Page, toPage } from '../../http/pagination.js';
import type { Actor } from '../../http/principal.js';
import { recordChange } from '../audit/audit.service.js';
import { groupsOfUnit, unitCodesById, unitIdsByCode } from '../units/units.service.js';
import { csvToTasks, tasksToCsv } from './tasks.csv.js';
import { lockPlanIn, requirePlan } from './plans.state.js';
import {
  findPlanTasks,
  findTask,
  insertTask,
  isAssigned,
  maxOrdinal,
  replaceAssignees,
  setOrdinal,
  shiftOrdinalsAfter,
  type TaskWithDerived,
} from './tasks.repository.js';
import { checkTaskInputs, nextProgress } from './tasks.rules.js';
import type { PlanTaskListQuery, Task, TaskCreate, TaskUpdate } from './tasks.schemas.js';

const CONTENT_FIELDS = ['content', 'forms', 'formNote', 'assignees', 'duePeriod', 'target', 'note'] as const;
const PROGRESS_FIELDS = ['progress', 'completedOn', 'cancelReason'] as const;

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
    note: row.note,
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

/** Appends tasks to a plan the caller has locked, each audited; `pointer(i)` names where task i came from. */
export async function appendTasks(trx: Transaction<Database>, actor: Actor, planId: string, inputs: TaskCreate[], pointer: (i: number) => string): Promise<Task[]> {
  await checkTaskInputs(trx, inputs.map((task, i) => ({ task, pointer: pointer(i) })));
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
      searchKey: searchKey(input.content, input.formNote),
    };
    ids.add(await insertTask(trx, row, input.assignees));
  }
  const tasks = (await planTasks(trx, planId)).filter((task) => ids.has(task.id));
  for (const task of tasks) await recordChange(trx, actor, { action: 'create', entityType: 'task', entityId: task.id, before: null, after: task });
  return tasks;
}

export async function planTasks(db: Kysely<Database> | Transaction<Database>, planId: string, asOf = vietnamToday()): Promise<Task[]> {
  return (await findPlanTasks(db, planId, asOf)).map(toTask);
}

async function requireTask(db: Kysely<Database> | Transaction<Database>, planId: string, taskId: string, asOf = vietnamToday()): Promise<Task> {
  const row = await findTask(db, planId, taskId, asOf);
  if (!row) throw notFound('Task', taskId);
  return toTask(row);
}

export async function createTasks(db: Kysely<Database>, actor: Actor, planId: string, inputs: TaskCreate[], pointer: (i: number) => string): Promise<Task[]> {
  return db.transaction().execute(async (trx) => {
    await lockPlanIn(trx, planId, ['draft'], 'Tasks are added');
    return appendTasks(trx, actor, planId, inputs, pointer);
  });
}

export async function listPlanTasks(db: Kysely<Database>, planId: string, q: PlanTaskListQuery): Promise<Page<Task>> {
  const afterOrdinal = q.cursor ? (decodeCursor(q.cursor, ['int'])[0] as number) : undefined;
  const rows = await findPlanTasks(db, planId, q.asOf ?? vietnamToday(), { afterOrdinal, limit: q.limit });
  if (rows.length === 0 && afterOrdinal === undefined) await requirePlan(db, planId);
  return toPage(rows, q.limit, toTask, (row) => [row.ordinal]);
}

/** The whole appendix as CSV (tasks.csv.ts has the columns). */
export async function exportAppendixCsv(db: Kysely<Database>, planId: string, asOf?: string): Promise<string> {
  await requirePlan(db, planId);
  const tasks = await planTasks(db, planId, asOf);
  const codes = await unitCodesById(db, tasks.flatMap((t) => t.assignees.flatMap((a) => (a.unitId ? [a.unitId] : []))));
  return tasksToCsv(tasks, codes);
}

/** Every row of the CSV appended to a draft plan, or none. */
export async function importAppendixCsv(db: Kysely<Database>, actor: Actor, planId: string, csv: string): Promise<Task[]> {
  const inputs = await csvToTasks(csv, (codes) => unitIdsByCode(db, codes));
  // Header on line 1: task i came from line i + 2 (csvToTasks has already checked each row by its real line).
  return createTasks(db, actor, planId, inputs, (i) => `/body/${i + 2}`);
}

export async function getTask(db: Kysely<Database>, planId: string, taskId: string, asOf?: string): Promise<Task> {
  return requireTask(db, planId, taskId, asOf);
}

async function authorizeProgress(trx: Transaction<Database>, actor: Actor, taskId: string): Promise<void> {
  if (actor.role === 'admin') return;
  const unitId = actor.unitId;
  if (actor.role !== 'editor' || !unitId || !(await isAssigned(trx, taskId, unitId, await groupsOfUnit(trx, unitId)))) {
    throw new Forbidden('An editor may record progress only on tasks its unit leads or coordinates.');
  }
}

export async function updateTask(db: Kysely<Database>, actor: Actor, planId: string, taskId: string, version: number | null, patch: TaskUpdate): Promise<Task> {
  const changesContent = CONTENT_FIELDS.some((f) => patch[f] !== undefined);
  const changesProgress = PROGRESS_FIELDS.some((f) => patch[f] !== undefined);
  if (changesContent && actor.role !== 'admin') throw new Forbidden('Only an admin changes what a task says; an editor records its progress.');
  if (changesContent && changesProgress) {
    throw new InvalidFields([{ pointer: '/body', message: 'changes what the task says (on a draft plan) and its progress (on an issued one): send them apart' }]);
  }
  return db.transaction().execute(async (trx) => {
    // What a task says is fixed once the plan is issued; from then on only its progress moves.
    await lockPlanIn(trx, planId, changesContent ? ['draft'] : ['issued'], changesContent ? 'What a task says changes' : 'Progress is recorded');
    const before = await requireTask(trx, planId, taskId);
    if (changesProgress) await authorizeProgress(trx, actor, taskId);
    await checkTaskInputs(trx, [{ task: patch, pointer: '/body' }]);
    const progress = changesProgress ? nextProgress(before, patch, vietnamToday()) : {};
    const next = { ...before, ...patch };
    const changes: TaskRowUpdate = { ...contentColumns(patch), ...progress, searchKey: searchKey(next.content, next.formNote) };
    if (!(await updateVersioned(trx, 'tasks', taskId, version, changes))) throw staleVersion(version ?? before.version);
    if (patch.assignees) await replaceAssignees(trx, taskId, patch.assignees);
    const after = await requireTask(trx, planId, taskId);
    await recordChange(trx, actor, { action: changesContent ? 'update' : 'progress', entityType: 'task', entityId: taskId, before, after });
    return after;
  });
}

export async function deleteTask(db: Kysely<Database>, actor: Actor, planId: string, taskId: string, version: number | null): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await lockPlanIn(trx, planId, ['draft'], 'Tasks are deleted');
    const before = await requireTask(trx, planId, taskId);
    if (!(await deleteVersioned(trx, 'tasks', taskId, version))) throw staleVersion(version ?? before.version);
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
      throw new InvalidFields([{ pointer: '/body/taskIds', message: `must list each of the plan's ${known.size} tasks exactly once` }]);
    }
    for (const [i, id] of taskIds.entries()) {
      if (before.find((t) => t.id === id)!.ordinal !== i + 1) await setOrdinal(trx, id, i + 1);
    }
    const after = await planTasks(trx, planId);
    await recordChange(trx, actor, { action: 'reorder', entityType: 'plan', entityId: planId, before: { taskIds: before.map((t) => t.id) }, after: { taskIds } });
    return after;
  });
}
