// The only place that reads and writes the non-working days (a rename or removal under If-Match goes
// through db/versioned.ts, as every versioned table's).
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
