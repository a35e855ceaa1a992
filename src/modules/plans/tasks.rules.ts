// Checks on task input that the schema cannot express: one unit or one group per assignee, a lead,
// units that exist, real due dates, and progress that agrees with its date or reason.
import type { Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';
import { periodRange } from '../../domain/periods.js';
import { type FieldError, InvalidFields } from '../../http/errors.js';
import { missingUnitIds } from '../units/units.service.js';
import type { Assignee, Task, TaskUpdate } from './tasks.schemas.js';

export interface TaskDraft {
  assignees?: Assignee[];
  duePeriod?: string;
}

/** Every problem of every task, each pointed at, so a client can fix a whole appendix at once. */
export async function checkTaskInputs(trx: Transaction<Database>, drafts: Array<{ task: TaskDraft; pointer: string }>): Promise<void> {
  const errors: FieldError[] = [];
  const unitRefs: Array<{ id: string; pointer: string }> = [];
  for (const { task, pointer } of drafts) {
    if (task.duePeriod !== undefined && !periodRange(task.duePeriod)) {
      errors.push({ pointer: `${pointer}/duePeriod`, message: 'is not a real period: check the dates and that the range does not end before it starts' });
    }
    if (!task.assignees) continue;
    if (!task.assignees.some((a) => a.role === 'lead')) errors.push({ pointer: `${pointer}/assignees`, message: 'must name at least one lead' });
    task.assignees.forEach((a, i) => {
      if ((a.unitId === undefined) === (a.group === undefined)) {
        errors.push({ pointer: `${pointer}/assignees/${i}`, message: 'must give exactly one of unitId and group' });
      } else if (a.unitId) {
        unitRefs.push({ id: a.unitId, pointer: `${pointer}/assignees/${i}/unitId` });
      }
    });
  }
  const missing = new Set(await missingUnitIds(trx, unitRefs.map((r) => r.id)));
  for (const ref of unitRefs) if (missing.has(ref.id)) errors.push({ pointer: ref.pointer, message: 'names no unit' });
  if (errors.length) throw new InvalidFields(errors);
}

/** The progress columns after a patch, or the problems with it; `today` is the Vietnam date. */
type ProgressState = Pick<Task, 'progress' | 'completedOn' | 'cancelReason'>;

export function nextProgress(current: ProgressState, patch: TaskUpdate, today: string): ProgressState {
  const progress = patch.progress ?? current.progress;
  const completedOn = patch.completedOn !== undefined ? patch.completedOn : progress === 'done' ? current.completedOn : null;
  const cancelReason = patch.cancelReason !== undefined ? patch.cancelReason : progress === 'cancelled' ? current.cancelReason : null;
  const errors: FieldError[] = [];
  if (progress === 'done' && !completedOn) errors.push({ pointer: '/body/completedOn', message: 'is required when progress is done' });
  if (progress !== 'done' && completedOn) errors.push({ pointer: '/body/completedOn', message: 'is only given when progress is done' });
  if (patch.completedOn && patch.completedOn > today) errors.push({ pointer: '/body/completedOn', message: `is after today (${today} in Vietnam)` });
  if (progress === 'cancelled' && !cancelReason) errors.push({ pointer: '/body/cancelReason', message: 'is required when progress is cancelled' });
  if (progress !== 'cancelled' && cancelReason) errors.push({ pointer: '/body/cancelReason', message: 'is only given when progress is cancelled' });
  if (errors.length) throw new InvalidFields(errors);
  return { progress, completedOn, cancelReason };
}
