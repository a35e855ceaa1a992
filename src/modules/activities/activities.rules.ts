// What an activity must be, beyond its schema, and who may record one: it happened on a real day
// between 2000 and today, a website post or video points at its evidence, its unit is active, and
// a task it carries out is one of an issued plan that names its unit. Editors write only their own
// unit's activities.
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { Actor } from '../../domain/actor.js';
import { Forbidden, type InputProblem, InvalidInput } from '../../domain/errors.js';
import { vietnamToday } from '../../domain/periods.js';
import { activityLinkRefusal } from '../tasks/tasks.service.js';
import type { Form } from '../tasks/tasks.table.js';
import { activeUnitProblem } from '../units/units.service.js';
import { EARLIEST_ACTIVITY_DATE } from './activities.schemas.js';
import { FORMS_NEEDING_EVIDENCE } from './activities.table.js';

type Db = Kysely<Database> | Transaction<Database>;

/** An activity as it will be once written, and which of its references the write changes (only those are looked up again). */
interface ActivityDraft {
  unitId: string;
  form: Form;
  occurredOn: string;
  evidenceUrl: string | null;
  taskId: string | null;
  changes: { unit: boolean; task: boolean };
}

/** An editor records, changes and removes the activities of its own unit only, and moves none to another unit. */
export function authorizeWrite(actor: Actor, unitIds: string[]): void {
  // Only editors have a unit: any other key but an admin's is refused whatever the units.
  if (actor.role !== 'admin' && unitIds.some((id) => id !== actor.unitId)) {
    throw new Forbidden('An editor records, changes and removes only the activities of its own unit.');
  }
}

/** Every problem of the draft, each at its field, in one 422; nothing when it may be written. */
export async function checkActivity(db: Db, draft: ActivityDraft): Promise<void> {
  const today = vietnamToday();
  const problems: InputProblem[] = [];
  if (draft.occurredOn > today) problems.push({ path: '/occurredOn', message: `must not be after today (${today} in Vietnam)` });
  if (draft.occurredOn < EARLIEST_ACTIVITY_DATE) problems.push({ path: '/occurredOn', message: `must not be before ${EARLIEST_ACTIVITY_DATE}` });
  if (FORMS_NEEDING_EVIDENCE.includes(draft.form) && draft.evidenceUrl === null) {
    problems.push({ path: '/evidenceUrl', message: `is required for a ${draft.form} activity: the URL where it can be seen` });
  }
  const unit = draft.changes.unit ? await activeUnitProblem(db, draft.unitId, ', so no activity is recorded under it now') : null;
  if (unit) problems.push({ path: '/unitId', message: unit });
  // A unit that cannot record activities says nothing of the task: that problem is reported alone.
  if (!unit && draft.taskId !== null && (draft.changes.unit || draft.changes.task)) {
    const refusal = await activityLinkRefusal(db, draft.taskId, draft.unitId);
    if (refusal) problems.push({ path: '/taskId', message: refusal });
  }
  if (problems.length) throw new InvalidInput(problems);
}
