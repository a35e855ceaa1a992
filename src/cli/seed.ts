// npm run seed: loads the demo data; running it again adds nothing.
import { seedDemo } from '../demo.js';
import { CLI_ACTOR } from '../domain/actor.js';
import { runCommand } from './run.js';

await runCommand(() => async (db) => {
  const result = await seedDemo(db, CLI_ACTOR);
  process.stderr.write(`Demo data loaded: ${JSON.stringify(result)} added.\n`);
});
