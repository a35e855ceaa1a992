// GET /api/v1/audit: newest first, filters, paging, admins only, and no row for a write that failed.
import t from 'tap';
import type { ApiKeyCreated } from '../../../src/modules/api-keys/api-keys.schemas.js';
import type { AuditEvent } from '../../../src/modules/audit/audit.schemas.js';
import type { Unit } from '../../../src/modules/units/units.schemas.js';
import { assertProblem, setupApp } from '../../helpers/app.js';

const ctx = await setupApp(t);
const AUDIT = '/api/v1/audit';
const UNITS = '/api/v1/units';
type Page = { items: AuditEvent[]; nextCursor: string | null };

const pause = () => new Promise((resolve) => setTimeout(resolve, 5)); // distinct occurredAt for each write

async function ok(options: Parameters<typeof ctx.request>[0], status: number) {
  const res = await ctx.request(options);
  if (res.statusCode !== status) throw new Error(`${options.method} ${options.url}: ${res.statusCode} ${res.body}`);
  await pause();
  return res.body ? res.json() : null;
}

async function list(query: string): Promise<Page> {
  const res = await ctx.request({ url: `${AUDIT}?${query}` });
  if (res.statusCode !== 200) throw new Error(`GET ${AUDIT}?${query}: ${res.statusCode} ${res.body}`);
  return res.json();
}
const actions = async (query: string) => (await list(`limit=200&${query}`)).items.map((e) => e.action);

// Two admins through the API, then a short history of writes by each.
const alice: ApiKeyCreated = await ok({ method: 'POST', url: '/api/v1/api-keys', payload: { name: 'Alice', role: 'admin' } }, 201);
const bob: ApiKeyCreated = await ok({ method: 'POST', url: '/api/v1/api-keys', payload: { name: 'Bob', role: 'admin' } }, 201);
const units: Unit[] = [];
for (const code of ['U1', 'U2', 'U3']) {
  units.push(await ok({ method: 'POST', url: UNITS, key: alice.key, payload: { code, name: `Đơn vị ${code}`, kind: 'division' } }, 201));
}
const [u1, u2, u3] = units as [Unit, Unit, Unit];
await ok({ method: 'PATCH', url: `${UNITS}/${u1.id}`, key: bob.key, payload: { name: 'Đơn vị một' }, headers: { 'if-match': '"1"' } }, 200);
await ok({ method: 'POST', url: `${UNITS}/${u2.id}/deactivate`, key: bob.key }, 200);
await ok({ method: 'DELETE', url: `${UNITS}/${u3.id}`, key: alice.key, headers: { 'if-match': '"1"' } }, 204);
const all = (await list('limit=200')).items;
// cli: the helper's key; admin key: Alice and Bob; Alice: U1–U3 and the delete; Bob: update, deactivate.
const TOTAL = 1 + 2 + 4 + 2;

t.test('newest first, every write once', async (t) => {
  t.equal(all.length, TOTAL);
  t.same(all.map((e) => e.action), ['delete', 'deactivate', 'update', 'create', 'create', 'create', 'create', 'create', 'create']);
  t.ok(all.every((e, i) => i === 0 || e.id < all[i - 1]!.id), 'ids strictly decrease');
  t.ok(all.every((e, i) => i === 0 || e.occurredAt <= all[i - 1]!.occurredAt), 'occurredAt never increases');
  t.equal((await list('')).nextCursor, null, 'the default page holds them all');
});

t.test('filters', async (t) => {
  t.same(await actions('entityType=unit'), ['delete', 'deactivate', 'update', 'create', 'create', 'create']);
  t.same(await actions('entityType=api_key'), ['create', 'create', 'create']);
  t.same(await actions('entityType=plan'), [], 'a type with no events');
  t.same(await actions(`entityId=${u1.id}`), ['update', 'create']);
  t.same(await actions(`entityId=${u3.id}`), ['delete', 'create'], 'a deleted unit keeps its trail');
  t.same(await actions(`actorKeyId=${bob.id}`), ['deactivate', 'update']);
  t.same(await actions(`actorKeyId=${alice.id}`), ['delete', 'create', 'create', 'create']);
  t.same(await actions('action=delete'), ['delete']);
  t.equal((await actions('action=create')).length, 6);
  t.same((await list(`action=create&entityType=unit&actorKeyId=${alice.id}`)).items.map((e) => e.entityId), [u3.id, u2.id, u1.id]);
  t.same(await actions(`actorKeyId=${bob.id}&entityId=${u2.id}`), ['deactivate']);
  t.same(await actions(`actorKeyId=${bob.id}&action=delete`), []);
});

t.test('from is inclusive, to exclusive', async (t) => {
  const update = all.find((e) => e.action === 'update')!;
  const deactivate = all.find((e) => e.action === 'deactivate')!;
  const newer = all.filter((e) => e.id >= update.id).map((e) => e.id);
  const older = all.filter((e) => e.id < update.id).map((e) => e.id);
  const ids = async (query: string) => (await list(`limit=200&${query}`)).items.map((e) => e.id);
  t.same(await ids(`from=${update.occurredAt}`), newer, 'from: at or after');
  t.same(await ids(`to=${update.occurredAt}`), older, 'to: strictly before');
  t.same(await ids(`from=${update.occurredAt}&to=${deactivate.occurredAt}`), [update.id], 'a window');
  const vietnam = new Date(Date.parse(update.occurredAt) + 7 * 3600_000).toISOString().replace('Z', '+07:00');
  t.same(await ids(`from=${encodeURIComponent(vietnam)}`), newer, 'an instant with an offset is the same instant');
  t.same(await ids(`from=${update.occurredAt}&entityType=api_key`), [], 'with other filters');
  t.same(await ids('from=2100-01-01T00:00:00Z'), []);
  t.equal((await ids('to=2100-01-01T00:00:00Z')).length, TOTAL);
});

