// Six-month and annual reports (section IV.1): one per unit, year and kind; a draft's figures are
// computed on read, a submitted one keeps them as a snapshot. Reports are numbered in their unit's
// yearly sequence of documents (type BC), as plans are. The issuer's reporting cut-off day.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE units ADD COLUMN report_cutoff_day integer NOT NULL DEFAULT 15 CHECK (report_cutoff_day BETWEEN 2 AND 20)`.execute(db);
  await sql`
    CREATE TABLE reports (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      unit_id uuid NOT NULL REFERENCES units (id),
      year integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
      kind text NOT NULL CHECK (kind IN ('six_month', 'annual')),
      window_kind text NOT NULL CHECK (window_kind IN ('cutoff', 'calendar')),
      window_from date NOT NULL,
      window_to date NOT NULL,
      due_on date NOT NULL,
      plan_id uuid NOT NULL REFERENCES plans (id),
      status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted', 'accepted')),
      results text,
      shortcomings text,
      causes text,
      difficulties text,
      proposals text,
      next_period_tasks text,
      signer_title text,
      signer_name text,
      recipients jsonb NOT NULL DEFAULT '[]',
      CONSTRAINT reports_signer CHECK ((signer_title IS NULL) = (signer_name IS NULL)),
      figures jsonb,
      submitted_at timestamptz(3),
      late boolean,
      number_sequence integer CHECK (number_sequence > 0),
      number_year integer,
      symbol text,
      accepted_at timestamptz(3),
      history jsonb NOT NULL DEFAULT '[]',
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz(3) NOT NULL DEFAULT now(),
      updated_at timestamptz(3) NOT NULL DEFAULT now(),
      CONSTRAINT reports_one_per_unit_year_kind UNIQUE (unit_id, year, kind),
      CONSTRAINT reports_window CHECK (window_from <= window_to),
      CONSTRAINT reports_snapshot_when_submitted CHECK ((status = 'draft') = (figures IS NULL)),
      CONSTRAINT reports_numbered_when_submitted CHECK ((status = 'draft') = (number_sequence IS NULL))
    )`.execute(db);
  await sql`CREATE INDEX reports_year_kind_idx ON reports (year, kind, unit_id)`.execute(db);
  await sql`CREATE INDEX reports_plan_idx ON reports (plan_id)`.execute(db);
  // The roll-up counts each unit's activities in a window by form: with the form in the index it
  // reads no table rows (an index-only scan), 600 units over 200,000 activities in half the time.
  await sql`DROP INDEX activities_unit_idx`.execute(db);
  await sql`CREATE INDEX activities_unit_idx ON activities (unit_id, occurred_on) INCLUDE (form) WHERE deleted_at IS NULL`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP INDEX activities_unit_idx`.execute(db);
  await sql`CREATE INDEX activities_unit_idx ON activities (unit_id, occurred_on) WHERE deleted_at IS NULL`.execute(db);
  await sql`DROP TABLE reports`.execute(db);
  await sql`ALTER TABLE units DROP COLUMN report_cutoff_day`.execute(db);
}
