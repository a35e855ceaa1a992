// npm run key -- create --role admin|editor|reader --name "…" [--unit CODE]; key list; key revoke <id>.
// `create` prints the key alone on stdout so that scripts can capture it; messages go to stderr.
import { parseArgs } from 'node:util';
import { CLI_ACTOR } from '../http/principal.js';
import { createApiKey, listApiKeys, revokeApiKey } from '../modules/api-keys/api-keys.service.js';
import { ROLES } from '../modules/api-keys/api-keys.schemas.js';
import { findUnitByCode } from '../modules/units/units.repository.js';
import { runCommand, UsageError } from './run.js';

const USAGE = 'Usage: npm run key -- create --role admin|editor|reader --name "…" [--unit CODE] | list | revoke <key id>';

const { positionals, values } = parseArgs({
  allowPositionals: true,
  strict: false,
  options: { role: { type: 'string' }, name: { type: 'string' }, unit: { type: 'string' } },
});
const [command, ...rest] = positionals;

await runCommand(async (db) => {
  if (command === 'create') {
    const role = values.role as (typeof ROLES)[number];
    if (!ROLES.includes(role)) throw new UsageError(`--role must be one of ${ROLES.join(', ')}. ${USAGE}`);
    if (typeof values.name !== 'string' || values.name.trim() === '') throw new UsageError(`--name is required. ${USAGE}`);
    if ((role === 'editor') !== (typeof values.unit === 'string')) throw new UsageError(`--unit CODE is given for an editor key, and only then. ${USAGE}`);
    let unitId: string | null = null;
    if (typeof values.unit === 'string') {
      const unit = await findUnitByCode(db, values.unit);
      if (!unit) throw new UsageError(`No unit has the code ${values.unit}.`);
      unitId = unit.id;
    }
    const created = await createApiKey(db, CLI_ACTOR, { name: values.name.normalize('NFC'), role, unitId });
    process.stderr.write(`Made ${created.role} key ${created.id}. It is shown only now:\n`);
    process.stdout.write(`${created.key}\n`);
  } else if (command === 'list') {
    let cursor: string | undefined;
    do {
      const page = await listApiKeys(db, { limit: 200, cursor });
      for (const k of page.items) {
        process.stdout.write([k.id, k.role, k.keyPrefix, k.revokedAt ? `revoked ${k.revokedAt}` : 'live', k.name].join('\t') + '\n');
      }
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
  } else if (command === 'revoke' && rest.length === 1 && /^[0-9a-f-]{36}$/i.test(rest[0]!)) {
    const revoked = await revokeApiKey(db, CLI_ACTOR, rest[0]!);
    process.stderr.write(`Revoked key ${revoked.id} (${revoked.name}).\n`);
  } else {
    throw new UsageError(USAGE);
  }
});
