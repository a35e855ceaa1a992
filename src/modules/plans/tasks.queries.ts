// What the Department asks of tasks: across plans by year, period, unit, progress and timeliness;
// a plan's progress summary; and its schedule (the appendix as a calendar).
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { UnitGroupName } from '../../db/tables/tasks.js';
import { monthsOf, periodRange, vietnamToday } from '../../domain/periods.js';
import { containsPattern } from '../../domain/text.js';
import { InvalidFields } from '../../http/errors.js';
import { decodeCursor, type Page, toPage } from '../../http/pagination.js';
import { groupsOfUnit } from '../units/units.service.js';
import { requirePlan } from './plans.state.js';
import type { PlanProgress, PlanSchedule } from './plans.schemas.js';
import { countTasksBy, findTasks } from './tasks.repository.js';
import { PROGRESS, type Task, TIMELINESS, type TaskSearchQuery } from './tasks.schemas.js';
import { planTasks, toTask } from './tasks.service.js';

export async function searchTasks(db: Kysely<Database>, q: TaskSearchQuery): Promise<Page<Task>> {
  const asOf = q.asOf ?? vietnamToday();
  const after = q.cursor ? (decodeCursor(q.cursor, ['date', 'uuid', 'int']) as [string, string, number]) : undefined;
  if (q.role && !q.unitId) throw new InvalidFields([{ pointer: '/query/role', message: 'is given with unitId: the role that unit plays' }], 400);
  const dueWithin = q.duePeriod ? periodRange(q.duePeriod) : undefined;
  if (dueWithin === null) throw new InvalidFields([{ pointer: '/query/duePeriod', message: 'is not a real period: check the dates and their order' }], 400);
  const groups: UnitGroupName[] = q.unitId ? await groupsOfUnit(db, q.unitId) : [];
  const rows = await findTasks(
    db,
    asOf,
    {
      planId: q.planId,
      year: q.year,
      dueWithin,
      unit: q.unitId ? { id: q.unitId, groups, role: q.role } : undefined,
      progress: q.progress,
      timeliness: q.timeliness,
      searchPattern: q.q ? containsPattern(q.q) : undefined,
    },
    { after, limit: q.limit },
  );
  return toPage(rows, q.limit, toTask, (row) => [row.dueTo, row.planId, row.ordinal]);
}

export async function planProgress(db: Kysely<Database>, planId: string, asOf = vietnamToday()): Promise<PlanProgress> {
  await requirePlan(db, planId);
  const byProgress = Object.fromEntries(PROGRESS.map((p) => [p, 0])) as PlanProgress['byProgress'];
  const byTimeliness = Object.fromEntries(TIMELINESS.map((p) => [p, 0])) as PlanProgress['byTimeliness'];
  let total = 0;
  for (const { progress, timeliness, count } of await countTasksBy(db, planId, asOf)) {
    byProgress[progress as keyof PlanProgress['byProgress']] += count;
    byTimeliness[timeliness] += count;
    total += count;
  }
  const counted = total - byProgress.cancelled;
  return { planId, asOf, total, byProgress, byTimeliness, completionRate: counted > 0 ? byProgress.done / counted : null };
}

export async function planSchedule(db: Kysely<Database>, planId: string, asOf = vietnamToday()): Promise<PlanSchedule> {
  await requirePlan(db, planId);
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
