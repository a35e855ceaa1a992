// Citizens' questions: the Office (or an admin) records each with its asker, corrects it while it is
// unanswered, and removes it (a tombstone for mirrors, the asker's data erased with it). Reading and
// listing follow questions.views.ts. The workflow is in questions.workflow.ts; both share the helpers
// here. Each write is audited in its transaction, without the asker's data.
import type { Kysely, Transaction } from 'kysely';
import type { Config } from '../../config.js';
import type { Database } from '../../db/schema.js';
import { decodeCursor, type Page, toPage } from '../../db/cursor.js';
import { readChanges, readsChanges } from '../../db/sync.js';
import { redactKeptAnswers } from '../../db/kept-answers.js';
import { updateVersioned } from '../../db/versioned.js';
import type { Actor } from '../../domain/actor.js';
import { Conflict, Forbidden, type InputProblem, InvalidInput, notFound, StaleVersion } from '../../domain/errors.js';
import { vietnamToday } from '../../domain/periods.js';
import { containsPattern, searchKey } from '../../domain/text.js';
import { removeActivityOf } from '../activities/activities.service.js';
import { type Change, recordChange } from '../audit/audit.service.js';
import { unitIdOfCode, unitIdsByCode } from '../units/units.service.js';
import { readCalendar, receiptColumns } from './due-dates.js';
import { findQuestion, findQuestions, insertQuestion, lockQuestion, type QuestionRecord } from './questions.repository.js';
import type { Asker, Question, QuestionCreate, QuestionListQuery, QuestionUpdate } from './questions.schemas.js';
import { QUESTION_STATUSES, type QuestionRowUpdate, type QuestionStatus } from './questions.table.js';
import { auditedQuestion, canSee, isStaff, questionFor, seesWhole, type Viewer, visibilityOf, wholeQuestion } from './questions.views.js';

type Db = Kysely<Database> | Transaction<Database>;

/** What the deployment sets: the Office's unit code, and the working days a question is due in. */
export interface QuestionSettings {
  officeUnitCode: string;
  responseDays: number;
}

export function settingsOf(config: Pick<Config, 'officeUnitCode' | 'questionResponseDays'>): QuestionSettings {
  return { officeUnitCode: config.officeUnitCode, responseDays: config.questionResponseDays };
}

const EARLIEST_RECEIPT = '2000-01-01T00:00:00.000Z';

async function officeIdOf(db: Db, settings: QuestionSettings): Promise<string | null> {
  return (await unitIdsByCode(db, [settings.officeUnitCode])).get(settings.officeUnitCode) ?? null;
}

export async function viewerOf(db: Db, actor: Actor, settings: QuestionSettings): Promise<Viewer> {
  return { actor, officeId: await officeIdOf(db, settings), officeCode: settings.officeUnitCode };
}

/** The Office's unit, which receives and answers questions: a 409 while no unit has its code. */
export function requireOffice(viewer: Viewer): string {
  if (viewer.officeId === null) throw new Conflict(`No unit has the Office’s code ${viewer.officeCode} (OFFICE_UNIT_CODE): add the Office before recording or answering citizens’ questions.`);
  return viewer.officeId;
}

export function requireStaff(viewer: Viewer, what: string): void {
  if (!isStaff(viewer)) throw new Forbidden(`Only the Office (editors of its unit) and admins ${what}.`);
}

/** Today's date in Vietnam, or the day asked for. */
const asOfOr = (asOf: string | undefined) => asOf ?? vietnamToday();

/** A step on a question: the states it starts from, its name for the 409, and for a step of the staff only, its name for the 403. */
interface StepRule {
  from: readonly QuestionStatus[];
  what: string;
  staff?: string;
}

/**
 * The question, locked for the rest of the transaction, that the viewer may see and that is in one
 * of the states the step starts from: 404 if the viewer may not see it, 403 if the step is the
 * staff's and the viewer is not, 409 naming the states, 412 if If-Match names another version.
 */
export async function requireQuestionFor(trx: Transaction<Database>, viewer: Viewer, id: string, { from, what, staff }: StepRule, version: number | null): Promise<QuestionRecord> {
  const row = await lockQuestion(trx, id, vietnamToday());
  if (!row || !canSee(viewer, row)) throw notFound('Question', id);
  if (staff) requireStaff(viewer, staff);
  if (!from.includes(row.status)) throw new Conflict(`${what} only when it is ${from.join(' or ')}; this question is ${row.status}.`);
  if (version !== null && version !== row.version) throw new StaleVersion(version);
  return row;
}

