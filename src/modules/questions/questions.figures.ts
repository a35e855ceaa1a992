// The question figures reports carry: a unit's (or, for the Department, every unit's) questions of a
// window, the response times rounded to a tenth of a working day.
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { findQuestionFigures, type QuestionFiguresRecord } from './questions.repository.js';
import type { QuestionFigures } from './questions.schemas.js';

// The roll-up counts each unit's questions in its own statement.
export { type QuestionFiguresRecord, questionFiguresSql } from './questions.repository.js';

const tenth = (n: number | null) => (n === null ? null : Math.round(Number(n) * 10) / 10);

export function toQuestionFigures(r: QuestionFiguresRecord): QuestionFigures {
  return {
    received: r.received,
    answered: r.answered,
    answeredOnTime: r.answeredOnTime,
    overdue: r.overdue,
    published: r.published,
    responseDays: { median: tenth(r.medianResponseDays), p90: tenth(r.p90ResponseDays) },
  };
}

/** Questions of the window for the unit; `unitId` null counts every unit's (the Department's own report). */
export async function computeQuestionFigures(db: Kysely<Database>, unitId: string | null, window: { from: string; to: string }): Promise<QuestionFigures> {
  return toQuestionFigures(await findQuestionFigures(db, unitId, window));
}
