// Plans list: newest year first then by id, cursor paging without repeats or skips, the filters
// (year, issuer, status, document type, parent plan) and search without case or diacritics.
import t from 'tap';
import type { Plan } from '../../../src/modules/plans/plans.schemas.js';
import { assertProblem, setupApp } from '../../helpers/app.js';

const ctx = await setupApp(t);
const PLANS = '/api/v1/plans';

const addUnit = ctx.addUnit;

async function addPlan(body: Record<string, unknown>): Promise<Plan> {
  const res = await ctx.request({ method: 'POST', url: PLANS, payload: body });
  if (res.statusCode !== 201) throw new Error(`could not add plan ${String(body.title)}: ${res.body}`);
  return res.json();
}

async function act(id: string, verb: 'issue' | 'cancel', payload: object): Promise<Plan> {
  const res = await ctx.request({ method: 'POST', url: `${PLANS}/${id}/${verb}`, payload });
  if (res.statusCode !== 200) throw new Error(`${verb} ${id}: ${res.body}`);
  return res.json();
}

async function list(query: string): Promise<{ items: Plan[]; nextCursor: string | null }> {
  const res = await ctx.request({ url: `${PLANS}?${query}` });
  if (res.statusCode !== 200) throw new Error(`GET ${PLANS}?${query}: ${res.statusCode} ${res.body}`);
  return res.json();
}
const idsOf = async (query: string) => (await list(query)).items.map((p) => p.id);
const sorted = (ids: string[]) => [...ids].sort();

const department = await addUnit({ code: 'SGDDT', name: 'Sở Giáo dục và Đào tạo', kind: 'department', documentAbbreviation: 'SGDĐT' });
const school = await addUnit({ code: 'THPT-HD', name: 'Trường THPT Hoàng Diệu', kind: 'affiliated', parentId: department.id });

// Twelve plans over four years, two issuers; made out of year order so that order is the server's.
const made: Plan[] = [];
const YEARS = [2020, 2022, 2019, 2021];
for (let i = 0; i < 12; i++) {
  const year = YEARS[i % 4]!;
  const issuer = i % 3 === 0 ? school : department;
  const title = i % 2 === 0 ? `Tuyên truyền cải cách hành chính năm ${year} (${i})` : `Kiểm tra công tác đào tạo năm ${year} (${i})`;
  made.push(await addPlan({ issuerUnitId: issuer.id, year, title, documentType: i === 5 ? 'QĐ' : 'KH' }));
}
const parent = made[3]!; // 2021, the school's
const children = [
  await addPlan({ issuerUnitId: school.id, year: 2021, title: 'Kế hoạch của trường năm 2021', parentPlanId: parent.id }),
  await addPlan({ issuerUnitId: school.id, year: 2021, title: 'Kế hoạch bổ sung của trường', parentPlanId: parent.id }),
];
const all = [...made, ...children];
const issued = await act(made[1]!.id, 'issue', { issuedOn: '2022-02-10' });
const cancelled = await act(made[2]!.id, 'cancel', { reason: 'Thay thế bởi kế hoạch khác.' });
const expectedOrder = [...all].sort((a, b) => b.year - a.year || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)).map((p) => p.id);

t.test('paging with limit=5 walks every plan once: year descending, then id', async (t) => {
  const seen: string[] = [];
  const sizes: number[] = [];
  let cursor: string | null = null;
  do {
    const page: Awaited<ReturnType<typeof list>> = await list(`limit=5${cursor ? `&cursor=${cursor}` : ''}`);
    sizes.push(page.items.length);
    seen.push(...page.items.map((p) => p.id));
    cursor = page.nextCursor;
  } while (cursor && sizes.length < 10);
  t.same(sizes, [5, 5, 4], 'three pages; the last has no nextCursor');
  t.equal(new Set(seen).size, seen.length, 'no plan repeated');
  t.same(seen, expectedOrder, 'every plan, none skipped, year desc then id');
  const years = seen.map((id) => all.find((p) => p.id === id)!.year);
  t.same(years, [...years].sort((a, b) => b - a), 'years never go up');

  const whole = await list('limit=200');
  t.same(whole.items.map((p) => p.id), expectedOrder, 'one big page has the same order');
  t.equal(whole.nextCursor, null);
  t.notOk('tasks' in whole.items[0]!, 'list items carry no tasks');

  // Paging inside a filter: 2021 has five plans.
  const first = await list('year=2021&limit=3');
  t.equal(first.items.length, 3);
  t.type(first.nextCursor, 'string');
  const second = await list(`year=2021&limit=3&cursor=${first.nextCursor}`);
  t.equal(second.items.length, 2);
  t.equal(second.nextCursor, null);
  t.same([...first.items, ...second.items].map((p) => p.id), expectedOrder.filter((id) => all.find((p) => p.id === id)!.year === 2021));
});

