// The plans table: one publicity plan, an official document (kế hoạch or quyết định) of a unit.
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

// The value lists are the one home of each enum (the migration's CHECK says the same; test/db/vocabulary.test.ts holds them together).
export const PLAN_STATUSES = ['draft', 'issued', 'closed', 'cancelled'] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];
export const DOCUMENT_TYPES = ['KH', 'QĐ'] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

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

declare module '../../db/schema.js' {
  interface Database {
    plans: PlansTable;
    documentSequences: DocumentSequencesTable;
  }
}
