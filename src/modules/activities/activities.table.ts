// The activities table: one thing a unit actually did (DOMAIN.md "Forms of publicity and
// activities"). A removal sets deletedAt, so that a mirror learns of it.
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { Form } from '../tasks/tasks.table.js';

/** The forms whose activity must point at its evidence (the article, the video). */
export const FORMS_NEEDING_EVIDENCE: readonly Form[] = ['website_post', 'video'];

export interface ActivitiesTable {
  id: Generated<string>;
  unitId: string;
  form: Form;
  title: string;
  summary: string | null;
  occurredOn: string;
  evidenceUrl: string | null;
  taskId: string | null;
  participants: number | null;
  respondents: number | null;
  views: number | null;
  recordedByKeyId: string | null;
  recordedByName: string;
  searchKey: string;
  version: Generated<number>;
  createdAt: ColumnType<Date, never, never>;
  updatedAt: ColumnType<Date, never, Date>;
  /** The transaction that last changed the row (xid8, as text), set by the database: the order of sync (db/sync.ts). */
  changeXid: ColumnType<string, never, never>;
  deletedAt: Date | null;
}

export type ActivityRow = Selectable<ActivitiesTable>;
export type NewActivityRow = Insertable<ActivitiesTable>;
export type ActivityRowUpdate = Updateable<ActivitiesTable>;

declare module '../../db/schema.js' {
  interface Database {
    activities: ActivitiesTable;
  }
}
