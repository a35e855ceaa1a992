// The workflow of a citizen's question (section IV.4): the Office assigns it to a unit (which may
// return it with a reason), the unit answers (or the Office answers it directly), the Office
// publishes the answer (an activity of form qa or hotline for the answering unit, so obligations and
// reports count it) or closes the question; an admin erases the asker's data on request. Each step
// is audited; a step from the wrong state is a 409.
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { Actor } from '../../domain/actor.js';
import { Conflict, Forbidden, InvalidInput } from '../../domain/errors.js';
import { vietnamToday } from '../../domain/periods.js';
import { searchKey } from '../../domain/text.js';
import { recordActivityFor } from '../activities/activities.service.js';
import { activeUnitProblem } from '../units/units.service.js';
import type { QuestionRecord } from './questions.repository.js';
import type { Question, QuestionPublish } from './questions.schemas.js';
import { erasureOf, requireOffice, requireQuestionFor, requireStaff, writeQuestion } from './questions.service.js';
import { QUESTION_STATUSES, type QuestionHistoryEntry } from './questions.table.js';
import type { Viewer } from './questions.views.js';

function historyWith(before: QuestionRecord, actor: Actor, action: QuestionHistoryEntry['action'], at: Date, detail: Pick<QuestionHistoryEntry, 'unitId' | 'note'> = {}): string {
  const entry: QuestionHistoryEntry = { action, at: at.toISOString(), by: { keyId: actor.keyId, name: actor.name }, ...detail };
  return JSON.stringify([...before.history, entry]);
}

/** A unit a question may be handed to: one that exists, is active and is not the Office itself. */
async function checkAssignee(trx: Transaction<Database>, viewer: Viewer, unitId: string): Promise<void> {
  const message = unitId === viewer.officeId ? 'is the Office: it answers the question directly instead' : await activeUnitProblem(trx, unitId);
  if (message) throw new InvalidInput([{ path: '/unitId', message }]);
}

export async function assignQuestion(db: Kysely<Database>, viewer: Viewer, id: string, version: number | null, input: { unitId: string; note?: string }, at = new Date()): Promise<Question> {
  return db.transaction().execute(async (trx) => {
    const before = await requireQuestionFor(trx, viewer, id, { from: ['received'], what: 'A question can be assigned', staff: 'assign questions' }, version);
    await checkAssignee(trx, viewer, input.unitId);
    return writeQuestion(trx, viewer, 'assign', before, version, {
      status: 'assigned',
      assignedUnitId: input.unitId,
      assignmentNote: input.note ?? null,
      history: historyWith(before, viewer.actor, 'assign', at, { unitId: input.unitId, ...(input.note ? { note: input.note } : {}) }),
    });
  });
}

/** The unit assigned (its editors) or the Office gives the question back, with the reason; it is received again. */
export async function returnQuestion(db: Kysely<Database>, viewer: Viewer, id: string, version: number | null, reason: string, at = new Date()): Promise<Question> {
  return db.transaction().execute(async (trx) => {
    // Who sees an assigned question (the unit assigned, the Office, admins) may return it.
    const before = await requireQuestionFor(trx, viewer, id, { from: ['assigned'], what: 'A question can be returned to the Office' }, version);
    const { actor } = viewer;
    return writeQuestion(trx, viewer, 'return', before, version, {
      status: 'received',
      assignedUnitId: null,
      assignmentNote: null,
      history: historyWith(before, actor, 'return', at, { unitId: before.assignedUnitId!, note: reason }),
    });
  });
}

/**
 * The unit that answers: the one assigned (its editors, or an admin on its behalf) while it is
 * active, or the Office for a question still with it. Anyone else is refused with the reason.
 */
async function answeringUnit(trx: Transaction<Database>, viewer: Viewer, row: QuestionRecord): Promise<string> {
  const { actor } = viewer;
  if (row.status === 'received') {
    requireStaff(viewer, 'answer a question that is not assigned');
    return requireOffice(viewer);
  }
  if (actor.role !== 'admin' && actor.unitId !== row.assignedUnitId) {
    throw new Forbidden(`The question is assigned to ${row.assignedUnitCode}: only its editors (or an admin) answer it; the Office may take it back by returning it.`);
  }
  const inactive = await activeUnitProblem(trx, row.assignedUnitId!);
  if (inactive) throw new Conflict(`The unit the question is assigned to ${inactive}: return the question and assign it again.`);
  return row.assignedUnitId!;
}

