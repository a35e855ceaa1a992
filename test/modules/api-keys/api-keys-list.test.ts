// API keys list: oldest first with a unique tie-breaker, filtered by role and revocation, paged.
import { randomUUID } from 'node:crypto';
import t from 'tap';
import { insertApiKey } from '../../../src/modules/api-keys/api-keys.repository.js';
import type { ApiKey } from '../../../src/modules/api-keys/api-keys.schemas.js';
import { assertProblem, setupApp } from '../../helpers/app.js';

const ctx = await setupApp(t);
const KEYS = '/api/v1/api-keys';

type Page = { items: ApiKey[]; nextCursor: string | null };

async function list(query: string): Promise<Page> {
  const res = await ctx.request({ url: `${KEYS}?${query}` });
  if (res.statusCode !== 200) throw new Error(`GET ${KEYS}?${query}: ${res.statusCode} ${res.body}`);
  return res.json();
}

/** Every item of a list, page by page; also the page sizes. */
async function walk(query: string, limit: number): Promise<{ items: ApiKey[]; sizes: number[] }> {
  const items: ApiKey[] = [];
  const sizes: number[] = [];
  let cursor: string | null = null;
  do {
    const page: Page = await list(`${query}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
    items.push(...page.items);
    sizes.push(page.items.length);
    cursor = page.nextCursor;
  } while (cursor && sizes.length < 50);
  return { items, sizes };
}

const unit = (await ctx.request({ method: 'POST', url: '/api/v1/units', payload: { code: 'TCCB', name: 'Phòng TCCB', kind: 'division' } })).json();

// Keys through the API, one request each (distinct creation times)...
const made: ApiKey[] = [];
for (const [name, role] of [['Reader 1', 'reader'], ['Editor 1', 'editor'], ['Admin 2', 'admin'], ['Reader 2', 'reader'], ['Editor 2', 'editor']] as const) {
  const res = await ctx.request({ method: 'POST', url: KEYS, payload: { name, role, ...(role === 'editor' ? { unitId: unit.id } : {}) } });
  if (res.statusCode !== 201) throw new Error(res.body);
  made.push(res.json());
  await new Promise((resolve) => setTimeout(resolve, 5)); // distinct milliseconds, so the order is by time
}
// ...and six in one transaction, so they share one creation time and only the id orders them.
await ctx.db.transaction().execute(async (trx) => {
  for (let i = 1; i <= 6; i++) {
    await insertApiKey(trx, { name: `Batch reader ${i}`, role: 'reader', unitId: null, keyHash: randomUUID(), keyPrefix: 'cchc_test' });
  }
});
for (const key of [made[0]!, made[2]!]) {
  const res = await ctx.request({ method: 'POST', url: `${KEYS}/${key.id}/revoke` });
  if (res.statusCode !== 200) throw new Error(res.body);
}
const TOTAL = 1 + 5 + 6; // the helper's admin key, the API's five, the batch's six

const byAge = (a: ApiKey, b: ApiKey) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

t.test('one page of everything, oldest first', async (t) => {
  const page = await list('limit=200');
  t.equal(page.items.length, TOTAL);
  t.equal(page.nextCursor, null);
  t.same(page.items.map((k) => k.id), [...page.items].sort(byAge).map((k) => k.id), 'ordered by createdAt, then id');
  const batch = page.items.filter((k) => k.name.startsWith('Batch'));
  t.equal(new Set(batch.map((k) => k.createdAt)).size, 1, 'the batch really shares one creation time');
  t.same(made.map((k) => k.id), page.items.filter((k) => made.some((m) => m.id === k.id)).map((k) => k.id), 'API keys in creation order');
});

t.test('paging across pages repeats and skips nothing', async (t) => {
  const everything = (await list('limit=200')).items.map((k) => k.id);
  for (const limit of [1, 4, 5]) {
    const { items, sizes } = await walk('', limit);
    t.same(items.map((k) => k.id), everything, `limit=${limit}: same keys, same order`);
    t.equal(sizes.length, Math.ceil(TOTAL / limit), `limit=${limit}: ${Math.ceil(TOTAL / limit)} pages`);
    t.ok(sizes.slice(0, -1).every((s) => s === limit), `limit=${limit}: full pages until the last`);
  }
  const inBatch = await walk('role=reader', 2);
  t.same(inBatch.items.map((k) => k.name), ['Reader 1', 'Reader 2', ...[...inBatch.items.filter((k) => k.name.startsWith('Batch'))].sort(byAge).map((k) => k.name)], 'paged with a filter');
  t.same(inBatch.sizes, [2, 2, 2, 2]);
});

t.test('filters: role and revoked', async (t) => {
  const names = async (query: string) => (await list(`${query}&limit=200`)).items.map((k) => k.name);
  t.same(await names('role=editor'), ['Editor 1', 'Editor 2']);
  t.same(await names('role=admin'), ['admin key for tests', 'Admin 2']);
  t.equal((await names('role=reader')).length, 8);
  t.same(await names('revoked=true'), ['Reader 1', 'Admin 2']);
  t.equal((await names('revoked=false')).length, TOTAL - 2);
  t.notOk((await names('revoked=false')).includes('Reader 1'));
  t.same(await names('role=admin&revoked=true'), ['Admin 2']);
  t.same(await names('role=admin&revoked=false'), ['admin key for tests']);
  t.same(await names('role=editor&revoked=true'), []);
  for (const key of (await list('revoked=true')).items) t.type(key.revokedAt, 'string', `${key.name} has revokedAt`);
  for (const key of (await list('revoked=false&limit=200')).items) t.equal(key.revokedAt, null, `${key.name} has none`);
  t.notMatch((await ctx.request({ url: `${KEYS}?limit=200` })).body, /"key"\s*:/, 'no key in the list');
});

t.test('bad queries are 400s that name the parameter', async (t) => {
  const pointers = async (query: string) => assertProblem(t, await ctx.request({ url: `${KEYS}?${query}` }), 400).errors?.map((e) => e.pointer);
  t.same(await pointers('role=owner'), ['/query/role']);
  t.same(await pointers('revoked=perhaps'), ['/query/revoked']);
  t.same(await pointers('unitId=x'), ['/query/unitId'], 'an unknown parameter');
  t.same(await pointers('limit=0'), ['/query/limit']);
  t.same(await pointers('limit=201'), ['/query/limit']);
  t.same(await pointers('cursor=garbage'), ['/query/cursor']);
  const unitCursor = Buffer.from(JSON.stringify(['TCCB'])).toString('base64url');
  t.same(await pointers(`cursor=${unitCursor}`), ['/query/cursor'], 'another list’s cursor');
});
