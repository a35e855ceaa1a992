// The reports table: a unit's six-month or annual report on the publicity of administrative reform
// (section IV.1), its narrative, and once submitted its figures frozen as a snapshot and its number.
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

// The value lists are the one home of each enum (the migration's CHECK says the same).
export const REPORT_KINDS = ['six_month', 'annual'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];
/** cutoff: the CCHC reporting window (15/12 of the year before to 14/6 or 14/12); calendar: 1/1 to 30/6 or 31/12. */
export const REPORT_WINDOWS = ['cutoff', 'calendar'] as const;
export type ReportWindowKind = (typeof REPORT_WINDOWS)[number];
export const REPORT_STATUSES = ['draft', 'submitted', 'accepted'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];
/** The narrative people write, in the order a report has it. */
export const NARRATIVE_FIELDS = ['results', 'shortcomings', 'causes', 'difficulties', 'proposals', 'nextPeriodTasks'] as const;
export type NarrativeField = (typeof NARRATIVE_FIELDS)[number];

/** A jsonb column: written as JSON text, read back as the value. */
type Json<T> = ColumnType<T, string, string>;

export interface ReportHistoryEntry {
  action: 'submit' | 'accept' | 'return';
  at: string;
  by: { keyId: string | null; name: string };
  reason?: string;
  /** The number a submission took (a return gives it up; the history keeps it). */
  number?: string;
}

export interface ReportsTable {
  id: Generated<string>;
  unitId: string;
  year: number;
  kind: ReportKind;
  windowKind: ReportWindowKind;
  windowFrom: string;
  windowTo: string;
  dueOn: string;
  /** The Department's plan of the year the report answers to. */
  planId: string;
  status: Generated<ReportStatus>;
  results: string | null;
  shortcomings: string | null;
  causes: string | null;
  difficulties: string | null;
  proposals: string | null;
  nextPeriodTasks: string | null;
  signerTitle: string | null;
  signerName: string | null;
  recipients: Json<string[]>;
  /** The figures as submitted; null while a draft (computed on every read then). */
  figures: ColumnType<unknown | null, string | null, string | null>;
  submittedAt: Date | null;
  late: boolean | null;
  numberSequence: number | null;
  numberYear: number | null;
  symbol: string | null;
  acceptedAt: Date | null;
  history: Json<ReportHistoryEntry[]>;
  version: Generated<number>;
  createdAt: ColumnType<Date, never, never>;
  updatedAt: ColumnType<Date, never, Date>;
}

export type ReportRow = Selectable<ReportsTable>;
export type NewReportRow = Insertable<ReportsTable>;
export type ReportRowUpdate = Updateable<ReportsTable>;

declare module '../../db/schema.js' {
  interface Database {
    reports: ReportsTable;
  }
}
