// Activities: what units actually did. Recorded by admins, or by editors for their own unit; changed
// under If-Match; removed softly (deletedAt is set and the version bumped, so that a mirror learns of
// it), after which the activity is gone from every read. Each write is audited in its transaction.
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';
import { updateVersioned } from '../../db/versioned.js';
import type { Actor } from '../../domain/actor.js';
import { writtenNumberOrNull } from '../../domain/document-number.js';
import { notFound, StaleVersion } from '../../domain/errors.js';
import { searchKey } from '../../domain/text.js';
import { recordChange } from '../audit/audit.service.js';
import { type ActivityRecord, findActivity, insertActivity, lockActivity } from './activities.repository.js';
import { authorizeWrite, checkActivity } from './activities.rules.js';
import type { Activity, ActivityCreate, ActivityFiguresInput, ActivityUpdate } from './activities.schemas.js';
import type { ActivityRowUpdate, NewActivityRow } from './activities.table.js';

type Db = Kysely<Database> | Transaction<Database>;

export function toActivity(row: ActivityRecord): Activity {
  const planNumber = writtenNumberOrNull(row.planNumberSequence, row.planSymbol);
  return {
    id: row.id,
    unitId: row.unitId,
    unitCode: row.unitCode,
    unitName: row.unitName,
    form: row.form,
    title: row.title,
    summary: row.summary,
    occurredOn: row.occurredOn,
    evidenceUrl: row.evidenceUrl,
    taskId: row.taskId,
    task: row.taskId !== null && row.taskPlanId !== null && row.taskOrdinal !== null ? { id: row.taskId, planId: row.taskPlanId, ordinal: row.taskOrdinal, planNumber } : null,
    figures: { participants: row.participants, respondents: row.respondents, views: row.views },
    recordedBy: { keyId: row.recordedByKeyId, name: row.recordedByName },
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    deletedAt: row.deletedAt?.toISOString() ?? null,
  };
}

/** The figure columns a write sets: the figures given, an absent one left as it is. */
function figureColumns(figures: ActivityFiguresInput | undefined): ActivityRowUpdate {
  if (!figures) return {};
  const { participants, respondents, views } = figures;
  return {
    ...(participants !== undefined ? { participants } : {}),
    ...(respondents !== undefined ? { respondents } : {}),
    ...(views !== undefined ? { views } : {}),
  };
}

async function requireActivity(db: Db, id: string): Promise<ActivityRecord> {
  const row = await findActivity(db, id);
  if (!row) throw notFound('Activity', id);
  return row;
}

/** The activity a write starts from, locked until its transaction ends (a removal cannot slip in between). */
async function lockForWrite(trx: Transaction<Database>, id: string): Promise<ActivityRecord> {
  const row = await lockActivity(trx, id);
  if (!row) throw notFound('Activity', id);
  return row;
}

export async function createActivity(db: Kysely<Database>, actor: Actor, input: ActivityCreate): Promise<Activity> {
  authorizeWrite(actor, [input.unitId]);
  return db.transaction().execute(async (trx) => {
    const taskId = input.taskId ?? null;
    const evidenceUrl = input.evidenceUrl ?? null;
    await checkActivity(trx, { ...input, evidenceUrl, taskId, changes: { unit: true, task: true } });
    const id = await insertActivity(trx, {
      unitId: input.unitId,
      form: input.form,
      title: input.title,
      summary: input.summary ?? null,
      occurredOn: input.occurredOn,
      evidenceUrl,
      taskId,
      participants: null,
      respondents: null,
      views: null,
      ...figureColumns(input.figures),
      recordedByKeyId: actor.keyId,
      recordedByName: actor.name,
      searchKey: searchKey(input.title, input.summary),
    });
    const activity = toActivity(await requireActivity(trx, id));
    await recordChange(trx, actor, { action: 'create', entityType: 'activity', entityId: id, before: null, after: activity });
    return activity;
  });
}

/**
 * Records an activity another module's write brings about (a published answer is a qa or hotline
 * activity of the unit that answered), in that write's transaction and under its actor.
 */
export async function recordActivityFor(trx: Transaction<Database>, actor: Actor, row: Omit<NewActivityRow, 'searchKey' | 'recordedByKeyId' | 'recordedByName'>): Promise<string> {
  const id = await insertActivity(trx, { ...row, recordedByKeyId: actor.keyId, recordedByName: actor.name, searchKey: searchKey(row.title, row.summary) });
  await recordChange(trx, actor, { action: 'create', entityType: 'activity', entityId: id, before: null, after: toActivity(await requireActivity(trx, id)) });
  return id;
}

/** Removes an activity another module's write takes back, in that write's transaction; one already removed stays as it is. */
export async function removeActivityOf(trx: Transaction<Database>, actor: Actor, id: string): Promise<void> {
  const before = await lockActivity(trx, id);
  if (!before) return;
  await updateVersioned(trx, 'activities', id, null, { deletedAt: new Date() });
  await recordChange(trx, actor, { action: 'delete', entityType: 'activity', entityId: id, before: toActivity(before), after: null });
}

export async function getActivity(db: Db, id: string): Promise<Activity> {
  return toActivity(await requireActivity(db, id));
}

export async function updateActivity(db: Kysely<Database>, actor: Actor, id: string, version: number | null, patch: ActivityUpdate): Promise<Activity> {
  return db.transaction().execute(async (trx) => {
    const before = await lockForWrite(trx, id);
    authorizeWrite(actor, [before.unitId, ...(patch.unitId !== undefined ? [patch.unitId] : [])]);
    const { figures, ...fields } = patch;
    const next = { ...before, ...fields };
    await checkActivity(trx, { ...next, changes: { unit: next.unitId !== before.unitId, task: next.taskId !== before.taskId } });
    const changes: ActivityRowUpdate = { ...fields, ...figureColumns(figures), searchKey: searchKey(next.title, next.summary) };
    if (!(await updateVersioned(trx, 'activities', id, version, changes))) throw new StaleVersion(version ?? before.version);
    const after = toActivity(await requireActivity(trx, id));
    await recordChange(trx, actor, { action: 'update', entityType: 'activity', entityId: id, before: toActivity(before), after });
    return after;
  });
}

/** Sets deletedAt and bumps the version: the row stays for mirrors and the audit trail, gone from every read. */
export async function deleteActivity(db: Kysely<Database>, actor: Actor, id: string, version: number | null): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const before = await lockForWrite(trx, id);
    authorizeWrite(actor, [before.unitId]);
    if (!(await updateVersioned(trx, 'activities', id, version, { deletedAt: new Date() }))) throw new StaleVersion(version ?? before.version);
    await recordChange(trx, actor, { action: 'delete', entityType: 'activity', entityId: id, before: toActivity(before), after: null });
  });
}
