// Task input the service refuses, each problem pointed at; and the due-period forms it accepts,
// with the dates they cover.
import t from 'tap';
import { CLI_ACTOR } from '../../../src/domain/actor.js';
import { seedDemoUnits } from '../../../src/modules/units/units.demo.js';
import { assertProblem, setupApp } from '../../helpers/app.js';

const ctx = await setupApp(t);
await seedDemoUnits(ctx.db, CLI_ACTOR);
const unit = Object.fromEntries((await ctx.db.selectFrom('units').select(['code', 'id']).execute()).map((u) => [u.code, u.id]));
const MISSING = '00000000-0000-4000-8000-000000000000';

const created = await ctx.request({ method: 'POST', url: '/api/v1/plans', payload: { issuerUnitId: unit.SGDDT, year: 2021, title: 'Kế hoạch kiểm tra dữ liệu' } });
if (created.statusCode !== 201) throw new Error(`plan: ${created.body}`);
const planId: string = created.json().id;
const url = `/api/v1/plans/${planId}/tasks`;
const body = (extra: Record<string, unknown> = {}) => ({
  content: 'Tuyên truyền cải cách hành chính',
  forms: ['website_post'],
  assignees: [{ role: 'lead', unitId: unit.TCCB }],
  duePeriod: '2021-03',
  ...extra,
});
const add = (payload: object) => ctx.request({ method: 'POST', url, payload });
const taskCount = async () => Number((await ctx.db.selectFrom('tasks').select((eb) => eb.fn.countAll().as('n')).where('planId', '=', planId).executeTakeFirstOrThrow()).n);
const pointers = (problem: { errors?: Array<{ pointer: string }> }) => (problem.errors ?? []).map((e) => e.pointer);

t.test('schema errors are 400 and name the field', async (t) => {
  const cases: Array<[string, Record<string, unknown>, string]> = [
    ['forms empty', { forms: [] }, '/body/forms'],
    ['an unknown form', { forms: ['newspaper'] }, '/body/forms/0'],
    ['a repeated form', { forms: ['video', 'video'] }, '/body/forms'],
    ['empty content', { content: '' }, '/body/content'],
    ['blank content', { content: '   ' }, '/body/content'],
    ['no assignees', { assignees: [] }, '/body/assignees'],
    ['an unknown group', { assignees: [{ role: 'lead', group: 'schools' }] }, '/body/assignees/0/group'],
    ['an unknown role', { assignees: [{ role: 'owner', unitId: unit.TCCB }] }, '/body/assignees/0/role'],
    ['a unitId that is not a uuid', { assignees: [{ role: 'lead', unitId: 'TCCB' }] }, '/body/assignees/0/unitId'],
    ['an unknown property', { priority: 1 }, '/body/priority'],
    ['a target count given as text', { target: { count: '2', unit: 'bài' } }, '/body/target/count'],
    ['a target of zero', { target: { count: 0, unit: 'bài' } }, '/body/target/count'],
    ['progress on create', { progress: 'done' }, '/body/progress'],
  ];
  for (const [what, extra, pointer] of cases) {
    const problem = assertProblem(t, await add(body(extra)), 400, what);
    t.ok(pointers(problem).includes(pointer), `${what} points at ${pointer} (got ${pointers(problem).join(', ')})`);
  }
  const missing = assertProblem(t, await add({ forms: ['video'] }), 400);
  t.ok(['/body/content', '/body/assignees', '/body/duePeriod'].every((p) => pointers(missing).includes(p)), 'every missing field is named');
  t.equal(await taskCount(), 0, 'nothing stored');
});

t.test('assignees: exactly one of unitId and group (400, the schema), at least one lead, units that exist (422)', async (t) => {
  const both = assertProblem(t, await add(body({ assignees: [{ role: 'lead', unitId: unit.TCCB, group: 'divisions' }] })), 400);
  t.same(pointers(both), ['/body/assignees/0']);
  const neitherFirst = assertProblem(t, await add(body({ assignees: [{ role: 'lead' }] })), 400);
  t.same(pointers(neitherFirst), ['/body/assignees/0']);
  t.match(neitherFirst.errors?.[0]?.message, /exactly one of unitId and group/);
  const neither = assertProblem(t, await add(body({ assignees: [{ role: 'lead', unitId: unit.TCCB }, { role: 'coordinator' }] })), 400);
  t.same(pointers(neither), ['/body/assignees/1']);
  const noLead = assertProblem(t, await add(body({ assignees: [{ role: 'coordinator', unitId: unit.CNTT }] })), 422);
  t.same(pointers(noLead), ['/body/assignees']);
  t.match(noLead.errors?.[0]?.message, /lead/);
  const ghost = assertProblem(t, await add(body({ assignees: [{ role: 'lead', unitId: unit.TCCB }, { role: 'coordinator', unitId: MISSING }] })), 422);
  t.same(pointers(ghost), ['/body/assignees/1/unitId']);
  t.match(ghost.errors?.[0]?.message, /names no unit/);
  const several = assertProblem(t, await add(body({ duePeriod: '2021-04-15/2021-03-01', assignees: [{ role: 'coordinator', unitId: MISSING }] })), 422);
  t.same(pointers(several).sort(), ['/body/assignees', '/body/assignees/0/unitId', '/body/duePeriod'], 'every problem at once');
  t.equal(await taskCount(), 0, 'nothing stored');
});

