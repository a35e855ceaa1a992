// The demo data: what `npm run seed` and the first start of the embedded database load.
import type { Kysely } from 'kysely';
import type { Database } from './db/schema.js';
import type { Actor } from './domain/actor.js';
import { seedDemoPlan } from './modules/plans/plans.demo.js';
import { seedDemoUnits } from './modules/units/units.demo.js';

export interface SeedResult {
  units: number;
  plans: number;
}

export async function seedDemo(db: Kysely<Database>, actor: Actor): Promise<SeedResult> {
  const units = await seedDemoUnits(db, actor);
  return { units, plans: await seedDemoPlan(db, actor) };
}
