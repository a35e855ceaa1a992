// Who may do what with plans: admins write, readers and editors read; no key is a 401.
import t, { type Test } from 'tap';
import type { Plan } from '../../../src/modules/plans/plans.schemas.js';
import { assertProblem, setupApp } from '../../helpers/app.js';

const ctx = await setupApp(t);
const PLANS = '/api/v1/plans';

const addUnit = ctx.addUnit;

const department = await addUnit({ code: 'SGDDT', name: 'Sở Giáo dục và Đào tạo', kind: 'department', documentAbbreviation: 'SGDĐT' });
const school = await addUnit({ code: 'THPT-HD', name: 'Trường THPT Hoàng Diệu', kind: 'affiliated', parentId: department.id });
const readerKey = await ctx.keyFor('reader');
const editorKey = await ctx.keyFor('editor', school.id);

async function draft(): Promise<Plan> {
  const res = await ctx.request({ method: 'POST', url: PLANS, payload: { issuerUnitId: department.id, year: 2021, title: 'Kế hoạch tuyên truyền CCHC năm 2021' } });
  if (res.statusCode !== 201) throw new Error(res.body);
  return res.json();
}

const plan = await draft();
const newPlan = { issuerUnitId: school.id, year: 2021, title: 'Kế hoạch của trường', parentPlanId: plan.id };

/** Every write to plans, as a key would send it. */
const writes = (key: string | null) => [
  ['POST /plans', () => ctx.request({ method: 'POST', url: PLANS, payload: newPlan, key })],
  ['PATCH /plans/{id}', () => ctx.request({ method: 'PATCH', url: `${PLANS}/${plan.id}`, payload: { title: 'Đổi tên' }, headers: { 'if-match': '"1"' }, key })],
  ['DELETE /plans/{id}', () => ctx.request({ method: 'DELETE', url: `${PLANS}/${plan.id}`, headers: { 'if-match': '"1"' }, key })],
  ['POST /plans/{id}/issue', () => ctx.request({ method: 'POST', url: `${PLANS}/${plan.id}/issue`, payload: { issuedOn: '2021-02-03' }, key })],
  ['POST /plans/{id}/close', () => ctx.request({ method: 'POST', url: `${PLANS}/${plan.id}/close`, key })],
  ['POST /plans/{id}/cancel', () => ctx.request({ method: 'POST', url: `${PLANS}/${plan.id}/cancel`, payload: { reason: 'Không được phép' }, key })],
] as const;

const reads = (key: string | null) => [
  ['GET /plans', () => ctx.request({ url: PLANS, key })],
  ['GET /plans/{id}', () => ctx.request({ url: `${PLANS}/${plan.id}`, key })],
] as const;

async function unchanged(t: Test) {
  const res = await ctx.request({ url: `${PLANS}/${plan.id}` });
  t.match(res.json(), { status: 'draft', version: 1, title: 'Kế hoạch tuyên truyền CCHC năm 2021' }, 'the plan is as it was');
  const list = await ctx.request({ url: PLANS });
  t.equal(list.json().items.length, 1, 'no plan was added');
}

t.test('a reader reads plans but writes nothing (403)', async (t) => {
  for (const [name, send] of reads(readerKey)) {
    const res = await send();
    t.equal(res.statusCode, 200, `reader may ${name}`);
  }
  t.equal((await reads(readerKey)[1][1]()).json().id, plan.id);
  for (const [name, send] of writes(readerKey)) {
    const problem = assertProblem(t, await send(), 403, `reader may not ${name}`);
    t.match(problem.detail, /admin key/);
  }
  await unchanged(t);
});

t.test('an editor reads plans but cannot create, change or issue them (403)', async (t) => {
  for (const [name, send] of reads(editorKey)) t.equal((await send()).statusCode, 200, `editor may ${name}`);
  for (const [name, send] of writes(editorKey)) assertProblem(t, await send(), 403, `editor may not ${name}`);
  await unchanged(t);
});

t.test('no key, or a key that is not one, is a 401 with WWW-Authenticate', async (t) => {
  for (const [name, send] of [...reads(null), ...writes(null)]) {
    const res = await send();
    assertProblem(t, res, 401, `no key: ${name}`);
    t.match(res.headers['www-authenticate'], /^Bearer/);
  }
  for (const [name, send] of [...reads('not-a-real-key'), ...writes('not-a-real-key')]) {
    const problem = assertProblem(t, await send(), 401, `bad key: ${name}`);
    t.match(problem.detail, /not valid/);
  }
  await unchanged(t);
});

t.test('an admin may do all of it', async (t) => {
  const [create, patch, , issue] = writes(ctx.adminKey);
  t.equal((await create[1]()).statusCode, 201, create[0]);
  t.equal((await patch[1]()).statusCode, 200, patch[0]);
  const issued = await ctx.request({ method: 'POST', url: `${PLANS}/${plan.id}/issue`, payload: { issuedOn: '2021-02-03' }, headers: { 'if-match': '"2"' } });
  t.equal(issued.statusCode, 200, issue[0]);
  t.equal(issued.json().number, '01/KH-SGDĐT');
});
