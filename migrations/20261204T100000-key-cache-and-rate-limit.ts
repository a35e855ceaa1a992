// Keys are verified from a cache in each process and rate limits are counted in memory or Redis, so
// the database now tells every process when a cached key may have changed, and keeps no counters.
// A change to a key's row (its revocation) or to a unit's active flag is announced with NOTIFY on the
// channel key_access, at commit; src/db/notifications.ts listens on it (the name is written in both
// places because migrations never import src/). Triggers, so that every writer announces it: the API,
// the key command in another process, a hand-written UPDATE.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE FUNCTION notify_key_access() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      PERFORM pg_notify('key_access', TG_TABLE_NAME);
      RETURN NULL;
    END $$`.execute(db);
  // Any change to a key: a cached principal is made of its row (role, unit, name) and its liveness.
  await sql`CREATE TRIGGER api_keys_notify_key_access AFTER UPDATE OR DELETE ON api_keys FOR EACH ROW EXECUTE FUNCTION notify_key_access()`.execute(db);
  // Of a unit, only the flag a principal carries (its editors may write only while it is active).
  await sql`
    CREATE TRIGGER units_notify_key_access AFTER UPDATE OF active ON units FOR EACH ROW
    WHEN (OLD.active IS DISTINCT FROM NEW.active) EXECUTE FUNCTION notify_key_access()`.execute(db);

  await sql`DROP TABLE rate_limit_hits`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE UNLOGGED TABLE rate_limit_hits (
      bucket text PRIMARY KEY,
      window_start timestamptz(3) NOT NULL,
      hits integer NOT NULL
    )`.execute(db);
  await sql`DROP TRIGGER units_notify_key_access ON units`.execute(db);
  await sql`DROP TRIGGER api_keys_notify_key_access ON api_keys`.execute(db);
  await sql`DROP FUNCTION notify_key_access()`.execute(db);
}
