// Bad input to reports: the schema's refusals (400, at their field), the rules' (422: a year with
// no Department plan, a unit the plan does not name), a second report (409 naming the first), a
// return without a reason, an unknown report (404). Nothing is half-written.
import t, { type Test } from 'tap';
import type { Report } from '../../../src/modules/reports/reports.schemas.js';
import { assertProblem } from '../../helpers/app.js';
import { pointers, REPORTS, setupReports } from './fixtures.js';

const f = await setupReports(t);
const { ctx, unit } = f;
const existing = await f.made({ unitId: unit['THPT-HD'], year: 2021, kind: 'six_month' });
const body = (more: object = {}) => ({ unitId: unit['THPT-LLQ'], year: 2021, kind: 'six_month', ...more });

/** The request is refused with `status` at `pointer`, and no report is added. */
async function refusedAt(t: Test, status: number, pointer: string | null, res: Promise<Awaited<ReturnType<typeof ctx.request>>>, what: string) {
  const rows = await f.rowCount();
  const problem = assertProblem(t, await res, status, what);
  if (pointer) t.ok(pointers(problem).includes(pointer), `${what}: at ${pointer} (${pointers(problem).join(', ')})`);
  t.equal(await f.rowCount(), rows, `${what}: nothing written`);
  return problem;
}

t.test('the schema: unknown kind or window, missing or extra fields, blank text, half a signer', async (t) => {
  await refusedAt(t, 400, '/body/kind', f.create(body({ kind: 'quarterly' })), 'an unknown kind');
  await refusedAt(t, 400, '/body/window', f.create(body({ window: 'fiscal' })), 'an unknown window');
  await refusedAt(t, 400, '/body/unitId', f.create({ year: 2021, kind: 'annual' }), 'no unit');
  await refusedAt(t, 400, '/body/year', f.create(body({ year: '2021' })), 'a year as text');
  await refusedAt(t, 400, '/body/year', f.create(body({ year: 1999 })), 'a year out of range');
  await refusedAt(t, 400, '/body/status', f.create(body({ status: 'accepted' })), 'an unknown property');
  await refusedAt(t, 400, '/body/results', f.create(body({ results: '   ' })), 'blank text');
  await refusedAt(t, 400, '/body/signer/name', f.create(body({ signer: { title: 'HIỆU TRƯỞNG' } })), 'a signer without a name');
  await refusedAt(t, 400, '/body/recipients/0', f.create(body({ recipients: [''] })), 'an empty recipient');
});

t.test('a year with no issued plan of the Department is a 422 at /body/year', async (t) => {
  const none = await refusedAt(t, 422, '/body/year', f.create(body({ year: 2030 })), 'no plan at all');
  t.match(none.detail, /names a year with no issued plan of the Department/);
  // A draft plan of the Department, and an issued one of another issuer, do not count.
  const draft = await ctx.request({ method: 'POST', url: '/api/v1/plans', payload: { issuerUnitId: unit.SGDDT, year: 2024, title: 'Kế hoạch nháp' } });
  t.equal(draft.statusCode, 201);
  const school = await ctx.request({ method: 'POST', url: '/api/v1/plans', payload: { issuerUnitId: unit['THPT-LLQ'], year: 2024, title: 'Kế hoạch của trường' } });
  t.equal((await ctx.request({ method: 'POST', url: `/api/v1/plans/${school.json().id}/issue`, payload: { issuedOn: '2024-02-01' } })).statusCode, 200);
  await refusedAt(t, 422, '/body/year', f.create(body({ year: 2024 })), 'only a draft of the Department and a school’s plan');
});

t.test('a unit the plan does not name, or no unit, is a 422 at /body/unitId', async (t) => {
  const outside = await refusedAt(t, 422, '/body/unitId', f.create(body({ unitId: unit.VP })), 'a division the plan does not name');
  t.match(outside.detail, /VP, which the Department’s plan of 2021 does not name/);
  await refusedAt(t, 422, '/body/unitId', f.create(body({ unitId: unit.SNV })), 'an outside body');
  const missing = await refusedAt(t, 422, '/body/unitId', f.create(body({ unitId: '00000000-0000-4000-8000-000000000000' })), 'no such unit');
  t.match(missing.detail, /names no unit/);
  // Named directly (TCCB leads the task), through a group (an affiliated school), by an obligation (CNTT), or the Department itself.
  for (const code of ['TCCB', 'GDTX', 'CNTT', 'SGDDT']) t.equal((await f.create(body({ unitId: unit[code] }))).statusCode, 201, `${code} may report`);
});

