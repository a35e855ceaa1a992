// The SQL of the Department's roll-up: its plan of the year (a small lookup), then one statement
// giving one row per unit the plan covers, with its report, its task parts, its activities by form,
// its quarters judged and its own plan, so that 600 units over a year's activities is one round trip.
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/schema.js';
import { countsTowardSql } from '../compliance/compliance.service.js';
import { FORMS } from '../tasks/tasks.table.js';
import { timelinessSql } from '../tasks/tasks.service.js';
import { departmentPlanIdSql, ownPlanSql } from '../plans/plans.service.js';
import { namedBySql } from '../units/units.service.js';
import { type QuestionFiguresRecord, questionFiguresSql } from '../questions/questions.figures.js';
import type { ReportKind, ReportStatus } from './reports.table.js';

export interface DepartmentPlan {
  planId: string;
  /** The Department's reporting cut-off day (units.report_cutoff_day). */
  cutoffDay: number;
  /** The window of a report of the year and kind under this plan (the Department's own first), if any. */
  windowFrom: string | null;
  windowTo: string | null;
}

/** The Department's plan of the year (reports.repository.ts says which), with what the roll-up needs of it. */
export async function findRollupPlan(db: Kysely<Database>, year: number, kind: ReportKind): Promise<DepartmentPlan | undefined> {
  const { rows } = await sql<DepartmentPlan>`
    SELECT p.id AS plan_id, u.report_cutoff_day AS cutoff_day, r.window_from, r.window_to
    FROM plans p JOIN units u ON u.id = p.issuer_unit_id
    LEFT JOIN LATERAL (
      SELECT r.window_from, r.window_to FROM reports r
      WHERE r.year = ${year} AND r.kind = ${kind} AND r.plan_id = p.id
      ORDER BY r.unit_id = p.issuer_unit_id DESC, r.created_at, r.id LIMIT 1) r ON true
    WHERE p.id = ${departmentPlanIdSql(year)}`.execute(db);
  return rows[0];
}

export interface RollupScope {
  planId: string;
  year: number;
  kind: ReportKind;
  window: { from: string; to: string };
}

export interface RollupRecord {
  unitId: string;
  code: string;
  name: string;
  windowFrom: string;
  windowTo: string;
  reportId: string | null;
  status: ReportStatus | 'missing';
  submittedAt: Date | null;
  late: boolean | null;
  tasksDone: number;
  tasksOverdue: number;
  /** Counts in FORMS order (the camel-case plugin would rename an object's snake_case keys). */
  activitiesByForm: number[];
  quartersDue: number;
  quartersCompliant: number;
  nonCompliantQuarters: string[];
  ownPlanId: string | null;
  ownPlanSequence: number | null;
  ownPlanSymbol: string | null;
  ownPlanIssuedOn: string | null;
  questions: QuestionFiguresRecord;
}

type Flat<P extends string> = { [K in keyof QuestionFiguresRecord as `${P}${Capitalize<K>}`]: QuestionFiguresRecord[K] };

/** A row as the statement gives it: the unit's question figures (q…) and the window's, of every unit (t…), flat. */
type FlatRollupRecord = Omit<RollupRecord, 'questions'> & Flat<'q'> & Flat<'t'>;

const FIGURES = ['received', 'answered', 'answeredOnTime', 'overdue', 'published', 'medianResponseDays', 'p90ResponseDays'] as const;
const flat = (prefix: 'q' | 't', k: (typeof FIGURES)[number]) => `${prefix}${k[0]!.toUpperCase()}${k.slice(1)}` as keyof FlatRollupRecord;

/** The question figures of a row's flat columns with the prefix. */
function figuresOf(row: FlatRollupRecord, prefix: 'q' | 't'): QuestionFiguresRecord {
  return Object.fromEntries(FIGURES.map((k) => [k, row[flat(prefix, k)]])) as unknown as QuestionFiguresRecord;
}

/** A unit's row, its question figures gathered into their section. */
function unitRecord(row: FlatRollupRecord): RollupRecord {
  const rest: Partial<FlatRollupRecord> = { ...row };
  for (const k of FIGURES) for (const prefix of ['q', 't'] as const) delete rest[flat(prefix, k)];
  return { ...(rest as Omit<RollupRecord, 'questions'>), questions: figuresOf(row, 'q') };
}

export interface RollupRecords {
  rows: RollupRecord[];
  /** Every unit's questions of the roll-up's window: response times do not add up across rows. */
  questions: QuestionFiguresRecord;
}

/**
 * The units covered are those the plan's report obligations name (its publish obligations' when it
 * has no report obligation), and any unit that has made a report of the year and kind under it.
 * Each unit is judged in its own report's window (the roll-up's window when it has none), so that
 * its row says what its report says; everything stands as of that window's end: parts done or
 * overdue by then, the quarters of the plan's year over by then, the own plan issued by then.
 */
