// Trees stored as a parent column (units.parent_id, plans.parent_plan_id): a node and every node
// above it, for the "no cycle" rules.
import { type Kysely, sql, type Transaction } from 'kysely';
import type { Database } from './schema.js';

export async function selfAndAncestorIds(db: Kysely<Database> | Transaction<Database>, tree: { table: string; parentColumn: string }, id: string): Promise<string[]> {
  const parent = sql.ref(tree.parentColumn);
  const table = sql.table(tree.table);
  const { rows } = await sql<{ id: string }>`
    WITH RECURSIVE up (id, parent) AS (
      SELECT id, ${parent} FROM ${table} WHERE id = ${id}
      UNION
      SELECT n.id, n.${parent} FROM ${table} n JOIN up ON n.id = up.parent
    )
    SELECT id FROM up`.execute(db);
  return rows.map((r) => r.id);
}
