// The working-day calendar: weekdays that are no working days (Tết, the other public holidays and
// the days given in lieu), kept by admins as data. A change takes the calendar's lock and moves the
// due dates of the open questions whose span of working days holds the day (due-dates.ts).
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { decodeCursor, type Page, toPage } from '../../db/cursor.js';
import { deleteVersioned, updateVersioned } from '../../db/versioned.js';
import type { Actor } from '../../domain/actor.js';
import { Conflict, InvalidInput, notFound, StaleVersion } from '../../domain/errors.js';
import { earlierBound, isWeekend, laterBound, periodRange } from '../../domain/periods.js';
import { recordChange } from '../audit/audit.service.js';
import { findDay, findDays, insertDay, lockDay } from './calendar.repository.js';
import { changeCalendar, moveDueDatesAround } from './due-dates.js';
import type { NonWorkingDay, NonWorkingDayCreate, NonWorkingDayListQuery } from './questions.schemas.js';
import type { NonWorkingDayRow } from './questions.table.js';

function toNonWorkingDay(row: NonWorkingDayRow): NonWorkingDay {
  return { id: row.id, day: row.day, name: row.name, version: row.version, createdAt: row.createdAt.toISOString(), updatedAt: row.updatedAt.toISOString() };
}

export async function listNonWorkingDays(db: Kysely<Database>, q: NonWorkingDayListQuery): Promise<Page<NonWorkingDay>> {
  if (q.from && q.to && q.from > q.to) throw new InvalidInput([{ path: '/to', message: `must not be before from (${q.from})` }], true);
  const year = q.year === undefined ? null : periodRange(String(q.year));
  const after = q.cursor ? (decodeCursor(q.cursor, ['date'])[0] as string) : undefined;
  const rows = await findDays(db, { from: laterBound(q.from, year?.from), to: earlierBound(q.to, year?.to), after, limit: q.limit });
  return toPage(rows, q.limit, toNonWorkingDay, (row) => [row.day]);
}

export async function getNonWorkingDay(db: Kysely<Database>, day: string): Promise<NonWorkingDay> {
  const row = await findDay(db, day);
  if (!row) throw notFound('Non-working day', day);
  return toNonWorkingDay(row);
}

export async function addNonWorkingDay(db: Kysely<Database>, actor: Actor, input: NonWorkingDayCreate): Promise<NonWorkingDay> {
  if (isWeekend(input.day)) throw new InvalidInput([{ path: '/day', message: 'is a Saturday or Sunday, never a working day: only weekdays are listed' }]);
  return db.transaction().execute(async (trx) => {
    await changeCalendar(trx);
    if (await findDay(trx, input.day)) throw new Conflict(`${input.day} is already a non-working day; change its name instead.`);
    const day = toNonWorkingDay(await insertDay(trx, input.day, input.name));
    await moveDueDatesAround(trx, actor, input.day);
    await recordChange(trx, actor, { action: 'create', entityType: 'non_working_day', entityId: day.id, before: null, after: day });
    return day;
  });
}

export async function renameNonWorkingDay(db: Kysely<Database>, actor: Actor, day: string, version: number | null, name: string): Promise<NonWorkingDay> {
  return db.transaction().execute(async (trx) => {
    const before = await lockDay(trx, day);
    if (!before) throw notFound('Non-working day', day);
    const row = await updateVersioned(trx, 'nonWorkingDays', before.id, version, { name });
    if (!row) throw new StaleVersion(version ?? before.version);
    await recordChange(trx, actor, { action: 'update', entityType: 'non_working_day', entityId: row.id, before: toNonWorkingDay(before), after: toNonWorkingDay(row) });
    return toNonWorkingDay(row);
  });
}

export async function removeNonWorkingDay(db: Kysely<Database>, actor: Actor, day: string, version: number | null): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await changeCalendar(trx);
    const before = await lockDay(trx, day);
    if (!before) throw notFound('Non-working day', day);
    if (!(await deleteVersioned(trx, 'nonWorkingDays', before.id, version))) throw new StaleVersion(version ?? before.version);
    await moveDueDatesAround(trx, actor, day);
    await recordChange(trx, actor, { action: 'delete', entityType: 'non_working_day', entityId: before.id, before: toNonWorkingDay(before), after: null });
  });
}