export async function computeRollupRows(db: Kysely<Database>, s: RollupScope): Promise<RollupRecords> {
  const { rows } = await sql<FlatRollupRecord>`
    WITH ob AS (
      SELECT o.kind, o.unit_id, o.unit_group, o.forms, o.per, coalesce(o.min_count, 1) AS required
      FROM obligations o WHERE o.plan_id = ${s.planId}),
    covered AS (
      -- kind and active: the quarters below ask which obligations name the unit (namedBySql on c).
      SELECT u.id, u.code, u.name, u.kind, u.active FROM units u
      WHERE (EXISTS (
          SELECT 1 FROM ob
          WHERE ob.kind = CASE WHEN EXISTS (SELECT 1 FROM ob WHERE ob.kind = 'report') THEN 'report' ELSE 'publish' END
            AND ${namedBySql('u', sql.ref('ob.unit_id'), sql.ref('ob.unit_group'))})
        OR EXISTS (SELECT 1 FROM reports r WHERE r.unit_id = u.id AND r.year = ${s.year} AND r.kind = ${s.kind} AND r.plan_id = ${s.planId}))
        -- The Department reports on its units; its own report is the one that holds the roll-up.
        AND u.id <> (SELECT issuer_unit_id FROM plans WHERE id = ${s.planId})),
    quarter AS (
      SELECT q AS q_from, (q + interval '3 months' - interval '1 day')::date AS q_to, to_char(q, 'YYYY-"Q"Q') AS label
      FROM (SELECT make_date(${s.year}::int, m, 1) AS q FROM generate_series(1, 10, 3) AS m) m),
    unit_rows AS (
    SELECT c.id AS unit_id, c.code, c.name, w.wf AS window_from, w.wt AS window_to, r.id AS report_id, coalesce(r.status, 'missing') AS status,
      CASE WHEN r.status <> 'draft' THEN r.submitted_at END AS submitted_at,
      CASE WHEN r.status <> 'draft' THEN r.late END AS late,
      tk.done AS tasks_done, tk.overdue AS tasks_overdue, act.by_form AS activities_by_form,
      cq.due AS quarters_due, cq.compliant AS quarters_compliant, cq.missed AS non_compliant_quarters,
      own.id AS own_plan_id, own.number_sequence AS own_plan_sequence, own.symbol AS own_plan_symbol, own.issued_on AS own_plan_issued_on,
      qf.received AS q_received, qf.answered AS q_answered, qf.answered_on_time AS q_answered_on_time, qf.overdue AS q_overdue, qf.published AS q_published,
      qf.median_response_days AS q_median_response_days, qf.p90_response_days AS q_p90_response_days
    FROM covered c
    LEFT JOIN reports r ON r.unit_id = c.id AND r.year = ${s.year} AND r.kind = ${s.kind}
    CROSS JOIN LATERAL (SELECT coalesce(r.window_from, ${s.window.from}::date) AS wf, coalesce(r.window_to, ${s.window.to}::date) AS wt) w
    CROSS JOIN LATERAL (
      SELECT count(*) FILTER (WHERE x.timeliness IN ('done_on_time', 'done_late'))::int AS done, count(*) FILTER (WHERE x.timeliness = 'overdue')::int AS overdue
      FROM (
        SELECT ${timelinessSql(sql`w.wt`, 'tp')} AS timeliness
        FROM tasks t JOIN task_parts tp ON tp.task_id = t.id WHERE t.plan_id = ${s.planId} AND tp.unit_id = c.id) x) tk
    CROSS JOIN LATERAL (
      SELECT jsonb_build_array(${sql.join(FORMS.map((f) => sql`count(*) FILTER (WHERE a.form = ${sql.lit(f)})`))}) AS by_form
      FROM activities a
      WHERE a.unit_id = c.id AND a.deleted_at IS NULL AND a.occurred_on BETWEEN w.wf AND w.wt) act
    CROSS JOIN LATERAL (
      -- A quarter is compliant when every quarterly publish obligation naming the unit is met in it;
      -- counting stops at what the obligation requires.
      SELECT count(*)::int AS due, count(*) FILTER (WHERE met)::int AS compliant,
        coalesce(array_agg(label ORDER BY label) FILTER (WHERE NOT met), '{}') AS missed
      FROM (
        SELECT q.label, bool_and(n.done >= ob.required) AS met
        FROM quarter q
        JOIN ob ON q.q_to <= w.wt AND ob.kind = 'publish' AND ob.per = 'quarter' AND ${namedBySql('c', sql.ref('ob.unit_id'), sql.ref('ob.unit_group'))}
        CROSS JOIN LATERAL (
          SELECT count(*) AS done FROM (
            SELECT FROM activities a
            WHERE a.unit_id = c.id AND a.deleted_at IS NULL AND a.occurred_on BETWEEN q.q_from AND q.q_to AND ${countsTowardSql('ob', 'a')}
            LIMIT ob.required) counted) n
        GROUP BY q.label) judged) cq
    LEFT JOIN LATERAL ${ownPlanSql(s.planId, sql.ref('c.id'), sql.ref('w.wt'))} own ON true
    CROSS JOIN LATERAL ${questionFiguresSql(sql.ref('c.id'), { from: sql.ref('w.wf'), to: sql.ref('w.wt') })} qf)
    -- The window's totals once, on every row; with no unit covered, one row of totals alone.
    SELECT ${sql.join(FIGURES.map((k) => sql`t.${sql.ref(k)} AS ${sql.ref(flat('t', k))}`))}, r.*
    FROM ${questionFiguresSql(null, s.window)} t LEFT JOIN unit_rows r ON true
    ORDER BY r.code`.execute(db);
  return { rows: rows.filter((row) => row.unitId !== null).map(unitRecord), questions: figuresOf(rows[0]!, 't') };
}