/** Writes the change under If-Match, audits it (without the asker's data) and answers as the viewer sees it. */
export async function writeQuestion(trx: Transaction<Database>, viewer: Viewer, action: Change['action'], before: QuestionRecord, version: number | null, changes: QuestionRowUpdate): Promise<Question> {
  if (!(await updateVersioned(trx, 'questions', before.id, version, changes))) throw new StaleVersion(version ?? before.version);
  const after = (await findQuestion(trx, before.id, vietnamToday()))!;
  await recordChange(trx, viewer.actor, { action, entityType: 'question', entityId: before.id, before: auditedQuestion(before), after: auditedQuestion(after) });
  // A unit that returns a question sees it no more, yet is answered with what it just did.
  return seesWhole(viewer, before) ? wholeQuestion(after) : questionFor(viewer, after);
}

/** The columns the asker's data is kept in; all null once erased. */
function askerColumns(asker: Asker) {
  return { askerName: asker.name, askerPhone: asker.phone ?? null, askerEmail: asker.email ?? null, askerAddress: asker.address ?? null };
}

/** The columns of an erasure, and the kept replays of the question rewritten without the asker's data. */
export async function erasureOf(trx: Transaction<Database>, id: string, at: Date): Promise<QuestionRowUpdate> {
  await redactKeptAnswers(trx, id, (shown) => ('asker' in shown ? { ...shown, asker: null, personalDataErasedAt: at.toISOString() } : shown));
  return { askerName: null, askerPhone: null, askerEmail: null, askerAddress: null, personalDataErasedAt: at };
}

/** A receipt in the past, from 2000 on, and (for a correction) before the question's first step. */
function checkReceipt(receivedAt: string, now: Date, question?: Pick<QuestionRecord, 'history'>): InputProblem[] {
  const at = Date.parse(receivedAt);
  if (at > now.getTime()) return [{ path: '/receivedAt', message: 'must not be in the future' }];
  if (at < Date.parse(EARLIEST_RECEIPT)) return [{ path: '/receivedAt', message: 'must not be before 2000' }];
  const first = question?.history[0]?.at;
  if (first !== undefined && at > Date.parse(first)) return [{ path: '/receivedAt', message: `must not be after the question’s first step (${first})` }];
  return [];
}

export async function createQuestion(db: Kysely<Database>, actor: Actor, settings: QuestionSettings, input: QuestionCreate, now = new Date()): Promise<Question> {
  return db.transaction().execute(async (trx) => {
    const viewer = await viewerOf(trx, actor, settings);
    const officeId = requireOffice(viewer);
    requireStaff(viewer, 'record questions');
    const problems = checkReceipt(input.receivedAt, now);
    if (problems.length) throw new InvalidInput(problems);
    await readCalendar(trx);
    const id = await insertQuestion(trx, {
      channel: input.channel,
      ...(await receiptColumns(trx, input.receivedAt, settings.responseDays)),
      receivedByUnitId: officeId,
      responseDays: settings.responseDays,
      subject: input.subject,
      question: input.question,
      ...askerColumns(input.asker),
      personalDataErasedAt: null,
      assignedUnitId: null,
      assignmentNote: null,
      answer: null,
      answeredByUnitId: null,
      answeredByKeyId: null,
      answeredByName: null,
      answeredAt: null,
      answeredOn: null,
      publicSubject: null,
      publicQuestion: null,
      publicAnswer: null,
      publishedUrl: null,
      publishedAt: null,
      publishedOn: null,
      activityId: null,
      closedReason: null,
      closedAt: null,
      closedOn: null,
      history: '[]',
      recordedByKeyId: actor.keyId,
      recordedByName: actor.name,
      searchKey: searchKey(input.subject, input.question),
      publicSearchKey: null,
      deletedAt: null,
    });
    const row = (await findQuestion(trx, id, vietnamToday()))!;
    await recordChange(trx, actor, { action: 'create', entityType: 'question', entityId: id, before: null, after: auditedQuestion(row) });
    return questionFor(viewer, row);
  });
}

