// The audit trail of each write: who (the key's id and name), which request, what, before and after.
import t from 'tap';
import type { ApiKeyCreated } from '../../../src/modules/api-keys/api-keys.schemas.js';
import type { AuditEvent } from '../../../src/modules/audit/audit.schemas.js';
import type { Unit } from '../../../src/modules/units/units.schemas.js';
import { setupApp } from '../../helpers/app.js';

const ctx = await setupApp(t);
const UNITS = '/api/v1/units';

async function makeKey(payload: object): Promise<ApiKeyCreated> {
  const res = await ctx.request({ method: 'POST', url: '/api/v1/api-keys', payload });
  if (res.statusCode !== 201) throw new Error(res.body);
  return res.json();
}

/** The events of one entity, newest first. */
async function eventsOf(entityId: string): Promise<AuditEvent[]> {
  const res = await ctx.request({ url: `/api/v1/audit?entityId=${entityId}` });
  if (res.statusCode !== 200) throw new Error(res.body);
  return res.json().items;
}

const auditor = await makeKey({ name: 'Tổ CNTT (quản trị)', role: 'admin' });
const actor = { keyId: auditor.id, name: 'Tổ CNTT (quản trị)' };
let requests = 0;
/** A write with the auditor's key and a request id of our own, to find in the trail. */
async function write(method: 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object, ifMatch?: string) {
  const requestId = `audit-test-${++requests}`;
  const res = await ctx.request({
    method,
    url,
    key: auditor.key,
    ...(payload ? { payload } : {}),
    headers: { 'x-request-id': requestId, ...(ifMatch ? { 'if-match': ifMatch } : {}) },
  });
  return { res, requestId };
}

t.test('a unit’s life, step by step', async (t) => {
  const started = Date.now();
  const created = await write('POST', UNITS, { code: 'GDTH', name: 'Phòng Giáo dục Tiểu học', kind: 'division' });
  t.equal(created.res.statusCode, 201);
  const unit: Unit = created.res.json();
  let [event] = await eventsOf(unit.id);
  t.match(event, { action: 'create', entityType: 'unit', entityId: unit.id, actor, requestId: created.requestId, before: null });
  t.same(event?.after, unit, 'after is the unit as the API showed it');
  t.ok(Date.parse(event!.occurredAt) >= started - 1000 && Date.parse(event!.occurredAt) <= Date.now() + 1000, 'occurredAt is now');
  t.type(event?.id, 'number');

  const updated = await write('PATCH', `${UNITS}/${unit.id}`, { name: 'Phòng GD Tiểu học', websiteUrl: 'https://gdth.example.vn' }, '"1"');
  t.equal(updated.res.statusCode, 200);
  [event] = await eventsOf(unit.id);
  t.match(event, { action: 'update', entityType: 'unit', actor, requestId: updated.requestId });
  t.match(event?.before, { version: 1, name: 'Phòng Giáo dục Tiểu học', websiteUrl: null });
  t.match(event?.after, { version: 2, name: 'Phòng GD Tiểu học', websiteUrl: 'https://gdth.example.vn' });
  t.same(event?.before, unit, 'before is the whole previous record');
  t.same(event?.after, updated.res.json(), 'after is the whole new record');

  const successor = (await write('POST', UNITS, { code: 'GDMN', name: 'Phòng Giáo dục Mầm non', kind: 'division' })).res.json();
  const deactivated = await write('POST', `${UNITS}/${unit.id}/deactivate`, { successorId: successor.id });
  t.equal(deactivated.res.statusCode, 200);
  [event] = await eventsOf(unit.id);
  t.match(event, { action: 'deactivate', actor, requestId: deactivated.requestId });
  t.match(event?.before, { version: 2, active: true, successorId: null });
  t.match(event?.after, { version: 3, active: false, successorId: successor.id });

  const activated = await write('POST', `${UNITS}/${unit.id}/activate`);
  t.equal(activated.res.statusCode, 200);
  [event] = await eventsOf(unit.id);
  t.match(event, { action: 'activate', actor, requestId: activated.requestId });
  t.match(event?.before, { version: 3, active: false, successorId: successor.id });
  t.match(event?.after, { version: 4, active: true, successorId: null });

  const last = activated.res.json();
  const deleted = await write('DELETE', `${UNITS}/${unit.id}`, undefined, '"4"');
  t.equal(deleted.res.statusCode, 204);
  [event] = await eventsOf(unit.id);
  t.match(event, { action: 'delete', entityType: 'unit', entityId: unit.id, actor, requestId: deleted.requestId, after: null });
  t.same(event?.before, last, 'before is the record as it was deleted');

  const trail = await eventsOf(unit.id);
  t.same(trail.map((e) => e.action), ['delete', 'activate', 'deactivate', 'update', 'create'], 'one row per write, newest first');
  t.same(trail.map((e) => e.after?.version ?? null), [null, 4, 3, 2, 1]);
});

