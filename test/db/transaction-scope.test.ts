// Transaction scopes: code run inside one writes in the scope's transaction, its own transactions
// become savepoints (a failed one takes back only itself), and the scope's commit or rollback
// decides for all of it. Once the scope has ended, the same code uses the pool again.
import { type Kysely, sql } from 'kysely';
import t from 'tap';
import type { Database } from '../../src/db/schema.js';
import { openTransactionScope } from '../../src/db/transaction-scope.js';
import { createTestDatabase, serverUrl } from '../helpers/database.js';

const { handle } = await createTestDatabase(t);
const db = handle.db as unknown as Kysely<Database & { scratch: { n: number } }>;
await sql`CREATE TABLE scratch (n int NOT NULL UNIQUE)`.execute(db);

const numbers = async () => (await db.selectFrom('scratch').select('n').orderBy('n').execute()).map((r) => r.n);
const insert = (executor: typeof db, n: number) => executor.insertInto('scratch').values({ n }).execute();

t.beforeEach(async () => {
  await db.deleteFrom('scratch').execute();
});

t.test('commit: the writes of the code run inside, transactions and all', async (t) => {
  const scope = await openTransactionScope(db);
  await scope.run(async () => {
    await insert(db, 1);
    await db.transaction().execute((trx) => insert(trx, 2));
    t.same(await numbers(), [1, 2], 'inside, the scope sees its own writes');
  });
  if (serverUrl) t.same(await numbers(), [], 'outside, nothing yet (another connection)');
  await scope.commit();
  t.ok(scope.ended);
  t.same(await numbers(), [1, 2], 'all of it, once committed');
});

t.test('rollback: a transaction that committed inside the scope is taken back too', async (t) => {
  const scope = await openTransactionScope(db);
  await scope.run(() => db.transaction().execute((trx) => insert(trx, 3)));
  await scope.rollback();
  t.same(await numbers(), []);
});

t.test('a failed transaction inside takes back only itself', async (t) => {
  const scope = await openTransactionScope(db);
  await scope.run(async () => {
    await insert(db, 4);
    const failed = db.transaction().execute(async (trx) => {
      await insert(trx, 5);
      await insert(trx, 4);
    });
    await t.rejects(failed, { code: '23505' }, 'the duplicate fails its transaction');
    await db.transaction().execute((trx) => insert(trx, 6));
  });
  await scope.trx.insertInto('scratch').values({ n: 7 }).execute();
  await scope.commit();
  t.same(await numbers(), [4, 6, 7], 'not 5: its transaction was rolled back to its savepoint; the rest stands');
});

t.test('after the scope ends, code still in its context uses the pool', async (t) => {
  const scope = await openTransactionScope(db);
  await scope.commit();
  await scope.run(() => insert(db, 8));
  t.same(await numbers(), [8]);
});

t.test('a transaction inside a scope may not choose its isolation level', async (t) => {
  const scope = await openTransactionScope(db);
  t.teardown(() => scope.rollback());
  await t.rejects(
    scope.run(() => db.transaction().setIsolationLevel('serializable').execute((trx) => insert(trx, 9))),
    /cannot set its own isolation level/,
  );
});

t.test('a transaction still open inside the scope: commit refuses and keeps nothing, rollback ends all', async (t) => {
  const scope = await openTransactionScope(db);
  await scope.run(async () => {
    await insert(db, 5);
    const open = await db.startTransaction().execute();
    await insert(open, 6);
  });
  await t.rejects(scope.commit(), /still open/);
  t.ok(scope.ended, 'the scope ended');
  t.same(await numbers(), [], 'neither the scope’s write nor the open one was kept');

  const other = await openTransactionScope(db);
  await other.run(async () => {
    const open = await db.startTransaction().execute();
    await insert(open, 7);
  });
  await other.rollback();
  t.ok(other.ended, 'rollback ends the scope itself, not just the open savepoint');
  t.same(await numbers(), []);
});
