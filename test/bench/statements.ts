// The service's own SQL for the floor, so that both sides provably send the same statement: the
// repository function runs once on a Kysely configured as src/db/database.ts configures it (Postgres
// compiler, CamelCasePlugin) whose driver records each statement instead of sending it. Its inputs
// are stand-ins; the floor puts each request's values where the stand-ins were.
import {
  CamelCasePlugin,
  type CompiledQuery,
  type DatabaseConnection,
  type Driver,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type QueryResult,
} from 'kysely';
import type { Database } from '../../src/db/schema.js';
import { findActivities } from '../../src/modules/activities/activities.repository.js';
import { computeCompliance } from '../../src/modules/compliance/compliance.repository.js';
import type { ReportKind } from '../../src/modules/reports/reports.table.js';
import { computeRollupRows, findRollupPlan } from '../../src/modules/reports/rollup.repository.js';

class RecordingDriver implements Driver {
  readonly statements: CompiledQuery[] = [];
  async init(): Promise<void> {}
  async acquireConnection(): Promise<DatabaseConnection> {
    const statements = this.statements;
    return {
      async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
        statements.push(query);
        return { rows: [] };
      },
      async *streamQuery() {
        throw new Error('not recorded');
      },
    };
  }
  async beginTransaction(): Promise<void> {}
  async commitTransaction(): Promise<void> {}
  async rollbackTransaction(): Promise<void> {}
  async releaseConnection(): Promise<void> {}
  async destroy(): Promise<void> {}
}

export interface Statement<V> {
  sql: string;
  /** The statement's parameters with the request's values in place of the stand-ins. */
  values(input: V): unknown[];
}

/** The one statement `run` sends, with `standIns` (input name → stand-in value) to be replaced per request. */
async function recorded<V extends Record<string, unknown>>(standIns: { [K in keyof V]: unknown }, run: (db: Kysely<Database>) => Promise<unknown>): Promise<Statement<V>> {
  const driver = new RecordingDriver();
  const db = new Kysely<Database>({
    dialect: {
      createAdapter: () => new PostgresAdapter(),
      createDriver: () => driver,
      createIntrospector: (k) => new PostgresIntrospector(k),
      createQueryCompiler: () => new PostgresQueryCompiler(),
    },
    plugins: [new CamelCasePlugin()],
  });
  await run(db);
  await db.destroy();
  if (driver.statements.length !== 1) throw new Error(`expected one statement, recorded ${driver.statements.length}`);
  const { sql, parameters } = driver.statements[0]!;
  const slots = Object.entries(standIns).map(([name, standIn]) => {
    const at = parameters.flatMap((p, i) => (p === standIn ? [i] : []));
    if (at.length === 0) throw new Error(`the statement does not take ${name}: the repository changed, and the floor must follow`);
    return { name, at };
  });
  return {
    sql,
    values(input) {
      const values = [...parameters];
      for (const { name, at } of slots) for (const i of at) values[i] = input[name];
      return values;
    },
  };
}

/** GET /api/v1/compliance?planId&period&asOf: the one query of compliance.repository.ts. */
export function complianceStatement() {
  const standIns = { planId: '00000000-0000-4000-8000-00000000c0de', from: '1111-01-01', to: '1111-12-31', asOf: '1111-11-11' };
  return recorded<{ planId: string; from: string; to: string; asOf: string }>(standIns, (db) =>
    computeCompliance(db, { plans: { planId: standIns.planId }, window: { from: standIns.from, to: standIns.to }, asOf: standIns.asOf }),
  );
}

/** GET /api/v1/activities?limit: the first page of findActivities with no filter (it asks for limit + 1 rows). */
export function activityPageStatement() {
  const LIMIT = 987_654;
  return recorded<{ limit: number }>({ limit: LIMIT + 1 }, (db) => findActivities(db, {}, { limit: LIMIT })).then((s) => ({
    sql: s.sql,
    values: ({ limit }: { limit: number }) => s.values({ limit: limit + 1 }),
  }));
}

const KIND_STAND_IN = 'kind-stand-in' as ReportKind;

/** GET /api/v1/reports/rollup, first: the Department's plan of the year and a report's window. */
export function departmentPlanStatement() {
  const standIns = { year: 1111, kind: KIND_STAND_IN };
  return recorded<{ year: number; kind: string }>(standIns, (db) => findRollupPlan(db, standIns.year, standIns.kind));
}

/** GET /api/v1/reports/rollup, then: the one statement of the roll-up's rows. */
export function rollupStatement() {
  const standIns = { planId: '00000000-0000-4000-8000-0000000f100d', year: 1111, kind: KIND_STAND_IN, from: '1110-12-15', to: '1111-06-14' };
  return recorded<{ planId: string; year: number; kind: string; from: string; to: string }>(standIns, (db) =>
    computeRollupRows(db, { planId: standIns.planId, year: standIns.year, kind: standIns.kind, window: { from: standIns.from, to: standIns.to } }),
  );
}