t.test('an editor’s change is recorded under the editor’s key', async (t) => {
  const school: Unit = (await write('POST', UNITS, { code: 'THPT-HD', name: 'Trường THPT Hoàng Diệu', kind: 'affiliated' })).res.json();
  const editor = await makeKey({ name: 'Văn thư THPT Hoàng Diệu', role: 'editor', unitId: school.id });
  const res = await ctx.request({
    method: 'PATCH', url: `${UNITS}/${school.id}`, key: editor.key,
    payload: { cchcSectionUrl: 'https://thpt-hoangdieu.edu.vn/cchc' }, headers: { 'if-match': '"1"', 'x-request-id': 'editor-change' },
  });
  t.equal(res.statusCode, 200);
  const [event] = await eventsOf(school.id);
  t.same(event?.actor, { keyId: editor.id, name: 'Văn thư THPT Hoàng Diệu' });
  t.equal(event?.requestId, 'editor-change');
  t.match(event, { action: 'update', before: { version: 1, cchcSectionUrl: null }, after: { version: 2, cchcSectionUrl: 'https://thpt-hoangdieu.edu.vn/cchc' } });
});

t.test('API keys: creation and revocation, never the secret', async (t) => {
  const made = await write('POST', '/api/v1/api-keys', { name: 'Cổng CCHC', role: 'reader' });
  t.equal(made.res.statusCode, 201);
  const key: ApiKeyCreated = made.res.json();
  let [event] = await eventsOf(key.id);
  t.match(event, { action: 'create', entityType: 'api_key', entityId: key.id, actor, requestId: made.requestId, before: null });
  const { key: secret, ...shown } = key;
  t.same(event?.after, shown, 'after is the key as GET shows it');

  const revoked = await write('POST', `/api/v1/api-keys/${key.id}/revoke`);
  t.equal(revoked.res.statusCode, 200);
  [event] = await eventsOf(key.id);
  t.match(event, { action: 'revoke', entityType: 'api_key', actor, requestId: revoked.requestId });
  t.match(event?.before, { version: 1, revokedAt: null });
  t.match(event?.after, { version: 2, revokedAt: revoked.res.json().revokedAt });
  t.type(event?.after?.revokedAt, 'string');

  const everything = await ctx.request({ url: '/api/v1/audit?limit=200' });
  t.notMatch(everything.body, secret, 'the trail never holds a key');
  t.notMatch(everything.body, /keyHash|key_hash/, 'nor its hash');
});

t.test('keys made from the command line are recorded as cli', async (t) => {
  const res = await ctx.request({ url: '/api/v1/audit?entityType=api_key&action=create&limit=200' });
  const cli = res.json().items.filter((e: AuditEvent) => e.actor.name === 'cli');
  t.ok(cli.length >= 1, 'the helper’s admin key was made by the cli');
  for (const event of cli) t.match(event, { actor: { keyId: null, name: 'cli' }, requestId: null, before: null });
  const viaApi = res.json().items.find((e: AuditEvent) => e.entityId === auditor.id);
  t.equal(viaApi?.actor.name, 'admin key for tests', 'a key made through the API names the key that made it');
  t.type(viaApi?.actor.keyId, 'string');
});
