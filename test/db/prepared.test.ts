// Prepared reads: built and compiled once, then sent with each call's values in the marks' places;
// the rows still go through the plugins (camelCase); a build that does not bind a parameter is refused.
import t from 'tap';
import { prepared } from '../../src/db/prepared.js';
import type { UnitKind } from '../../src/modules/units/units.table.js';
import { createTestDatabase } from '../helpers/database.js';

const { handle } = await createTestDatabase(t);
const { db } = handle;
for (const [code, name] of [['A', 'Một'], ['B', 'Hai'], ['C', 'Ba']]) {
  await db.insertInto('units').values({ code: code!, name: name!, kind: 'division', searchKey: name!.toLowerCase() }).execute();
}

t.test('one build, many calls, each with its own values', async (t) => {
  let builds = 0;
  const byCode = prepared(['code', 'kind'], (db, p) => {
    builds++;
    return db.selectFrom('units').select(['code', 'name', 'createdAt']).where('code', '=', p.code).where('kind', '=', p.kind as UnitKind);
  });
  const a = await byCode(db, { code: 'A', kind: 'division' });
  t.same(a.map((r) => [r.code, r.name]), [['A', 'Một']]);
  t.ok(a[0]!.createdAt instanceof Date, 'columns come back camelCased and parsed');
  t.same((await byCode(db, { code: 'C', kind: 'division' })).map((r) => r.code), ['C'], 'another call, another value');
  t.same(await byCode(db, { code: 'C', kind: 'department' }), [], 'every parameter is the call’s');
  await db.transaction().execute(async (trx) => t.same((await byCode(trx, { code: 'B', kind: 'division' })).map((r) => r.code), ['B'], 'inside a transaction too'));
  t.equal(builds, 1, 'built once');
});

t.test('a build that leaves a parameter unbound is refused at its first call', async (t) => {
  const careless = prepared(['code', 'name'], (db, p) => db.selectFrom('units').select('code').where('code', '=', p.code));
  await t.rejects(careless(db, { code: 'A', name: 'Một' }), /must bind each of code, name/);
  await t.rejects(careless(db, { code: 'A', name: 'Một' }), /must bind each of code, name/, 'and at every call after it');
  const altered = prepared(['q'], (db, p) => db.selectFrom('units').select('code').where('searchKey', 'like', `${p.q}%`));
  await t.rejects(altered(db, { q: 'h' }), /as it is/, 'a parameter that is not the mark itself is refused');
});