t.test('a second report of the unit, year and kind is a 409 naming the first', async (t) => {
  const second = await refusedAt(t, 409, null, f.create({ unitId: unit['THPT-HD'], year: 2021, kind: 'six_month', window: 'calendar' }), 'a second six-month report');
  t.match(second.detail, new RegExp(`THPT-HD already has a six-month report for 2021: ${existing.id}`));
  t.equal((await f.create({ unitId: unit['THPT-HD'], year: 2021, kind: 'annual' })).statusCode, 201, 'the other kind is another report');
});

t.test('PATCH: an empty patch, an unknown field, blank text', async (t) => {
  const patch = (payload: unknown) => ctx.request({ method: 'PATCH', url: `${REPORTS}/${existing.id}`, payload: payload as object, headers: { 'if-match': '"1"' } });
  assertProblem(t, await patch({}), 400, 'nothing to change');
  t.ok(pointers(assertProblem(t, await patch({ year: 2022 }), 400)).includes('/body/year'), 'the year is not edited');
  t.ok(pointers(assertProblem(t, await patch({ causes: '' }), 400)).includes('/body/causes'), 'empty text (null clears)');
  t.equal(((await f.read(existing.id)) as Report).version, 1, 'unchanged');
});

t.test('actions: return needs a reason; submit takes no fields', async (t) => {
  await f.moved(existing.id, 'submit');
  const none = assertProblem(t, await f.act(existing.id, 'return'), 400, 'no body');
  t.ok(pointers(none).includes('/body/reason'), 'the reason is required');
  t.ok(pointers(assertProblem(t, await f.act(existing.id, 'return', { payload: { reason: '  ' } }), 400)).includes('/body/reason'), 'a blank reason');
  assertProblem(t, await f.act(existing.id, 'return', { payload: { reason: 'Bổ sung', extra: 1 } }), 400, 'an unknown field');
  const other = await f.made({ unitId: unit['THPT-NTMK'], year: 2021, kind: 'six_month' });
  t.ok(pointers(assertProblem(t, await f.act(other.id, 'submit', { payload: { late: false } }), 400)).includes('/body/late'), 'submit takes no fields');
  t.equal(((await f.read(existing.id)) as Report).status, 'submitted', 'nothing moved');
  t.equal(((await f.read(other.id)) as Report).status, 'draft');
});

t.test('an unknown or malformed report id', async (t) => {
  const missing = '00000000-0000-4000-8000-000000000000';
  assertProblem(t, await ctx.request({ url: `${REPORTS}/${missing}` }), 404);
  assertProblem(t, await ctx.request({ method: 'PATCH', url: `${REPORTS}/${missing}`, payload: { results: 'x' }, headers: { 'if-match': '"1"' } }), 404);
  assertProblem(t, await ctx.request({ method: 'DELETE', url: `${REPORTS}/${missing}`, headers: { 'if-match': '"1"' } }), 404);
  for (const action of ['submit', 'accept'] as const) assertProblem(t, await f.act(missing, action), 404, action);
  assertProblem(t, await f.act(missing, 'return', { payload: { reason: 'x' } }), 404, 'return');
  const bad = assertProblem(t, await ctx.request({ url: `${REPORTS}/not-a-uuid` }), 400);
  t.ok(pointers(bad).some((p) => p?.startsWith('/path/reportId')));
});

t.test('the same Idempotency-Key with another body is a 422', async (t) => {
  const headers = { 'idempotency-key': 'bao-cao-gdtx' };
  const first = await ctx.request({ method: 'POST', url: REPORTS, payload: { unitId: unit.GDTX, year: 2021, kind: 'annual' }, headers });
  t.equal(first.statusCode, 201);
  const replay = await ctx.request({ method: 'POST', url: REPORTS, payload: { unitId: unit.GDTX, year: 2021, kind: 'annual' }, headers });
  t.equal(replay.json().id, first.json().id, 'replayed, not a 409');
  await refusedAt(t, 422, null, ctx.request({ method: 'POST', url: REPORTS, payload: { unitId: unit.GDTX, year: 2021, kind: 'six_month' }, headers }), 'another body');
});
