// The only place that reads and writes questions. Every read joins the units it names (the Office
// that received it, the unit assigned, the unit that answered), computes the response time in
// working days and whether it is overdue as of a day, and leaves removed questions out.
import { type Kysely, type RawBuilder, sql, type SqlBool, type Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';
import { type ChangeScan, inChangeOrder } from '../../db/sync.js';
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
  /** Instead of after: the changes a sync asks for, in their order. */
  changes?: ChangeScan;
  limit: number;
}

/**
 * Unanswered and not closed as of the day, and past its due date then. A question answered or
 * closed after the day was still open on it.
 */
function overdueSql(asOf: string | RawBuilder<unknown>) {
  const day = typeof asOf === 'string' ? sql`${asOf}::date` : asOf;
  return sql<boolean>`(q.received_on <= ${day} AND q.due_on < ${day}
    AND (q.answered_on IS NULL OR q.answered_on > ${day}) AND (q.closed_on IS NULL OR q.closed_on > ${day}))`;
}

/**
 * The unit a question counts for at the end of a day (a date, or SQL for one): the unit that had
 * answered it by then; else the unit it was assigned to then (its history's last assignment or
 * return by then: a return gives it back to the Office); else the Office that received it.
 */
function holderSql(day: RawBuilder<unknown>) {
  const dayEnd = sql`((${day} + 1)::text || 'T00:00:00+07:00')::timestamptz`;
  return sql<string>`coalesce(
    CASE WHEN q.answered_on <= ${day} THEN q.answered_by_unit_id END,
    (SELECT CASE WHEN h.entry->>'action' = 'assign' THEN (h.entry->>'unitId')::uuid ELSE q.received_by_unit_id END
     FROM jsonb_array_elements(q.history) WITH ORDINALITY AS h(entry, n)
     WHERE h.entry->>'action' IN ('assign', 'return') AND (h.entry->>'at')::timestamptz < ${dayEnd}
     ORDER BY h.n DESC LIMIT 1),
    q.received_by_unit_id)`;
}

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

const PUBLISHED = sql<SqlBool>`q.status = 'published'`;

/** The questions the viewer sees whole (the rest it sees published, or not at all). */
function wholeSql(visibility: Visibility) {
  if (visibility === 'all') return sql<SqlBool>`true`;
  if (visibility === 'published') return sql<SqlBool>`false`;
  return sql<SqlBool>`(q.assigned_unit_id = ${visibility.unitId} OR q.answered_by_unit_id = ${visibility.unitId})`;
}

/** Words searched where the viewer may read them: the whole text of what it sees whole, the published text of the rest. */
function searchSql(visibility: Visibility, pattern: string) {
  return sql<SqlBool>`((${wholeSql(visibility)} AND q.search_key LIKE ${pattern}) OR (${PUBLISHED} AND q.public_search_key LIKE ${pattern}))`;
}

