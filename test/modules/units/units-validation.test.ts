// Units: what the schemas refuse (bodies strictly, query strings and paths after coercion), as 400s
// that point at the field at fault, and what they leave behind (nothing).
import t, { type Test } from 'tap';
import { assertProblem, setupApp } from '../../helpers/app.js';

const ctx = await setupApp(t);
const UNITS = '/api/v1/units';
const valid = { code: 'VALID', name: 'Phòng hợp lệ', kind: 'division' };

const post = (payload: unknown) => ctx.request({ method: 'POST', url: UNITS, payload: payload as object });

async function pointersOf(t: Test, response: Awaited<ReturnType<typeof post>>): Promise<string[]> {
  const problem = assertProblem(t, response, 400);
  t.equal(problem.type, '/problems/validation');
  // One field may break several rules (a URL's format and its pattern): the fields at fault, once each.
  return [...new Set((problem.errors ?? []).map((e) => e.pointer))];
}

t.test('POST bodies are validated strictly', async (t) => {
  const cases: Array<[string, Record<string, unknown>, string]> = [
    ['a missing name', { code: 'NONAME', kind: 'division' }, '/body/name'],
    ['a missing code', { name: 'x', kind: 'division' }, '/body/code'],
    ['a number for the code, not coerced', { ...valid, code: 12 }, '/body/code'],
    ['null for the name', { ...valid, name: null }, '/body/name'],
    ['a blank name', { ...valid, name: '   ' }, '/body/name'],
    ['an unknown property', { ...valid, foo: 1 }, '/body/foo'],
    ['a kind not in the list', { ...valid, kind: 'ministry' }, '/body/kind'],
    ['a lower-case code', { ...valid, code: 'tccb' }, '/body/code'],
    ['a code with a space', { ...valid, code: 'T CB' }, '/body/code'],
    ['a website that is no URL', { ...valid, websiteUrl: 'not a url' }, '/body/websiteUrl'],
    ['a website that is not http(s)', { ...valid, websiteUrl: 'ftp://sgddt.soctrang.gov.vn' }, '/body/websiteUrl'],
    ['a CCHC section that is no URL', { ...valid, cchcSectionUrl: 'sgddt/cchc' }, '/body/cchcSectionUrl'],
    ['a parent that is no UUID', { ...valid, parentId: 'abc' }, '/body/parentId'],
    ['a boolean for the short name', { ...valid, shortName: true }, '/body/shortName'],
    ['a name of 301 characters', { ...valid, name: 'x'.repeat(301) }, '/body/name'],
    ['a code of 33 characters', { ...valid, code: 'C'.repeat(33) }, '/body/code'],
    ['an electronic id in lower case', { ...valid, electronicId: '000.00.12.h49' }, '/body/electronicId'],
  ];
  for (const [what, body, pointer] of cases) {
    t.same(await pointersOf(t, await post(body)), [pointer], what);
  }
  t.same((await pointersOf(t, await post({}))).sort(), ['/body/code', '/body/kind', '/body/name'], 'every missing field is named');

  const problem = assertProblem(t, await post({ ...valid, code: 12 }), 400);
  t.match(problem.errors?.[0]?.message, /string/, 'the message says what is wanted');
  t.match(problem.detail, /\/body\/code/);

  const list = await ctx.request({ url: UNITS });
  t.same(list.json().items, [], 'nothing was created by the refused requests');
  t.equal((await post(valid)).statusCode, 201, 'the valid body is accepted');
});

t.test('bodies that are not JSON, or not a document at all', async (t) => {
  const broken = await ctx.request({ method: 'POST', url: UNITS, payload: '{"code": "X",', headers: { 'content-type': 'application/json' } });
  assertProblem(t, broken, 400);
  const text = await ctx.request({ method: 'POST', url: UNITS, payload: 'code=X', headers: { 'content-type': 'text/plain' } });
  assertProblem(t, text, 415);
  assertProblem(t, await ctx.request({ method: 'POST', url: UNITS }), 400, 'no body at all');
  assertProblem(t, await post([valid]), 400, 'an array is not a unit');
});

t.test('PATCH bodies are validated too', async (t) => {
  const unit = (await ctx.request({ method: 'POST', url: UNITS, payload: { ...valid, code: 'PATCHME' } })).json();
  const patch = (payload: object) => ctx.request({ method: 'PATCH', url: `${UNITS}/${unit.id}`, payload, headers: { 'if-match': '"1"' } });
  t.same(await pointersOf(t, await patch({ name: null })), ['/body/name'], 'null name');
  t.same(await pointersOf(t, await patch({ foo: 'bar' })), ['/body/foo'], 'unknown property');
  t.same(await pointersOf(t, await patch({ kind: 'school' })), ['/body/kind'], 'bad kind');
  t.same(await pointersOf(t, await patch({ code: 'lower' })), ['/body/code'], 'bad code');
  t.same(await pointersOf(t, await patch({ websiteUrl: 'www.example' })), ['/body/websiteUrl'], 'bad url');
  assertProblem(t, await patch({}), 400, 'an empty patch changes nothing and is refused');
  t.equal((await ctx.request({ url: `${UNITS}/${unit.id}` })).json().version, 1, 'still version 1');
});

