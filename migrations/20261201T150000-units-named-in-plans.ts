// A plan names units inside its JSON parts (recipients, obligations), where no foreign key reaches.
// This trigger refuses to delete a unit a plan names, as a foreign key would (23503, with a
// constraint name the plans module explains), so that the units module need not know about plans.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE FUNCTION units_named_in_plans() RETURNS trigger LANGUAGE plpgsql AS $$
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
  await sql`
    CREATE TRIGGER units_named_in_plans BEFORE DELETE ON units
    FOR EACH ROW EXECUTE FUNCTION units_named_in_plans()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TRIGGER units_named_in_plans ON units`.execute(db);
  await sql`DROP FUNCTION units_named_in_plans()`.execute(db);
}
