// Plan input: strict bodies (400 with pointers), references that name nothing (422), and a plan
// created with its tasks as one transaction: any invalid task and nothing at all is stored.
import t, { type Test } from 'tap';
import type { Plan } from '../../../src/modules/plans/plans.schemas.js';
import { assertProblem, setupApp } from '../../helpers/app.js';

const ctx = await setupApp(t);
const PLANS = '/api/v1/plans';
const MISSING = '00000000-0000-4000-8000-000000000000';

const addUnit = ctx.addUnit;

const department = await addUnit({ code: 'SGDDT', name: 'Sở Giáo dục và Đào tạo', kind: 'department', documentAbbreviation: 'SGDĐT' });
const personnel = await addUnit({ code: 'TCCB', name: 'Phòng Tổ chức cán bộ', kind: 'division', parentId: department.id });
const YEAR = 2030; // every plan this file tries to make is of this year, so the list shows what was stored
const base = { issuerUnitId: department.id, year: YEAR, title: 'Kế hoạch tuyên truyền CCHC' };
const create = (payload: unknown) => ctx.request({ method: 'POST', url: PLANS, payload: payload as object });

async function storedPlans(): Promise<Plan[]> {
  const res = await ctx.request({ url: `${PLANS}?year=${YEAR}` });
  if (res.statusCode !== 200) throw new Error(res.body);
  return res.json().items;
}
const storedTaskCount = async () => (await ctx.db.selectFrom('tasks').select('id').execute()).length;

/** Sends the body, expects the status with exactly these pointers, and that nothing was stored. */
async function refused(t: Test, payload: unknown, status: 400 | 422, pointers: string[]) {
  const problem = assertProblem(t, await create(payload), status);
  t.same(problem.errors?.map((e) => e.pointer).sort(), [...pointers].sort(), `pointers ${pointers.join(', ')}`);
  t.same(await storedPlans(), [], 'no plan was stored');
  t.equal(await storedTaskCount(), 0, 'no task was stored');
  return problem;
}

t.test('schema errors are 400s pointing at the field, with no coercion', async (t) => {
  await refused(t, { ...base, colour: 'red' }, 400, ['/body/colour']);
  await refused(t, { ...base, year: '2030' }, 400, ['/body/year']);
  await refused(t, { ...base, year: 2030.5 }, 400, ['/body/year']);
  await refused(t, { ...base, year: 1999 }, 400, ['/body/year']);
  await refused(t, { ...base, year: 2101 }, 400, ['/body/year']);
  await refused(t, { ...base, title: null }, 400, ['/body/title']);
  await refused(t, { ...base, title: '   ' }, 400, ['/body/title']);
  await refused(t, { issuerUnitId: department.id, year: YEAR }, 400, ['/body/title']);
  await refused(t, { ...base, documentType: 'QD' }, 400, ['/body/documentType']);
  await refused(t, { ...base, issuerUnitId: 'SGDDT' }, 400, ['/body/issuerUnitId']);
  const signer = assertProblem(t, await create({ ...base, signer: { name: 'Châu Tuấn Hồng' } }), 400);
  t.ok(signer.errors?.some((e) => e.pointer === '/body/signer/title' && e.message === 'is required'), 'a signer needs a title');
  t.same(await storedPlans(), []);
  await refused(t, { ...base, legalBases: [{ number: '19/KH-UBND', date: '2021-02-30' }] }, 400, ['/body/legalBases/0/date']);
  await refused(t, { ...base, recipients: [{ unitId: personnel.id }] }, 400, ['/body/recipients/0/text']);
  await refused(t, { ...base, obligations: [{ kind: 'publish', group: 'everyone', description: 'x' }] }, 400, ['/body/obligations/0/group']);
  await refused(t, { ...base, forms: [{ form: 'poster' }] }, 400, ['/body/forms/0/form']);
  const problem = await refused(t, { ...base, objectives: 'một mục tiêu' }, 400, ['/body/objectives']);
  t.match(problem.errors?.[0]?.message, /array/);
  const both = await refused(t, { ...base, obligations: [{ kind: 'publish', unitId: personnel.id, group: 'affiliated', description: 'Cả hai' }] }, 400, ['/body/obligations/0']);
  t.match(both.errors?.[0]?.message, /exactly one of unitId and group/);
  await refused(t, { ...base, obligations: [{ kind: 'publish', forms: ['website_post'], description: 'Không ai' }] }, 400, ['/body/obligations/0']);
});