t.test('due periods: each form and the dates it covers', async (t) => {
  const accepted: Array<[string, string, string]> = [
    ['2021', '2021-01-01', '2021-12-31'],
    ['2021-H1', '2021-01-01', '2021-06-30'],
    ['2021-H2', '2021-07-01', '2021-12-31'],
    ['2021-Q1', '2021-01-01', '2021-03-31'],
    ['2021-Q2', '2021-04-01', '2021-06-30'],
    ['2021-Q4', '2021-10-01', '2021-12-31'],
    ['2021-03', '2021-03-01', '2021-03-31'],
    ['2021-04', '2021-04-01', '2021-04-30'],
    ['2021-02', '2021-02-01', '2021-02-28'],
    ['2024-02', '2024-02-01', '2024-02-29'],
    ['2021-12', '2021-12-01', '2021-12-31'],
    ['2021-03-01/2021-04-15', '2021-03-01', '2021-04-15'],
    ['2021-05-05/2021-05-05', '2021-05-05', '2021-05-05'],
    ['2020-12-15/2021-01-14', '2020-12-15', '2021-01-14'],
  ];
  for (const [duePeriod, dueFrom, dueTo] of accepted) {
    const res = await add(body({ duePeriod }));
    t.equal(res.statusCode, 201, `${duePeriod} is accepted`);
    t.match(res.json(), { duePeriod, dueFrom, dueTo }, `${duePeriod} covers ${dueFrom}..${dueTo}`);
  }
  const before = await taskCount();
  for (const duePeriod of ['2021-13', '2021-00', '2021-Q5', '2021-Q0', '2021-H3', '21-03', '2021-3', '2021/03', 'March 2021', '2021-03-01', '2021-03-01/', '']) {
    const problem = assertProblem(t, await add(body({ duePeriod })), 400, `${JSON.stringify(duePeriod)} is malformed`);
    t.same(pointers(problem), ['/body/duePeriod']);
  }
  for (const duePeriod of ['2021-04-15/2021-03-01', '2021-02-30/2021-03-01', '2021-02-01/2021-02-29', '2021-13-01/2021-13-05']) {
    const problem = assertProblem(t, await add(body({ duePeriod })), 422, `${duePeriod} is no real period`);
    t.same(pointers(problem), ['/body/duePeriod']);
  }
  t.equal(await taskCount(), before, 'nothing stored by the refused periods');

  const [task] = (await ctx.request({ url: `${url}?limit=1` })).json().items;
  const bad = assertProblem(t, await ctx.request({ method: 'PATCH', url: `${url}/${task.id}`, payload: { duePeriod: '2021-06-30/2021-06-01' }, headers: { 'if-match': '"1"' } }), 422);
  t.same(pointers(bad), ['/body/duePeriod'], 'PATCH checks the period too');
  const noLead = assertProblem(t, await ctx.request({ method: 'PATCH', url: `${url}/${task.id}`, payload: { assignees: [{ role: 'coordinator', group: 'affiliated' }] }, headers: { 'if-match': '"1"' } }), 422);
  t.same(pointers(noLead), ['/body/assignees'], 'PATCH needs a lead too');
  t.equal((await ctx.request({ url: `${url}/${task.id}` })).json().version, 1, 'refused patches change nothing');
});

