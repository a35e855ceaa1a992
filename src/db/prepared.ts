// A hot read built and compiled once. Kysely builds a query's tree, runs the plugins over it and
// compiles it on every call: for a plan with its tasks, more CPU than reading the rows that come
// back. A prepared read is built once with a mark in place of each text parameter, and each call
// sends the same SQL with its own values where the marks were (results still go through the plugins).
import { type Compilable, type CompiledQuery, type Kysely, type Transaction } from 'kysely';
import type { Database } from './schema.js';

type Db = Kysely<Database> | Transaction<Database>;

const MARK = '\u0000prepared:';

/**
 * `build` makes the query from text parameters; it must give every call the same SQL (no branch on
 * a value), and pass each parameter on as a bound value, untouched.
 */
export function prepared<P extends string, R>(names: readonly P[], build: (db: Db, params: Record<P, string>) => Compilable<R>) {
  let compiled: { query: CompiledQuery<R>; slots: Array<P | null> } | undefined;
  const prepare = (db: Db) => {
    const marks = new Map(names.map((name) => [`${MARK}${name}`, name]));
    const query = build(db, Object.fromEntries([...marks].map(([mark, name]) => [name, mark])) as Record<P, string>).compile();
    const slots = query.parameters.map((value) => (typeof value === 'string' ? (marks.get(value) ?? null) : null));
    // A mark that reached the SQL changed (`${p.q}%`) or not at all would leave the call's value unsent.
    const changed = query.parameters.some((value, i) => slots[i] === null && typeof value === 'string' && value.includes(MARK));
    if (changed || names.some((name) => !slots.includes(name))) throw new Error(`a prepared query must bind each of ${names.join(', ')} as it is`);
    return { query, slots };
  };
  return async (db: Db, params: Record<P, string>): Promise<R[]> => {
    compiled ??= prepare(db);
    const { query, slots } = compiled;
    const parameters = query.parameters.map((value, i) => (slots[i] === null ? value : params[slots[i]!]));
    return (await db.executeQuery<R>({ ...query, parameters })).rows;
  };
}
