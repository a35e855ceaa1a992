// Units list: cursor paging in code order, the filters (kind, parentId, active, group), search
// without case or diacritics, and NFC storage of text that arrives decomposed.
import t from 'tap';
import type { Unit } from '../../../src/modules/units/units.schemas.js';
import { assertProblem, setupApp } from '../../helpers/app.js';

const ctx = await setupApp(t);
const UNITS = '/api/v1/units';

const addUnit = ctx.addUnit;

async function list(query: string): Promise<{ items: Unit[]; nextCursor: string | null }> {
  const res = await ctx.request({ url: `${UNITS}?${query}` });
  if (res.statusCode !== 200) throw new Error(`GET ${UNITS}?${query}: ${res.statusCode} ${res.body}`);
  return res.json();
}
const codes = async (query: string) => (await list(query)).items.map((u) => u.code);

const department = await addUnit({ code: 'SGDDT', name: 'Sở Giáo dục và Đào tạo', kind: 'department' });
const division = await addUnit({ code: 'TCCB', name: 'Phòng Tổ chức cán bộ', parentId: department.id });
await addUnit({ code: 'GDTRH', name: 'Phòng Giáo dục Trung học', parentId: department.id });
const closedDivision = await addUnit({ code: 'KHTC', name: 'Phòng Kế hoạch – Tài chính', parentId: department.id });
await addUnit({ code: 'THPT-HD', name: 'Trường THPT Hoàng Diệu', kind: 'affiliated', parentId: department.id });
const closedSchool = await addUnit({ code: 'THPT-CU', name: 'Trường THPT Cũ', kind: 'affiliated', parentId: department.id });
await addUnit({ code: 'SNV', name: 'Sở Nội vụ tỉnh Sóc Trăng', kind: 'external' });
await addUnit({ code: 'PCT50', name: 'Giảm 50% thủ tục', kind: 'external' });
await addUnit({ code: 'PCT5X', name: 'Giảm 50 thủ tục', kind: 'external' });
for (const unit of [closedDivision, closedSchool]) {
  const res = await ctx.request({ method: 'POST', url: `${UNITS}/${unit.id}/deactivate` });
  if (res.statusCode !== 200) throw new Error(res.body);
}

t.test('paging with limit=7 walks every unit once, in code order', async (t) => {
  // Added out of order, so that code order is not the order of insertion.
  const made = Array.from({ length: 25 }, (_, i) => `PG${String(i + 1).padStart(2, '0')}`);
  for (const code of [...made].reverse()) await addUnit({ code, name: `Đơn vị phân trang ${code}`, kind: 'external' });

  const seen: string[] = [];
  const sizes: number[] = [];
  let cursor: string | null = null;
  do {
    const page: Awaited<ReturnType<typeof list>> = await list(`q=phan%20trang&limit=7${cursor ? `&cursor=${cursor}` : ''}`);
    sizes.push(page.items.length);
    seen.push(...page.items.map((u) => u.code));
    cursor = page.nextCursor;
    if (sizes.length > 10) break;
  } while (cursor);
  t.same(sizes, [7, 7, 7, 4], 'four pages; the last has no nextCursor');
  t.same(seen, made, 'every unit once, none skipped, in code order');

  const all = await list('limit=200');
  const allCodes = all.items.map((u) => u.code);
  t.equal(all.nextCursor, null, 'everything fits in one page of 200');
  t.equal(new Set(allCodes).size, allCodes.length, 'no code repeated');
  t.equal(allCodes.length, 34);

  const exact = await list('q=phan%20trang&limit=25');
  t.equal(exact.items.length, 25);
  t.equal(exact.nextCursor, null, 'a page that ends exactly at the end has no nextCursor');
  const first = await list('q=phan%20trang&limit=24');
  t.type(first.nextCursor, 'string');
  t.same((await list(`q=phan%20trang&limit=24&cursor=${first.nextCursor}`)).items.map((u) => u.code), ['PG25']);
  t.equal((await list('limit=50')).items.length, 34, 'default and explicit limits both reach every row here');
  t.equal((await list('')).items.length, 34);
});

t.test('filters: kind, parentId, active', async (t) => {
  t.same(await codes('kind=affiliated'), ['THPT-CU', 'THPT-HD']);
  t.same(await codes('kind=department'), ['SGDDT']);
  t.same(await codes(`parentId=${department.id}`), ['GDTRH', 'KHTC', 'TCCB', 'THPT-CU', 'THPT-HD']);
  t.same(await codes(`parentId=${division.id}`), [], 'a unit with no children');
  t.same(await codes('active=false'), ['KHTC', 'THPT-CU']);
  t.same(await codes('active=false&kind=division'), ['KHTC']);
  t.same(await codes(`active=true&parentId=${department.id}`), ['GDTRH', 'TCCB', 'THPT-HD']);
});

