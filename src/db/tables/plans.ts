// The plans table: one publicity plan, an official document (kế hoạch or quyết định) of a unit.
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

export type PlanStatus = 'draft' | 'issued' | 'closed' | 'cancelled';
export type DocumentType = 'KH' | 'QĐ';

/** A jsonb column: written as JSON text, read back as the value. */
type Json<T> = ColumnType<T, string, string>;

export interface PlansTable {
  id: Generated<string>;
  issuerUnitId: string;
  year: number;
  title: string;
  documentType: DocumentType;
  numberSequence: number | null;
  numberYear: number | null;
  symbol: string | null;
  issuedOn: string | null;
  status: Generated<PlanStatus>;
  cancelReason: string | null;
  parentPlanId: string | null;
  legalBases: Json<unknown[]>;
  objectives: Json<string[]>;
  requirements: Json<string[]>;
  audience: string | null;
  scope: string | null;
  contents: Json<string[]>;
  forms: Json<unknown[]>;
  fundingSource: string | null;
  recipients: Json<unknown[]>;
  signerName: string | null;
  signerTitle: string | null;
  obligations: Json<unknown[]>;
  searchKey: string;
  version: Generated<number>;
  createdAt: ColumnType<Date, never, never>;
  updatedAt: ColumnType<Date, never, Date>;
}

export type PlanRow = Selectable<PlansTable>;
export type NewPlanRow = Insertable<PlansTable>;
export type PlanRowUpdate = Updateable<PlansTable>;

export interface DocumentSequencesTable {
  issuerUnitId: string;
  documentType: DocumentType;
  year: number;
  lastNumber: number;
}