export async function answerQuestion(db: Kysely<Database>, viewer: Viewer, id: string, version: number | null, answer: string, at = new Date()): Promise<Question> {
  return db.transaction().execute(async (trx) => {
    const before = await requireQuestionFor(trx, viewer, id, { from: ['received', 'assigned'], what: 'A question can be answered' }, version);
    const unitId = await answeringUnit(trx, viewer, before);
    return writeQuestion(trx, viewer, 'answer', before, version, {
      status: 'answered',
      answer,
      answeredByUnitId: unitId,
      answeredByKeyId: viewer.actor.keyId,
      answeredByName: viewer.actor.name,
      answeredAt: at,
      answeredOn: vietnamToday(at),
      searchKey: searchKey(before.subject, before.question, answer),
      history: historyWith(before, viewer.actor, 'answer', at, { unitId }),
    });
  });
}

/**
 * Publishes the answer (an edited public version may be given) and records it as an activity of
 * the answering unit: form hotline for a hotline question, qa for the rest (their answers go to the
 * Q&A section), dated the day of publication, its evidence the published page when given.
 */
export async function publishQuestion(db: Kysely<Database>, viewer: Viewer, id: string, version: number | null, input: QuestionPublish, at = new Date()): Promise<Question> {
  return db.transaction().execute(async (trx) => {
    const before = await requireQuestionFor(trx, viewer, id, { from: ['answered'], what: 'A question can be published', staff: 'publish answers' }, version);
    const subject = input.subject ?? before.subject;
    const publishedOn = vietnamToday(at);
    const activityId = await recordActivityFor(trx, viewer.actor, {
      unitId: before.answeredByUnitId!,
      form: before.channel === 'hotline' ? 'hotline' : 'qa',
      title: subject,
      summary: null,
      occurredOn: publishedOn,
      evidenceUrl: input.url ?? null,
      taskId: null,
      participants: null,
      respondents: null,
      views: null,
      deletedAt: null,
    });
    return writeQuestion(trx, viewer, 'publish', before, version, {
      status: 'published',
      publicSubject: input.subject ?? null,
      publicQuestion: input.question ?? null,
      publicAnswer: input.answer ?? null,
      publishedUrl: input.url ?? null,
      publishedAt: at,
      publishedOn,
      activityId,
      searchKey: searchKey(before.subject, before.question, before.answer, input.subject, input.question, input.answer),
      publicSearchKey: searchKey(subject, input.question ?? before.question, input.answer ?? before.answer),
      history: historyWith(before, viewer.actor, 'publish', at),
    });
  });
}

/** Closes a question not to be published, with the reason (answered or not). */
export async function closeQuestion(db: Kysely<Database>, viewer: Viewer, id: string, version: number | null, reason: string, at = new Date()): Promise<Question> {
  return db.transaction().execute(async (trx) => {
    const before = await requireQuestionFor(trx, viewer, id, { from: ['received', 'assigned', 'answered'], what: 'A question can be closed', staff: 'close questions' }, version);
    return writeQuestion(trx, viewer, 'close', before, version, {
      status: 'closed',
      closedReason: reason,
      closedAt: at,
      closedOn: vietnamToday(at),
      history: historyWith(before, viewer.actor, 'close', at, { note: reason }),
    });
  });
}

/**
 * The asker's right to erasure: the name and contacts are removed for good, in the row and in the
 * answers kept for Idempotency-Key replays; the audit trail (which never held them) records that it
 * happened. Admins only (the route's access); a second erasure is a 409.
 */
export async function erasePersonalData(db: Kysely<Database>, viewer: Viewer, id: string, version: number | null, at = new Date()): Promise<Question> {
  return db.transaction().execute(async (trx) => {
    const before = await requireQuestionFor(trx, viewer, id, { from: QUESTION_STATUSES, what: 'Personal data can be erased' }, version);
    if (before.personalDataErasedAt !== null) throw new Conflict(`The asker’s personal data was already erased, on ${before.personalDataErasedAt.toISOString()}.`);
    return writeQuestion(trx, viewer, 'erase', before, version, await erasureOf(trx, id, at));
  });
}
