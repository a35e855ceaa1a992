// Finding activities: the list and its CSV, which take the same filters, and a task's evidence (the
// activities that carry it out), read through its plan.
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { decodeCursor, type Page, toPage } from '../../db/cursor.js';
import { readChanges, readsChanges } from '../../db/sync.js';
import { InvalidInput, notFound } from '../../domain/errors.js';
import { earlierBound, laterBound, NOT_A_PERIOD, periodRange } from '../../domain/periods.js';
import { containsPattern } from '../../domain/text.js';
import { kindsOfGroup, unitIdOfCode } from '../units/units.service.js';
import { activitiesToCsv } from './activities.csv.js';
import { type ActivityFilter, findActivities, taskInPlan } from './activities.repository.js';
import type { Activity, ActivityFilterQuery, ActivityListQuery, TaskActivitiesQuery } from './activities.schemas.js';
import { toActivity } from './activities.service.js';

/** The query's filters as the repository takes them; from, to and period together bound the dates. */
async function filterOf(db: Kysely<Database>, q: ActivityFilterQuery): Promise<ActivityFilter> {
  if (q.unitId && q.unitCode) throw new InvalidInput([{ path: '/unitCode', message: 'is given instead of unitId, not with it: they name the same unit' }], true);
  if (q.from && q.to && q.from > q.to) throw new InvalidInput([{ path: '/to', message: `must not be before from (${q.from})` }], true);
  const period = q.period !== undefined ? periodRange(q.period) : undefined;
  if (period === null) throw new InvalidInput([{ path: '/period', message: NOT_A_PERIOD }], true);
  return {
    unitId: q.unitCode ? await unitIdOfCode(db, q.unitCode, '/unitCode') : q.unitId,
    unitKinds: q.group ? kindsOfGroup(q.group) : undefined,
    forms: q.form,
    taskId: q.taskId,
    planId: q.planId,
    from: laterBound(q.from, period?.from),
    to: earlierBound(q.to, period?.to),
    searchPattern: q.q ? containsPattern(q.q) : undefined,
    recordedByKeyId: q.recordedBy,
  };
}

async function pageOf(db: Kysely<Database>, filter: ActivityFilter, q: { limit: number; cursor?: string }): Promise<Page<Activity>> {
  const after = q.cursor ? (decodeCursor(q.cursor, ['date', 'uuid']) as [string, string]) : undefined;
  const rows = await findActivities(db, filter, { after, limit: q.limit });
  return toPage(rows, q.limit, toActivity, (row) => [row.occurredOn, row.id]);
}

export async function listActivities(db: Kysely<Database>, q: ActivityListQuery): Promise<Page<Activity>> {
  const { limit, cursor, updatedSince, includeDeleted, ...filters } = q;
  const filter = await filterOf(db, filters);
  if (readsChanges(q)) return readChanges(db, 'activity', q, (trx, scan) => findActivities(trx, filter, { changes: scan }), toActivity);
  return pageOf(db, filter, { limit, cursor });
}

/** Every activity the filters find, as CSV (activities.csv.ts has the columns). */
export async function exportActivitiesCsv(db: Kysely<Database>, q: ActivityFilterQuery): Promise<string> {
  const rows = await findActivities(db, await filterOf(db, q));
  return activitiesToCsv(rows.map(toActivity));
}

/** The activities that carry out the task: 404 when the plan has no such task. */
export async function listTaskActivities(db: Kysely<Database>, planId: string, taskId: string, q: TaskActivitiesQuery): Promise<Page<Activity>> {
  if (!(await taskInPlan(db, planId, taskId))) throw notFound('Task', taskId);
  return pageOf(db, { taskId }, q);
}
