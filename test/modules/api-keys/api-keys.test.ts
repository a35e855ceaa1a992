// API keys: made (the key shown once), read, revoked (it stops working at once), and admins only.
import t from 'tap';
import type { ApiKey, ApiKeyCreated } from '../../../src/modules/api-keys/api-keys.schemas.js';
import { assertProblem, setupApp } from '../../helpers/app.js';

const ctx = await setupApp(t);
const KEYS = '/api/v1/api-keys';
const MISSING = '00000000-0000-4000-8000-000000000000';

const unitRes = await ctx.request({ method: 'POST', url: '/api/v1/units', payload: { code: 'THPT-HD', name: 'Trường THPT Hoàng Diệu', kind: 'affiliated' } });
const unitId: string = unitRes.json().id;

const create = (payload: object, key?: string) => ctx.request({ method: 'POST', url: KEYS, payload, ...(key ? { key } : {}) });

async function createKey(payload: object): Promise<ApiKeyCreated> {
  const res = await create(payload);
  if (res.statusCode !== 201) throw new Error(`could not create a key: ${res.body}`);
  return res.json();
}

t.test('POST makes a key and shows it once', async (t) => {
  const res = await create({ name: 'Cổng CCHC tỉnh', role: 'reader' });
  t.equal(res.statusCode, 201);
  t.equal(res.headers.etag, '"1"');
  const created: ApiKeyCreated = res.json();
  t.equal(res.headers.location, `${KEYS}/${created.id}`);
  t.match(created, { name: 'Cổng CCHC tỉnh', role: 'reader', unitId: null, revokedAt: null, version: 1 });
  t.match(created.key, /^cchc_[A-Za-z0-9_-]{43}$/, 'a key with 256 random bits');
  t.equal(created.keyPrefix, created.key.slice(0, 9), 'the prefix is the key’s start');
  t.equal(created.keyPrefix.length, 9, 'only a prefix, not the key');

  const read = await ctx.request({ url: `${KEYS}/${created.id}` });
  t.equal(read.statusCode, 200);
  t.equal(read.headers.etag, '"1"');
  const stored: ApiKey = read.json();
  t.notOk('key' in stored, 'GET never shows the key');
  t.notMatch(read.body, created.key, 'nor anything that carries it');
  const { key: _key, ...rest } = created;
  t.same(stored, rest, 'otherwise the same record');

  const listed = await ctx.request({ url: `${KEYS}?role=reader` });
  t.notMatch(listed.body, created.key, 'the list never shows the key either');
  t.same(listed.json().items.find((k: ApiKey) => k.id === created.id), rest);

  const other = await createKey({ name: 'Cổng CCHC tỉnh', role: 'reader' });
  t.not(other.key, created.key, 'every key is new, even under the same name');
});

t.test('the created key authenticates with its role', async (t) => {
  const reader = await createKey({ name: 'Portal', role: 'reader' });
  t.equal((await ctx.request({ url: '/api/v1/units', key: reader.key })).statusCode, 200, 'a reader reads');
  assertProblem(t, await ctx.request({ url: KEYS, key: reader.key }), 403, 'but is no admin');

  const editor = await createKey({ name: 'Hoàng Diệu', role: 'editor', unitId });
  t.equal(editor.unitId, unitId);
  const patched = await ctx.request({ method: 'PATCH', url: `/api/v1/units/${unitId}`, key: editor.key, payload: { websiteUrl: 'https://thpt-hoangdieu.edu.vn' }, headers: { 'if-match': '"1"' } });
  t.equal(patched.statusCode, 200, 'an editor edits its own unit');

  const admin = await createKey({ name: 'Second admin', role: 'admin' });
  t.equal((await ctx.request({ url: KEYS, key: admin.key })).statusCode, 200, 'an admin reads the keys');
});

t.test('a key’s unit must fit its role', async (t) => {
  const pointers = (body: { errors?: Array<{ pointer: string }> }) => body.errors?.map((e) => e.pointer);
  const editorWithout = assertProblem(t, await create({ name: 'Editor', role: 'editor' }), 400, 'an editor without a unit');
  t.same(pointers(editorWithout), ['/body/unitId']);
  t.same(pointers(assertProblem(t, await create({ name: 'Editor', role: 'editor', unitId: null }), 400, 'an editor with unitId null')), ['/body/unitId']);
  t.same(pointers(assertProblem(t, await create({ name: 'Admin', role: 'admin', unitId }), 400, 'an admin with a unit')), ['/body/unitId']);
  t.same(pointers(assertProblem(t, await create({ name: 'Reader', role: 'reader', unitId }), 400, 'a reader with a unit')), ['/body/unitId']);
  const nowhere = assertProblem(t, await create({ name: 'Editor', role: 'editor', unitId: MISSING }), 422, 'a unit that does not exist');
  t.same(pointers(nowhere), ['/body/unitId']);

  const bad = async (body: object) => assertProblem(t, await create(body), 400);
  t.same(pointers(await bad({ name: 'X', role: 'owner' })), ['/body/role'], 'an unknown role');
  t.same(pointers(await bad({ role: 'reader' })), ['/body/name'], 'no name');
  t.same(pointers(await bad({ name: ' ', role: 'reader' })), ['/body/name'], 'a blank name');
  t.same(pointers(await bad({ name: 'X', role: 'reader', key: 'cchc_chosen' })), ['/body/key'], 'the caller cannot choose the key');
  t.same(pointers(await bad({ name: 'X', role: 'editor', unitId: 'abc' })), ['/body/unitId'], 'a unitId that is no UUID');

  const all = await ctx.request({ url: `${KEYS}?limit=200` });
  t.notOk(all.json().items.some((k: ApiKey) => ['Editor', 'Admin', 'Reader', 'X'].includes(k.name)), 'no refused key was made');
});

