// Optimistic concurrency for the versioned tables: a write applies only while the row still has
// the version the caller read (If-Match), and bumps it. Every repository uses these two.
import { type Generated, type Kysely, type Selectable, sql, type Transaction, type Updateable } from 'kysely';
import type { Database } from './schema.js';

type Db = Kysely<Database> | Transaction<Database>;

/** The tables with a uuid `id` and a `version`, whichever module brings them. */
export type VersionedTable = { [T in keyof Database]: Database[T] extends { id: Generated<string>; version: Generated<number> } ? T : never }[keyof Database];

/** The row after the change, or undefined when it is gone or its version moved on (null: any version). */
export async function updateVersioned<T extends VersionedTable>(
  db: Db,
  table: T,
  id: string,
  version: number | null,
  changes: Updateable<Database[T]>,
): Promise<Selectable<Database[T]> | undefined> {
  // Kysely cannot type a query over a table chosen by a type parameter; the signature carries the types.
  let query = (db as Kysely<any>)
    .updateTable(table as string)
    .set({ ...(changes as object), version: sql`version + 1`, updatedAt: sql`now()` })
    .where('id', '=', id);
  if (version !== null) query = query.where('version', '=', version);
  return (await query.returningAll().executeTakeFirst()) as Selectable<Database[T]> | undefined;
}

export async function deleteVersioned(db: Db, table: VersionedTable, id: string, version: number | null): Promise<boolean> {
  let query = (db as Kysely<any>).deleteFrom(table).where('id', '=', id);
  if (version !== null) query = query.where('version', '=', version);
  return (await query.executeTakeFirst()).numDeletedRows > 0n;
}
