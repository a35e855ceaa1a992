// npm run key -- create --role admin|editor|reader --name "…" [--unit CODE]; key list; key revoke <id>.
// `create` prints the key alone on stdout so that scripts can capture it; messages go to stderr.
import { parseArgs } from 'node:util';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { CLI_ACTOR, ROLES } from '../domain/actor.js';
import { createApiKey, listApiKeys, revokeApiKey } from '../modules/api-keys/api-keys.service.js';
import { unitIdsByCode } from '../modules/units/units.service.js';
import { runCommand, UsageError } from './run.js';

const USAGE = 'Usage: npm run key -- create --role admin|editor|reader --name "…" [--unit CODE] | list | revoke <key id>';

const { positionals, values } = parseArgs({
  allowPositionals: true,
  strict: false,
  options: { role: { type: 'string' }, name: { type: 'string' }, unit: { type: 'string' } },
});
const [command, ...rest] = positionals;

// Arguments are checked before the database is opened: a typo costs nothing.
function commandFromArgs(): (db: Kysely<Database>) => Promise<void> {
  if (command === 'create') {
    const role = values.role as (typeof ROLES)[number];
    const { name, unit } = values;
    if (!ROLES.includes(role)) throw new UsageError(`--role must be one of ${ROLES.join(', ')}. ${USAGE}`);
    if (typeof name !== 'string' || name.trim() === '') throw new UsageError(`--name is required. ${USAGE}`);
    if ((role === 'editor') !== (typeof unit === 'string')) throw new UsageError(`--unit CODE is given for an editor key, and only then. ${USAGE}`);
    return async (db) => {
      let unitId: string | null = null;
      if (typeof unit === 'string') {
        unitId = (await unitIdsByCode(db, [unit])).get(unit) ?? null;
        if (!unitId) throw new UsageError(`No unit has the code ${unit}.`);
      }
      const created = await createApiKey(db, CLI_ACTOR, { name: name.normalize('NFC'), role, unitId });
      process.stderr.write(`Made ${created.role} key ${created.id}. It is shown only now:\n`);
      process.stdout.write(`${created.key}\n`);
    };
  }
  if (command === 'list' && rest.length === 0) {
    return async (db) => {
      let cursor: string | undefined;
      do {
        const page = await listApiKeys(db, { limit: 200, cursor });
        for (const k of page.items) {
          process.stdout.write([k.id, k.role, k.keyPrefix, k.revokedAt ? `revoked ${k.revokedAt}` : 'live', k.name].join('\t') + '\n');
        }
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
    };
  }
  const id = rest[0];
  if (command === 'revoke' && rest.length === 1 && id && /^[0-9a-f-]{36}$/i.test(id)) {
    return async (db) => {
      const revoked = await revokeApiKey(db, CLI_ACTOR, id);
      process.stderr.write(`Revoked key ${revoked.id} (${revoked.name}).\n`);
    };
  }
  throw new UsageError(USAGE);
}

await runCommand(commandFromArgs);
