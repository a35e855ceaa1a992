// Numbering at issue (ND 30/2020, art. 15): one sequence per issuer, document type and calendar year
// of the issue date, written with a leading zero below 10 (05/KH-SGDĐT), never given twice even when
// many plans are issued at the same moment: on PGlite the requests queue, on the server they race.
import type { AddressInfo } from 'node:net';
import t from 'tap';
import type { Plan } from '../../../src/modules/plans/plans.schemas.js';
import type { Unit } from '../../../src/modules/units/units.schemas.js';
import { assertProblem, setupApp } from '../../helpers/app.js';

const ctx = await setupApp(t);
const PLANS = '/api/v1/plans';

const addUnit = ctx.addUnit;

let made = 0;
async function draft(issuer: Unit, extra: Record<string, unknown> = {}): Promise<Plan> {
  const payload = { issuerUnitId: issuer.id, year: 2021, title: `Kế hoạch số ${++made} của ${issuer.code}`, ...extra };
  const res = await ctx.request({ method: 'POST', url: PLANS, payload });
  if (res.statusCode !== 201) throw new Error(res.body);
  return res.json();
}

async function issue(plan: Plan, issuedOn: string): Promise<Plan> {
  const res = await ctx.request({ method: 'POST', url: `${PLANS}/${plan.id}/issue`, payload: { issuedOn } });
  if (res.statusCode !== 200) throw new Error(`issue ${plan.title}: ${res.body}`);
  return res.json();
}
const numberOf = async (plan: Plan) => (await ctx.request({ url: `${PLANS}/${plan.id}` })).json().number as string | null;
const expectedNumbers = (n: number, symbol: string) => Array.from({ length: n }, (_, i) => `${String(i + 1).padStart(2, '0')}/${symbol}`);

const department = await addUnit({ code: 'SGDDT', name: 'Sở Giáo dục và Đào tạo', kind: 'department', documentAbbreviation: 'SGDĐT' });
const school = await addUnit({ code: 'THPT-HD', name: 'Trường THPT Hoàng Diệu', kind: 'affiliated', parentId: department.id });

t.test('one sequence per issuer, type and calendar year of the issue date', async (t) => {
  const first = await issue(await draft(department), '2021-01-05');
  t.equal(first.number, '01/KH-SGDĐT', 'the first number of the year is 01, with its leading zero');
  t.equal((await issue(await draft(department), '2021-12-31')).number, '02/KH-SGDĐT', 'the next in the same year');
  const nextYear = await issue(await draft(department), '2022-01-01');
  t.match(nextYear, { number: '01/KH-SGDĐT', issuedOn: '2022-01-01', year: 2021 }, 'a 2021 plan issued in 2022 takes the first 2022 number');
  t.equal((await issue(await draft(department, { year: 2022 }), '2022-03-03')).number, '02/KH-SGDĐT');
  t.equal((await issue(await draft(department, { documentType: 'QĐ' }), '2021-05-05')).number, '01/QĐ-SGDĐT', 'a decision has its own sequence');
  t.equal((await issue(await draft(school), '2021-02-02')).number, '01/KH-THPT-HD', 'another issuer has its own; without an abbreviation its code is the symbol');
  t.equal((await issue(await draft(department), '2021-06-06')).number, '03/KH-SGDĐT', 'neither took a number of this sequence');

  const both = await ctx.request({ url: `${PLANS}?q=${encodeURIComponent('01/KH-SGDĐT')}` });
  t.same(both.json().items.map((p: Plan) => p.issuedOn).sort(), ['2021-01-05', '2022-01-01'], 'the same number in two years is two documents');
  t.equal(await numberOf(first), '01/KH-SGDĐT', 'issuing others did not change the first');
});

t.test('numbers are never reused: not after a cancel, not after a refused issue', async (t) => {
  const issued = await issue(await draft(department), '2021-07-07');
  t.equal(issued.number, '04/KH-SGDĐT');
  const cancel = await ctx.request({ method: 'POST', url: `${PLANS}/${issued.id}/cancel`, payload: { reason: 'Ban hành nhầm.' } });
  t.equal(cancel.statusCode, 200, cancel.body);
  t.equal(cancel.json().number, '04/KH-SGDĐT', 'the cancelled plan keeps its number');

  const next = await draft(department);
  assertProblem(t, await ctx.request({ method: 'POST', url: `${PLANS}/${next.id}/issue`, payload: { issuedOn: '2021-07-08' }, headers: { 'if-match': '"5"' } }), 412);
  t.equal(await numberOf(next), null, 'the refused issue left it a draft');
  t.equal((await issue(next, '2021-07-08')).number, '05/KH-SGDĐT', '04 is not given again; the refused issue used none');
});

