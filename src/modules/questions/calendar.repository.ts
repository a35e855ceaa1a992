// The only place that reads and writes the non-working days.
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { NonWorkingDayRow } from './questions.table.js';

type Db = Kysely<Database> | Transaction<Database>;

export async function findDay(db: Db, day: string): Promise<NonWorkingDayRow | undefined> {
  return db.selectFrom('nonWorkingDays').selectAll().where('day', '=', day).executeTakeFirst();
}

/** The day, locked until the transaction ends. */
export async function lockDay(trx: Transaction<Database>, day: string): Promise<NonWorkingDayRow | undefined> {
  return trx.selectFrom('nonWorkingDays').selectAll().where('day', '=', day).forUpdate().executeTakeFirst();
}

/** In date order, after `after`, within the bounds given; one more than `limit` (whether a page follows). */
export async function findDays(db: Db, f: { from?: string; to?: string; after?: string; limit: number }): Promise<NonWorkingDayRow[]> {
  let query = db.selectFrom('nonWorkingDays').selectAll();
  if (f.from) query = query.where('day', '>=', f.from);
  if (f.to) query = query.where('day', '<=', f.to);
  if (f.after) query = query.where('day', '>', f.after);
  return query.orderBy('day').limit(f.limit + 1).execute();
}

export async function insertDay(trx: Transaction<Database>, day: string, name: string): Promise<NonWorkingDayRow> {
  return trx.insertInto('nonWorkingDays').values({ day, name }).returningAll().executeTakeFirstOrThrow();
}

/** The day renamed under If-Match (null: any version); undefined when the version moved on. */
export async function renameDay(trx: Transaction<Database>, day: string, version: number | null, name: string): Promise<NonWorkingDayRow | undefined> {
  let query = trx.updateTable('nonWorkingDays').set((eb) => ({ name, version: eb('version', '+', 1), updatedAt: new Date() })).where('day', '=', day);
  if (version !== null) query = query.where('version', '=', version);
  return query.returningAll().executeTakeFirst();
}

/** Whether the day was removed under If-Match (null: any version). */
export async function deleteDay(trx: Transaction<Database>, day: string, version: number | null): Promise<boolean> {
  let query = trx.deleteFrom('nonWorkingDays').where('day', '=', day);
  if (version !== null) query = query.where('version', '=', version);
  return (await query.executeTakeFirst()).numDeletedRows > 0n;
}
