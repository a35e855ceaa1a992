// Due dates from the working-day calendar. A question's is computed when it is received (or its
// receipt corrected) while the calendar's lock is held shared; a change of the calendar holds it
// alone, so no due date is written from a calendar a concurrent change is replacing, unseen by that
// change's recomputation. The calendar's lock is always taken before any question's row.
import type { Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';
import { lockNamed, lockNamedShared } from '../../db/locks.js';
import type { Actor } from '../../domain/actor.js';
import { vietnamToday } from '../../domain/periods.js';
import { recordChange } from '../audit/audit.service.js';
import { findQuestion, lockOpenQuestionsSpanning, type QuestionRecord, recomputeDueDates, workingDaysAfter } from './questions.repository.js';
import { auditedQuestion } from './questions.views.js';

const CALENDAR_LOCK = 'calendar of non-working days';

/** Before a due date is computed and written: no change of the calendar until the transaction ends. */
export async function readCalendar(trx: Transaction<Database>): Promise<void> {
  await lockNamedShared(trx, CALENDAR_LOCK);
}

/** Before the calendar changes: no due date is computed until the transaction ends. */
export async function changeCalendar(trx: Transaction<Database>): Promise<void> {
  await lockNamed(trx, CALENDAR_LOCK);
}

/** The Vietnam date of receipt and the due date it gives; the caller holds readCalendar. */
export async function receiptColumns(trx: Transaction<Database>, receivedAt: string, responseDays: number) {
  const receivedOn = vietnamToday(new Date(receivedAt));
  return { receivedAt: new Date(receivedAt), receivedOn, dueOn: await workingDaysAfter(trx, receivedOn, responseDays) };
}

/**
 * After the calendar changed on the day (the caller holds changeCalendar), the due dates of the
 * open questions whose span of working days holds it are set again, each one moved audited as an
 * update. Answered and closed questions keep theirs: whether an answer was on time does not change
 * after it was given.
 */
export async function moveDueDatesAround(trx: Transaction<Database>, actor: Actor, day: string): Promise<void> {
  const ids = await lockOpenQuestionsSpanning(trx, day);
  const today = vietnamToday();
  const before = new Map<string, QuestionRecord>();
  for (const id of ids) before.set(id, (await findQuestion(trx, id, today))!);
  for (const id of await recomputeDueDates(trx, ids)) {
    const after = (await findQuestion(trx, id, today))!;
    await recordChange(trx, actor, { action: 'update', entityType: 'question', entityId: id, before: auditedQuestion(before.get(id)!), after: auditedQuestion(after) });
  }
}