t.test('filters: year, issuerUnitId, status, documentType, parentPlanId, and combined', async (t) => {
  const where = (f: (p: Plan) => boolean) => sorted(all.filter(f).map((p) => p.id));
  t.same(sorted(await idsOf('year=2021')), where((p) => p.year === 2021));
  t.equal((await idsOf('year=2021')).length, 5);
  t.same(sorted(await idsOf(`issuerUnitId=${school.id}`)), where((p) => p.issuerUnitId === school.id));
  t.equal((await idsOf(`issuerUnitId=${school.id}`)).length, 6);
  t.same(await idsOf('status=issued'), [issued.id]);
  t.same(await idsOf('status=cancelled'), [cancelled.id]);
  t.equal((await idsOf('status=draft')).length, all.length - 2);
  t.same(await idsOf('status=closed'), []);
  t.same(await idsOf(`documentType=${encodeURIComponent('QĐ')}`), [made[5]!.id]);
  t.equal((await idsOf('documentType=KH')).length, all.length - 1);
  t.same(sorted(await idsOf(`parentPlanId=${parent.id}`)), sorted(children.map((p) => p.id)));
  t.same(sorted(await idsOf(`year=2021&issuerUnitId=${school.id}`)), where((p) => p.year === 2021 && p.issuerUnitId === school.id));
  t.same(await idsOf('year=2030'), [], 'a year without plans is an empty page');
});

t.test('q ignores case and diacritics, and finds the number of an issued plan', async (t) => {
  const tuyenTruyen = sorted(made.filter((p) => p.title.startsWith('Tuyên truyền')).map((p) => p.id));
  t.equal(tuyenTruyen.length, 6);
  t.same(sorted(await idsOf('q=tuyen%20truyen')), tuyenTruyen, 'tuyen truyen finds Tuyên truyền');
  t.same(sorted(await idsOf(`q=${encodeURIComponent('TUYÊN TRUYỀN')}`)), tuyenTruyen, 'upper case with diacritics');
  t.same(sorted(await idsOf(`q=${encodeURIComponent('Tuyên truyền'.normalize('NFD'))}`)), tuyenTruyen, 'decomposed query');
  t.same(sorted(await idsOf('q=dao%20tao')), sorted(made.filter((p) => p.title.includes('đào tạo')).map((p) => p.id)), 'd finds đ');
  t.same(sorted(await idsOf('q=cai%20cach%20hanh%20chinh%20nam%202019')), sorted(made.filter((p) => p.title.startsWith('Tuyên truyền cải cách hành chính năm 2019')).map((p) => p.id)));
  t.same(await idsOf('q=khong%20co%20gi'), []);
  t.same(await idsOf(`q=${encodeURIComponent(issued.number!)}`), [issued.id], `the number ${issued.number} is searchable`);
  t.equal(issued.number, '01/KH-SGDĐT');
  t.same(sorted(await idsOf('q=tuyen%20truyen&year=2022')), sorted(made.filter((p) => p.year === 2022 && p.title.startsWith('Tuyên')).map((p) => p.id)));
});

t.test('q takes % and _ literally', async (t) => {
  const percent = await addPlan({ issuerUnitId: school.id, year: 2018, title: 'Giảm 50% thủ tục hành chính' });
  await addPlan({ issuerUnitId: school.id, year: 2018, title: 'Giảm 50 thủ tục hành chính' });
  const underscore = await addPlan({ issuerUnitId: school.id, year: 2018, title: 'Mã KH_2018 nội bộ' });
  await addPlan({ issuerUnitId: school.id, year: 2018, title: 'Mã KHX2018 nội bộ' });
  t.same(await idsOf('q=50%25'), [percent.id]);
  t.same(await idsOf('q=kh_2018'), [underscore.id]);
  t.equal((await idsOf('q=giam%2050')).length, 2, 'both are found without the %');
});

t.test('a changed title is found by its new words only', async (t) => {
  const plan = made[7]!;
  const current = await ctx.request({ url: `${PLANS}/${plan.id}` });
  const res = await ctx.request({ method: 'PATCH', url: `${PLANS}/${plan.id}`, payload: { title: 'Hội thi trực tuyến về CCHC' }, headers: { 'if-match': current.headers.etag as string } });
  t.equal(res.statusCode, 200, res.body);
  t.same(await idsOf('q=hoi%20thi'), [plan.id]);
  t.notOk((await idsOf(`q=${encodeURIComponent(`(${7})`)}`)).includes(plan.id), 'the old title is forgotten');
});