t.test('the last live admin key cannot be revoked: nobody could manage the service', async (t) => {
  const all: ApiKey[] = (await ctx.request({ url: `${KEYS}?role=admin&revoked=false&limit=200` })).json().items;
  const mine = all.find((k) => ctx.adminKey.startsWith(k.keyPrefix))!;
  const others = all.filter((k) => k.id !== mine.id);
  for (const other of others) t.equal((await ctx.request({ method: 'POST', url: `${KEYS}/${other.id}/revoke` })).statusCode, 200, `revoke ${other.name}`);
  const refused = assertProblem(t, await ctx.request({ method: 'POST', url: `${KEYS}/${mine.id}/revoke` }), 409, 'the last admin key');
  t.match(refused.detail, /last live admin key/);
  t.equal((await ctx.request({ url: KEYS })).statusCode, 200, 'the key still works');
  const second = await createKey({ name: 'Second admin', role: 'admin' });
  t.equal((await ctx.request({ method: 'POST', url: `${KEYS}/${second.id}/revoke` })).statusCode, 200, 'with two live admin keys, either may go');
});

t.test('revoking stops the key at once; twice is a 409', async (t) => {
  const victim = await createKey({ name: 'Leaked key', role: 'admin' });
  t.equal((await ctx.request({ url: KEYS, key: victim.key })).statusCode, 200, 'works before');

  const revoked = await ctx.request({ method: 'POST', url: `${KEYS}/${victim.id}/revoke` });
  t.equal(revoked.statusCode, 200);
  t.equal(revoked.headers.etag, '"2"');
  const body: ApiKey = revoked.json();
  t.equal(body.version, 2);
  t.type(body.revokedAt, 'string');
  t.ok(Date.parse(body.revokedAt!) >= Date.parse(body.createdAt), 'revoked after it was made');
  t.notOk('key' in body);

  const refused = await ctx.request({ url: '/api/v1/units', key: victim.key });
  const problem = assertProblem(t, refused, 401, 'the next use is refused');
  t.match(problem.detail, /revoked/);
  assertProblem(t, await ctx.request({ method: 'POST', url: `${KEYS}/${victim.id}/revoke`, key: victim.key }), 401, 'it cannot even revoke itself again');

  const again = assertProblem(t, await ctx.request({ method: 'POST', url: `${KEYS}/${victim.id}/revoke` }), 409, 'revoking twice');
  t.match(again.detail, /already revoked/);
  const read = (await ctx.request({ url: `${KEYS}/${victim.id}` })).json();
  t.equal(read.revokedAt, body.revokedAt, 'the first revocation time stands');
  t.equal(read.version, 2);
});

t.test('revoking an editor key ends its edits', async (t) => {
  const editor = await createKey({ name: 'Editor to revoke', role: 'editor', unitId });
  const patch = (ifMatch: string) =>
    ctx.request({ method: 'PATCH', url: `/api/v1/units/${unitId}`, key: editor.key, payload: { cchcSectionUrl: 'https://thpt-hoangdieu.edu.vn/cchc' }, headers: { 'if-match': ifMatch } });
  const version: number = (await ctx.request({ url: `/api/v1/units/${unitId}` })).json().version;
  t.equal((await ctx.request({ method: 'POST', url: `${KEYS}/${editor.id}/revoke` })).statusCode, 200);
  assertProblem(t, await patch(`"${version}"`), 401);
  t.equal((await ctx.request({ url: `/api/v1/units/${unitId}` })).json().version, version, 'the unit did not change');
});

t.test('an unknown key is a 404; a bad id a 400', async (t) => {
  assertProblem(t, await ctx.request({ url: `${KEYS}/${MISSING}` }), 404, 'GET');
  assertProblem(t, await ctx.request({ method: 'POST', url: `${KEYS}/${MISSING}/revoke` }), 404, 'revoke');
  const bad = assertProblem(t, await ctx.request({ url: `${KEYS}/42` }), 400);
  t.same(bad.errors?.map((e) => e.pointer), ['/path/keyId']);
});

t.test('only admins manage keys', async (t) => {
  const target = await createKey({ name: 'Target', role: 'reader' });
  for (const [role, key] of [['editor', await ctx.keyFor('editor', unitId)], ['reader', await ctx.keyFor('reader')]] as const) {
    assertProblem(t, await ctx.request({ url: KEYS, key }), 403, `${role}: list`);
    assertProblem(t, await ctx.request({ url: `${KEYS}/${target.id}`, key }), 403, `${role}: read`);
    assertProblem(t, await create({ name: `${role} made this`, role: 'admin' }, key), 403, `${role}: create`);
    assertProblem(t, await ctx.request({ method: 'POST', url: `${KEYS}/${target.id}/revoke`, key }), 403, `${role}: revoke`);
  }
  assertProblem(t, await ctx.request({ url: KEYS, key: null }), 401, 'no key');
  const after = (await ctx.request({ url: `${KEYS}/${target.id}` })).json();
  t.equal(after.revokedAt, null, 'the target was not revoked');
  const names = (await ctx.request({ url: `${KEYS}?limit=200` })).json().items.map((k: ApiKey) => k.name);
  t.notOk(names.some((n: string) => n.endsWith('made this')), 'no key was made');
  t.equal((await ctx.request({ url: '/api/v1/units', key: target.key })).statusCode, 200, 'the target still works');
});