t.test('paging across pages repeats and skips nothing', async (t) => {
  for (const [query, limit] of [['', 2], ['', 4], ['entityType=unit', 4], [`actorKeyId=${alice.id}`, 1]] as const) {
    const expected = (await list(`limit=200&${query}`)).items.map((e) => e.id);
    const seen: number[] = [];
    const sizes: number[] = [];
    let cursor: string | null = null;
    do {
      const page: Page = await list(`limit=${limit}&${query}${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...page.items.map((e) => e.id));
      sizes.push(page.items.length);
      cursor = page.nextCursor;
    } while (cursor && sizes.length < 50);
    t.same(seen, expected, `${query || 'everything'} by ${limit}`);
    t.equal(sizes.length, Math.ceil(expected.length / limit), `${query || 'everything'} by ${limit}: number of pages`);
  }
});

t.test('admins only', async (t) => {
  const editor = await ctx.keyFor('editor', u1.id);
  assertProblem(t, await ctx.request({ url: AUDIT, key: editor }), 403, 'editor');
  assertProblem(t, await ctx.request({ url: AUDIT, key: await ctx.keyFor('reader') }), 403, 'reader');
  assertProblem(t, await ctx.request({ url: AUDIT, key: null }), 401, 'no key');
  t.equal((await ctx.request({ url: AUDIT, key: bob.key })).statusCode, 200, 'any admin');
});

t.test('bad queries are 400s that name the parameter', async (t) => {
  const pointers = async (query: string) => assertProblem(t, await ctx.request({ url: `${AUDIT}?${query}` }), 400).errors?.map((e) => e.pointer);
  t.same(await pointers('foo=bar'), ['/query/foo'], 'an unknown filter');
  t.same(await pointers('actor=Alice'), ['/query/actor']);
  t.same(await pointers('entityId=U1'), ['/query/entityId']);
  t.same(await pointers('actorKeyId=42'), ['/query/actorKeyId']);
  t.same(await pointers('from=yesterday'), ['/query/from']);
  t.same(await pointers('to=2021-05-01'), ['/query/to'], 'a date is not an instant');
  t.same(await pointers('limit=0'), ['/query/limit']);
  t.same(await pointers('limit=201'), ['/query/limit']);
  t.same(await pointers('cursor=%%%'), ['/query/cursor']);
  t.same(await pointers(`cursor=${Buffer.from('["U1"]').toString('base64url')}`), ['/query/cursor'], 'another list’s cursor');
});

t.test('a write that fails leaves no row', async (t) => {
  const before = await list('limit=200');
  const unit = `${UNITS}/${u1.id}`;
  const editor = await ctx.keyFor('editor', u2.id);
  const reader = await ctx.keyFor('reader');
  const afterKeys = await list('limit=200');
  const failures: Array<[string, Parameters<typeof ctx.request>[0], number]> = [
    ['stale If-Match', { method: 'PATCH', url: unit, payload: { name: 'Stale' }, headers: { 'if-match': '"1"' } }, 412],
    ['no If-Match', { method: 'PATCH', url: unit, payload: { name: 'Blind' } }, 428],
    ['invalid body', { method: 'PATCH', url: unit, payload: { name: null }, headers: { 'if-match': '"2"' } }, 400],
    ['a cycle', { method: 'PATCH', url: unit, payload: { parentId: u1.id }, headers: { 'if-match': '"2"' } }, 422],
    ['a taken code', { method: 'POST', url: UNITS, payload: { code: 'U2', name: 'Again', kind: 'division' } }, 409],
    ['an editor on another unit', { method: 'PATCH', url: unit, key: editor, payload: { websiteUrl: 'https://x.vn' }, headers: { 'if-match': '"2"' } }, 403],
    ['a reader', { method: 'POST', url: UNITS, key: reader, payload: { code: 'R1', name: 'R', kind: 'division' } }, 403],
    ['deactivating twice', { method: 'POST', url: `${UNITS}/${u2.id}/deactivate` }, 409],
    ['a missing successor', { method: 'POST', url: `${UNITS}/${u1.id}/deactivate`, payload: { successorId: u3.id } }, 422],
    ['a revocation that succeeds', { method: 'POST', url: `/api/v1/api-keys/${bob.id}/revoke` }, 200],
    ['revoking twice', { method: 'POST', url: `/api/v1/api-keys/${bob.id}/revoke` }, 409],
    ['an editor key without a unit', { method: 'POST', url: '/api/v1/api-keys', payload: { name: 'E', role: 'editor' } }, 400],
  ];
  for (const [what, options, status] of failures) {
    t.equal((await ctx.request(options)).statusCode, status, what);
  }
  const after = await list('limit=200');
  t.equal(afterKeys.items.length, before.items.length + 2, 'the two keys made for this test are recorded (by the cli)');
  t.equal(after.items.length, afterKeys.items.length + 1, 'only the one successful revocation added a row');
  t.same(after.items.slice(1), afterKeys.items, 'and nothing else changed');
  t.match(after.items[0], { action: 'revoke', entityId: bob.id });
  t.same(await actions(`entityId=${u1.id}`), ['update', 'create'], 'U1’s trail is unchanged');
});
