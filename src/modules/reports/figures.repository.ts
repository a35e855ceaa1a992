// The statements behind a report's figures: one for the plan (its number, the unit's parts of its
// tasks, the unit's own plan under it), one for the unit's activities, each counted in SQL as of a
// date. Counts come back as arrays in their enum's order, not as objects keyed by value: the
// CamelCasePlugin renames nested keys (not_started would come back as notStarted).
import { type Kysely, type RawBuilder, sql } from 'kysely';
import { ownPlanSql } from '../plans/plans.service.js';
import type { Database } from '../../db/schema.js';
import { timelinessSql } from '../tasks/tasks.service.js';
import { FORMS, PROGRESS, TIMELINESS } from '../tasks/tasks.table.js';

export interface OverduePart {
  taskId: string;
  ordinal: number;
  content: string;
  dueTo: string;
  role: string;
}

export interface PlanFiguresRecord {
  year: number;
  numberSequence: number | null;
  symbol: string | null;
  total: number;
  /** In PROGRESS order. */
  byProgress: number[];
  /** In TIMELINESS order. */
  byTimeliness: number[];
  overdue: OverduePart[];
  ownPlanId: string | null;
  ownPlanSequence: number | null;
  ownPlanSymbol: string | null;
  ownPlanIssuedOn: string | null;
}

export interface ActivityFiguresRecord {
  total: number;
  linkedToTasks: number;
  /** In FORMS order. */
  byForm: number[];
  /** [YYYY-MM, count] for every month the window touches, in order. */
  byMonth: Array<[string, number]>;
}

/** count(*) of `from` for each value of `column`, as a jsonb array in the order of `values`. */
function countsSql(from: string, column: string, values: readonly string[]): RawBuilder<number[]> {
  const cells = values.map((v) => sql`count(*) FILTER (WHERE ${sql.ref(column)} = ${sql.lit(v)})`);
  return sql<number[]>`(SELECT jsonb_build_array(${sql.join(cells)}) FROM ${sql.table(from)})`;
}

/**
 * The plan's number and year, the unit's parts of its tasks as of asOf, and the unit's first plan
 * issued under it by asOf; undefined when there is no such plan. A part counts once its task's due
 * period has begun, or once it was done (work done ahead of time is work of the period it was done
 * in); a part done after asOf was still in progress then.
 */
export async function findPlanFigures(db: Kysely<Database>, planId: string, unitId: string, asOf: string): Promise<PlanFiguresRecord | undefined> {
  const { rows } = await sql<PlanFiguresRecord>`
    WITH part AS (
      SELECT t.id, t.ordinal, t.content, t.due_to, tp.role,
        CASE WHEN tp.progress = 'done' AND tp.completed_on > ${asOf}::date THEN 'in_progress' ELSE tp.progress END AS progress,
        ${timelinessSql(asOf, 'tp')} AS timeliness
      FROM tasks t JOIN task_parts tp ON tp.task_id = t.id
      WHERE t.plan_id = ${planId} AND tp.unit_id = ${unitId}
        AND (t.due_from <= ${asOf}::date OR (tp.progress = 'done' AND tp.completed_on <= ${asOf}::date)))
    SELECT p.year, p.number_sequence, p.symbol,
      (SELECT count(*) FROM part) AS total,
      ${countsSql('part', 'progress', PROGRESS)} AS by_progress,
      ${countsSql('part', 'timeliness', TIMELINESS)} AS by_timeliness,
      (SELECT coalesce(jsonb_agg(jsonb_build_object('taskId', id, 'ordinal', ordinal, 'content', content, 'dueTo', due_to, 'role', role) ORDER BY ordinal), '[]'::jsonb)
       FROM part WHERE timeliness = 'overdue') AS overdue,
      own.id AS own_plan_id, own.number_sequence AS own_plan_sequence, own.symbol AS own_plan_symbol, own.issued_on AS own_plan_issued_on
    FROM plans p
    LEFT JOIN LATERAL ${ownPlanSql(sql.ref('p.id'), unitId, asOf)} own ON true
    WHERE p.id = ${planId}`.execute(db);
  return rows[0];
}

/** The unit's activities within the window (removed ones left out): how many, how many carry out a task, by form, by month. */
export async function findActivityFigures(db: Kysely<Database>, unitId: string, window: { from: string; to: string }): Promise<ActivityFiguresRecord> {
  const { rows } = await sql<ActivityFiguresRecord>`
    WITH act AS (
      SELECT a.form, a.task_id, a.occurred_on FROM activities a
      WHERE a.unit_id = ${unitId} AND a.deleted_at IS NULL AND a.occurred_on BETWEEN ${window.from}::date AND ${window.to}::date)
    SELECT (SELECT count(*) FROM act) AS total,
      (SELECT count(*) FROM act WHERE task_id IS NOT NULL) AS linked_to_tasks,
      ${countsSql('act', 'form', FORMS)} AS by_form,
      (SELECT jsonb_agg(jsonb_build_array(to_char(m, 'YYYY-MM'), (SELECT count(*) FROM act WHERE date_trunc('month', act.occurred_on::timestamp) = m)) ORDER BY m)
       FROM generate_series(date_trunc('month', ${window.from}::timestamp), ${window.to}::timestamp, interval '1 month') AS m) AS by_month`.execute(db);
  return rows[0]!;
}