t.test('deactivate bodies are validated', async (t) => {
  const unit = (await ctx.request({ method: 'POST', url: UNITS, payload: { ...valid, code: 'DEACTME' } })).json();
  const deactivate = (payload: object) => ctx.request({ method: 'POST', url: `${UNITS}/${unit.id}/deactivate`, payload });
  t.same(await pointersOf(t, await deactivate({ successorId: 'nope' })), ['/body/successorId']);
  t.same(await pointersOf(t, await deactivate({ reason: 'merged' })), ['/body/reason']);
  t.equal((await ctx.request({ url: `${UNITS}/${unit.id}` })).json().active, true, 'still active');
});

t.test('query strings: unknown parameters, limits, cursors, enums', async (t) => {
  const list = (query: string) => ctx.request({ url: `${UNITS}?${query}` });
  t.same(await pointersOf(t, await list('foo=1')), ['/query/foo'], 'unknown parameter');
  t.same(await pointersOf(t, await list('limit=0')), ['/query/limit'], 'limit=0');
  t.same(await pointersOf(t, await list('limit=201')), ['/query/limit'], 'limit=201');
  t.same(await pointersOf(t, await list('limit=ten')), ['/query/limit'], 'limit not a number');
  t.same(await pointersOf(t, await list('kind=ministry')), ['/query/kind'], 'bad kind');
  t.same(await pointersOf(t, await list('group=everyone')), ['/query/group'], 'bad group');
  t.same(await pointersOf(t, await list('active=maybe')), ['/query/active'], 'bad boolean');
  t.same(await pointersOf(t, await list('parentId=42')), ['/query/parentId'], 'bad uuid');
  t.same(await pointersOf(t, await list('cursor=not-a-cursor')), ['/query/cursor'], 'garbage cursor');
  const wrongShape = Buffer.from(JSON.stringify([42])).toString('base64url');
  t.same(await pointersOf(t, await list(`cursor=${wrongShape}`)), ['/query/cursor'], 'a cursor of another shape');
  // Well-formed base64url of a key PostgreSQL cannot compare (U+0000, a lone surrogate): a 400, not the database's 500.
  for (const [key, label] of [['A\u0000', 'a NUL inside the key'], ['A\ud800', 'a lone surrogate']]) {
    const forged = Buffer.from(JSON.stringify([key])).toString('base64url');
    t.same(await pointersOf(t, await list(`cursor=${forged}`)), ['/query/cursor'], `a forged cursor: ${label}`);
  }
  t.equal((await list('limit=200')).statusCode, 200, 'limit=200 is allowed');
  t.equal((await list('limit=1')).statusCode, 200, 'limit=1 is allowed');
  t.equal((await list('active=false')).statusCode, 200, 'booleans are coerced from text');
});

t.test('path parameters must be a UUID or a unit code: one sentence saying so', async (t) => {
  const either = [{ pointer: '/path/unitId', message: 'must be its id (a UUID) or its code (upper case: THPT-HD)' }];
  const errors = (res: Awaited<ReturnType<typeof post>>) => assertProblem(t, res, 400).errors;
  t.same(errors(await ctx.request({ url: `${UNITS}/not-a-uuid` })), either, 'GET, lower case');
  const patched = await ctx.request({ method: 'PATCH', url: `${UNITS}/T%20CB`, payload: { name: 'x' }, headers: { 'if-match': '"1"' } });
  t.same(errors(patched), either, 'PATCH, a space');
  t.same(errors(await ctx.request({ method: 'DELETE', url: `${UNITS}/${'A'.repeat(33)}`, headers: { 'if-match': '"1"' } })), either, 'DELETE, longer than a code');
  t.same(errors(await ctx.request({ method: 'POST', url: `${UNITS}/-TCCB/deactivate` })), either, 'deactivate, not starting with a letter or digit');
  t.same(errors(await ctx.request({ url: `${UNITS}/3f0b6f8e-6a57-4c1e-9b7a-2d4c5e6f7a8` })), either, 'a UUID one digit short');
  assertProblem(t, await ctx.request({ url: `${UNITS}/123` }), 404, 'a code that names no unit is a 404, as a missing id is');
});

t.test('a lone surrogate ("\\ud800") is refused like invalid UTF-8, naming the field (issue 7, item 7)', async (t) => {
  const raw = (json: string) => ctx.request({ method: 'POST', url: UNITS, payload: json, headers: { 'content-type': 'application/json' } });
  const lone = assertProblem(t, await raw('{"code":"LONE","name":"Trường \\ud800","kind":"division"}'), 400);
  t.same(lone.errors, [{ pointer: '/body/name', message: 'must be valid Unicode: it holds a lone surrogate (an unpaired \\ud800–\\udfff escape)' }]);
  t.same(assertProblem(t, await raw('{"code":"LONE","name":"x\\udc00","kind":"division"}'), 400).errors?.map((e) => e.pointer), ['/body/name'], 'a low half alone');
  const key = assertProblem(t, await raw('{"code":"LONE","name":"x","kind":"division","\\ud83d":1}'), 400).errors ?? [];
  t.ok(key.some((e) => e.pointer === '/body/\ud83d' && /lone surrogate/.test(e.message)), 'in a property name');
  const pair = await raw('{"code":"PAIR","name":"Trường \\ud83d\\ude00","kind":"division"}');
  t.equal(pair.statusCode, 201, 'a whole pair is a character (😀)');
  t.equal(pair.json().name, 'Trường 😀');
  t.same((await ctx.request({ url: `${UNITS}?q=LONE` })).json().items, [], 'nothing stored with U+FFFD');
});
