// The only place that queries units.
import { type Kysely, type RawBuilder, sql, type SqlBool, type Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';
import { type ChangeScan, inChangeOrder } from '../../db/sync.js';
import { GROUP_KINDS, type NewUnitRow, UNIT_GROUPS, type UnitKind, type UnitRow } from './units.table.js';

type Db = Kysely<Database> | Transaction<Database>;

/**
 * Whether the unit `unit` (a table alias) is one that a unit id or a group names, as other tables
 * hold them (task assignees, obligations): that unit, or an active unit of the group's kinds.
 */
export function namedBySql(unit: string, unitId: RawBuilder<unknown>, group: RawBuilder<unknown>): RawBuilder<SqlBool> {
  const u = (column: string) => sql.ref(`${unit}.${column}`);
  const groups = UNIT_GROUPS.map((g) => sql`(${group} = ${g} AND ${u('kind')} IN (${sql.join(GROUP_KINDS[g])}))`);
  return sql<SqlBool>`(${u('id')} = ${unitId} OR (${group} IS NOT NULL AND ${u('active')} AND (${sql.join(groups, sql` OR `)})))`;
}

export interface UnitFilter {
  kinds?: UnitKind[];
  parentId?: string;
  active?: boolean;
  searchPattern?: string;
  afterCode?: string;
  /** Instead of afterCode: the changes a sync asks for, in their order. */
  changes?: ChangeScan;
  limit: number;
}

export async function insertUnit(db: Db, row: NewUnitRow): Promise<UnitRow> {
  return db.insertInto('units').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function findUnit(db: Db, id: string): Promise<UnitRow | undefined> {
  return db.selectFrom('units').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findUnitsByIds(db: Db, ids: string[]): Promise<UnitRow[]> {
  return ids.length ? db.selectFrom('units').selectAll().where('id', 'in', ids).execute() : [];
}

export async function findUnitsByCodes(db: Db, codes: string[]): Promise<UnitRow[]> {
  return codes.length ? db.selectFrom('units').selectAll().where('code', 'in', codes).execute() : [];
}

export async function findUnitByCode(db: Db, code: string): Promise<UnitRow | undefined> {
  return db.selectFrom('units').selectAll().where('code', '=', code).executeTakeFirst();
}

/** Ordered by code, which is unique: a stable order for keyset paging. */
export async function findUnits(db: Db, f: UnitFilter): Promise<UnitRow[]> {
  let query = db.selectFrom('units').selectAll();
  // A kind outside the group asked for: nothing can match.
  if (f.kinds) query = f.kinds.length ? query.where('kind', 'in', f.kinds) : query.where(sql<SqlBool>`false`);
  if (f.parentId) query = query.where('parentId', '=', f.parentId);
  if (f.active !== undefined) query = query.where('active', '=', f.active);
  if (f.searchPattern) query = query.where('searchKey', 'like', f.searchPattern);
  if (f.changes) return inChangeOrder(query, 'units', f.changes).execute();
  if (f.afterCode !== undefined) query = query.where('code', '>', f.afterCode);
  return query.orderBy('code').limit(f.limit + 1).execute();
}

