// Plans (the official documents), their numbering sequences, and their tasks with assignees.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE units ADD COLUMN document_abbreviation text`.execute(db);

  await sql`
    CREATE TABLE plans (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      issuer_unit_id uuid NOT NULL REFERENCES units (id),
      year integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
      title text NOT NULL,
      document_type text NOT NULL CHECK (document_type IN ('KH', 'QĐ')),
      number_sequence integer CHECK (number_sequence > 0),
      number_year integer,
      symbol text,
      issued_on date,
      status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'issued', 'closed', 'cancelled')),
      cancel_reason text,
      parent_plan_id uuid REFERENCES plans (id),
      legal_bases jsonb NOT NULL DEFAULT '[]',
      objectives jsonb NOT NULL DEFAULT '[]',
      requirements jsonb NOT NULL DEFAULT '[]',
      audience text,
      scope text,
      contents jsonb NOT NULL DEFAULT '[]',
      forms jsonb NOT NULL DEFAULT '[]',
      funding_source text,
      recipients jsonb NOT NULL DEFAULT '[]',
      signer_name text,
      signer_title text,
      obligations jsonb NOT NULL DEFAULT '[]',
      search_key text NOT NULL,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz(3) NOT NULL DEFAULT now(),
      updated_at timestamptz(3) NOT NULL DEFAULT now(),
      CONSTRAINT plans_number_key UNIQUE (issuer_unit_id, document_type, number_year, number_sequence),
      CONSTRAINT plans_not_own_parent CHECK (parent_plan_id <> id),
      CONSTRAINT plans_numbered_when_issued CHECK ((status = 'draft') = (number_sequence IS NULL) OR status = 'cancelled'),
      CONSTRAINT plans_cancel_reason CHECK ((status = 'cancelled') = (cancel_reason IS NOT NULL))
    )`.execute(db);
  await sql`CREATE INDEX plans_year_idx ON plans (year DESC, id)`.execute(db);
  await sql`CREATE INDEX plans_issuer_idx ON plans (issuer_unit_id)`.execute(db);
  await sql`CREATE INDEX plans_parent_idx ON plans (parent_plan_id)`.execute(db);

  // One row per issuer, document type and calendar year: the last number given (ND 30/2020, art. 15).
  await sql`
    CREATE TABLE document_sequences (
      issuer_unit_id uuid NOT NULL REFERENCES units (id),
      document_type text NOT NULL,
      year integer NOT NULL,
      last_number integer NOT NULL,
      PRIMARY KEY (issuer_unit_id, document_type, year)
    )`.execute(db);

  await sql`
    CREATE TABLE tasks (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      plan_id uuid NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
      ordinal integer NOT NULL CHECK (ordinal > 0),
      content text NOT NULL,
      forms jsonb NOT NULL,
      form_note text,
      due_period text NOT NULL,
      due_from date NOT NULL,
      due_to date NOT NULL,
      target_count integer CHECK (target_count > 0),
      target_unit text,
      progress text NOT NULL DEFAULT 'not_started' CHECK (progress IN ('not_started', 'in_progress', 'done', 'cancelled')),
      completed_on date,
      cancel_reason text,
      note text,
      search_key text NOT NULL,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz(3) NOT NULL DEFAULT now(),
      updated_at timestamptz(3) NOT NULL DEFAULT now(),
      CONSTRAINT tasks_ordinal_key UNIQUE (plan_id, ordinal) DEFERRABLE INITIALLY DEFERRED,
      CONSTRAINT tasks_due_range CHECK (due_from <= due_to),
      CONSTRAINT tasks_done_has_date CHECK ((progress = 'done') = (completed_on IS NOT NULL)),
      CONSTRAINT tasks_cancelled_has_reason CHECK ((progress = 'cancelled') = (cancel_reason IS NOT NULL))
    )`.execute(db);
  await sql`CREATE INDEX tasks_due_idx ON tasks (due_to, plan_id, ordinal)`.execute(db);

  await sql`
    CREATE TABLE task_assignees (
      task_id uuid NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
      position integer NOT NULL,
      role text NOT NULL CHECK (role IN ('lead', 'coordinator')),
      unit_id uuid REFERENCES units (id),
      unit_group text CHECK (unit_group IN ('divisions', 'affiliated', 'all_units')),
      PRIMARY KEY (task_id, position),
      CONSTRAINT task_assignees_unit_or_group CHECK ((unit_id IS NULL) <> (unit_group IS NULL))
    )`.execute(db);
  await sql`CREATE INDEX task_assignees_unit_idx ON task_assignees (unit_id)`.execute(db);
  await sql`CREATE INDEX task_assignees_group_idx ON task_assignees (unit_group)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE task_assignees`.execute(db);
  await sql`DROP TABLE tasks`.execute(db);
  await sql`DROP TABLE document_sequences`.execute(db);
  await sql`DROP TABLE plans`.execute(db);
  await sql`ALTER TABLE units DROP COLUMN document_abbreviation`.execute(db);
}
