// The only place that queries plans and document_sequences.
import { type Kysely, sql, type Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { DocumentType, NewPlanRow, PlanRow, PlanStatus } from '../../db/tables/plans.js';

type Db = Kysely<Database> | Transaction<Database>;

export interface PlanFilter {
  year?: number;
  issuerUnitId?: string;
  status?: PlanStatus;
  documentType?: DocumentType;
  parentPlanId?: string;
  searchPattern?: string;
  after?: [number, string];
  limit: number;
}

export async function insertPlan(db: Db, row: NewPlanRow): Promise<PlanRow> {
  return db.insertInto('plans').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function findPlan(db: Db, id: string): Promise<PlanRow | undefined> {
  return db.selectFrom('plans').selectAll().where('id', '=', id).executeTakeFirst();
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
export async function lockPlan(trx: Transaction<Database>, id: string): Promise<PlanRow | undefined> {
  return trx.selectFrom('plans').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function findPlanIds(db: Db, ids: string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  return (await db.selectFrom('plans').select('id').where('id', 'in', ids).execute()).map((r) => r.id);
}

/** Newest year first, then by id: a stable order for keyset paging. */
export async function findPlans(db: Db, f: PlanFilter): Promise<PlanRow[]> {
  let query = db.selectFrom('plans').selectAll();
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
  return query.orderBy('year', 'desc').orderBy('id').limit(f.limit + 1).execute();
}

/**
 * The next number of the issuer's sequence for the type and calendar year. The upsert holds the
 * sequence row's lock until the transaction ends, so concurrent issues get consecutive numbers,
 * and a rolled-back issue gives its number back.
 */
export async function nextDocumentNumber(trx: Transaction<Database>, issuerUnitId: string, documentType: DocumentType, year: number): Promise<number> {
  const row = await trx
    .insertInto('documentSequences')
    .values({ issuerUnitId, documentType, year, lastNumber: 1 })
    .onConflict((oc) => oc.columns(['issuerUnitId', 'documentType', 'year']).doUpdateSet((eb) => ({ lastNumber: eb('documentSequences.lastNumber', '+', 1) })))
    .returning('lastNumber')
    .executeTakeFirstOrThrow();
  return row.lastNumber;
}