t.test('references that name nothing are 422s pointing at them', async (t) => {
  await refused(t, { ...base, issuerUnitId: MISSING }, 422, ['/body/issuerUnitId']);
  await refused(t, { ...base, parentPlanId: MISSING }, 422, ['/body/parentPlanId']);
  await refused(t, { ...base, legalBases: [{ number: '19/KH-UBND' }, { number: '49/KH-SGDĐT', planId: MISSING }] }, 422, ['/body/legalBases/1/planId']);
  await refused(t, { ...base, recipients: [{ text: 'Sở Nội vụ', unitId: MISSING }] }, 422, ['/body/recipients/0/unitId']);
  await refused(t, { ...base, obligations: [{ kind: 'report', unitId: MISSING, description: 'Báo cáo 6 tháng' }] }, 422, ['/body/obligations/0/unitId']);
  await refused(t, { ...base, issuerUnitId: MISSING, parentPlanId: MISSING }, 422, ['/body/issuerUnitId', '/body/parentPlanId']);
});

const lead = { role: 'lead', unitId: personnel.id };
const task = (n: number, extra: Record<string, unknown> = {}) => ({
  content: `Nhiệm vụ tuyên truyền số ${n}`,
  forms: ['website_post'],
  assignees: [lead, { role: 'coordinator', group: 'affiliated' }],
  duePeriod: `${YEAR}-0${n}`,
  ...extra,
});
const withTask3 = (extra: Record<string, unknown>) => ({ ...base, tasks: [1, 2, 3, 4, 5].map((n) => task(n, n === 4 ? extra : {})) });

t.test('a plan with its tasks is one transaction: a bad task 3 stores nothing', async (t) => {
  const notReal = await refused(t, withTask3({ duePeriod: `${YEAR}-02-30/${YEAR}-03-10` }), 422, ['/body/tasks/3/duePeriod']);
  t.match(notReal.errors?.[0]?.message, /must be a period: a year \(2021\), half \(2021-H1\), quarter \(2021-Q2\), month \(2021-03\) or date range \(2021-03-01\/2021-04-15\)/, 'the five forms');
  await refused(t, withTask3({ duePeriod: `${YEAR}-03-10/${YEAR}-03-01` }), 422, ['/body/tasks/3/duePeriod']);
  await refused(t, withTask3({ assignees: [{ role: 'lead', unitId: MISSING }] }), 422, ['/body/tasks/3/assignees/0/unitId']);
  const noLead = await refused(t, withTask3({ assignees: [{ role: 'coordinator', unitId: personnel.id }] }), 422, ['/body/tasks/3/assignees']);
  t.match(noLead.errors?.[0]?.message, /lead/);
  await refused(t, withTask3({ assignees: [{ role: 'lead', unitId: personnel.id, group: 'divisions' }] }), 400, ['/body/tasks/3/assignees/0']);
  await refused(t, withTask3({ duePeriod: `${YEAR}-13` }), 400, ['/body/tasks/3/duePeriod']);
  await refused(t, withTask3({ forms: [] }), 400, ['/body/tasks/3/forms']);
  await refused(t, withTask3({ assignees: [] }), 400, ['/body/tasks/3/assignees']);
  await refused(t, withTask3({ unknown: true }), 400, ['/body/tasks/3/unknown']);
});