t.test('bodies: NFC stored, JSON only, strict types', async (t) => {
  const nfd = 'Tuyên truyền cải cách hành chính'.normalize('NFD');
  const res = await add(body({ content: nfd, formNote: 'Đăng bài'.normalize('NFD') }));
  t.equal(res.statusCode, 201);
  t.equal(res.json().content, 'Tuyên truyền cải cách hành chính'.normalize('NFC'), 'content is stored NFC');
  t.equal(res.json().formNote, 'Đăng bài'.normalize('NFC'));
  t.not(res.json().content, nfd);
  assertProblem(t, await ctx.request({ method: 'POST', url, payload: '<task/>', headers: { 'content-type': 'application/xml' } }), 415);
  assertProblem(t, await ctx.request({ method: 'POST', url, payload: '{"content": ', headers: { 'content-type': 'application/json' } }), 400);
  assertProblem(t, await add(body({ content: null })), 400, 'null is not a string');
});

// Issue 7, items 5 and 6: every period error lists the five forms; every date error says YYYY-MM-DD;
// a period is 2000–2100 wherever one is taken, refused up front (400) before the database sees it.
const FORMS_LISTED = 'has the wrong format (for example "2021", "2021-H1", "2021-Q2", "2021-03" or "2021-03-01/2021-04-15")';
const errorsOf = (problem: { errors?: Array<{ pointer?: string; line?: number; column?: string; message: string }> }) => problem.errors ?? [];

t.test('a malformed duePeriod is told the five forms, in a body and in a query', async (t) => {
  for (const duePeriod of ['2021-13', 'Tháng 3/2021', '2021-3', '1999', '2101-Q1', '0000-01-01/9999-12-31']) {
    t.same(errorsOf(assertProblem(t, await add(body({ duePeriod })), 400, `create ${duePeriod}`)), [{ pointer: '/body/duePeriod', message: FORMS_LISTED }]);
  }
  const task = await add(body());
  const patched = await ctx.request({ method: 'PATCH', url: `${url}/${task.json().id}`, payload: { duePeriod: '2021-Q5' }, headers: { 'if-match': '*' } });
  t.same(errorsOf(assertProblem(t, patched, 400, 'patch')), [{ pointer: '/body/duePeriod', message: FORMS_LISTED }]);
  const query = assertProblem(t, await ctx.request({ url: '/api/v1/tasks?duePeriod=2021-H3' }), 400, 'query');
  t.same(errorsOf(query), [{ pointer: '/query/duePeriod', message: FORMS_LISTED }]);
  const calendar = assertProblem(t, await add(body({ duePeriod: '2021-02-29/2021-03-10' })), 422, 'the right form, but no such day');
  t.match(errorsOf(calendar)[0]?.message, /^must be a period: a year \(2021\), half \(2021-H1\), quarter \(2021-Q2\), month \(2021-03\) or date range \(2021-03-01\/2021-04-15\), in the years 2000–2100/);
  await ctx.request({ method: 'DELETE', url: `${url}/${task.json().id}`, headers: { 'if-match': '*' } });
});

t.test('a period outside 2000–2100 is a 400 up front, not a 422 from the database', async (t) => {
  const before = await taskCount();
  const wide = assertProblem(t, await ctx.request({ url: '/api/v1/tasks?duePeriod=0000-01-01/9999-12-31' }), 400, 'the issue’s example');
  t.same(errorsOf(wide).map((e) => e.pointer), ['/query/duePeriod']);
  t.equal((await ctx.request({ url: '/api/v1/tasks?duePeriod=2000-01-01/2100-12-31' })).statusCode, 200, 'the widest range there is');
  assertProblem(t, await add(body({ duePeriod: '2101' })), 400, 'on write');
  const csv = await ctx.request({ method: 'POST', url, payload: 'content,forms,lead,duePeriod\r\nViệc,video,TCCB,1999-Q4\r\n', headers: { 'content-type': 'text/csv' } });
  const problem = assertProblem(t, csv, 422, 'in a CSV');
  t.match(errorsOf(problem), [{ line: 2, column: 'duePeriod', message: /^must be a period: a year \(2021\).*in the years 2000–2100/ }]);
  t.equal(await taskCount(), before, 'nothing stored');
});

t.test('a date error says how a date is written', async (t) => {
  const asOf = assertProblem(t, await ctx.request({ url: `${url}?asOf=30/06/2021` }), 400);
  t.same(errorsOf(asOf), [{ pointer: '/query/asOf', message: 'must be a real date written YYYY-MM-DD (2021-02-03)' }]);
  const search = assertProblem(t, await ctx.request({ url: '/api/v1/tasks?asOf=2021-02-30' }), 400);
  t.same(errorsOf(search), [{ pointer: '/query/asOf', message: 'must be a real date written YYYY-MM-DD (2021-02-03)' }]);
});
