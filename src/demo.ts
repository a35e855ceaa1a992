// The demo data: what `npm run seed` and the first start of the embedded database load.
import type { Kysely } from 'kysely';
import type { Database } from './db/schema.js';
import type { Actor } from './domain/actor.js';
import { seedDemoActivities } from './modules/activities/activities.demo.js';
import { seedDemoPlan } from './modules/plans/plans.demo.js';
import { seedDemoQuestions } from './modules/questions/questions.demo.js';
import { seedDemoReports } from './modules/reports/reports.demo.js';
import { seedDemoUnits } from './modules/units/units.demo.js';

export interface SeedResult {
  units: number;
  /** The seed plan and THPT-HD's own plan built from it. */
  plans: number;
  activities: number;
  /** Citizens' questions of 2021, in every state. */
  questions: number;
  reports: number;
}

export async function seedDemo(db: Kysely<Database>, actor: Actor): Promise<SeedResult> {
  const units = await seedDemoUnits(db, actor);
  const seedPlan = await seedDemoPlan(db, actor);
  const { activities, plans } = await seedDemoActivities(db, actor);
  // Before the reports: the Department's six-month report freezes the questions of its window.
  const questions = await seedDemoQuestions(db, actor);
  return { units, plans: seedPlan + plans, activities, questions, reports: await seedDemoReports(db, actor) };
}
