// Unit codes where people type them (issue 7, item 1): `/units/THPT-HD` reads, changes, deactivates,
// activates and deletes the unit as its id does; the contract says the path takes either.
import { readFileSync } from 'node:fs';
import t from 'tap';
import { assertProblem, setupApp } from '../../helpers/app.js';

const ctx = await setupApp(t);
const UNITS = '/api/v1/units';
const department = await ctx.addUnit({ code: 'SGDDT', name: 'Sở Giáo dục và Đào tạo', kind: 'department' });
const school = await ctx.addUnit({ code: 'THPT-HD', name: 'Trường THPT Hoàng Diệu', kind: 'affiliated', parentId: department.id });

t.test('GET by code is GET by id, ETag and 304 included', async (t) => {
  const byCode = await ctx.request({ url: `${UNITS}/THPT-HD` });
  t.equal(byCode.statusCode, 200);
  t.same(byCode.json(), (await ctx.request({ url: `${UNITS}/${school.id}` })).json());
  t.equal(byCode.headers.etag, '"1"');
  t.equal((await ctx.request({ url: `${UNITS}/THPT-HD`, headers: { 'if-none-match': '"1"' } })).statusCode, 304);
  const missing = assertProblem(t, await ctx.request({ url: `${UNITS}/THPT-XX` }), 404, 'a code that names no unit');
  t.match(missing.detail, /THPT-XX/);
  const reader = await ctx.keyFor('reader');
  t.equal((await ctx.request({ url: `${UNITS}/SGDDT`, key: reader })).json().id, department.id, 'any key');
});

t.test('PATCH, deactivate, activate and DELETE by code', async (t) => {
  const patched = await ctx.request({ method: 'PATCH', url: `${UNITS}/THPT-HD`, payload: { cchcSectionUrl: 'https://thpt-hoangdieu.edu.vn/cchc' }, headers: { 'if-match': '"1"' } });
  t.equal(patched.statusCode, 200, patched.body);
  t.match(patched.json(), { id: school.id, cchcSectionUrl: 'https://thpt-hoangdieu.edu.vn/cchc', version: 2 });
  const renamed = await ctx.request({ method: 'PATCH', url: `${UNITS}/THPT-HD`, payload: { code: 'THPT-HDI' }, headers: { 'if-match': '"2"' } });
  t.equal(renamed.json().code, 'THPT-HDI', 'the code itself may change');
  assertProblem(t, await ctx.request({ url: `${UNITS}/THPT-HD` }), 404, 'then the old code names nothing');
  const loop = await ctx.request({ method: 'PATCH', url: `${UNITS}/SGDDT`, payload: { parentId: department.id }, headers: { 'if-match': '"1"' } });
  assertProblem(t, loop, 422, 'the tree rules hold by code too');

  const deactivated = await ctx.request({ method: 'POST', url: `${UNITS}/THPT-HDI/deactivate`, payload: { successorId: school.id } });
  t.match(assertProblem(t, deactivated, 422).errors, [{ pointer: '/body/successorId', message: 'cannot be the unit itself' }], 'its own successor, named by id while the path names it by code');
  t.equal((await ctx.request({ method: 'POST', url: `${UNITS}/THPT-HDI/deactivate` })).json().active, false);
  t.equal((await ctx.request({ method: 'POST', url: `${UNITS}/THPT-HDI/activate` })).json().active, true);

  const extra = await ctx.addUnit({ code: 'TAM', name: 'Đơn vị tạm' });
  assertProblem(t, await ctx.request({ method: 'DELETE', url: `${UNITS}/TAM`, headers: { 'if-match': '"9"' } }), 412);
  t.equal((await ctx.request({ method: 'DELETE', url: `${UNITS}/TAM`, headers: { 'if-match': '"1"' } })).statusCode, 204);
  assertProblem(t, await ctx.request({ url: `${UNITS}/${extra.id}` }), 404);
  const audit = (await ctx.request({ url: `/api/v1/audit?entityId=${extra.id}&action=delete` })).json().items;
  t.match(audit, [{ action: 'delete', entityId: extra.id }], 'audited under its id');
});

t.test('an editor changes its own unit by code, and no other', async (t) => {
  const editor = await ctx.keyFor('editor', school.id);
  const own = await ctx.request({ method: 'PATCH', url: `${UNITS}/THPT-HDI`, payload: { websiteUrl: 'https://thpt-hoangdieu.edu.vn' }, headers: { 'if-match': '*' }, key: editor });
  t.equal(own.statusCode, 200, own.body);
  assertProblem(t, await ctx.request({ method: 'PATCH', url: `${UNITS}/SGDDT`, payload: { websiteUrl: 'https://x.vn' }, headers: { 'if-match': '*' }, key: editor }), 403);
});

t.test('the contract: the path parameter is a UUID or a code, described', async (t) => {
  const doc = JSON.parse(readFileSync(new URL('../../../openapi/openapi.json', import.meta.url), 'utf8'));
  for (const [path, method] of [['/api/v1/units/{unitId}', 'get'], ['/api/v1/units/{unitId}', 'patch'], ['/api/v1/units/{unitId}/deactivate', 'post']] as const) {
    const parameter = doc.paths[path][method].parameters.find((p: { name: string }) => p.name === 'unitId');
    t.match(parameter, { in: 'path', required: true, description: /code/ }, `${method} ${path}`);
    t.same(parameter.schema.anyOf.map((s: { format?: string; pattern?: string }) => s.format ?? s.pattern), ['uuid', '^[A-Z0-9][A-Z0-9_-]{0,31}$']);
  }
});
