// Expired idempotency records are swept; current ones stay.
import { sql } from 'kysely';
import t from 'tap';
import { sweepExpired } from '../../src/db/housekeeping.js';
import { CLI_ACTOR } from '../../src/domain/actor.js';
import { createApiKey } from '../../src/modules/api-keys/api-keys.service.js';
import { createTestDatabase } from '../helpers/database.js';

const { handle } = await createTestDatabase(t);
const db = handle.db;

t.test('sweeps what has expired and keeps the rest', async (t) => {
  const key = await createApiKey(db, CLI_ACTOR, { name: 'k', role: 'admin' });
  await db
    .insertInto('idempotencyKeys')
    .values([
      { actorKeyId: key.id, key: 'old', requestHash: 'h', statusCode: 201, responseBody: '{}', responseHeaders: '{}' },
      { actorKeyId: key.id, key: 'new', requestHash: 'h', statusCode: 201, responseBody: '{}', responseHeaders: '{}' },
    ])
    .execute();
  await sql`UPDATE idempotency_keys SET created_at = now() - interval '25 hours' WHERE key = 'old'`.execute(db);

  t.same(await sweepExpired(db), { idempotencyKeys: 1 });
  t.same((await db.selectFrom('idempotencyKeys').select('key').execute()).map((r) => r.key), ['new']);
  t.same(await sweepExpired(db), { idempotencyKeys: 0 }, 'a second sweep finds nothing');
});
