// The Department's roll-up of its units' reports for a year and kind: one row per unit its plan
// covers, then the lists a Department report must contain (not submitted, late, non-compliant) and
// the totals. The Department's own report carries it in its figures.
import type { Kysely } from 'kysely';
import { countsByKey, zeroCounts } from '../../domain/counts.js';
import type { Database } from '../../db/schema.js';
import { ownPlanOf } from '../plans/plans.service.js';
import { InvalidInput } from '../../domain/errors.js';
import { reportWindow } from '../../domain/report-window.js';
import { toQuestionFigures } from '../questions/questions.figures.js';
import type { QuestionFigures } from '../questions/questions.schemas.js';
import { FORMS } from '../tasks/tasks.table.js';
import type { Rollup, RollupRow } from './reports.schemas.js';
import type { ReportKind } from './reports.table.js';
import { computeRollupRows, findRollupPlan, type RollupRecord } from './rollup.repository.js';

export const NO_DEPARTMENT_PLAN = 'names a year with no issued plan of the Department';

function toRow(r: RollupRecord): RollupRow {
  return {
    unit: { id: r.unitId, code: r.code, name: r.name },
    window: { from: r.windowFrom, to: r.windowTo },
    reportId: r.reportId,
    status: r.status,
    submittedAt: r.submittedAt?.toISOString() ?? null,
    late: r.late,
    tasksDone: r.tasksDone,
    tasksOverdue: r.tasksOverdue,
    activitiesByForm: countsByKey(FORMS, r.activitiesByForm),
    quartersCompliant: r.quartersCompliant,
    quartersDue: r.quartersDue,
    nonCompliantQuarters: r.nonCompliantQuarters,
    ownPlan: ownPlanOf(r),
    questions: toQuestionFigures(r.questions),
  };
}

function totals(rows: RollupRow[], questions: QuestionFigures): Rollup['totals'] {
  const activitiesByForm = zeroCounts(FORMS);
  let [submitted, late, tasksDone, tasksOverdue, ownPlans] = [0, 0, 0, 0, 0];
  for (const row of rows) {
    if (row.status === 'submitted' || row.status === 'accepted') submitted++;
    if (row.late) late++;
    tasksDone += row.tasksDone;
    tasksOverdue += row.tasksOverdue;
    if (row.ownPlan) ownPlans++;
    for (const form of FORMS) activitiesByForm[form] += row.activitiesByForm[form];
  }
  return { units: rows.length, submitted, late, tasksDone, tasksOverdue, activitiesByForm, ownPlans, questions };
}

function cutoffWindow(q: { year: number; kind: ReportKind }, cutoffDay: number): Rollup['window'] {
  const { from, to } = reportWindow(q.kind, 'cutoff', q.year, cutoffDay);
  return { from, to };
}

/**
 * The Department's own report gives its plan and window (`of`). Otherwise the plan is the
 * Department's plan of the year, and the window that of a report of the year and kind under it (the
 * Department's own first), with none yet the cut-off window of the Department's cut-off day. A unit
 * with a report of its own is judged in that report's window.
 */
export async function computeRollup(
  db: Kysely<Database>,
  q: { year: number; kind: ReportKind },
  of?: { planId: string; window: { from: string; to: string } },
): Promise<Rollup> {
  let scope = of;
  if (!scope) {
    const plan = await findRollupPlan(db, q.year, q.kind);
    if (!plan) throw new InvalidInput([{ path: '/year', message: NO_DEPARTMENT_PLAN }]);
    const window = plan.windowFrom !== null && plan.windowTo !== null ? { from: plan.windowFrom, to: plan.windowTo } : cutoffWindow(q, plan.cutoffDay);
    scope = { planId: plan.planId, window };
  }
  const { planId, window } = scope;
  const records = await computeRollupRows(db, { planId, year: q.year, kind: q.kind, window });
  const rows = records.rows.map(toRow);
  return {
    year: q.year,
    kind: q.kind,
    planId,
    window,
    rows,
    notSubmitted: rows.filter((r) => r.status === 'missing' || r.status === 'draft').map((r) => r.unit),
    late: rows.filter((r) => r.late).map((r) => r.unit),
    nonCompliant: rows.filter((r) => r.nonCompliantQuarters.length > 0).map((r) => ({ unit: r.unit, quarters: r.nonCompliantQuarters })),
    totals: totals(rows, toQuestionFigures(records.questions)),
  };
}
