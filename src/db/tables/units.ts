// The units table: the Department, its divisions, affiliated schools and centres, outside bodies.
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

export type UnitKind = 'department' | 'division' | 'affiliated' | 'external';

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
  searchKey: string;
  version: Generated<number>;
  createdAt: ColumnType<Date, never, never>;
  updatedAt: ColumnType<Date, never, Date>;
}

export type UnitRow = Selectable<UnitsTable>;
export type NewUnitRow = Insertable<UnitsTable>;
export type UnitRowUpdate = Updateable<UnitsTable>;
