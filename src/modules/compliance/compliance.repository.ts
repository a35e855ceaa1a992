// The one query of compliance: every unit an obligation names × every window of the obligation
// that meets the period, with what counted, in a single round trip (no per-unit queries), so a
// province of 600 units over a year's activities is one statement.
import { type Kysely, type RawBuilder, sql, type SqlBool } from 'kysely';
import type { Database } from '../../db/schema.js';
import { ownPlanSql } from '../plans/plans.service.js';
import { namedBySql } from '../units/units.service.js';
import { FORMS_NEEDING_EVIDENCE } from '../activities/activities.table.js';
import { COMPUTED_KINDS, type ComplianceStatus } from './compliance.schemas.js';

export interface ComplianceScope {
  /** One plan's obligations, or those of a year's issued and closed plans. */
  plans: { planId: string } | { year: number };
  window: { from: string; to: string };
  asOf: string;
  unitId?: string;
  status?: ComplianceStatus;
}

export interface ComplianceRecord {
  unitId: string;
  code: string;
  name: string;
  planId: string;
  obligationId: string;
  kind: (typeof COMPUTED_KINDS)[number];
  windowFrom: string;
  windowTo: string;
  required: number;
  done: number;
  status: ComplianceStatus;
  activityIds: string[];
  ownPlanId: string | null;
  ownPlanSequence: number | null;
  ownPlanSymbol: string | null;
  ownPlanIssuedOn: string | null;
}

/**
 * Whether activity `a` counts toward publish obligation `ob` (table aliases): one of its forms (any
 * when it names none), with its evidence where the form needs it. The caller bounds the dates and
 * leaves out removed activities.
 */
export function countsTowardSql(ob: string, a: string): RawBuilder<SqlBool> {
  const forms = sql.ref(`${ob}.forms`);
  const form = sql.ref(`${a}.form`);
  return sql<SqlBool>`(jsonb_array_length(${forms}) = 0 OR ${forms} @> to_jsonb(${form}))
          AND (${form} NOT IN (${sql.join(FORMS_NEEDING_EVIDENCE)}) OR ${sql.ref(`${a}.evidence_url`)} IS NOT NULL)`;
}

// Months in one window of an obligation: per month, quarter, half-year; once a year when it names none.
const MONTHS = sql`CASE ob.per WHEN 'month' THEN 1 WHEN 'quarter' THEN 3 WHEN 'half_year' THEN 6 ELSE 12 END`;

export async function computeCompliance(db: Kysely<Database>, s: ComplianceScope): Promise<ComplianceRecord[]> {
  const planFilter =
    'planId' in s.plans ? sql`o.plan_id = ${s.plans.planId}` : sql`p.year = ${s.plans.year} AND p.status IN ('issued', 'closed')`;
  const unitFilter = s.unitId ? sql`AND u.id = ${s.unitId}` : sql``;
  const statusFilter = s.status ? sql`WHERE status = ${s.status}` : sql``;
  const { rows } = await sql<ComplianceRecord>`
    WITH ob AS (
      SELECT o.id, o.plan_id, o.position, o.kind, o.unit_id, o.unit_group, o.forms,
        CASE o.kind WHEN 'own_plan' THEN 1 ELSE coalesce(o.min_count, 1) END AS required, o.per
      FROM obligations o JOIN plans p ON p.id = o.plan_id
      WHERE ${planFilter} AND o.kind IN (${sql.join(COMPUTED_KINDS)})),
    win AS (
      SELECT ob.id AS obligation_id, d::date AS window_from, (d + make_interval(months => ${MONTHS}) - interval '1 day')::date AS window_to
      FROM ob CROSS JOIN LATERAL generate_series(
        make_date(extract(year FROM ${s.window.from}::date)::int, ((extract(month FROM ${s.window.from}::date)::int - 1) / ${MONTHS}) * ${MONTHS} + 1, 1),
        ${s.window.to}::date, make_interval(months => ${MONTHS})) AS d),
    judged AS (
      SELECT u.id AS unit_id, u.code, u.name, ob.plan_id, ob.id AS obligation_id, ob.kind, ob.position, w.window_from, w.window_to, ob.required,
        CASE ob.kind WHEN 'publish' THEN coalesce(act.n, 0) ELSE (own.id IS NOT NULL)::int END AS done,
        coalesce(act.ids, '[]'::jsonb) AS activity_ids,
        own.id AS own_plan_id, own.number_sequence AS own_plan_sequence, own.symbol AS own_plan_symbol, own.issued_on AS own_plan_issued_on
      FROM ob
      JOIN units u ON ${namedBySql('u', sql.ref('ob.unit_id'), sql.ref('ob.unit_group'))} ${unitFilter}
      JOIN win w ON w.obligation_id = ob.id
      LEFT JOIN LATERAL (
        SELECT count(*)::int AS n, jsonb_agg(a.id ORDER BY a.occurred_on, a.id) AS ids
        FROM activities a
        WHERE ob.kind = 'publish' AND a.unit_id = u.id AND a.deleted_at IS NULL
          AND a.occurred_on BETWEEN w.window_from AND least(w.window_to, ${s.asOf}::date)
          AND ${countsTowardSql('ob', 'a')}) act ON true
      LEFT JOIN LATERAL ${ownPlanSql(sql.ref('ob.plan_id'), sql.ref('u.id'), s.asOf, sql`ob.kind = 'own_plan'`)} own ON true)
    SELECT * FROM (
      SELECT unit_id, code, name, plan_id, obligation_id, kind, window_from, window_to, required, done, activity_ids,
        own_plan_id, own_plan_sequence, own_plan_symbol, own_plan_issued_on, position,
        CASE WHEN done >= required THEN 'met'
             WHEN window_to < ${s.asOf}::date THEN 'missed'
             WHEN window_from <= ${s.asOf}::date THEN 'due'
             ELSE 'not_started' END AS status
      FROM judged) r
    ${statusFilter}
    ORDER BY code, plan_id, position, window_from`.execute(db);
  return rows;
}
