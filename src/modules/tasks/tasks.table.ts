// The tasks, task_assignees and task_parts tables: the rows of a plan's appendix, who leads or
// helps, and each unit's own part once the plan is issued.
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { UnitGroup } from '../units/units.table.js';

// The value lists are the one home of each enum (the migration's CHECK says the same; test/db/vocabulary.test.ts holds them together).
/** The forms of publicity of section III.2 of the seed plan. */
export const FORMS = ['website_post', 'video', 'meeting', 'contest', 'procedure_listing', 'survey', 'qa', 'hotline'] as const;
export type Form = (typeof FORMS)[number];
export const PROGRESS = ['not_started', 'in_progress', 'done', 'cancelled'] as const;
export type Progress = (typeof PROGRESS)[number];
/** Derived as of a date, never stored (tasks.repository.ts computes it). */
export const TIMELINESS = ['done_on_time', 'done_late', 'in_progress', 'overdue', 'not_started', 'cancelled'] as const;
export type Timeliness = (typeof TIMELINESS)[number];
export const ASSIGNEE_ROLES = ['lead', 'coordinator'] as const;
export type AssigneeRole = (typeof ASSIGNEE_ROLES)[number];

export interface TasksTable {
  id: Generated<string>;
  planId: string;
  ordinal: number;
  content: string;
  forms: ColumnType<string[], string, string>;
  formNote: string | null;
  duePeriod: string;
  dueFrom: string;
  dueTo: string;
  targetCount: number | null;
  targetUnit: string | null;
  progress: Generated<Progress>;
  completedOn: string | null;
  cancelReason: string | null;
  note: string | null;
  /** Written with progress, by the units the task names as well as admins; `note` is part of what the task says. */
  progressNote: string | null;
  searchKey: string;
  version: Generated<number>;
  createdAt: ColumnType<Date, never, never>;
  updatedAt: ColumnType<Date, never, Date>;
  /** The transaction that last changed the row (xid8, as text), set by the database: the order of sync (db/sync.ts). */
  changeXid: ColumnType<string, never, never>;
}

export type TaskRow = Selectable<TasksTable>;
export type NewTaskRow = Insertable<TasksTable>;
export type TaskRowUpdate = Updateable<TasksTable>;

export interface TaskAssigneesTable {
  taskId: string;
  position: number;
  role: AssigneeRole;
  unitId: string | null;
  unitGroup: UnitGroup | null;
}

export type TaskAssigneeRow = Selectable<TaskAssigneesTable>;

/** One unit's own part of a task of an issued plan: the assignees expanded, groups resolved. */
export interface TaskPartsTable {
  id: Generated<string>;
  taskId: string;
  unitId: string;
  role: AssigneeRole;
  progress: Generated<Progress>;
  completedOn: string | null;
  cancelReason: string | null;
  note: string | null;
  version: Generated<number>;
  createdAt: ColumnType<Date, never, never>;
  updatedAt: ColumnType<Date, never, Date>;
}

declare module '../../db/schema.js' {
  interface Database {
    tasks: TasksTable;
    taskAssignees: TaskAssigneesTable;
    taskParts: TaskPartsTable;
  }
}
