// npm run migrate: brings the database to the latest migration (the server also does at start).
import { runCommand } from './run.js';

await runCommand(() => async () => {
  process.stderr.write('The database is migrated.\n');
});