t.test('a retried issue with the same Idempotency-Key replays its number and takes no other', async (t) => {
  const plan = await draft(department);
  const send = () => ctx.request({ method: 'POST', url: `${PLANS}/${plan.id}/issue`, payload: { issuedOn: '2021-09-09' }, headers: { 'idempotency-key': `issue-${plan.id}` } });
  const first = await send();
  t.equal(first.statusCode, 200, first.body);
  t.equal(first.json().number, '06/KH-SGDĐT');
  const retry = await send();
  t.equal(retry.statusCode, 200, 'a replay, not a 409');
  t.equal(retry.headers['idempotent-replayed'], 'true');
  t.equal(retry.json().number, '06/KH-SGDĐT');
  t.equal((await issue(await draft(department), '2021-09-10')).number, '07/KH-SGDĐT', 'the retry took no number');
});

t.test('the issuer changing its abbreviation does not renumber what it issued', async (t) => {
  const before = await issue(await draft(school), '2021-08-01');
  t.equal(before.number, '02/KH-THPT-HD');
  const unit = await ctx.request({ url: `/api/v1/units/${school.id}` });
  const patched = await ctx.request({ method: 'PATCH', url: `/api/v1/units/${school.id}`, payload: { documentAbbreviation: 'THPTHĐ' }, headers: { 'if-match': unit.headers.etag as string } });
  t.equal(patched.statusCode, 200, patched.body);
  t.equal(await numberOf(before), '02/KH-THPT-HD', 'an issued number is kept as written');
  t.equal((await issue(await draft(school), '2021-08-02')).number, '03/KH-THPTHĐ', 'the next one continues the sequence under the new symbol');
});

t.test('20 concurrent issues (app.inject) give 01..20 and no error', async (t) => {
  const issuer = await addUnit({ code: 'SNV', name: 'Sở Nội vụ tỉnh Sóc Trăng', kind: 'external', documentAbbreviation: 'SNV' });
  const drafts: Plan[] = [];
  for (let i = 0; i < 20; i++) drafts.push(await draft(issuer));
  const results = await Promise.all(
    drafts.map((plan, i) => ctx.request({ method: 'POST', url: `${PLANS}/${plan.id}/issue`, payload: { issuedOn: `2021-03-${String(i + 1).padStart(2, '0')}` } })),
  );
  t.same(results.map((r) => r.statusCode), Array(20).fill(200), 'every issue succeeded');
  const numbers = results.map((r) => r.json().number as string);
  t.equal(new Set(numbers).size, 20, 'twenty distinct numbers');
  t.same([...numbers].sort(), expectedNumbers(20, 'KH-SNV'), 'exactly 01..20: consecutive, leading zero below 10');
  const stored = await Promise.all(drafts.map(numberOf));
  t.same(stored, numbers, 'each plan keeps the number its issue answered with');
});

t.test('over real HTTP: 20 plans each issued twice at once give 20 numbers 01..20 and 20 conflicts', async (t) => {
  const issuer = await addUnit({ code: 'UBND', name: 'Ủy ban nhân dân tỉnh Sóc Trăng', kind: 'external', documentAbbreviation: 'UBND' });
  const drafts: Plan[] = [];
  for (let i = 0; i < 20; i++) drafts.push(await draft(issuer));
  await ctx.app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = ctx.app.server.address() as AddressInfo;
  const post = async (plan: Plan) => {
    const res = await fetch(`http://127.0.0.1:${port}${PLANS}/${plan.id}/issue`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ctx.adminKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ issuedOn: '2021-01-26' }),
    });
    return { planId: plan.id, status: res.status, body: (await res.json()) as { number?: string; detail?: string } };
  };
  const results = await Promise.all([...drafts, ...drafts].map(post));
  const ok = results.filter((r) => r.status === 200);
  const conflicts = results.filter((r) => r.status === 409);
  t.equal(ok.length, 20, 'one issue per plan succeeded');
  t.equal(conflicts.length, 20, 'the other found it issued');
  t.same(results.filter((r) => r.status !== 200 && r.status !== 409), [], 'no other outcome (no 500, no 503)');
  t.same(ok.map((r) => r.planId).sort(), drafts.map((p) => p.id).sort(), 'every plan was issued once');
  t.ok(conflicts.every((r) => /only when the plan is draft/.test(r.body.detail ?? '')), 'each conflict says a plan is issued only from draft');
  t.same(ok.map((r) => r.body.number).sort(), expectedNumbers(20, 'KH-UBND'), 'exactly 01..20');
  const listed = await ctx.request({ url: `${PLANS}?issuerUnitId=${issuer.id}&status=issued&limit=200` });
  t.same(listed.json().items.map((p: Plan) => p.number).sort(), expectedNumbers(20, 'KH-UBND'), 'the list agrees');
});
