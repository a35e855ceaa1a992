// The only place that reads and writes questions. Every read joins the units it names (the Office
// that received it, the unit assigned, the unit that answered), computes the response time in
// working days and whether it is overdue as of a day, and leaves removed questions out.
import { type Kysely, type RawBuilder, sql, type SqlBool, type Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { NewQuestionRow, QuestionChannel, QuestionRow, QuestionStatus } from './questions.table.js';

type Db = Kysely<Database> | Transaction<Database>;

export type QuestionRecord = QuestionRow & {
  receivedByCode: string;
  receivedByName: string;
  assignedUnitCode: string | null;
  assignedUnitName: string | null;
  answeredUnitCode: string | null;
  answeredUnitName: string | null;
  responseWorkingDays: number | null;
  overdue: boolean;
};

/** Who may see a question: every one (admins, the Office), a unit's own and the published ones (an editor), the published ones (readers). */
export type Visibility = 'all' | 'published' | { unitId: string };

export interface QuestionFilter {
  statuses?: QuestionStatus[];
  channels?: QuestionChannel[];
  assignedUnitId?: string;
  from?: string;
  to?: string;
  overdue?: boolean;
  searchPattern?: string;
  visibility: Visibility;
  after?: [string, string];
  limit: number;
}

/**
 * Unanswered and not closed as of the day, and past its due date then. A question answered or
 * closed after the day was still open on it.
 */
export function overdueSql(asOf: string | RawBuilder<unknown>) {
  const day = typeof asOf === 'string' ? sql`${asOf}::date` : asOf;
  return sql<boolean>`(q.received_on <= ${day} AND q.due_on < ${day}
    AND (q.answered_on IS NULL OR q.answered_on > ${day}) AND (q.closed_on IS NULL OR q.closed_on > ${day}))`;
}

/** The unit a question counts for in the figures: the one that answered, else the one it is assigned to, else the Office that received it. */
export const RESPONSIBLE_UNIT_SQL = sql<string>`coalesce(q.answered_by_unit_id, q.assigned_unit_id, q.received_by_unit_id)`;

function selectQuestions(db: Db, asOf: string) {
  return db
    .selectFrom('questions as q')
    .innerJoin('units as rb', 'rb.id', 'q.receivedByUnitId')
    .leftJoin('units as au', 'au.id', 'q.assignedUnitId')
    .leftJoin('units as ab', 'ab.id', 'q.answeredByUnitId')
    .selectAll('q')
    .select([
      'rb.code as receivedByCode',
      'rb.name as receivedByName',
      'au.code as assignedUnitCode',
      'au.name as assignedUnitName',
      'ab.code as answeredUnitCode',
      'ab.name as answeredUnitName',
      sql<number | null>`working_days_between(q.received_on, q.answered_on)`.as('responseWorkingDays'),
      overdueSql(asOf).as('overdue'),
    ])
    .where('q.deletedAt', 'is', null);
}

export async function insertQuestion(db: Db, row: NewQuestionRow): Promise<string> {
  return (await db.insertInto('questions').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export async function findQuestion(db: Db, id: string, asOf: string): Promise<QuestionRecord | undefined> {
  return selectQuestions(db, asOf).where('q.id', '=', id).executeTakeFirst();
}

/** The question, its row locked until the transaction ends: no other step of the workflow can slip in between. */
export async function lockQuestion(trx: Transaction<Database>, id: string, asOf: string): Promise<QuestionRecord | undefined> {
  return selectQuestions(trx, asOf).where('q.id', '=', id).forUpdate('q').executeTakeFirst();
}

function visibleSql(visibility: Visibility) {
  if (visibility === 'all') return sql<SqlBool>`true`;
  if (visibility === 'published') return sql<SqlBool>`q.status = 'published'`;
  return sql<SqlBool>`(q.status = 'published' OR q.assigned_unit_id = ${visibility.unitId} OR q.answered_by_unit_id = ${visibility.unitId})`;
}

/** Newest received first, ties by id: a stable order for keyset paging. */
export async function findQuestions(db: Db, f: QuestionFilter, asOf: string): Promise<QuestionRecord[]> {
  let query = selectQuestions(db, asOf).where(visibleSql(f.visibility));
  if (f.statuses) query = query.where('q.status', 'in', f.statuses);
  if (f.channels) query = query.where('q.channel', 'in', f.channels);
  if (f.assignedUnitId) query = query.where('q.assignedUnitId', '=', f.assignedUnitId);
  if (f.from) query = query.where('q.receivedOn', '>=', f.from);
  if (f.to) query = query.where('q.receivedOn', '<=', f.to);
  if (f.overdue !== undefined) query = query.where(f.overdue ? overdueSql(asOf) : sql<SqlBool>`NOT ${overdueSql(asOf)}`);
  if (f.searchPattern) query = query.where('q.searchKey', 'like', f.searchPattern);
  if (f.after) {
    const [receivedAt, id] = f.after;
    query = query.where(sql<SqlBool>`(q.received_at, q.id) < (${receivedAt}::timestamptz, ${id}::uuid)`);
  }
  return query.orderBy('q.receivedAt', 'desc').orderBy('q.id', 'desc').limit(f.limit + 1).execute();
}

/** The n-th working day after the day (the calendar's non-working days and weekends skipped). */
export async function workingDaysAfter(db: Db, day: string, n: number): Promise<string> {
  const { rows } = await sql<{ due: string }>`SELECT working_days_after(${day}::date, ${n}::int)::text AS due`.execute(db);
  return rows[0]!.due;
}

/**
 * After the calendar changed on a day, the due dates of the questions whose span of working days
 * holds the day move (a new version each, so that mirrors learn of it).
 */
export async function recomputeDueDates(db: Db, day: string): Promise<number> {
  const result = await sql`
    UPDATE questions q SET due_on = working_days_after(q.received_on, q.response_days), version = q.version + 1, updated_at = now()
    WHERE q.received_on < ${day}::date AND q.due_on >= ${day}::date AND q.deleted_at IS NULL
      AND q.due_on <> working_days_after(q.received_on, q.response_days)`.execute(db);
  return Number(result.numAffectedRows ?? 0n);
}

/** The question figures of a unit (or of every unit) for a window, as the statement gives them. */
export interface QuestionFiguresRecord {
  received: number;
  answered: number;
  answeredOnTime: number;
  overdue: number;
  published: number;
  medianResponseDays: number | null;
  p90ResponseDays: number | null;
}

/**
 * A subquery giving one row of QuestionFiguresRecord's columns: the questions received in the window
 * that count for the unit (RESPONSIBLE_UNIT_SQL; every unit's when `unitId` is null), as they stood
 * at the window's end: answered by then (on time when by their due date), overdue then, published by
 * then, and the median and 90th percentile of the working days to answer. The window's bounds may be
 * dates or SQL (a roll-up gives each unit its own).
 */
export function questionFiguresSql(unitId: string | RawBuilder<unknown> | null, window: { from: string | RawBuilder<unknown>; to: string | RawBuilder<unknown> }) {
  const day = (d: string | RawBuilder<unknown>) => (typeof d === 'string' ? sql`${d}::date` : d);
  const [from, to] = [day(window.from), day(window.to)];
  const answered = sql`q.answered_on <= ${to}`;
  const days = sql`working_days_between(q.received_on, q.answered_on)`;
  return sql<QuestionFiguresRecord>`(
    SELECT count(*)::int AS received,
      count(*) FILTER (WHERE ${answered})::int AS answered,
      count(*) FILTER (WHERE ${answered} AND q.answered_on <= q.due_on)::int AS answered_on_time,
      count(*) FILTER (WHERE ${overdueSql(to)})::int AS overdue,
      count(*) FILTER (WHERE q.published_on <= ${to})::int AS published,
      percentile_cont(0.5) WITHIN GROUP (ORDER BY ${days}) FILTER (WHERE ${answered}) AS median_response_days,
      percentile_cont(0.9) WITHIN GROUP (ORDER BY ${days}) FILTER (WHERE ${answered}) AS p90_response_days
    FROM questions q
    WHERE q.deleted_at IS NULL AND q.received_on BETWEEN ${from} AND ${to}${unitId === null ? sql`` : sql` AND ${RESPONSIBLE_UNIT_SQL} = ${unitId}`})`;
}

export async function findQuestionFigures(db: Db, unitId: string | null, window: { from: string; to: string }): Promise<QuestionFiguresRecord> {
  const { rows } = await sql<QuestionFiguresRecord>`SELECT * FROM ${questionFiguresSql(unitId, window)} f`.execute(db);
  return rows[0]!;
}
