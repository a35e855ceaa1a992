// Compliance with a plan's standing obligations, computed as of a date: for a plan and a period
// (the Department's view of its units), or for one unit and a year (a unit's own view).
import type { Kysely } from 'kysely';
import { zeroCounts } from '../../domain/counts.js';
import type { Database } from '../../db/schema.js';
import { Conflict, InvalidInput } from '../../domain/errors.js';
import { NOT_A_PERIOD, periodRange, vietnamToday } from '../../domain/periods.js';
import { ownPlanOf, planState } from '../plans/plans.service.js';
import { getUnit, unitIdOfCode } from '../units/units.service.js';
import { computeCompliance, type ComplianceRecord } from './compliance.repository.js';
import {
  COMPLIANCE_STATUSES,
  type ComplianceRow,
  type ComplianceStatus,
  type PlanCompliance,
  type PlanComplianceQuery,
  type UnitCompliance,
  type UnitComplianceQuery,
} from './compliance.schemas.js';

// The reports' roll-up judges quarters in its own statement, by the same rule of what counts.
export { countsTowardSql } from './compliance.repository.js';

function toRow(r: ComplianceRecord): ComplianceRow {
  return {
    unitId: r.unitId,
    code: r.code,
    name: r.name,
    planId: r.planId,
    obligationId: r.obligationId,
    kind: r.kind,
    window: { from: r.windowFrom, to: r.windowTo },
    required: r.required,
    done: r.done,
    status: r.status,
    activityIds: r.activityIds,
    ownPlan: ownPlanOf(r),
  };
}

function summary(rows: ComplianceRow[]): Record<ComplianceStatus, number> {
  const counts = zeroCounts(COMPLIANCE_STATUSES);
  for (const row of rows) counts[row.status]++;
  return counts;
}

/** Every unit the plan's obligations name, judged in each window of each obligation that meets the period. */
export async function planCompliance(db: Kysely<Database>, q: PlanComplianceQuery): Promise<PlanCompliance> {
  const window = periodRange(q.period);
  if (!window) throw new InvalidInput([{ path: '/period', message: NOT_A_PERIOD }], true);
  if (q.unitId && q.unitCode) throw new InvalidInput([{ path: '/unitCode', message: 'is given instead of unitId, not with it: they name the same unit' }], true);
  const plan = await planState(db, q.planId);
  if (plan.status === 'draft' || plan.status === 'cancelled') {
    throw new Conflict(`Compliance is judged against an issued or closed plan, whose obligations bind; this plan is ${plan.status}.`);
  }
  // A plan's obligations bind in its year: a period outside it would judge units against nothing.
  if (window.from < `${plan.year}-01-01` || window.to > `${plan.year}-12-31`) {
    throw new InvalidInput([{ path: '/period', message: `must lie within the plan's year ${plan.year}, when its obligations bind` }]);
  }
  const unitId = q.unitCode ? await unitIdOfCode(db, q.unitCode, '/unitCode') : q.unitId;
  const asOf = q.asOf ?? vietnamToday();
  const items = (await computeCompliance(db, { plans: { planId: q.planId }, window, asOf, unitId, status: q.status })).map(toRow);
  return { planId: q.planId, period: q.period, window, asOf, summary: summary(items), items };
}

/** One unit against every obligation of the year's issued plans that names it, window by window. */
export async function unitCompliance(db: Kysely<Database>, unit: string, q: UnitComplianceQuery): Promise<UnitCompliance> {
  const { id, code, name } = await getUnit(db, unit);
  const asOf = q.asOf ?? vietnamToday();
  const window = { from: `${q.year}-01-01`, to: `${q.year}-12-31` };
  const items = (await computeCompliance(db, { plans: { year: q.year }, window, asOf, unitId: id })).map(toRow);
  return { unitId: id, code, name, year: q.year, asOf, summary: summary(items), items };
}

/** The unit's windows of the plan's publish obligations that meet the period, judged as of asOf: a report's quarters. */
export async function unitPublishWindows(db: Kysely<Database>, s: { planId: string; unitId: string; window: { from: string; to: string }; asOf: string }): Promise<ComplianceRow[]> {
  const rows = await computeCompliance(db, { plans: { planId: s.planId }, window: s.window, asOf: s.asOf, unitId: s.unitId });
  return rows.filter((r) => r.kind === 'publish').map(toRow);
}