t.test('groups resolve to the active units of their kinds', async (t) => {
  t.same(await codes('group=divisions'), ['GDTRH', 'TCCB']);
  t.same(await codes('group=affiliated'), ['THPT-HD']);
  t.same(await codes('group=all_units'), ['GDTRH', 'TCCB', 'THPT-HD']);
  t.same(await codes('group=all_units&kind=affiliated'), ['THPT-HD'], 'kind narrows a group');
  const inactiveGroup = assertProblem(t, await ctx.request({ url: `${UNITS}?group=all_units&active=false` }), 400, 'a group is always its active units');
  t.same(inactiveGroup.errors?.map((e) => e.pointer), ['/query/active']);
  const res = await ctx.request({ url: `${UNITS}?group=divisions&kind=affiliated` });
  t.equal(res.statusCode, 200, 'a kind outside the group is an empty page, not an error');
  t.same(res.json(), { items: [], nextCursor: null });
});

t.test('search ignores case and diacritics', async (t) => {
  t.same(await codes('q=truong'), ['THPT-CU', 'THPT-HD'], 'truong finds Trường');
  t.same(await codes('q=hoang%20dieu'), ['THPT-HD']);
  t.same(await codes('q=dao%20tao'), ['SGDDT'], 'dao tao finds Đào tạo');
  t.same(await codes(`q=${encodeURIComponent('ĐÀO TẠO')}`), ['SGDDT'], 'ĐÀO TẠO too');
  t.same(await codes(`q=${encodeURIComponent('đào   tạo')}`), ['SGDDT'], 'spaces collapse');
  t.same(await codes('q=tccb'), ['TCCB'], 'the code is searched');
  t.same(await codes('q=soc%20trang'), ['SNV']);
  t.same(await codes('q=nowhere'), []);
  t.same(await codes('q=truong&active=true'), ['THPT-HD'], 'search combines with filters');
});

t.test('% and _ in a query are taken literally', async (t) => {
  t.same(await codes('q=50%25'), ['PCT50'], '50% finds only the name with a percent sign');
  t.same(await codes('q=%25'), ['PCT50'], 'a lone % is no wildcard');
  t.same(await codes('q=_'), [], '_ matches no single character');
  t.same(await codes('q=giam%2050'), ['PCT50', 'PCT5X']);
});

t.test('text that arrives decomposed (NFD) is stored composed (NFC)', async (t) => {
  const nfd = 'Trường Tiểu học Đại Ngãi'.normalize('NFD');
  t.not(nfd, nfd.normalize('NFC'), 'the input really is decomposed');
  const created = await ctx.request({
    method: 'POST',
    url: UNITS,
    payload: JSON.stringify({ code: 'TH-DN', name: nfd, shortName: 'Tiểu học'.normalize('NFD'), kind: 'affiliated' }),
    headers: { 'content-type': 'application/json' },
  });
  t.equal(created.statusCode, 201);
  const unit: Unit = created.json();
  t.equal(unit.name, 'Trường Tiểu học Đại Ngãi'.normalize('NFC'));
  t.equal(unit.shortName, 'Tiểu học'.normalize('NFC'));
  const read = (await ctx.request({ url: `${UNITS}/${unit.id}` })).json();
  t.equal(read.name, 'Trường Tiểu học Đại Ngãi'.normalize('NFC'), 'stored NFC, not just echoed');
  t.same(await codes('q=dai%20ngai'), ['TH-DN'], 'and found by search');
  t.same(await codes(`q=${encodeURIComponent('Ngãi'.normalize('NFD'))}`), ['TH-DN'], 'an NFD query finds it too');

  const patched = await ctx.request({ method: 'PATCH', url: `${UNITS}/${unit.id}`, payload: { name: 'Trường Tiểu học Mỹ Xuyên'.normalize('NFD') }, headers: { 'if-match': '"1"' } });
  t.equal(patched.json().name, 'Trường Tiểu học Mỹ Xuyên'.normalize('NFC'), 'PATCH stores NFC too');
  t.same(await codes('q=my%20xuyen'), ['TH-DN'], 'and the search key follows the new name');
  t.same(await codes('q=dai%20ngai'), [], 'the old name is no longer found');
});
