// What the Department asks of tasks: across plans by year, period, unit, progress and timeliness;
// a plan's progress summary; and its schedule (the appendix as a calendar).
import type { Kysely } from 'kysely';
import { zeroCounts } from '../../domain/counts.js';
import type { Database } from '../../db/schema.js';
import type { UnitGroup } from '../units/units.table.js';
import { PROGRESS } from './tasks.table.js';
import { monthsOf, NOT_A_PERIOD, periodRange, vietnamToday } from '../../domain/periods.js';
import { containsPattern } from '../../domain/text.js';
import { InvalidInput } from '../../domain/errors.js';
import { decodeCursor, type Page, toPage } from '../../db/cursor.js';
import { readChanges, readsChanges } from '../../db/sync.js';
import { groupsOfUnit, unitIdOfCode } from '../units/units.service.js';
import { countTasksBy, countTasksWithEvidence, findTasks } from './tasks.repository.js';
import { type PlanProgress, type PlanSchedule, type Task, TIMELINESS, type TaskSearchQuery } from './tasks.schemas.js';
import { planTasks, requirePlanStatus, toTask } from './tasks.service.js';

export async function searchTasks(db: Kysely<Database>, q: TaskSearchQuery): Promise<Page<Task>> {
  const asOf = q.asOf ?? vietnamToday();
  const after = q.cursor ? (decodeCursor(q.cursor, ['date', 'uuid', 'int']) as [string, string, number]) : undefined;
  if (q.unitId && q.unitCode) throw new InvalidInput([{ path: '/unitCode', message: 'is given instead of unitId, not with it: they name the same unit' }], true);
  if (q.role && !q.unitId && !q.unitCode) throw new InvalidInput([{ path: '/role', message: 'is given with unitId or unitCode: the role that unit plays' }], true);
  const dueWithin = q.duePeriod ? periodRange(q.duePeriod) : undefined;
  if (dueWithin === null) throw new InvalidInput([{ path: '/duePeriod', message: NOT_A_PERIOD }], true);
  const unitId = q.unitCode ? await unitIdOfCode(db, q.unitCode, '/unitCode') : q.unitId;
  const groups: UnitGroup[] = unitId ? await groupsOfUnit(db, unitId) : [];
  const filter = {
    planId: q.planId,
    year: q.year,
    dueWithin,
    unit: unitId ? { id: unitId, groups, role: q.role } : undefined,
    progress: q.progress,
    timeliness: q.timeliness,
    searchPattern: q.q ? containsPattern(q.q) : undefined,
  };
  if (readsChanges(q)) return readChanges(db, 'task', q, (trx, changes) => findTasks(trx, asOf, filter, { changes }), toTask);
  const rows = await findTasks(db, asOf, filter, { after, limit: q.limit });
  return toPage(rows, q.limit, toTask, (row) => [row.dueTo, row.planId, row.ordinal]);
}

export async function planProgress(db: Kysely<Database>, planId: string, asOf = vietnamToday()): Promise<PlanProgress> {
  await requirePlanStatus(db, planId);
  const byProgress = zeroCounts(PROGRESS);
  const byTimeliness = zeroCounts(TIMELINESS);
  let total = 0;
  // A task without timeliness (its plan a draft or cancelled) counts by progress only, as the timeliness filter finds it under none.
  for (const { progress, timeliness, count } of await countTasksBy(db, planId, asOf)) {
    byProgress[progress as keyof PlanProgress['byProgress']] += count;
    if (timeliness) byTimeliness[timeliness] += count;
    total += count;
  }
  const counted = total - byProgress.cancelled;
  const tasksWithEvidence = await countTasksWithEvidence(db, planId, asOf);
  return { planId, asOf, total, byProgress, byTimeliness, completionRate: counted > 0 ? byProgress.done / counted : null, tasksWithEvidence };
}

export async function planSchedule(db: Kysely<Database>, planId: string, asOf = vietnamToday()): Promise<PlanSchedule> {
  await requirePlanStatus(db, planId);
  const months = new Map<string, Task[]>();
  for (const task of await planTasks(db, planId, asOf)) {
    for (const month of monthsOf({ from: task.dueFrom, to: task.dueTo })) {
      months.set(month, [...(months.get(month) ?? []), task]);
    }
  }
  return {
    planId,
    asOf,
    months: [...months.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([month, tasks]) => ({ month, tasks })),
  };
}