export async function getQuestion(db: Kysely<Database>, viewer: Viewer, id: string, asOf?: string): Promise<Question> {
  const row = await findQuestion(db, id, asOfOr(asOf));
  if (!row || !canSee(viewer, row)) throw notFound('Question', id);
  return questionFor(viewer, row);
}

export async function listQuestions(db: Kysely<Database>, viewer: Viewer, q: QuestionListQuery): Promise<Page<Question>> {
  if (q.assignedUnitId && q.assignedUnitCode) throw new InvalidInput([{ path: '/assignedUnitCode', message: 'is given instead of assignedUnitId, not with it: they name the same unit' }], true);
  if (q.from && q.to && q.from > q.to) throw new InvalidInput([{ path: '/to', message: `must not be before from (${q.from})` }], true);
  const after = q.cursor ? (decodeCursor(q.cursor, ['instant', 'uuid']) as [string, string]) : undefined;
  const filter = {
    statuses: q.status,
    channels: q.channel,
    assignedUnitId: q.assignedUnitCode ? await unitIdOfCode(db, q.assignedUnitCode, '/assignedUnitCode') : q.assignedUnitId,
    from: q.from,
    to: q.to,
    overdue: q.overdue,
    searchPattern: q.q ? containsPattern(q.q) : undefined,
    visibility: visibilityOf(viewer),
    limit: q.limit,
  };
  const asOf = asOfOr(q.asOf);
  if (readsChanges(q)) return readChanges(db, 'question', q, (trx, changes) => findQuestions(trx, { ...filter, changes }, asOf), (row) => questionFor(viewer, row));
  const rows = await findQuestions(db, { ...filter, after }, asOf);
  return toPage(rows, q.limit, (row) => questionFor(viewer, row), (row) => [row.receivedAt.toISOString(), row.id]);
}

/** Corrections to the intake, while unanswered; a new receipt moves the due date. */
export async function updateQuestion(db: Kysely<Database>, viewer: Viewer, id: string, version: number | null, patch: QuestionUpdate, now = new Date()): Promise<Question> {
  return db.transaction().execute(async (trx) => {
    // The calendar's lock before the question's row, in the order a change of the calendar takes them.
    if (patch.receivedAt !== undefined) await readCalendar(trx);
    const before = await requireQuestionFor(trx, viewer, id, { from: ['received', 'assigned'], what: 'A question’s intake can be corrected', staff: 'correct a question’s intake' }, version);
    const problems = patch.receivedAt !== undefined ? checkReceipt(patch.receivedAt, now, before) : [];
    if (problems.length) throw new InvalidInput(problems);
    if (patch.asker !== undefined && before.personalDataErasedAt !== null) throw new Conflict('The asker’s personal data was erased; it is not recorded again.');
    const subject = patch.subject ?? before.subject;
    const question = patch.question ?? before.question;
    return writeQuestion(trx, viewer, 'update', before, version, {
      ...(patch.channel !== undefined ? { channel: patch.channel } : {}),
      ...(patch.receivedAt !== undefined ? await receiptColumns(trx, patch.receivedAt, before.responseDays) : {}),
      ...(patch.asker !== undefined ? askerColumns(patch.asker) : {}),
      subject,
      question,
      searchKey: searchKey(subject, question, before.answer),
    });
  });
}

/**
 * Marks the question removed (a tombstone for mirrors: deletedAt and a new version), erases the
 * asker's data with it, and removes the activity its publication recorded.
 */
export async function deleteQuestion(db: Kysely<Database>, viewer: Viewer, id: string, version: number | null, now = new Date()): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const before = await requireQuestionFor(trx, viewer, id, { from: QUESTION_STATUSES, what: 'A question can be removed', staff: 'remove questions' }, version);
    if (before.activityId !== null) await removeActivityOf(trx, viewer.actor, before.activityId);
    const erasure = before.personalDataErasedAt === null ? await erasureOf(trx, id, now) : {};
    if (!(await updateVersioned(trx, 'questions', id, version, { ...erasure, deletedAt: now }))) throw new StaleVersion(version ?? before.version);
    await recordChange(trx, viewer.actor, { action: 'delete', entityType: 'question', entityId: id, before: auditedQuestion(before), after: null });
  });
}
