// The plans table: one publicity plan, an official document (kế hoạch or quyết định) of a unit;
// its numbering sequences; and its standing obligations.
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { Form } from '../tasks/tasks.table.js';
import type { UnitGroup } from '../units/units.table.js';

// The value lists are the one home of each enum (the migration's CHECK says the same; test/db/vocabulary.test.ts holds them together).
export const PLAN_STATUSES = ['draft', 'issued', 'closed', 'cancelled'] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];
export const DOCUMENT_TYPES = ['KH', 'QĐ'] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];
/** What a unit numbers in its yearly sequences: its plans, and its reports (BC, báo cáo). */
export type NumberedType = DocumentType | 'BC';
export const OBLIGATION_KINDS = ['publish', 'own_plan', 'report', 'answer_inquiries'] as const;
export type ObligationKind = (typeof OBLIGATION_KINDS)[number];
export const OBLIGATION_PERIODS = ['month', 'quarter', 'half_year', 'year'] as const;
export type ObligationPeriod = (typeof OBLIGATION_PERIODS)[number];

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
  searchKey: string;
  version: Generated<number>;
  createdAt: ColumnType<Date, never, never>;
  updatedAt: ColumnType<Date, never, Date>;
  /** The transaction that last changed the row (xid8, as text), set by the database: the order of sync (db/sync.ts). */
  changeXid: ColumnType<string, never, never>;
}

export type PlanRow = Selectable<PlansTable>;
export type NewPlanRow = Insertable<PlansTable>;
export type PlanRowUpdate = Updateable<PlansTable>;

export interface DocumentSequencesTable {
  issuerUnitId: string;
  documentType: NumberedType;
  year: number;
  lastNumber: number;
}

/** A standing obligation of a plan (section IV): who, which forms, how many, per which period. */
export interface ObligationsTable {
  id: Generated<string>;
  planId: string;
  position: number;
  kind: ObligationKind;
  unitId: string | null;
  unitGroup: UnitGroup | null;
  forms: Json<Form[]>;
  minCount: number | null;
  per: ObligationPeriod | null;
  description: string;
}

declare module '../../db/schema.js' {
  interface Database {
    plans: PlansTable;
    documentSequences: DocumentSequencesTable;
    obligations: ObligationsTable;
  }
}
