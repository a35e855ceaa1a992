// The tasks and task_assignees tables: the rows of a plan's appendix and who leads or helps.
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

export type Progress = 'not_started' | 'in_progress' | 'done' | 'cancelled';
export type AssigneeRole = 'lead' | 'coordinator';
export type UnitGroupName = 'divisions' | 'affiliated' | 'all_units';

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
  searchKey: string;
  version: Generated<number>;
  createdAt: ColumnType<Date, never, never>;
  updatedAt: ColumnType<Date, never, Date>;
}

export type TaskRow = Selectable<TasksTable>;
export type NewTaskRow = Insertable<TasksTable>;
export type TaskRowUpdate = Updateable<TasksTable>;

export interface TaskAssigneesTable {
  taskId: string;
  position: number;
  role: AssigneeRole;
  unitId: string | null;
  unitGroup: UnitGroupName | null;
}

export type TaskAssigneeRow = Selectable<TaskAssigneesTable>;
