// The units table: the Department, its divisions, affiliated schools and centres, outside bodies.
// The value lists are the one home of each enum: the schemas and types derive from them (the
// migration's CHECK says the same; test/db/vocabulary.test.ts holds them together).
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

export const UNIT_KINDS = ['department', 'division', 'affiliated', 'external'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

/** The groups a task or obligation may name instead of a unit: the active units of their kinds. */
export const UNIT_GROUPS = ['divisions', 'affiliated', 'all_units'] as const;
export type UnitGroup = (typeof UNIT_GROUPS)[number];
/** The kinds of unit each group stands for. */
export const GROUP_KINDS: Record<UnitGroup, UnitKind[]> = {
  divisions: ['division'],
  affiliated: ['affiliated'],
  all_units: ['division', 'affiliated'],
};

export interface UnitsTable {
  id: Generated<string>;
  code: string;
  name: string;
  shortName: string | null;
  kind: UnitKind;
  parentId: string | null;
  active: Generated<boolean>;
  successorId: string | null;
  electronicId: string | null;
  websiteUrl: string | null;
  cchcSectionUrl: string | null;
  /** Written in document symbols: the SGDĐT of 05/KH-SGDĐT. */
  documentAbbreviation: string | null;
  /** The day of December (and of June) the unit's reporting windows turn on, as an issuer of plans: 15 by default. */
  reportCutoffDay: Generated<number>;
  searchKey: string;
  version: Generated<number>;
  createdAt: ColumnType<Date, never, never>;
  updatedAt: ColumnType<Date, never, Date>;
  /** The transaction that last changed the row (xid8, as text), set by the database: the order of sync (db/sync.ts). */
  changeXid: ColumnType<string, never, never>;
}

export type UnitRow = Selectable<UnitsTable>;
export type NewUnitRow = Insertable<UnitsTable>;
export type UnitRowUpdate = Updateable<UnitsTable>;

declare module '../../db/schema.js' {
  interface Database {
    units: UnitsTable;
  }
}