t.test('bad list queries are 400s pointing at the parameter', async (t) => {
  const cases: Array<[string, string]> = [
    ['unknown=1', '/query/unknown'],
    ['limit=0', '/query/limit'],
    ['limit=201', '/query/limit'],
    ['year=1999', '/query/year'],
    ['year=abc', '/query/year'],
    ['status=open', '/query/status'],
    ['documentType=QD', '/query/documentType'],
    ['issuerUnitId=nope', '/query/issuerUnitId'],
    ['cursor=bm90LWEtY3Vyc29y', '/query/cursor'],
    ['q=', '/query/q'],
    ['q=%20%20', '/query/q'],
  ];
  for (const [query, pointer] of cases) {
    const problem = assertProblem(t, await ctx.request({ url: `${PLANS}?${query}` }), 400, query);
    t.ok(problem.errors?.some((e) => e.pointer === pointer), `${query} → ${pointer}`);
  }
});

t.test('issuerUnitCode names the issuer by code (issue 7, item 1)', async (t) => {
  t.same(sorted(await idsOf('issuerUnitCode=THPT-HD')), sorted(await idsOf(`issuerUnitId=${school.id}`)));
  t.same(sorted(await idsOf('issuerUnitCode=SGDDT&year=2021')), sorted(await idsOf(`issuerUnitId=${department.id}&year=2021`)));
  const unknown = assertProblem(t, await ctx.request({ url: `${PLANS}?issuerUnitCode=SGD` }), 400, 'a code that names no unit');
  t.same(unknown.errors?.map((e) => e.pointer), ['/query/issuerUnitCode']);
  const both = assertProblem(t, await ctx.request({ url: `${PLANS}?issuerUnitCode=SGDDT&issuerUnitId=${department.id}` }), 400, 'both');
  t.same(both.errors?.map((e) => e.pointer), ['/query/issuerUnitCode']);
  assertProblem(t, await ctx.request({ url: `${PLANS}?issuerUnitCode=sgddt` }), 400, 'codes are upper case');
});

t.test('each plan comes with its task count and its tasks by progress (issue 7, item 8)', async (t) => {
  const task = (n: number) => ({ content: `Nhiệm vụ ${n}`, forms: ['website_post'], assignees: [{ role: 'lead', unitId: school.id }], duePeriod: '2017-03' });
  const counted = await addPlan({ issuerUnitId: department.id, year: 2017, title: 'Kế hoạch có năm nhiệm vụ', tasks: [1, 2, 3, 4, 5].map(task) });
  await addPlan({ issuerUnitId: department.id, year: 2017, title: 'Kế hoạch không có nhiệm vụ' });
  await act(counted.id, 'issue', { issuedOn: '2017-02-01' });
  const tasks = (await ctx.request({ url: `${PLANS}/${counted.id}` })).json().tasks as Array<{ id: string }>;
  const progress = (i: number, payload: object) =>
    ctx.request({ method: 'PATCH', url: `${PLANS}/${counted.id}/tasks/${tasks[i]!.id}`, payload, headers: { 'if-match': '*' } });
  await progress(0, { progress: 'done', completedOn: '2017-03-10' });
  await progress(1, { progress: 'done', completedOn: '2017-03-20' });
  await progress(2, { progress: 'in_progress' });
  await progress(3, { progress: 'cancelled', cancelReason: 'Gộp vào nhiệm vụ 1' });

  const page = (await list('year=2017')).items;
  t.same(Object.fromEntries(page.map((p) => [p.title, [p.taskCount, p.tasksByProgress]])), {
    'Kế hoạch có năm nhiệm vụ': [5, { not_started: 1, in_progress: 1, done: 2, cancelled: 1 }],
    'Kế hoạch không có nhiệm vụ': [0, { not_started: 0, in_progress: 0, done: 0, cancelled: 0 }],
  });
  t.ok((await list('limit=200')).items.every((p) => p.taskCount === Object.values(p.tasksByProgress).reduce((n, c) => n + c, 0)), 'on every page, the count is the sum');

  const detail = (await ctx.request({ url: `${PLANS}/${counted.id}` })).json();
  t.match(detail, { taskCount: 5, tasksByProgress: { not_started: 1, in_progress: 1, done: 2, cancelled: 1 } }, 'the plan read alone');
  const closed = await ctx.request({ method: 'POST', url: `${PLANS}/${counted.id}/close` });
  t.match(closed.json(), { status: 'closed', taskCount: 5, tasksByProgress: { done: 2 } }, 'and the plan an action answers with');
  const audit = (await ctx.request({ url: `/api/v1/audit?entityId=${counted.id}&action=close` })).json().items;
  t.match(audit, [{ before: { status: 'issued', taskCount: 5 }, after: { status: 'closed', taskCount: 5 } }]);
});