t.test('every bad task is reported at once', async (t) => {
  const tasks = [task(1), task(2, { duePeriod: `${YEAR}-02-29/${YEAR}-03-01` }), task(3), task(4, { assignees: [{ role: 'coordinator', group: 'divisions' }] }), task(5)];
  await refused(t, { ...base, tasks }, 422, ['/body/tasks/1/duePeriod', '/body/tasks/3/assignees']);
});

t.test('the same five tasks, all valid, make the plan and its appendix in order', async (t) => {
  const res = await create(withTask3({}));
  t.equal(res.statusCode, 201, res.body);
  const plan = res.json();
  t.same(plan.tasks.map((x: { ordinal: number }) => x.ordinal), [1, 2, 3, 4, 5]);
  t.same(plan.tasks.map((x: { duePeriod: string }) => x.duePeriod), [1, 2, 3, 4, 5].map((n) => `${YEAR}-0${n}`));
  t.same((await storedPlans()).map((p) => p.id), [plan.id]);
  t.equal(await storedTaskCount(), 5);
});

t.test('PATCH input: strict body, and references checked like on create', async (t) => {
  const plan = (await storedPlans())[0]!;
  const patch = (payload: object) => ctx.request({ method: 'PATCH', url: `${PLANS}/${plan.id}`, payload, headers: { 'if-match': '"1"' } });
  const pointers = (p: { errors?: Array<{ pointer: string }> }) => p.errors?.map((e) => e.pointer);
  t.same(pointers(assertProblem(t, await patch({}), 400)), ['/body']);
  t.same(pointers(assertProblem(t, await patch({ tasks: [] }), 400)), ['/body/tasks'], 'tasks are not changed through PATCH');
  t.same(pointers(assertProblem(t, await patch({ year: '2031' }), 400)), ['/body/year']);
  t.same(pointers(assertProblem(t, await patch({ parentPlanId: plan.id }), 422)), ['/body/parentPlanId'], 'a plan is not its own parent');
  t.same(pointers(assertProblem(t, await patch({ issuerUnitId: MISSING }), 422)), ['/body/issuerUnitId']);
  t.same(pointers(assertProblem(t, await patch({ obligations: [{ kind: 'report', description: 'Không ai' }] }), 400)), ['/body/obligations/0']);
  const after = await ctx.request({ url: `${PLANS}/${plan.id}` });
  t.equal(after.headers.etag, '"1"', 'no refused PATCH changed the version');
  t.same(after.json().parentPlanId, null);
});

t.test('parent plans form no cycle', async (t) => {
  const a = (await create({ ...base, year: 2031, title: 'Kế hoạch A' })).json();
  const b = (await create({ ...base, year: 2031, title: 'Kế hoạch B', parentPlanId: a.id })).json();
  const res = await ctx.request({ method: 'PATCH', url: `${PLANS}/${a.id}`, payload: { parentPlanId: b.id }, headers: { 'if-match': '"1"' } });
  const problem = assertProblem(t, res, 422);
  t.same(problem.errors?.map((e) => e.pointer), ['/body/parentPlanId']);
  t.equal((await ctx.request({ url: `${PLANS}/${a.id}` })).json().parentPlanId, null);
});

t.test('a body that is not JSON, or not UTF-8, is a 400; another media type a 415', async (t) => {
  assertProblem(t, await ctx.request({ method: 'POST', url: PLANS, payload: '{"year": 20', headers: { 'content-type': 'application/json' } }), 400);
  assertProblem(t, await ctx.request({ method: 'POST', url: PLANS, payload: Buffer.from([0x7b, 0x22, 0xff, 0x22, 0x7d]), headers: { 'content-type': 'application/json' } }), 400);
  assertProblem(t, await ctx.request({ method: 'POST', url: PLANS, payload: 'year=2030', headers: { 'content-type': 'application/x-www-form-urlencoded' } }), 415);
  t.equal((await storedPlans()).length, 1);
});
