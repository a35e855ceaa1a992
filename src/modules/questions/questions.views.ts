// Who sees what of a question (Nghị định 13/2023/NĐ-CP on personal data). Admins and the Office's
// editors see every question whole; an editor sees whole the questions assigned to or answered by
// its unit (it must reply to the asker), and of the rest only the published ones, as readers do:
// their public text, with no asker and none of the staff's fields (absent, not empty).
import type { Actor } from '../../domain/actor.js';
import type { QuestionRecord, Visibility } from './questions.repository.js';
import type { Question } from './questions.schemas.js';

/** An actor with what the rules need to know of it: the Office's unit (null when no unit has the Office's code). */
export interface Viewer {
  actor: Actor;
  officeId: string | null;
  officeCode: string;
}

/** Admins and the Office's editors: they receive, hand out, publish and close questions. */
export function isStaff({ actor, officeId }: Viewer): boolean {
  return actor.role === 'admin' || (actor.role === 'editor' && officeId !== null && actor.unitId === officeId);
}

export function visibilityOf(viewer: Viewer): Visibility {
  if (isStaff(viewer)) return 'all';
  return viewer.actor.role === 'editor' && viewer.actor.unitId !== null ? { unitId: viewer.actor.unitId } : 'published';
}

/** Whether the viewer sees the question whole, the asker included. */
export function seesWhole(viewer: Viewer, row: Pick<QuestionRecord, 'assignedUnitId' | 'answeredByUnitId'>): boolean {
  const { unitId } = viewer.actor;
  return isStaff(viewer) || (viewer.actor.role === 'editor' && unitId !== null && (row.assignedUnitId === unitId || row.answeredByUnitId === unitId));
}

export function canSee(viewer: Viewer, row: Pick<QuestionRecord, 'assignedUnitId' | 'answeredByUnitId' | 'status'>): boolean {
  return row.status === 'published' || seesWhole(viewer, row);
}

const unitRef = (id: string | null, code: string | null, name: string | null) => (id !== null && code !== null && name !== null ? { id, code, name } : null);

/** The fields every viewer of the question sees; the text as published for the public view. */
function commonFields(row: QuestionRecord, text: { subject: string; question: string; answer: string | null }) {
  return {
    id: row.id,
    channel: row.channel,
    status: row.status,
    receivedAt: row.receivedAt.toISOString(),
    dueOn: row.dueOn,
    responseDays: row.responseDays,
    overdue: row.overdue,
    ...text,
    answeredBy: unitRef(row.answeredByUnitId, row.answeredUnitCode, row.answeredUnitName),
    answeredAt: row.answeredAt?.toISOString() ?? null,
    responseWorkingDays: row.responseWorkingDays,
    answeredOnTime: row.answeredOn === null ? null : row.answeredOn <= row.dueOn,
    publishedAt: row.publishedAt?.toISOString() ?? null,
    publishedUrl: row.publishedUrl,
    version: row.version,
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** What a reader sees of a published question. */
export function publicQuestion(row: QuestionRecord): Question {
  return commonFields(row, { subject: row.publicSubject ?? row.subject, question: row.publicQuestion ?? row.question, answer: row.publicAnswer ?? row.answer });
}

/** The question whole, but for the asker: what the audit trail keeps, so that an erasure leaves nothing behind there. */
export function auditedQuestion(row: QuestionRecord): Question {
  return {
    ...commonFields(row, { subject: row.subject, question: row.question, answer: row.answer }),
    personalDataErasedAt: row.personalDataErasedAt?.toISOString() ?? null,
    receivedBy: { id: row.receivedByUnitId, code: row.receivedByCode, name: row.receivedByName },
    assignedUnit: unitRef(row.assignedUnitId, row.assignedUnitCode, row.assignedUnitName),
    assignmentNote: row.assignmentNote,
    answeredByKey: row.answeredByName === null ? null : { keyId: row.answeredByKeyId, name: row.answeredByName },
    publication:
      row.publishedAt === null
        ? null
        : { subject: row.publicSubject ?? row.subject, question: row.publicQuestion ?? row.question, answer: row.publicAnswer ?? row.answer ?? '', activityId: row.activityId },
    closedReason: row.closedReason,
    closedAt: row.closedAt?.toISOString() ?? null,
    history: row.history,
    recordedBy: { keyId: row.recordedByKeyId, name: row.recordedByName },
    createdAt: row.createdAt.toISOString(),
  };
}

/** The question whole, the asker included (null once erased). */
export function wholeQuestion(row: QuestionRecord): Question {
  const asker =
    row.askerName === null ? null : { name: row.askerName, phone: row.askerPhone, email: row.askerEmail, address: row.askerAddress };
  return { ...auditedQuestion(row), asker };
}

export function questionFor(viewer: Viewer, row: QuestionRecord): Question {
  return seesWhole(viewer, row) ? wholeQuestion(row) : publicQuestion(row);
}
