// Text through the API: decomposed (NFD) input is stored and returned NFC, search (`q=`) ignores
// case and diacritics, đ included, and takes % and _ literally, and U+0000 is refused (400).
import t from 'tap';
import { setupApp } from '../helpers/app.js';

const ctx = await setupApp(t);
const nfd = (s: string) => s.normalize('NFD');

const NAME = 'Trường Tiểu học Đông Hải';
const SHORT = 'TH Đông Hải';

async function storedRow(id: string) {
  return ctx.db.selectFrom('units').select(['name', 'shortName', 'searchKey']).where('id', '=', id).executeTakeFirstOrThrow();
}

t.test('a name sent decomposed is stored and returned NFC', async (t) => {
  t.not(nfd(NAME), NAME, 'the test input really is decomposed');
  const created = await ctx.request({ method: 'POST', url: '/api/v1/units', payload: { code: 'THDH', name: nfd(NAME), shortName: nfd(SHORT), kind: 'affiliated' } });
  t.equal(created.statusCode, 201);
  const unit = created.json();
  t.equal(unit.name, NAME, 'the response is NFC');
  t.equal(unit.shortName, SHORT);
  const row = await storedRow(unit.id);
  t.equal(row.name, NAME, 'stored NFC');
  t.equal(row.shortName, SHORT);
  t.equal(row.searchKey, 'thdh truong tieu hoc dong hai th dong hai', 'the search key is folded');
  t.equal((await ctx.request({ url: `/api/v1/units/${unit.id}` })).json().name, NAME, 'read back NFC');

  const raw = JSON.stringify({ name: nfd('Trường Tiểu học Đông Hải A') });
  const patched = await ctx.request({ method: 'PATCH', url: `/api/v1/units/${unit.id}`, payload: raw, headers: { 'content-type': 'application/json', 'if-match': '"1"' } });
  t.equal(patched.statusCode, 200);
  t.equal(patched.json().name, 'Trường Tiểu học Đông Hải A', 'a PATCH is normalised too');
  t.equal((await storedRow(unit.id)).name, 'Trường Tiểu học Đông Hải A');
});

t.test('NFC and NFD spellings of a name are stored byte for byte the same', async (t) => {
  const first = await ctx.request({ method: 'POST', url: '/api/v1/units', payload: { code: 'NFCDUP', name: 'Phòng Giáo dục Tiểu học', kind: 'division' } });
  t.equal(first.statusCode, 201);
  const again = await ctx.request({ method: 'POST', url: '/api/v1/units', payload: { code: 'NFCDUP2', name: nfd('Phòng Giáo dục Tiểu học'), kind: 'division' } });
  t.equal(again.json().name, first.json().name, 'byte-identical names');
});

t.test('search ignores case and diacritics, đ included', async (t) => {
  await ctx.request({ method: 'POST', url: '/api/v1/units', payload: { code: 'DAKLAK', name: 'Sở Giáo dục Đắk Lắk', kind: 'external' } });
  await ctx.request({ method: 'POST', url: '/api/v1/units', payload: { code: 'PCT50', name: 'Đơn vị 50% và ke_hoach', kind: 'external' } });
  const codes = async (q: string) => {
    const res = await ctx.request({ url: `/api/v1/units?q=${encodeURIComponent(q)}` });
    t.equal(res.statusCode, 200, `q=${q}`);
    return (res.json().items as Array<{ code: string }>).map((u) => u.code).sort();
  };
  t.same(await codes('dong hai'), ['THDH'], 'no diacritics finds Đông Hải');
  t.same(await codes('ĐÔNG HẢI'), ['THDH'], 'upper case with diacritics');
  t.same(await codes(nfd('Đông Hải')), ['THDH'], 'decomposed query');
  t.same(await codes('dak lak'), ['DAKLAK'], 'd finds đ');
  t.same(await codes('thdh'), ['THDH'], 'the code is searched too');
  t.same(await codes('50%'), ['PCT50'], '% is literal');
  t.same(await codes('%'), ['PCT50'], 'a lone % is not a wildcard');
  t.same(await codes('e_h'), ['PCT50'], '_ is literal');
  t.same(await codes('o_d'), [], '_ matches no other character');
  t.same(await codes('khong co'), [], 'no match, no items');
});

// PostgreSQL refuses U+0000 in text (both engines), so it is a 400 naming the field wherever text
// comes in: JSON bodies, CSV bodies, query strings and path parameters.
t.test('a NUL character is refused wherever text comes in, naming the field', async (t) => {
  const NUL = 'must not contain a NUL character (U+0000)';
  const refused = (res: Awaited<ReturnType<typeof ctx.request>>, pointer: string, what: string) => {
    t.equal(res.statusCode, 400, `${what}: 400 (got ${res.statusCode})`);
    t.match(res.headers['content-type'], /^application\/problem\+json/);
    t.same(res.json().errors, [{ pointer, message: NUL }], `${what}: ${pointer}`);
  };
  const json = (method: 'POST' | 'PATCH', url: string, body: unknown, headers: Record<string, string> = {}) =>
    ctx.request({ method, url, payload: JSON.stringify(body), headers: { 'content-type': 'application/json', ...headers } });

  refused(await json('POST', '/api/v1/units', { code: 'NUL1', name: 'Tên\u0000', kind: 'division' }), '/body/name', 'a body field');
  t.equal((await ctx.request({ url: '/api/v1/units?q=NUL1' })).json().items.length, 0, 'nothing stored');
  const unit = (await json('POST', '/api/v1/units', { code: 'NUL2', name: 'Phòng không NUL', kind: 'division' })).json();
  refused(await json('PATCH', `/api/v1/units/${unit.id}`, { shortName: '\u0000' }, { 'if-match': '"1"' }), '/body/shortName', 'a PATCH field');
  const plan = { issuerUnitId: unit.id, year: 2021, title: 'Kế hoạch', objectives: ['Một', 'Hai\u0000ba'] };
  refused(await json('POST', '/api/v1/plans', plan), '/body/objectives/1', 'an item of a nested array');
  refused(await json('POST', '/api/v1/plans', { ...plan, objectives: [], signer: { name: 'A', title: 'B\u0000' } }), '/body/signer/title', 'a nested object');

  refused(await ctx.request({ url: '/api/v1/units?q=a%00b' }), '/query/q', 'q');
  refused(await ctx.request({ url: '/api/v1/audit?entityType=unit%00' }), '/query/entityType', 'another text query parameter');
  refused(await ctx.request({ url: '/api/v1/units?cursor=%00' }), '/query/cursor', 'a cursor');
  refused(await ctx.request({ url: '/api/v1/units/%00' }), '/path/unitId', 'a path parameter');

  const draft = await json('POST', '/api/v1/plans', { issuerUnitId: unit.id, year: 2021, title: 'Kế hoạch có phụ lục' });
  t.equal(draft.statusCode, 201);
  const csv = 'content,forms,lead,duePeriod\r\nĐăng tin\u0000,website_post,NUL2,2021-03\r\n';
  const upload = await ctx.request({ method: 'POST', url: `/api/v1/plans/${draft.json().id}/tasks`, payload: csv, headers: { 'content-type': 'text/csv' } });
  refused(upload, '/body', 'a CSV body');
});