/** Newest received first, ties by id: a stable order for keyset paging. */
export async function findQuestions(db: Db, f: QuestionFilter, asOf: string): Promise<QuestionRecord[]> {
  let query = selectQuestions(db, asOf).where(sql<SqlBool>`(${wholeSql(f.visibility)} OR ${PUBLISHED})`);
  if (f.statuses) query = query.where('q.status', 'in', f.statuses);
  if (f.channels) query = query.where('q.channel', 'in', f.channels);
  // Whom a question was assigned to is the staff's to know: the filter finds only what the viewer sees whole.
  if (f.assignedUnitId) query = query.where('q.assignedUnitId', '=', f.assignedUnitId).where(wholeSql(f.visibility));
  if (f.from) query = query.where('q.receivedOn', '>=', f.from);
  if (f.to) query = query.where('q.receivedOn', '<=', f.to);
  if (f.overdue !== undefined) query = query.where(f.overdue ? overdueSql(asOf) : sql<SqlBool>`NOT ${overdueSql(asOf)}`);
  if (f.searchPattern) query = query.where(searchSql(f.visibility, f.searchPattern));
  if (f.changes) return inChangeOrder(query, 'q', f.changes).execute();
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

/** The open questions (received or assigned) whose span of working days holds the day, whose due date a change of the calendar on it may move; locked. */
export async function lockOpenQuestionsSpanning(trx: Transaction<Database>, day: string): Promise<string[]> {
  const rows = await trx
    .selectFrom('questions')
    .select('id')
    .where('status', 'in', ['received', 'assigned'])
    .where('receivedOn', '<', day)
    .where('dueOn', '>=', day)
    .where('deletedAt', 'is', null)
    .orderBy('id')
    .forUpdate()
    .execute();
  return rows.map((r) => r.id);
}

/** Sets the due date of each question again from the calendar as it now stands; returns those it moved (each a new version). */
export async function recomputeDueDates(trx: Transaction<Database>, ids: string[]): Promise<string[]> {
  if (!ids.length) return [];
  const rows = await trx
    .updateTable('questions')
    .set({ dueOn: sql`working_days_after(received_on, response_days)`, version: sql`version + 1`, updatedAt: sql`now()` })
    .where('id', 'in', ids)
    .where(sql<SqlBool>`due_on <> working_days_after(received_on, response_days)`)
    .returning('id')
    .execute();
  return rows.map((r) => r.id);
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
 * A subquery giving one row of QuestionFiguresRecord's columns for the unit (every unit's when
 * `unitId` is null), as things stood at the window's end: the questions received in the window that
 * it held then (holderSql), how many of them it had answered by then (on time when by their due
 * date) and published, the median and 90th percentile of the working days to answer (the median
 * interpolated, the 90th percentile one of the values: 90 % took no longer), and every question it
 * held then that was overdue, whenever received (a backlog does not vanish with its window). The
 * window's bounds may be dates or SQL (a roll-up gives each unit its own).
 */
export function questionFiguresSql(unitId: string | RawBuilder<unknown> | null, window: { from: string | RawBuilder<unknown>; to: string | RawBuilder<unknown> }) {
  const day = (d: string | RawBuilder<unknown>) => (typeof d === 'string' ? sql`${d}::date` : d);
  const [from, to] = [day(window.from), day(window.to)];
  const inWindow = sql`q.received_on >= ${from}`;
  const answered = sql`${inWindow} AND q.answered_on <= ${to}`;
  const days = sql`working_days_between(q.received_on, q.answered_on)`;
  return sql<QuestionFiguresRecord>`(
    SELECT count(*) FILTER (WHERE ${inWindow})::int AS received,
      count(*) FILTER (WHERE ${answered})::int AS answered,
      count(*) FILTER (WHERE ${answered} AND q.answered_on <= q.due_on)::int AS answered_on_time,
      count(*) FILTER (WHERE ${overdueSql(to)})::int AS overdue,
      count(*) FILTER (WHERE ${inWindow} AND q.published_on <= ${to})::int AS published,
      percentile_cont(0.5) WITHIN GROUP (ORDER BY ${days}) FILTER (WHERE ${answered}) AS median_response_days,
      percentile_disc(0.9) WITHIN GROUP (ORDER BY ${days}) FILTER (WHERE ${answered}) AS p90_response_days
    FROM questions q
    WHERE q.deleted_at IS NULL AND q.received_on <= ${to}${unitId === null ? sql`` : sql` AND ${holderSql(to)} = ${unitId}`})`;
}

/** Whether a question with this subject exists (removed ones too): the demo loads each question once. */
export async function questionWithSubjectExists(db: Db, subject: string): Promise<boolean> {
  return (await db.selectFrom('questions').select('id').where('subject', '=', subject).executeTakeFirst()) !== undefined;
}

export async function findQuestionFigures(db: Db, unitId: string | null, window: { from: string; to: string }): Promise<QuestionFiguresRecord> {
  const { rows } = await sql<QuestionFiguresRecord>`SELECT * FROM ${questionFiguresSql(unitId, window)} f`.execute(db);
  return rows[0]!;
}
