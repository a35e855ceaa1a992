// A unit's report figures for a window of a plan's year, every one as of the window's last day:
// its parts of the plan's tasks, its activities, its quarters against the plan's publish
// obligations, its own plan under the plan, and the citizens' questions it answers (the Department:
// every question). The Department's roll-up is added by its caller.
import type { Kysely } from 'kysely';
import { countsByKey } from '../../domain/counts.js';
import type { Database } from '../../db/schema.js';
import { ownPlanOf } from '../plans/plans.service.js';
import { writtenNumberOrNull } from '../../domain/document-number.js';
import { notFound } from '../../domain/errors.js';
import { unitPublishWindows } from '../compliance/compliance.service.js';
import { computeQuestionFigures } from '../questions/questions.figures.js';
import { FORMS, PROGRESS, TIMELINESS } from '../tasks/tasks.table.js';
import { findActivityFigures, findPlanFigures } from './figures.repository.js';
import type { ReportFigures } from './reports.schemas.js';

export interface FiguresScope {
  unitId: string;
  /** The Department's plan of the year the report answers to. */
  planId: string;
  window: { from: string; to: string };
  /** The Department's own report: its questions are every unit's. */
  department: boolean;
}

export async function computeFigures(db: Kysely<Database>, scope: FiguresScope): Promise<ReportFigures> {
  const { unitId, planId, window, department } = scope;
  const asOf = window.to;
  const plan = await findPlanFigures(db, planId, unitId, asOf);
  if (!plan) throw notFound('Plan', planId);
  const activities = await findActivityFigures(db, unitId, window);
  // A cut-off window starts in December of the year before, when the plan's obligations did not
  // bind yet: its windows are judged from the plan's year on.
  const yearStart = `${plan.year}-01-01`;
  const judged = await unitPublishWindows(db, { planId, unitId, window: { from: window.from > yearStart ? window.from : yearStart, to: window.to }, asOf });
  // The report accounts for the windows that end within it (a six-month cut-off window holds the
  // first quarter whole, not the second). Each is over at the close of the report's last day, so one
  // short then is missed, as the roll-up has it (compliance, judging during that day, says due).
  const windows = judged
    .filter((w) => w.window.to >= window.from && w.window.to <= window.to)
    .map((w) => ({ obligationId: w.obligationId, window: w.window, required: w.required, done: w.done, status: w.status === 'due' ? ('missed' as const) : w.status }));
  return {
    asOf,
    tasks: {
      planId,
      planNumber: writtenNumberOrNull(plan.numberSequence, plan.symbol),
      total: plan.total,
      byProgress: countsByKey(PROGRESS, plan.byProgress),
      byTimeliness: countsByKey(TIMELINESS, plan.byTimeliness),
      overdue: plan.overdue,
    },
    activities: {
      total: activities.total,
      linkedToTasks: activities.linkedToTasks,
      byForm: countsByKey(FORMS, activities.byForm),
      byMonth: activities.byMonth.map(([month, count]) => ({ month, count })),
    },
    compliance: {
      windows,
      due: windows.length,
      met: windows.filter((w) => w.status === 'met').length,
    },
    ownPlan: ownPlanOf(plan),
    questions: await computeQuestionFigures(db, department ? null : unitId, window),
  };
}
