// What units actually do, and what each owes: activities (the record of work, soft-deleted so a
// mirror learns of removals), each unit's own part of a task (its progress; the task's is derived
// from its leads' parts), and a plan's standing obligations as rows with ids and foreign keys
// instead of JSON inside the plan.
import { type Kysely, sql } from 'kysely';

const FORMS = sql.raw(`('website_post', 'video', 'meeting', 'contest', 'procedure_listing', 'survey', 'qa', 'hotline')`);

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE obligations (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      plan_id uuid NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
      position integer NOT NULL CHECK (position > 0),
      kind text NOT NULL CHECK (kind IN ('publish', 'own_plan', 'report', 'answer_inquiries')),
      unit_id uuid REFERENCES units (id),
      unit_group text CHECK (unit_group IN ('divisions', 'affiliated', 'all_units')),
      forms jsonb NOT NULL DEFAULT '[]',
      min_count integer CHECK (min_count > 0),
      per text CHECK (per IN ('month', 'quarter', 'half_year', 'year')),
      description text NOT NULL,
      CONSTRAINT obligations_unit_or_group CHECK ((unit_id IS NULL) <> (unit_group IS NULL)),
      CONSTRAINT obligations_position UNIQUE (plan_id, position)
    )`.execute(db);
  await sql`CREATE INDEX obligations_unit_idx ON obligations (unit_id)`.execute(db);
  await sql`
    INSERT INTO obligations (plan_id, position, kind, unit_id, unit_group, forms, min_count, per, description)
    SELECT p.id, o.n, o.v->>'kind', (o.v->>'unitId')::uuid, o.v->>'group', coalesce(o.v->'forms', '[]'), (o.v->>'minCount')::integer, o.v->>'per', o.v->>'description'
    FROM plans p CROSS JOIN LATERAL jsonb_array_elements(p.obligations) WITH ORDINALITY AS o (v, n)`.execute(db);
  // Obligations now have a real foreign key; the trigger keeps guarding the recipients only.
  await sql`
    CREATE OR REPLACE FUNCTION units_named_in_plans() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF EXISTS (SELECT 1 FROM plans WHERE recipients @> jsonb_build_array(jsonb_build_object('unitId', OLD.id))) THEN
        RAISE EXCEPTION 'unit % is named in a plan', OLD.id
          USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'plans_name_unit';
      END IF;
      RETURN OLD;
    END $$`.execute(db);
  await sql`ALTER TABLE plans DROP COLUMN obligations`.execute(db);

  await sql`
    CREATE TABLE task_parts (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      task_id uuid NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
      unit_id uuid NOT NULL REFERENCES units (id),
      role text NOT NULL CHECK (role IN ('lead', 'coordinator')),
      progress text NOT NULL DEFAULT 'not_started' CHECK (progress IN ('not_started', 'in_progress', 'done', 'cancelled')),
      completed_on date,
      cancel_reason text,
      note text,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz(3) NOT NULL DEFAULT now(),
      updated_at timestamptz(3) NOT NULL DEFAULT now(),
      CONSTRAINT task_parts_one_per_unit UNIQUE (task_id, unit_id),
      CONSTRAINT task_parts_done_has_date CHECK ((progress = 'done') = (completed_on IS NOT NULL)),
      CONSTRAINT task_parts_cancelled_has_reason CHECK ((progress = 'cancelled') = (cancel_reason IS NOT NULL))
    )`.execute(db);
  await sql`CREATE INDEX task_parts_unit_idx ON task_parts (unit_id, task_id)`.execute(db);
  // Today's single progress becomes the lead units' parts of the tasks of plans that were issued;
  // groups resolve to the units active now, and a unit named twice keeps its lead role.
  await sql`
    INSERT INTO task_parts (task_id, unit_id, role, progress, completed_on, cancel_reason, note)
    SELECT DISTINCT ON (t.id, u.id) t.id, u.id, a.role,
      CASE WHEN a.role = 'lead' THEN t.progress ELSE 'not_started' END,
      CASE WHEN a.role = 'lead' THEN t.completed_on END,
      CASE WHEN a.role = 'lead' THEN t.cancel_reason END,
      NULL
    FROM tasks t
    JOIN plans p ON p.id = t.plan_id AND p.issued_on IS NOT NULL
    JOIN task_assignees a ON a.task_id = t.id
    JOIN units u ON u.id = a.unit_id OR (u.active AND (
      (a.unit_group = 'divisions' AND u.kind = 'division') OR
      (a.unit_group = 'affiliated' AND u.kind = 'affiliated') OR
      (a.unit_group = 'all_units' AND u.kind IN ('division', 'affiliated'))))
    ORDER BY t.id, u.id, a.role DESC`.execute(db);

  await sql`
    CREATE TABLE activities (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      unit_id uuid NOT NULL REFERENCES units (id),
      form text NOT NULL CHECK (form IN ${FORMS}),
      title text NOT NULL,
      summary text,
      occurred_on date NOT NULL,
      evidence_url text,
      task_id uuid REFERENCES tasks (id),
      participants integer CHECK (participants >= 0),
      respondents integer CHECK (respondents >= 0),
      views integer CHECK (views >= 0),
      recorded_by_key_id uuid,
      recorded_by_name text NOT NULL,
      search_key text NOT NULL,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz(3) NOT NULL DEFAULT now(),
      updated_at timestamptz(3) NOT NULL DEFAULT now(),
      deleted_at timestamptz(3),
      CONSTRAINT activities_evidence_required CHECK (form NOT IN ('website_post', 'video') OR evidence_url IS NOT NULL)
    )`.execute(db);
  await sql`CREATE INDEX activities_occurred_idx ON activities (occurred_on DESC, id) WHERE deleted_at IS NULL`.execute(db);
  await sql`CREATE INDEX activities_unit_idx ON activities (unit_id, occurred_on) WHERE deleted_at IS NULL`.execute(db);
  await sql`CREATE INDEX activities_task_idx ON activities (task_id, unit_id) WHERE deleted_at IS NULL AND task_id IS NOT NULL`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE activities`.execute(db);
  await sql`DROP TABLE task_parts`.execute(db);
  await sql`ALTER TABLE plans ADD COLUMN obligations jsonb NOT NULL DEFAULT '[]'`.execute(db);
  await sql`
    UPDATE plans p SET obligations = (
      SELECT jsonb_agg(jsonb_build_object('kind', o.kind, 'forms', o.forms, 'minCount', o.min_count, 'per', o.per, 'description', o.description)
        || CASE WHEN o.unit_id IS NULL THEN jsonb_build_object('group', o.unit_group) ELSE jsonb_build_object('unitId', o.unit_id) END ORDER BY o.position)
      FROM obligations o WHERE o.plan_id = p.id)
    WHERE EXISTS (SELECT 1 FROM obligations o WHERE o.plan_id = p.id)`.execute(db);
  await sql`DROP TABLE obligations`.execute(db);
  await sql`
    CREATE OR REPLACE FUNCTION units_named_in_plans() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF EXISTS (
        SELECT 1 FROM plans
        WHERE recipients @> jsonb_build_array(jsonb_build_object('unitId', OLD.id))
           OR obligations @> jsonb_build_array(jsonb_build_object('unitId', OLD.id))
      ) THEN
        RAISE EXCEPTION 'unit % is named in a plan', OLD.id
          USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'plans_name_unit';
      END IF;
      RETURN OLD;
    END $$`.execute(db);
}
