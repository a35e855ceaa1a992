// Each enum has one home in code (the module's table file); the migrations, frozen once landed,
// write the same lists in CHECK constraints. This holds the two together: a value added on one
// side only fails here.
import { sql } from 'kysely';
import t from 'tap';
import { ROLES } from '../../src/domain/actor.js';
import { DOCUMENT_TYPES, OBLIGATION_KINDS, OBLIGATION_PERIODS, PLAN_STATUSES } from '../../src/modules/plans/plans.table.js';
import { QUESTION_CHANNELS, QUESTION_STATUSES } from '../../src/modules/questions/questions.table.js';
import { REPORT_KINDS, REPORT_STATUSES, REPORT_WINDOWS } from '../../src/modules/reports/reports.table.js';
import { ASSIGNEE_ROLES, FORMS, PROGRESS } from '../../src/modules/tasks/tasks.table.js';
import { UNIT_GROUPS, UNIT_KINDS } from '../../src/modules/units/units.table.js';
import { createTestDatabase } from '../helpers/database.js';

const { handle } = await createTestDatabase(t);

/** The values a CHECK (column IN (…)) of the table allows, as PostgreSQL reports the constraint. */
async function allowed(table: string, column: string): Promise<string[]> {
  const { rows } = await sql<{ def: string }>`
    SELECT pg_get_constraintdef(c.oid) AS def FROM pg_constraint c
    WHERE c.conrelid = ${table}::regclass AND c.contype = 'c'`.execute(handle.db);
  const def = rows.map((r) => r.def).find((d) => new RegExp(`\\(?${column}\\)? = ANY`).test(d));
  if (!def) throw new Error(`no CHECK lists the values of ${table}.${column}`);
  return [...def.matchAll(/'([^']*)'::text/g)].map((m) => m[1]!);
}

const LISTS: Array<[string, string, readonly string[]]> = [
  ['units', 'kind', UNIT_KINDS],
  ['api_keys', 'role', ROLES],
  ['plans', 'status', PLAN_STATUSES],
  ['plans', 'document_type', DOCUMENT_TYPES],
  ['tasks', 'progress', PROGRESS],
  ['task_assignees', 'role', ASSIGNEE_ROLES],
  ['task_assignees', 'unit_group', UNIT_GROUPS],
  ['task_parts', 'role', ASSIGNEE_ROLES],
  ['task_parts', 'progress', PROGRESS],
  ['obligations', 'kind', OBLIGATION_KINDS],
  ['obligations', 'per', OBLIGATION_PERIODS],
  ['obligations', 'unit_group', UNIT_GROUPS],
  ['activities', 'form', FORMS],
  ['reports', 'kind', REPORT_KINDS],
  ['reports', 'window_kind', REPORT_WINDOWS],
  ['reports', 'status', REPORT_STATUSES],
  ['questions', 'channel', QUESTION_CHANNELS],
  ['questions', 'status', QUESTION_STATUSES],
];

for (const [table, column, values] of LISTS) {
  t.test(`${table}.${column} allows exactly the values the code lists`, async (t) => {
    t.same((await allowed(table, column)).sort(), [...values].sort());
  });
}
