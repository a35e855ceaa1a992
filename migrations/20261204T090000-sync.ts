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
}

export async function down(db: Kysely<any>): Promise<void> {
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
