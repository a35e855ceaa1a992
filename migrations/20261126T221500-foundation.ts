// Foundation: units, API keys, the audit trail, idempotency records and rate-limit counters.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE units (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      code text NOT NULL,
      name text NOT NULL,
      short_name text,
      kind text NOT NULL CHECK (kind IN ('department', 'division', 'affiliated', 'external')),
      parent_id uuid REFERENCES units (id),
      active boolean NOT NULL DEFAULT true,
      successor_id uuid REFERENCES units (id),
      electronic_id text,
      website_url text,
      cchc_section_url text,
      search_key text NOT NULL,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz(3) NOT NULL DEFAULT now(),
      updated_at timestamptz(3) NOT NULL DEFAULT now(),
      CONSTRAINT units_code_key UNIQUE (code),
      CONSTRAINT units_electronic_id_key UNIQUE (electronic_id),
      CONSTRAINT units_not_own_parent CHECK (parent_id <> id),
      CONSTRAINT units_not_own_successor CHECK (successor_id <> id)
    )`.execute(db);
  await sql`CREATE INDEX units_parent_id_idx ON units (parent_id)`.execute(db);
  await sql`CREATE INDEX units_kind_code_idx ON units (kind, code)`.execute(db);

  await sql`
    CREATE TABLE api_keys (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      name text NOT NULL,
      role text NOT NULL CHECK (role IN ('admin', 'editor', 'reader')),
      unit_id uuid REFERENCES units (id),
      key_hash text NOT NULL,
      key_prefix text NOT NULL,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz(3) NOT NULL DEFAULT now(),
      revoked_at timestamptz(3),
      CONSTRAINT api_keys_key_hash_key UNIQUE (key_hash),
      CONSTRAINT api_keys_editor_has_unit CHECK ((role = 'editor') = (unit_id IS NOT NULL))
    )`.execute(db);

  await sql`
    CREATE TABLE audit_events (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      occurred_at timestamptz(3) NOT NULL DEFAULT now(),
      actor_key_id uuid REFERENCES api_keys (id),
      actor_name text NOT NULL,
      request_id text,
      action text NOT NULL,
      entity_type text NOT NULL,
      entity_id uuid NOT NULL,
      before jsonb,
      after jsonb
    )`.execute(db);
  await sql`CREATE INDEX audit_events_entity_idx ON audit_events (entity_type, entity_id, id)`.execute(db);
  await sql`CREATE INDEX audit_events_occurred_at_idx ON audit_events (occurred_at, id)`.execute(db);

  await sql`
    CREATE TABLE idempotency_keys (
      actor_key_id uuid NOT NULL REFERENCES api_keys (id),
      key text NOT NULL,
      request_hash text NOT NULL,
      status_code integer,
      response_body text,
      response_headers jsonb,
      created_at timestamptz(3) NOT NULL DEFAULT now(),
      PRIMARY KEY (actor_key_id, key)
    )`.execute(db);

  // Counters change on every request and are worthless after a crash: kept out of the write-ahead
  // log (an unlogged table is emptied on crash recovery, which only restarts the windows).
  await sql`
    CREATE UNLOGGED TABLE rate_limit_hits (
      bucket text PRIMARY KEY,
      window_start timestamptz(3) NOT NULL,
      hits integer NOT NULL
    )`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['rate_limit_hits', 'idempotency_keys', 'audit_events', 'api_keys', 'units']) {
    await sql`DROP TABLE ${sql.table(table)}`.execute(db);
  }
}
