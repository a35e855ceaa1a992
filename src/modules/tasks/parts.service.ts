// Each unit's own part of a task: made when the plan is issued (groups resolved then), refreshed
// on demand, and recorded by its unit (editors) or admins. The task's progress follows its lead
// units' parts (parts.repository.ts derives it), so a coordinator never moves a lead's work.
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { Actor } from '../../domain/actor.js';
import { Conflict, Forbidden, notFound, StaleVersion } from '../../domain/errors.js';
import { vietnamToday } from '../../domain/periods.js';
import { decodeCursor, type Page, toPage } from '../../db/cursor.js';
import { recordChange } from '../audit/audit.service.js';
import { getUnit } from '../units/units.service.js';
import { addMissingParts, deriveTaskProgress, findPart, findParts, partsOf, removeUnnamedParts, setPartProgress } from './parts.repository.js';
import type { PartListQuery, PartsRefresh, TaskPart, TaskPartUpdate } from './parts.schemas.js';
import { nextProgress } from './tasks.rules.js';
import { lockPlanIn, planTasks, requireTask } from './tasks.service.js';
import type { Task, TaskUpdate } from './tasks.schemas.js';

/** The parts of a plan's tasks, made as it is issued: its groups resolve to the units active then. */
export async function makePlanParts(trx: Transaction<Database>, planId: string): Promise<void> {
  await addMissingParts(trx, planId);
}

/** Parts for the units that joined a group since the issue; parts of units no longer named, with nothing recorded, go. */
export async function refreshParts(db: Kysely<Database>, actor: Actor, planId: string): Promise<PartsRefresh> {
  return db.transaction().execute(async (trx) => {
    await lockPlanIn(trx, planId, ['issued'], 'Parts are refreshed');
    const before = await planTasks(trx, planId);
    const removed = await removeUnnamedParts(trx, planId);
    const added = await addMissingParts(trx, planId);
    const changed = new Set(await deriveTaskProgress(trx, { planId }, true));
    const result = { planId, added, removed };
    await recordChange(trx, actor, { action: 'refresh_parts', entityType: 'plan', entityId: planId, before: null, after: result });
    for (const after of (await planTasks(trx, planId)).filter((task) => changed.has(task.id))) {
      await recordChange(trx, actor, { action: 'progress', entityType: 'task', entityId: after.id, before: before.find((task) => task.id === after.id)!, after });
    }
    return result;
  });
}

export async function listParts(db: Kysely<Database>, planId: string, taskId: string, q: PartListQuery): Promise<Page<TaskPart>> {
  await requireTask(db, planId, taskId);
  const after = q.cursor ? (decodeCursor(q.cursor, ['int', 'text']) as [number, string]) : undefined;
  const rows = await findParts(db, taskId, q.asOf ?? vietnamToday(), { role: q.role, progress: q.progress, after, limit: q.limit });
  return toPage(rows, q.limit, (row) => row.part, (row) => [row.rank, row.code]);
}

async function requirePart(db: Kysely<Database> | Transaction<Database>, planId: string, taskId: string, unit: string, asOf: string): Promise<{ task: Task; part: TaskPart }> {
  const task = await requireTask(db, planId, taskId, asOf);
  const { id: unitId, code } = await getUnit(db, unit);
  const part = await findPart(db, taskId, unitId, asOf);
  if (!part) throw notFound('Part', code);
  return { task, part };
}

export async function getPart(db: Kysely<Database>, planId: string, taskId: string, unit: string, asOf = vietnamToday()): Promise<TaskPart> {
  return (await requirePart(db, planId, taskId, unit, asOf)).part;
}

/** A unit records its own part (an admin any part); the task's progress follows. */
export async function updatePart(db: Kysely<Database>, actor: Actor, planId: string, taskId: string, unit: string, version: number | null, patch: TaskPartUpdate): Promise<TaskPart> {
  return db.transaction().execute(async (trx) => {
    await lockPlanIn(trx, planId, ['issued'], 'Progress is recorded');
    const today = vietnamToday();
    const { task, part: before } = await requirePart(trx, planId, taskId, unit, today);
    if (actor.role !== 'admin' && actor.unitId !== before.unitId) {
      throw new Forbidden(`An editor records progress only on its own unit’s part; this part is ${before.code}’s.`);
    }
    const next = { ...nextProgress(before, patch, today), ...(patch.note !== undefined ? { note: patch.note } : {}) };
    if (!(await setPartProgress(trx, before.id, version, next))) throw new StaleVersion(version ?? before.version);
    const changed = await deriveTaskProgress(trx, { taskId }, true);
    const after = (await findPart(trx, taskId, before.unitId, today))!;
    await recordChange(trx, actor, { action: 'progress', entityType: 'task_part', entityId: before.id, before, after });
    // The task's own progress moved with it: its trail says so too.
    if (changed.length) await recordChange(trx, actor, { action: 'progress', entityType: 'task', entityId: taskId, before: task, after: await requireTask(trx, planId, taskId, today) });
    return after;
  });
}

/**
 * Progress sent to the task itself (PATCH of the task, as before parts existed): an editor's goes
 * to its unit's part, an admin's to every lead's part, each audited as its part. The caller derives
 * the task's progress.
 */
export async function recordOnParts(trx: Transaction<Database>, actor: Actor, taskId: string, patch: TaskUpdate): Promise<void> {
  if (patch.progress === undefined && patch.completedOn === undefined && patch.cancelReason === undefined) return;
  const parts = await partsOf(trx, taskId, actor.role === 'admin' ? null : actor.unitId);
  if (parts.length === 0) {
    throw new Conflict(
      actor.role === 'admin'
        ? 'The task has no lead unit’s part to record on (its lead group has no active unit): refresh the plan’s parts first.'
        : 'Your unit has no part of this task yet (it joined the group after the plan was issued): an admin refreshes the plan’s parts.',
    );
  }
  const today = vietnamToday();
  for (const { id, unitId } of parts) {
    const before = (await findPart(trx, taskId, unitId, today))!;
    await setPartProgress(trx, id, null, nextProgress(before, patch, today));
    const after = (await findPart(trx, taskId, unitId, today))!;
    await recordChange(trx, actor, { action: 'progress', entityType: 'task_part', entityId: id, before, after });
  }
}
