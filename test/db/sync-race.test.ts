// Sync never skips a change, on the PostgreSQL server where transactions really overlap: writers in
// parallel, one of them holding its transaction open while the others commit, and a reader following
// the tokens all along. At the end the reader's mirror equals the tables. A reader going by
// updatedAt would have missed the late transaction: its rows carry a time before rows the reader
// had already seen (checked below, so the test stages the race it claims to).
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'kysely';
import t from 'tap';
import { CLI_ACTOR } from '../../src/domain/actor.js';
import { seedDemoUnits } from '../../src/modules/units/units.demo.js';
import { setupApp } from '../helpers/app.js';
import { serverUrl } from '../helpers/database.js';

if (!serverUrl) {
  t.pass('transactions overlap only on a PostgreSQL server (TEST_DATABASE_URL); the embedded engine runs one at a time');
  process.exit(0);
}

const ctx = await setupApp(t);
await seedDemoUnits(ctx.db, CLI_ACTOR);
const units = await ctx.db.selectFrom('units').select(['id', 'code']).where('kind', '!=', 'department').orderBy('code').execute();

type Row = { id: string; version: number; updatedAt: string };
const mirrors = { activities: new Map<string, Row>(), units: new Map<string, Row>() };
const tokens = { activities: '2000-01-01T00:00:00Z', units: '2000-01-01T00:00:00Z' };
/** The latest updatedAt the reader has seen of each list. */
const seenUpTo = { activities: '', units: '' };

async function pull(list: 'activities' | 'units'): Promise<void> {
  for (;;) {
    const res = await ctx.request({ url: `/api/v1/${list}?updatedSince=${encodeURIComponent(tokens[list])}&includeDeleted=true&limit=7` });
    if (res.statusCode !== 200) throw new Error(`${list}: ${res.body}`);
    const page = res.json();
    for (const row of page.items as Row[]) {
      mirrors[list].set(row.id, row);
      if (row.updatedAt > seenUpTo[list]) seenUpTo[list] = row.updatedAt;
    }
    for (const gone of page.tombstones as Row[]) mirrors[list].delete(gone.id);
    tokens[list] = page.nextUpdatedSince;
    if (page.items.length + page.tombstones.length < 7) return;
  }
}

async function table(list: 'activities' | 'units'): Promise<Map<string, number>> {
  let query = ctx.db.selectFrom(list).select(['id', 'version']);
  if (list === 'activities') query = query.where('deletedAt', 'is', null);
  return new Map((await query.execute()).map((r) => [r.id, r.version]));
}

const mirrorOf = (list: 'activities' | 'units') => new Map([...mirrors[list]].map(([id, row]) => [id, row.version]));
const same = (a: Map<string, number>, b: Map<string, number>) => a.size === b.size && [...a].every(([id, version]) => b.get(id) === version);

t.test('a reader following the tokens misses nothing, whatever order transactions commit in', async (t) => {
  let writing = true;
  const body = (i: number, w: number) => ({ unitId: units[(i + w) % units.length]!.id, form: 'meeting', title: `Hội nghị ${w}-${i}`, occurredOn: '2021-05-10' });

  const writer = async (w: number) => {
    let i = 0;
    while (writing) {
      const made = await ctx.request({ method: 'POST', url: '/api/v1/activities', payload: body(i++, w) });
      if (made.statusCode !== 201) throw new Error(made.body);
      const a = made.json();
      if (i % 3 === 0) {
        const res = await ctx.request({ method: 'PATCH', url: `/api/v1/activities/${a.id}`, headers: { 'if-match': `"${a.version}"` }, payload: { title: `Đã sửa ${w}-${i}` } });
        if (res.statusCode !== 200) throw new Error(res.body);
      } else if (i % 4 === 0) {
        const res = await ctx.request({ method: 'DELETE', url: `/api/v1/activities/${a.id}`, headers: { 'if-match': `"${a.version}"` } });
        if (res.statusCode !== 204) throw new Error(res.body);
      }
      if (i % 5 === 0) {
        // Never the unit the late transaction holds: its row stays locked till then.
        const unit = units[2 + ((i + w) % (units.length - 2))]!;
        const current = (await ctx.request({ url: `/api/v1/units/${unit.id}` })).json();
        const res = await ctx.request({ method: 'PATCH', url: `/api/v1/units/${unit.id}`, headers: { 'if-match': `"${current.version}"` }, payload: { reportCutoffDay: 10 + (i % 10) } });
        if (res.statusCode !== 200 && res.statusCode !== 412) throw new Error(res.body);
      }
    }
  };

  // The late writer: its transaction takes its time (now(), which stamps its rows) first, writes
  // only once the reader has seen rows the others stamped later, then stays open while they go on.
  let lateActivity = '';
  let lateStamp = '';
  const lateUnit = units[1]!.id;
  const late = ctx.db.transaction().execute(async (trx) => {
    const { rows } = await sql<{ now: Date }>`SELECT now()`.execute(trx);
    lateStamp = rows[0]!.now.toISOString();
    while (seenUpTo.activities <= lateStamp) await sleep(20);
    const row = await trx
      .insertInto('activities')
      .values({ unitId: units[0]!.id, form: 'hotline', title: 'Ghi nhận muộn', occurredOn: '2021-05-11', recordedByName: 'late writer', searchKey: 'ghi nhan muon' })
      .returning(['id', 'updatedAt'])
      .executeTakeFirstOrThrow();
    lateActivity = row.id;
    await trx.updateTable('units').set({ shortName: 'Đổi tên muộn', version: (eb) => eb('version', '+', 1), updatedAt: sql`now()` }).where('id', '=', lateUnit).execute();
    await sleep(1500);
  });

  const reader = (async () => {
    while (writing) {
      await pull('activities');
      await pull('units');
      await sleep(20);
    }
  })();

  const writers = [1, 2, 3].map(writer);
  let readBeforeLateCommit = '';
  await late.finally(() => (readBeforeLateCommit = seenUpTo.activities));
  await sleep(500);
  writing = false;
  await Promise.all([...writers, reader]);

  const lateRow = await ctx.db.selectFrom('activities').select('updatedAt').where('id', '=', lateActivity).executeTakeFirstOrThrow();
  const stamped = lateRow.updatedAt.toISOString();
  t.ok(Math.abs(Date.parse(stamped) - Date.parse(lateStamp)) <= 1, `the late row carries its transaction’s start time (${stamped})`);
  t.ok(readBeforeLateCommit > stamped, `before it committed, the reader had seen rows stamped later (${readBeforeLateCommit} > ${stamped}): going by updatedAt would skip it`);

  // Transactions of other databases on the same server hold the watermark back for a moment: poll as a mirror would.
  const deadline = Date.now() + 30_000;
  for (;;) {
    await pull('activities');
    await pull('units');
    const [a, u] = [await table('activities'), await table('units')];
    if ((same(mirrorOf('activities'), a) && same(mirrorOf('units'), u)) || Date.now() > deadline) {
      t.same(mirrorOf('activities'), a, `the activities mirror equals the table (${a.size} rows)`);
      t.same(mirrorOf('units'), u, `the units mirror equals the table (${u.size} rows)`);
      break;
    }
    await sleep(200);
  }
  t.ok(mirrors.activities.has(lateActivity), 'the late transaction’s activity is in the mirror');
  t.equal(mirrors.units.get(lateUnit)?.version, (await table('units')).get(lateUnit), 'and its unit change');
});
