// Incremental sync (README "Mirroring: incremental sync"): every row a mirror copies carries the id
// of the transaction that last changed it (xid8), and every removal leaves a tombstone. A reader
// reads only below the oldest transaction still in flight (pg_snapshot_xmin), so a transaction that
// commits late can never land behind a position a reader has already passed, as a timestamp could.
import { type Kysely, sql } from 'kysely';

const MIRRORED = ['units', 'plans', 'tasks', 'activities', 'questions'] as const;

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE FUNCTION mark_change() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      NEW.change_xid := pg_current_xact_id();
      RETURN NEW;
    END $$`.execute(db);
  for (const table of MIRRORED) {
    // Existing rows take the migration's own transaction id: one change, seen by a first sync.
    await sql`ALTER TABLE ${sql.table(table)} ADD COLUMN change_xid xid8 NOT NULL DEFAULT pg_current_xact_id()`.execute(db);
    await sql`CREATE TRIGGER ${sql.id(`${table}_mark_change`)} BEFORE UPDATE ON ${sql.table(table)} FOR EACH ROW EXECUTE FUNCTION mark_change()`.execute(db);
    await sql`CREATE INDEX ${sql.id(`${table}_change_idx`)} ON ${sql.table(table)} (change_xid, id)`.execute(db);
  }

  await sql`
    CREATE TABLE tombstones (
      entity text NOT NULL CHECK (entity IN ('unit', 'plan', 'task', 'activity', 'question')),
      id uuid NOT NULL,
      deleted_at timestamptz(3) NOT NULL DEFAULT now(),
      version integer NOT NULL,
      change_xid xid8 NOT NULL DEFAULT pg_current_xact_id(),
      PRIMARY KEY (entity, id)
    )`.execute(db);
  await sql`CREATE INDEX tombstones_change_idx ON tombstones (entity, change_xid, id)`.execute(db);
  // A hard delete (units, plans, tasks) leaves the row's next version; a soft one (activities,
  // questions set deleted_at) the version it wrote.
  await sql`
    CREATE FUNCTION leave_tombstone() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'DELETE' THEN
        INSERT INTO tombstones (entity, id, version) VALUES (TG_ARGV[0], OLD.id, OLD.version + 1);
      ELSE
        INSERT INTO tombstones (entity, id, deleted_at, version) VALUES (TG_ARGV[0], NEW.id, NEW.deleted_at, NEW.version);
      END IF;
      RETURN NULL;
    END $$`.execute(db);
  for (const [table, entity] of [['units', 'unit'], ['plans', 'plan'], ['tasks', 'task']] as const) {
    await sql`CREATE TRIGGER ${sql.id(`${table}_tombstone`)} AFTER DELETE ON ${sql.table(table)} FOR EACH ROW EXECUTE FUNCTION leave_tombstone(${sql.lit(entity)})`.execute(db);
  }
  for (const [table, entity] of [['activities', 'activity'], ['questions', 'question']] as const) {
    await sql`
      CREATE TRIGGER ${sql.id(`${table}_tombstone`)} AFTER UPDATE OF deleted_at ON ${sql.table(table)} FOR EACH ROW
      WHEN (OLD.deleted_at IS NULL AND NEW.deleted_at IS NOT NULL) EXECUTE FUNCTION leave_tombstone(${sql.lit(entity)})`.execute(db);
  }

  // A task is mirrored with its units' parts: a part's change is a change of its task. Every writer
  // of parts locks the plan first, then parts, then the task, so touching the task adds no new order of locks.
  await sql`
    CREATE FUNCTION mark_task_of_part() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      UPDATE tasks SET change_xid = pg_current_xact_id()
      WHERE id = CASE WHEN TG_OP = 'DELETE' THEN OLD.task_id ELSE NEW.task_id END AND change_xid <> pg_current_xact_id();
      RETURN NULL;
    END $$`.execute(db);
  await sql`CREATE TRIGGER task_parts_mark_task AFTER INSERT OR UPDATE OR DELETE ON task_parts FOR EACH ROW EXECUTE FUNCTION mark_task_of_part()`.execute(db);

  // Rows that show what other rows hold change with them: a plan its tasks by progress, a task its
  // plan's state (timeliness) and its units' codes and names, an activity its unit's and its task's
  // plan number and ordinal, a question its units'. Each writer already holds the row it changes; the
  // rows marked here are taken after it, as every writer of them takes them (the plan before its tasks).
  await sql`
    CREATE FUNCTION mark_shown() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE me xid8 := pg_current_xact_id();
    BEGIN
      IF TG_TABLE_NAME = 'tasks' AND TG_ARGV[0] = 'plan' THEN
        UPDATE plans SET change_xid = me WHERE id = CASE WHEN TG_OP = 'DELETE' THEN OLD.plan_id ELSE NEW.plan_id END AND change_xid <> me;
      ELSIF TG_TABLE_NAME = 'tasks' THEN
        UPDATE activities SET change_xid = me WHERE task_id = NEW.id AND change_xid <> me;
      ELSIF TG_TABLE_NAME = 'plans' THEN
        UPDATE tasks SET change_xid = me WHERE plan_id = NEW.id AND change_xid <> me;
        UPDATE activities SET change_xid = me WHERE task_id IN (SELECT id FROM tasks WHERE plan_id = NEW.id) AND change_xid <> me;
      ELSE
        UPDATE tasks SET change_xid = me
        WHERE (id IN (SELECT task_id FROM task_assignees WHERE unit_id = NEW.id) OR id IN (SELECT task_id FROM task_parts WHERE unit_id = NEW.id)) AND change_xid <> me;
        UPDATE activities SET change_xid = me WHERE unit_id = NEW.id AND change_xid <> me;
        UPDATE questions SET change_xid = me WHERE NEW.id IN (received_by_unit_id, assigned_unit_id, answered_by_unit_id) AND change_xid <> me;
      END IF;
      RETURN NULL;
    END $$`.execute(db);
  await sql`CREATE TRIGGER tasks_mark_plan AFTER INSERT OR DELETE OR UPDATE OF progress ON tasks FOR EACH ROW EXECUTE FUNCTION mark_shown('plan')`.execute(db);
  await sql`
    CREATE TRIGGER tasks_mark_activities AFTER UPDATE OF ordinal ON tasks FOR EACH ROW
    WHEN (OLD.ordinal IS DISTINCT FROM NEW.ordinal) EXECUTE FUNCTION mark_shown('activities')`.execute(db);
  await sql`
    CREATE TRIGGER plans_mark_shown AFTER UPDATE OF status, number_sequence, symbol ON plans FOR EACH ROW
    WHEN ((OLD.status, OLD.number_sequence, OLD.symbol) IS DISTINCT FROM (NEW.status, NEW.number_sequence, NEW.symbol)) EXECUTE FUNCTION mark_shown()`.execute(db);
  await sql`
    CREATE TRIGGER units_mark_shown AFTER UPDATE OF code, name ON units FOR EACH ROW
    WHEN ((OLD.code, OLD.name) IS DISTINCT FROM (NEW.code, NEW.name)) EXECUTE FUNCTION mark_shown()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TRIGGER units_mark_shown ON units`.execute(db);
  await sql`DROP TRIGGER plans_mark_shown ON plans`.execute(db);
  await sql`DROP TRIGGER tasks_mark_activities ON tasks`.execute(db);
  await sql`DROP TRIGGER tasks_mark_plan ON tasks`.execute(db);
  await sql`DROP FUNCTION mark_shown()`.execute(db);
  await sql`DROP TRIGGER task_parts_mark_task ON task_parts`.execute(db);
  await sql`DROP FUNCTION mark_task_of_part()`.execute(db);
  for (const table of MIRRORED) {
    await sql`DROP TRIGGER ${sql.id(`${table}_tombstone`)} ON ${sql.table(table)}`.execute(db);
    await sql`DROP TRIGGER ${sql.id(`${table}_mark_change`)} ON ${sql.table(table)}`.execute(db);
    await sql`ALTER TABLE ${sql.table(table)} DROP COLUMN change_xid`.execute(db);
  }
  await sql`DROP FUNCTION leave_tombstone()`.execute(db);
  await sql`DROP FUNCTION mark_change()`.execute(db);
  await sql`DROP TABLE tombstones`.execute(db);
}
