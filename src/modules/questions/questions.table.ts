// The questions table: a citizen's question from the hotline, the Q&A section, e-mail or in person
// (section IV.4), its asker's personal data until erased, its hand-off, answer and publication. The
// non-working days table: the holidays (Tết and the other public holidays) that working days skip.
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

// The value lists are the one home of each enum (the migration's CHECK says the same).
export const QUESTION_CHANNELS = ['hotline', 'qa', 'email', 'in_person'] as const;
export type QuestionChannel = (typeof QUESTION_CHANNELS)[number];
export const QUESTION_STATUSES = ['received', 'assigned', 'answered', 'published', 'closed'] as const;
export type QuestionStatus = (typeof QUESTION_STATUSES)[number];

/** The steps of the workflow a question's history records. */
export const QUESTION_STEPS = ['assign', 'return', 'answer', 'publish', 'close'] as const;

/** A jsonb column: written as JSON text, read back as the value. */
type Json<T> = ColumnType<T, string, string>;

export interface QuestionHistoryEntry {
  action: (typeof QUESTION_STEPS)[number];
  at: string;
  by: { keyId: string | null; name: string };
  /** The unit it was assigned to, or that answered. */
  unitId?: string;
  /** The note of an assignment, the reason of a return or a closing. */
  note?: string;
}

export interface QuestionsTable {
  id: Generated<string>;
  channel: QuestionChannel;
  receivedAt: Date;
  /** The Vietnam date of receipt: working days count from it. */
  receivedOn: string;
  /** The Office that received it (its figures count it until it is assigned or answered). */
  receivedByUnitId: string;
  responseDays: number;
  dueOn: string;
  subject: string;
  question: string;
  askerName: string | null;
  askerPhone: string | null;
  askerEmail: string | null;
  askerAddress: string | null;
  personalDataErasedAt: Date | null;
  status: Generated<QuestionStatus>;
  assignedUnitId: string | null;
  assignmentNote: string | null;
  answer: string | null;
  answeredByUnitId: string | null;
  answeredByKeyId: string | null;
  answeredByName: string | null;
  answeredAt: Date | null;
  answeredOn: string | null;
  publicSubject: string | null;
  publicQuestion: string | null;
  publicAnswer: string | null;
  publishedUrl: string | null;
  publishedAt: Date | null;
  publishedOn: string | null;
  /** The qa or hotline activity the publication recorded for the answering unit. */
  activityId: string | null;
  closedReason: string | null;
  closedAt: Date | null;
  closedOn: string | null;
  history: Json<QuestionHistoryEntry[]>;
  recordedByKeyId: string | null;
  recordedByName: string;
  searchKey: string;
  /** The published text's search key: what readers' `q` searches. */
  publicSearchKey: string | null;
  version: Generated<number>;
  createdAt: ColumnType<Date, never, never>;
  updatedAt: ColumnType<Date, never, Date>;
  /** The transaction that last changed the row (xid8, as text), set by the database: the order of sync (db/sync.ts). */
  changeXid: ColumnType<string, never, never>;
  deletedAt: Date | null;
}

export type QuestionRow = Selectable<QuestionsTable>;
export type NewQuestionRow = Insertable<QuestionsTable>;
export type QuestionRowUpdate = Updateable<QuestionsTable>;

export interface NonWorkingDaysTable {
  id: Generated<string>;
  day: string;
  name: string;
  version: Generated<number>;
  createdAt: ColumnType<Date, never, never>;
  updatedAt: ColumnType<Date, never, Date>;
}

export type NonWorkingDayRow = Selectable<NonWorkingDaysTable>;

declare module '../../db/schema.js' {
  interface Database {
    questions: QuestionsTable;
    nonWorkingDays: NonWorkingDaysTable;
  }
}
