// A task's progress note: how the work is going, written with its progress by the units the task
// names (editors) as well as admins. `note` stays part of what the task says, fixed once issued.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE tasks ADD COLUMN progress_note text`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE tasks DROP COLUMN progress_note`.execute(db);
}
