// Citizens' questions (section IV.4): received by the Office from the hotline and the Q&A section,
// handed to a unit or answered by the Office, published; each due a number of working days after
// receipt. Working days are Monday to Friday less the non-working days admins keep as data, and are
// counted in SQL (two functions) so that due dates and response times are computed where the rows are.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE non_working_days (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      day date NOT NULL CHECK (day BETWEEN '2000-01-01' AND '2100-12-31'),
      CONSTRAINT non_working_days_day_key UNIQUE (day),
      name text NOT NULL,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz(3) NOT NULL DEFAULT now(),
      updated_at timestamptz(3) NOT NULL DEFAULT now()
    )`.execute(db);
  // The n-th working day after a day (the day itself not counted). A year and more is searched,
  // which covers the longest response time allowed (60 working days) around any holidays.
  await sql`
    CREATE FUNCTION working_days_after(start date, n integer) RETURNS date
    LANGUAGE sql STABLE STRICT AS $$
      SELECT d FROM (SELECT start + i AS d FROM generate_series(1, 400) AS i) days
      WHERE extract(isodow FROM d) < 6 AND NOT EXISTS (SELECT 1 FROM non_working_days h WHERE h.day = d)
      ORDER BY d OFFSET greatest(n, 1) - 1 LIMIT 1
    $$`.execute(db);
  // How many working days lie after a day up to and including another: 0 when answered the day of receipt.
  await sql`
    CREATE FUNCTION working_days_between(from_day date, to_day date) RETURNS integer
    LANGUAGE sql STABLE STRICT AS $$
      SELECT count(*)::integer FROM (SELECT from_day + i AS d FROM generate_series(1, to_day - from_day) AS i) days
      WHERE extract(isodow FROM d) < 6 AND NOT EXISTS (SELECT 1 FROM non_working_days h WHERE h.day = d)
    $$`.execute(db);
  await sql`
    CREATE TABLE questions (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      channel text NOT NULL CHECK (channel IN ('hotline', 'qa', 'email', 'in_person')),
      received_at timestamptz(3) NOT NULL,
      received_on date NOT NULL,
      received_by_unit_id uuid NOT NULL REFERENCES units (id),
      response_days integer NOT NULL CHECK (response_days BETWEEN 1 AND 60),
      due_on date NOT NULL,
      subject text NOT NULL,
      question text NOT NULL,
      asker_name text,
      asker_phone text,
      asker_email text,
      asker_address text,
      personal_data_erased_at timestamptz(3),
      CONSTRAINT questions_asker_until_erased CHECK ((personal_data_erased_at IS NULL) = (asker_name IS NOT NULL)
        AND (personal_data_erased_at IS NULL OR (asker_phone IS NULL AND asker_email IS NULL AND asker_address IS NULL))),
      status text NOT NULL DEFAULT 'received' CHECK (status IN ('received', 'assigned', 'answered', 'published', 'closed')),
      assigned_unit_id uuid REFERENCES units (id),
      assignment_note text,
      CONSTRAINT questions_assigned_unit CHECK ((status = 'received' AND assigned_unit_id IS NULL) OR (status = 'assigned' AND assigned_unit_id IS NOT NULL) OR status NOT IN ('received', 'assigned')),
      answer text,
      answered_by_unit_id uuid REFERENCES units (id),
      answered_by_key_id uuid,
      answered_by_name text,
      answered_at timestamptz(3),
      answered_on date,
      CONSTRAINT questions_answer CHECK ((answer IS NULL) = (answered_at IS NULL) AND (answer IS NULL) = (answered_by_unit_id IS NULL)
        AND (answer IS NULL) = (answered_on IS NULL) AND (status NOT IN ('answered', 'published') OR answer IS NOT NULL)
        AND (status NOT IN ('received', 'assigned') OR answer IS NULL)),
      public_subject text,
      public_question text,
      public_answer text,
      published_url text,
      published_at timestamptz(3),
      published_on date,
      activity_id uuid REFERENCES activities (id),
      CONSTRAINT questions_published CHECK ((status = 'published') = (published_at IS NOT NULL) AND (published_at IS NULL) = (published_on IS NULL)),
      closed_reason text,
      closed_at timestamptz(3),
      closed_on date,
      CONSTRAINT questions_closed CHECK ((status = 'closed') = (closed_reason IS NOT NULL) AND (closed_reason IS NULL) = (closed_at IS NULL) AND (closed_at IS NULL) = (closed_on IS NULL)),
      history jsonb NOT NULL DEFAULT '[]',
      recorded_by_key_id uuid,
      recorded_by_name text NOT NULL,
      search_key text NOT NULL,
      -- What readers search: the published text only (the original may hold what was edited out).
      public_search_key text,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz(3) NOT NULL DEFAULT now(),
      updated_at timestamptz(3) NOT NULL DEFAULT now(),
      deleted_at timestamptz(3)
    )`.execute(db);
  await sql`CREATE INDEX questions_received_idx ON questions (received_at DESC, id) WHERE deleted_at IS NULL`.execute(db);
  await sql`CREATE INDEX questions_assigned_unit_idx ON questions (assigned_unit_id) WHERE deleted_at IS NULL`.execute(db);
  await sql`CREATE INDEX questions_answered_by_unit_idx ON questions (answered_by_unit_id) WHERE deleted_at IS NULL`.execute(db);
  // The figures count a window's questions by the day of receipt (a roll-up once per unit).
  await sql`CREATE INDEX questions_received_on_idx ON questions (received_on) WHERE deleted_at IS NULL`.execute(db);
  // Reports submitted before this migration froze figures without a questions section; no question
  // could have been recorded then, so theirs is all zero (their roll-up's rows and totals too).
  const none = { received: 0, answered: 0, answeredOnTime: 0, overdue: 0, published: 0, responseDays: { median: null, p90: null } };
  const { rows } = await sql<{ id: string; figures: string }>`SELECT id, figures::text AS figures FROM reports WHERE figures IS NOT NULL`.execute(db);
  for (const { id, figures } of rows) {
    const f = JSON.parse(figures);
    f.questions ??= none;
    if (f.rollup) {
      for (const row of f.rollup.rows) row.questions ??= none;
      f.rollup.totals.questions ??= none;
    }
    await sql`UPDATE reports SET figures = ${JSON.stringify(f)}::jsonb WHERE id = ${id}`.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  const { rows } = await sql<{ id: string; figures: string }>`SELECT id, figures::text AS figures FROM reports WHERE figures IS NOT NULL`.execute(db);
  for (const { id, figures } of rows) {
    const f = JSON.parse(figures);
    delete f.questions;
    if (f.rollup) {
      for (const row of f.rollup.rows) delete row.questions;
      delete f.rollup.totals.questions;
    }
    await sql`UPDATE reports SET figures = ${JSON.stringify(f)}::jsonb WHERE id = ${id}`.execute(db);
  }
  await sql`DROP TABLE questions`.execute(db);
  await sql`DROP FUNCTION working_days_between(date, date)`.execute(db);
  await sql`DROP FUNCTION working_days_after(date, integer)`.execute(db);
  await sql`DROP TABLE non_working_days`.execute(db);
}
