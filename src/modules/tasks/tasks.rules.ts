// Checks on task input that the schema cannot express: one unit or one group per assignee, a lead,
// units that exist, real due dates, and progress that agrees with its date or reason.
import type { Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';
import { type InputProblem, InvalidInput } from '../../domain/errors.js';
import { NOT_A_PERIOD, periodRange } from '../../domain/periods.js';
import { missingUnitIds } from '../units/units.service.js';
import type { Assignee, Task, TaskUpdate } from './tasks.schemas.js';

export interface TaskDraft {
  assignees?: Assignee[];
  duePeriod?: string;
}

/** Where a task of a batch came from: a path into the input (`/tasks/3`, or '' for the input itself), or a CSV line. */
export type TaskOrigin = { path: string } | { line: number };

/** A problem with `field` (`duePeriod`, `assignees/0/unitId`) of the task from `origin`; a CSV names the column. */
function problemAt(origin: TaskOrigin, field: string, message: string): InputProblem {
  if ('path' in origin) return { path: `${origin.path}/${field}`, message };
  const name = field.split('/')[0]!;
  return { line: origin.line, column: name === 'assignees' ? 'lead' : name, message };
}

/** Every problem of every task, each located, so a client can fix a whole appendix at once. */
export async function checkTaskInputs(trx: Transaction<Database>, drafts: Array<{ task: TaskDraft; origin: TaskOrigin }>): Promise<void> {
  const problems: InputProblem[] = [];
  const unitRefs: Array<{ id: string; origin: TaskOrigin; field: string }> = [];
  for (const { task, origin } of drafts) {
    if (task.duePeriod !== undefined && !periodRange(task.duePeriod)) {
      problems.push(problemAt(origin, 'duePeriod', NOT_A_PERIOD));
    }
    if (!task.assignees) continue;
    if (!task.assignees.some((a) => a.role === 'lead')) problems.push(problemAt(origin, 'assignees', 'must name at least one lead'));
    task.assignees.forEach((a, i) => a.unitId && unitRefs.push({ id: a.unitId, origin, field: `assignees/${i}/unitId` }));
  }
  const missing = new Set(await missingUnitIds(trx, unitRefs.map((r) => r.id)));
  for (const ref of unitRefs) if (missing.has(ref.id)) problems.push(problemAt(ref.origin, ref.field, 'names no unit'));
  if (problems.length) throw new InvalidInput(problems);
}

/** The progress columns after a patch, or the problems with it; `today` is the Vietnam date. */
type ProgressState = Pick<Task, 'progress' | 'completedOn' | 'cancelReason'>;

export function nextProgress(current: ProgressState, patch: TaskUpdate, today: string): ProgressState {
  const progress = patch.progress ?? current.progress;
  const completedOn = patch.completedOn !== undefined ? patch.completedOn : progress === 'done' ? current.completedOn : null;
  const cancelReason = patch.cancelReason !== undefined ? patch.cancelReason : progress === 'cancelled' ? current.cancelReason : null;
  const problems: InputProblem[] = [];
  if (progress === 'done' && !completedOn) problems.push({ path: '/completedOn', message: 'is required when progress is done' });
  if (progress !== 'done' && completedOn) problems.push({ path: '/completedOn', message: 'is only given when progress is done' });
  if (patch.completedOn && patch.completedOn > today) problems.push({ path: '/completedOn', message: `is after today (${today} in Vietnam)` });
  if (progress === 'cancelled' && !cancelReason) problems.push({ path: '/cancelReason', message: 'is required when progress is cancelled' });
  if (progress !== 'cancelled' && cancelReason) problems.push({ path: '/cancelReason', message: 'is only given when progress is cancelled' });
  if (problems.length) throw new InvalidInput(problems);
  return { progress, completedOn, cancelReason };
}
