// The only place that queries reports.
import { type Kysely, sql, type SqlBool, type Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { UnitKind } from '../units/units.table.js';
import type { NewReportRow, ReportKind, ReportRow, ReportStatus } from './reports.table.js';

type Db = Kysely<Database> | Transaction<Database>;

/**
 * A report row with its unit, as every read shows it. The figures come as JSON text: the camel-case
 * plugin would rename their keys (website_post, not_started) if they came as an object.
 */
export type ReportRecord = Omit<ReportRow, 'figures'> & { figuresJson: string | null; unitCode: string; unitName: string; unitKind: UnitKind };

// Every column but the figures, which come as text (figuresJson).
const COLUMNS = [
  'id', 'unitId', 'year', 'kind', 'windowKind', 'windowFrom', 'windowTo', 'dueOn', 'planId', 'status',
  'results', 'shortcomings', 'causes', 'difficulties', 'proposals', 'nextPeriodTasks', 'signerTitle', 'signerName', 'recipients',
  'submittedAt', 'late', 'numberSequence', 'numberYear', 'symbol', 'acceptedAt', 'history', 'version', 'createdAt', 'updatedAt',
] as const satisfies ReadonlyArray<keyof ReportRow>;

function selectReports(db: Db) {
  return db
    .selectFrom('reports')
    .innerJoin('units', 'units.id', 'reports.unitId')
    .select(COLUMNS.map((c) => `reports.${c}` as const))
    .select([sql<string | null>`reports.figures::text`.as('figuresJson'), 'units.code as unitCode', 'units.name as unitName', 'units.kind as unitKind']);
}

export async function insertReport(db: Db, row: NewReportRow): Promise<string> {
  return (await db.insertInto('reports').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export async function findReport(db: Db, id: string): Promise<ReportRecord | undefined> {
  return selectReports(db).where('reports.id', '=', id).executeTakeFirst();
}

/** The report, locked until the transaction ends: its state cannot move meanwhile. */
export async function lockReport(trx: Transaction<Database>, id: string): Promise<ReportRecord | undefined> {
  return selectReports(trx).where('reports.id', '=', id).forUpdate('reports').executeTakeFirst();
}

export async function findReportOf(db: Db, unitId: string, year: number, kind: ReportKind): Promise<{ id: string } | undefined> {
  return db.selectFrom('reports').select('id').where('unitId', '=', unitId).where('year', '=', year).where('kind', '=', kind).executeTakeFirst();
}

export interface ReportFilter {
  year?: number;
  kind?: ReportKind;
  status?: ReportStatus;
  unitId?: string;
  /** Whose drafts the caller sees: every unit's, none, or one unit's (an editor's own). */
  drafts: 'all' | 'none' | { unitId: string };
  after?: [number, string, string, string];
  limit: number;
}

/** Newest year first, then kind, unit code and id: a stable order for keyset paging. */
export async function findReports(db: Db, f: ReportFilter): Promise<ReportRecord[]> {
  let query = selectReports(db);
  if (f.year !== undefined) query = query.where('reports.year', '=', f.year);
  if (f.kind) query = query.where('reports.kind', '=', f.kind);
  if (f.status) query = query.where('reports.status', '=', f.status);
  if (f.unitId) query = query.where('reports.unitId', '=', f.unitId);
  const { drafts } = f;
  if (drafts === 'none') query = query.where('reports.status', '!=', 'draft');
  else if (drafts !== 'all') query = query.where((eb) => eb.or([eb('reports.status', '!=', 'draft'), eb('reports.unitId', '=', drafts.unitId)]));
  if (f.after) {
    const [year, kind, code, id] = f.after;
    query = query.where(sql<SqlBool>`(reports.year < ${year} OR (reports.year = ${year} AND (reports.kind, units.code, reports.id) > (${kind}, ${code}, ${id}::uuid)))`);
  }
  return query.orderBy('reports.year', 'desc').orderBy('reports.kind').orderBy('units.code').orderBy('reports.id').limit(f.limit + 1).execute();
}
