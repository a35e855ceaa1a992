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
  let compiled: CompiledQuery<R> | undefined;
  let slots: Array<P | null> = [];
  return async (db: Db, params: Record<P, string>): Promise<R[]> => {
    if (!compiled) {
      const marks = Object.fromEntries(names.map((name) => [name, `${MARK}${name}`])) as Record<P, string>;
      compiled = build(db, marks).compile();
      slots = compiled.parameters.map((value) => (typeof value === 'string' && value.startsWith(MARK) ? (value.slice(MARK.length) as P) : null));
      if (names.some((name) => !slots.includes(name))) throw new Error(`a prepared query must bind each of ${names.join(', ')}`);
    }
    const parameters = compiled.parameters.map((value, i) => (slots[i] === null ? value : params[slots[i]!]));
    return (await db.executeQuery<R>({ ...compiled, parameters })).rows;
  };
}
