// The only place that queries plans, their obligations and document_sequences (and counts a plan's
// tasks for its lists); with the questions other modules ask of plans (the Department's plan of a
// year, whether a plan names a unit, a unit's own plan).
import { type Kysely, type RawBuilder, sql, type Transaction } from 'kysely';
import { countsByKey } from '../../domain/counts.js';
import type { Database } from '../../db/schema.js';
import { prepared } from '../../db/prepared.js';
import { type ChangeScan, inChangeOrder } from '../../db/sync.js';
import { namedBySql } from '../units/units.service.js';
import { PROGRESS, type Progress } from '../tasks/tasks.table.js';
import type { DocumentType, NewPlanRow, NumberedType, PlanRow, PlanStatus } from './plans.table.js';
import type { Obligation, PlanObligation } from './plans.schemas.js';

type Db = Kysely<Database> | Transaction<Database>;

export type TasksByProgress = Record<Progress, number>;

/**
 * A plan's tasks counted by progress, as one correlated subquery of the plan's row: PostgreSQL
 * evaluates it only for the rows a page returns (after its sort and limit), one index scan each.
 * The counts come as an array in PROGRESS order (the camel-case plugin would rename an object's keys).
 */
const progressCountsSql = sql<number[]>`(
  SELECT jsonb_build_array(${sql.join(PROGRESS.map((p) => sql`count(*) FILTER (WHERE t.progress = ${sql.lit(p)})`))})
  FROM tasks t WHERE t.plan_id = plans.id)`;

function byProgress(counts: number[]): TasksByProgress {
  return countsByKey(PROGRESS, counts);
}

/** A plan row with its obligations, as every read of a plan shows it. */
export type PlanRecord = PlanRow & { obligations: PlanObligation[] };

// The obligations as the API shows them, one correlated subquery of the plan's row (keys already camel-case).
const obligationsSql = sql<PlanObligation[]>`(
  SELECT coalesce(jsonb_agg(
    jsonb_build_object('id', o.id, 'kind', o.kind, 'forms', o.forms, 'minCount', o.min_count, 'per', o.per, 'description', o.description)
    || CASE WHEN o.unit_id IS NULL THEN jsonb_build_object('group', o.unit_group) ELSE jsonb_build_object('unitId', o.unit_id) END
    ORDER BY o.position), '[]'::jsonb)
  FROM obligations o WHERE o.plan_id = plans.id)`;

function selectPlans(db: Db) {
  return db.selectFrom('plans').selectAll('plans').select(obligationsSql.as('obligations'));
}

export async function findObligations(db: Db, planId: string): Promise<PlanObligation[]> {
  return (await db.selectFrom('plans').select(obligationsSql.as('obligations')).where('id', '=', planId).executeTakeFirstOrThrow()).obligations;
}

/** The plan's obligations become these, in this order: one sent with its id keeps it, one without gets a new one. */
export async function replaceObligations(db: Db, planId: string, obligations: Obligation[]): Promise<PlanObligation[]> {
  await db.deleteFrom('obligations').where('planId', '=', planId).execute();
  if (obligations.length) {
    await db
      .insertInto('obligations')
      .values(
        obligations.map((o, i) => ({
          ...(o.id ? { id: o.id } : {}),
          planId,
          position: i + 1,
          kind: o.kind,
          unitId: o.unitId ?? null,
          unitGroup: o.group ?? null,
          forms: JSON.stringify(o.forms ?? []),
          minCount: o.minCount ?? null,
          per: o.per ?? null,
          description: o.description,
        })),
      )
      .execute();
  }
  return findObligations(db, planId);
}

/**
 * A unit's own plan built from another (section IV.1): its first issued (or since closed) plan whose
 * parent is `parentPlanId`, issued by `asOf`. A subquery for LEFT JOIN LATERAL giving id,
 * number_sequence, symbol and issued_on; `when` guards it (it is looked up only where it holds).
 */
export function ownPlanSql(parentPlanId: unknown, unitId: unknown, asOf: unknown, when: RawBuilder<unknown> = sql`true`): RawBuilder<unknown> {
  return sql`(
    SELECT own.id, own.number_sequence, own.symbol, own.issued_on FROM plans own
    WHERE ${when} AND own.parent_plan_id = ${parentPlanId} AND own.issuer_unit_id = ${unitId}
      AND own.status IN ('issued', 'closed') AND own.issued_on <= ${asOf}::date
    ORDER BY own.issued_on, own.id LIMIT 1)`;
}

export interface PlanFilter {
  year?: number;
  issuerUnitId?: string;
  status?: PlanStatus;
  documentType?: DocumentType;
  parentPlanId?: string;
  searchPattern?: string;
  after?: [number, string];
  /** Instead of after: the changes a sync asks for, in their order. */
  changes?: ChangeScan;
  limit: number;
}

export async function insertPlan(db: Db, row: NewPlanRow): Promise<PlanRow> {
  return db.insertInto('plans').values(row).returningAll().executeTakeFirstOrThrow();
}

/**
 * A reader of a plan with a column another module computes of it as of a day (`plans` in scope),
 * in the same statement: a plan read is the hottest path, so it is prepared once.
 */
export function planWithReader<T>(column: (db: Db, asOf: string) => RawBuilder<T>) {
  const read = prepared(['id', 'asOf'], (db, p) => selectPlans(db).select(column(db, p.asOf).as('with')).where('id', '=', p.id));
  return async (db: Db, id: string, asOf: string) => (await read(db, { id, asOf }))[0] as (PlanRecord & { with: T }) | undefined;
}

