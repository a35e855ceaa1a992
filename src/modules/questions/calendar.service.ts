// The working-day calendar: weekdays that are no working days (Tết, the other public holidays and
// the days given in lieu), kept by admins as data. A change moves the due dates of the questions
// whose span of working days holds the day (moveDueDatesAround), under the calendar's lock.
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';
import { decodeCursor, type Page, toPage } from '../../db/cursor.js';
import type { Actor } from '../../domain/actor.js';
import { Conflict, InvalidInput, notFound, StaleVersion } from '../../domain/errors.js';
import { isWeekend } from '../../domain/periods.js';
import { recordChange } from '../audit/audit.service.js';
import { lockNamed } from '../../db/locks.js';
import { CALENDAR_LOCK, moveDueDatesAround } from './questions.service.js';
import type { NonWorkingDay, NonWorkingDayCreate, NonWorkingDayListQuery } from './questions.schemas.js';
import type { NonWorkingDayRow } from './questions.table.js';

type Db = Kysely<Database> | Transaction<Database>;

function toNonWorkingDay(row: NonWorkingDayRow): NonWorkingDay {
  return { id: row.id, day: row.day, name: row.name, version: row.version, createdAt: row.createdAt.toISOString(), updatedAt: row.updatedAt.toISOString() };
}

async function findDay(db: Db, day: string, lock = false): Promise<NonWorkingDayRow | undefined> {
  const query = db.selectFrom('nonWorkingDays').selectAll().where('day', '=', day);
  return (lock ? query.forUpdate() : query).executeTakeFirst();
}

export async function listNonWorkingDays(db: Kysely<Database>, q: NonWorkingDayListQuery): Promise<Page<NonWorkingDay>> {
  if (q.from && q.to && q.from > q.to) throw new InvalidInput([{ path: '/to', message: `must not be before from (${q.from})` }], true);
  let query = db.selectFrom('nonWorkingDays').selectAll();
  if (q.year !== undefined) query = query.where('day', '>=', `${q.year}-01-01`).where('day', '<=', `${q.year}-12-31`);
  if (q.from) query = query.where('day', '>=', q.from);
  if (q.to) query = query.where('day', '<=', q.to);
  if (q.cursor) query = query.where('day', '>', decodeCursor(q.cursor, ['date'])[0] as string);
  const rows = await query.orderBy('day').limit(q.limit + 1).execute();
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
    await lockNamed(trx, CALENDAR_LOCK);
    if (await findDay(trx, input.day)) throw new Conflict(`${input.day} is already a non-working day; change its name instead.`);
    const row = await trx.insertInto('nonWorkingDays').values({ day: input.day, name: input.name }).returningAll().executeTakeFirstOrThrow();
    await moveDueDatesAround(trx, actor, input.day);
    const day = toNonWorkingDay(row);
    await recordChange(trx, actor, { action: 'create', entityType: 'non_working_day', entityId: row.id, before: null, after: day });
    return day;
  });
}

export async function renameNonWorkingDay(db: Kysely<Database>, actor: Actor, day: string, version: number | null, name: string): Promise<NonWorkingDay> {
  return db.transaction().execute(async (trx) => {
    const before = await findDay(trx, day, true);
    if (!before) throw notFound('Non-working day', day);
    let query = trx.updateTable('nonWorkingDays').set({ name, version: before.version + 1, updatedAt: new Date() }).where('day', '=', day);
    if (version !== null) query = query.where('version', '=', version);
    const row = await query.returningAll().executeTakeFirst();
    if (!row) throw new StaleVersion(version ?? before.version);
    await recordChange(trx, actor, { action: 'update', entityType: 'non_working_day', entityId: row.id, before: toNonWorkingDay(before), after: toNonWorkingDay(row) });
    return toNonWorkingDay(row);
  });
}

export async function removeNonWorkingDay(db: Kysely<Database>, actor: Actor, day: string, version: number | null): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await lockNamed(trx, CALENDAR_LOCK);
    const before = await findDay(trx, day, true);
    if (!before) throw notFound('Non-working day', day);
    let query = trx.deleteFrom('nonWorkingDays').where('day', '=', day);
    if (version !== null) query = query.where('version', '=', version);
    if ((await query.executeTakeFirst()).numDeletedRows === 0n) throw new StaleVersion(version ?? before.version);
    await moveDueDatesAround(trx, actor, day);
    await recordChange(trx, actor, { action: 'delete', entityType: 'non_working_day', entityId: before.id, before: toNonWorkingDay(before), after: null });
  });
}