/** A plan's status and year alone: what judging work against it needs. */
export async function findPlanState(db: Db, id: string): Promise<{ status: PlanStatus; year: number } | undefined> {
  return db.selectFrom('plans').select(['status', 'year']).where('id', '=', id).executeTakeFirst();
}

export async function findPlanByTitle(db: Db, issuerUnitId: string, year: number, title: string): Promise<PlanRow | undefined> {
  return db.selectFrom('plans').selectAll().where('issuerUnitId', '=', issuerUnitId).where('year', '=', year).where('title', '=', title).executeTakeFirst();
}

/** Plans whose legal bases link to this one (a JSON reference, so no foreign key guards it). */
export async function findPlansCiting(db: Db, id: string): Promise<PlanRow[]> {
  return db
    .selectFrom('plans')
    .selectAll()
    .where(sql<boolean>`legal_bases @> ${JSON.stringify([{ planId: id }])}::jsonb`)
    .execute();
}

/** The plan, locked until the transaction ends: its state and its tasks' order cannot move meanwhile. */
export async function lockPlan(trx: Transaction<Database>, id: string): Promise<PlanRecord | undefined> {
  return selectPlans(trx).where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function findPlanIds(db: Db, ids: string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  return (await db.selectFrom('plans').select('id').where('id', 'in', ids).execute()).map((r) => r.id);
}

/** A plan's tasks by progress now; undefined when there is no such plan. */
export async function countPlanTasks(db: Db, id: string): Promise<TasksByProgress | undefined> {
  const row = await db.selectFrom('plans').select(progressCountsSql.as('progressCounts')).where('id', '=', id).executeTakeFirst();
  return row && byProgress(row.progressCounts);
}

/** Newest year first, then by id: a stable order for keyset paging. Each plan with its tasks by progress. */
export async function findPlans(db: Db, f: PlanFilter): Promise<Array<PlanRecord & { tasksByProgress: TasksByProgress }>> {
  let query = selectPlans(db).select(progressCountsSql.as('progressCounts'));
  if (f.year !== undefined) query = query.where('year', '=', f.year);
  if (f.issuerUnitId) query = query.where('issuerUnitId', '=', f.issuerUnitId);
  if (f.status) query = query.where('status', '=', f.status);
  if (f.documentType) query = query.where('documentType', '=', f.documentType);
  if (f.parentPlanId) query = query.where('parentPlanId', '=', f.parentPlanId);
  if (f.searchPattern) query = query.where('searchKey', 'like', f.searchPattern);
  if (f.after) {
    const [year, id] = f.after;
    query = query.where((eb) => eb.or([eb('year', '<', year), eb.and([eb('year', '=', year), eb('id', '>', id)])]));
  }
  const rows = await (f.changes ? inChangeOrder(query, 'plans', f.changes) : query.orderBy('year', 'desc').orderBy('id').limit(f.limit + 1)).execute();
  return rows.map(({ progressCounts, ...row }) => ({ ...row, tasksByProgress: byProgress(progressCounts) }));
}

/**
 * The next number of the issuer's sequence for the type and calendar year. The upsert holds the
 * sequence row's lock until the transaction ends, so concurrent issues get consecutive numbers,
 * and a rolled-back issue gives its number back.
 */
export async function nextDocumentNumber(trx: Transaction<Database>, issuerUnitId: string, documentType: NumberedType, year: number): Promise<number> {
  const row = await trx
    .insertInto('documentSequences')
    .values({ issuerUnitId, documentType, year, lastNumber: 1 })
    .onConflict((oc) => oc.columns(['issuerUnitId', 'documentType', 'year']).doUpdateSet((eb) => ({ lastNumber: eb('documentSequences.lastNumber', '+', 1) })))
    .returning('lastNumber')
    .executeTakeFirstOrThrow();
  return row.lastNumber;
}

/** The id of the Department's plan of the year: its issued or closed plan, the earliest issued when there are several. */
export function departmentPlanIdSql(year: number): RawBuilder<string | null> {
  return sql<string | null>`(
    SELECT dp.id FROM plans dp JOIN units du ON du.id = dp.issuer_unit_id AND du.kind = 'department'
    WHERE dp.year = ${year} AND dp.status IN ('issued', 'closed')
    ORDER BY dp.issued_on, dp.id LIMIT 1)`;
}

/** The Department's plan of the year, with its issuer. */
export async function findDepartmentPlan(db: Db, year: number): Promise<{ id: string; issuerUnitId: string } | undefined> {
  return db.selectFrom('plans').select(['id', 'issuerUnitId']).where('id', '=', departmentPlanIdSql(year)).executeTakeFirst();
}

/** Whether the plan names the unit: its issuer, or a unit its tasks or obligations name, directly or through a group. */
export async function planNamesUnit(db: Db, planId: string, unitId: string): Promise<boolean> {
  const { rows } = await sql<{ named: boolean }>`
    SELECT EXISTS (SELECT 1 FROM plans p WHERE p.id = ${planId} AND p.issuer_unit_id = ${unitId})
      OR EXISTS (SELECT 1 FROM tasks t JOIN task_assignees a ON a.task_id = t.id JOIN units u ON ${namedBySql('u', sql.ref('a.unit_id'), sql.ref('a.unit_group'))}
                 WHERE t.plan_id = ${planId} AND u.id = ${unitId})
      OR EXISTS (SELECT 1 FROM obligations o JOIN units u ON ${namedBySql('u', sql.ref('o.unit_id'), sql.ref('o.unit_group'))}
                 WHERE o.plan_id = ${planId} AND u.id = ${unitId}) AS named`.execute(db);
  return rows[0]?.named ?? false;
}
