// Who may do what with reports (OWASP API1, object-level authorisation): without a key nothing;
// readers read submitted and accepted reports only (a draft is a 404, and lists leave drafts out);
// an editor reads its own unit's drafts and everyone's submitted reports, and makes, edits, deletes
// and submits its own unit's only; admins do everything, and alone accept and return. A refused
// write changes nothing.
import t, { type Test } from 'tap';
import type { Report } from '../../../src/modules/reports/reports.schemas.js';
import { assertProblem } from '../../helpers/app.js';
import { DOCX, REPORTS, setupReports } from './fixtures.js';

const f = await setupReports(t);
const { ctx, unit } = f;
const reader = await ctx.keyFor('reader');
const editorHD = await ctx.keyFor('editor', unit['THPT-HD']);
const editorLLQ = await ctx.keyFor('editor', unit['THPT-LLQ']);
const draftHD = await f.made({ unitId: unit['THPT-HD'], year: 2021, kind: 'six_month' }, editorHD);
const submittedLLQ = await f.made({ unitId: unit['THPT-LLQ'], year: 2021, kind: 'six_month' }, editorLLQ);
await f.moved(submittedLLQ.id, 'submit', { key: editorLLQ });

const url = (r: { id: string }, tail = '') => `${REPORTS}/${r.id}${tail}`;
const auditCount = async () => (await ctx.request({ url: '/api/v1/audit?entityType=report&limit=200' })).json().items.length;
const listed = async (key: string) => ((await ctx.request({ url: REPORTS, key })).json().items as Report[]).map((r) => `${r.unit.code} ${r.status}`);

/** Runs the write and asserts it was refused with `status`, leaving every report and the audit trail as they were. */
async function refused(t: Test, status: number, what: string, write: () => ReturnType<typeof ctx.request>) {
  const [before, rows, events] = [await Promise.all([draftHD, submittedLLQ].map((r) => f.read(r.id))), await f.rowCount(), await auditCount()];
  const problem = assertProblem(t, await write(), status, what);
  t.same(await Promise.all([draftHD, submittedLLQ].map((r) => f.read(r.id))), before, `${what}: no report changed`);
  t.equal(await f.rowCount(), rows, `${what}: none added`);
  t.equal(await auditCount(), events, `${what}: no audit event`);
  return problem;
}

t.test('no key, or a key that is not one: 401 on every route', async (t) => {
  const routes = [
    { method: 'GET' as const, url: REPORTS },
    { method: 'GET' as const, url: url(submittedLLQ) },
    { method: 'GET' as const, url: url(submittedLLQ), headers: { accept: DOCX } },
    { method: 'POST' as const, url: REPORTS, payload: { unitId: unit.GDTX, year: 2021, kind: 'annual' } },
    { method: 'PATCH' as const, url: url(draftHD), payload: { results: 'Không có khóa' }, headers: { 'if-match': '"1"' } },
    { method: 'DELETE' as const, url: url(draftHD), headers: { 'if-match': '"1"' } },
    { method: 'POST' as const, url: url(draftHD, '/submit') },
    { method: 'POST' as const, url: url(submittedLLQ, '/accept') },
    { method: 'POST' as const, url: url(submittedLLQ, '/return'), payload: { reason: 'Không có khóa' } },
  ];
  for (const key of [null, 'cchc_not-a-real-key']) {
    for (const route of routes) {
      const res = await ctx.request({ ...route, key });
      assertProblem(t, res, 401, `${key ? 'a bogus key' : 'no key'}: ${route.method} ${route.url}`);
    }
  }
});

t.test('a reader reads submitted and accepted reports only, and writes nothing', async (t) => {
  t.equal(((await f.read(submittedLLQ.id, reader)) as Report).status, 'submitted');
  const draft = assertProblem(t, await ctx.request({ url: url(draftHD), key: reader }), 404, 'a draft is not there for a reader');
  t.match(draft.detail, /does not exist or is not visible to you/);
  assertProblem(t, await ctx.request({ url: url(draftHD), key: reader, headers: { accept: DOCX } }), 404, 'nor its document');
  t.same(await listed(reader), ['THPT-LLQ submitted'], 'lists leave drafts out');
  t.same((await ctx.request({ url: `${REPORTS}?status=draft`, key: reader })).json().items, [], 'even asked for');
  const post = await refused(t, 403, 'POST', () => f.create({ unitId: unit['THPT-HD'], year: 2021, kind: 'annual' }, reader));
  t.match(post.detail, /reader key may only read/);
  await refused(t, 403, 'PATCH', () => ctx.request({ method: 'PATCH', url: url(submittedLLQ), key: reader, payload: { results: 'Đọc' }, headers: { 'if-match': '"2"' } }));
  await refused(t, 403, 'DELETE', () => ctx.request({ method: 'DELETE', url: url(draftHD), key: reader, headers: { 'if-match': '"1"' } }));
  await refused(t, 403, 'submit', () => f.act(draftHD.id, 'submit', { key: reader }));
  await refused(t, 403, 'accept', () => f.act(submittedLLQ.id, 'accept', { key: reader }));
  await refused(t, 403, 'return', () => f.act(submittedLLQ.id, 'return', { key: reader, payload: { reason: 'Đọc' } }));
});

t.test('an editor reads its own drafts and everyone’s submitted reports', async (t) => {
  t.equal(((await f.read(draftHD.id, editorHD)) as Report).status, 'draft');
  t.equal(((await f.read(submittedLLQ.id, editorHD)) as Report).status, 'submitted');
  assertProblem(t, await ctx.request({ url: url(draftHD), key: editorLLQ }), 404, 'another unit’s draft is not there');
  t.same(await listed(editorHD), ['THPT-HD draft', 'THPT-LLQ submitted']);
  t.same(await listed(editorLLQ), ['THPT-LLQ submitted']);
});

t.test('an editor makes, edits, deletes and submits its own unit’s reports only; never accepts or returns', async (t) => {
  const make = await refused(t, 403, 'make another unit’s', () => f.create({ unitId: unit['THPT-HD'], year: 2021, kind: 'annual' }, editorLLQ));
  t.match(make.detail, /only the reports of its own unit/);
  await refused(t, 404, 'edit another unit’s draft', () => ctx.request({ method: 'PATCH', url: url(draftHD), key: editorLLQ, payload: { results: 'Không phải của tôi' }, headers: { 'if-match': '"1"' } }));
  await refused(t, 404, 'delete another unit’s draft', () => ctx.request({ method: 'DELETE', url: url(draftHD), key: editorLLQ, headers: { 'if-match': '"1"' } }));
  await refused(t, 404, 'submit another unit’s draft', () => f.act(draftHD.id, 'submit', { key: editorLLQ }));
  const other = await refused(t, 403, 'edit another unit’s submitted report', () =>
    ctx.request({ method: 'PATCH', url: url(submittedLLQ), key: editorHD, payload: { results: 'Không phải của tôi' }, headers: { 'if-match': '"2"' } }),
  );
  t.match(other.detail, /only the reports of its own unit/);
  await refused(t, 403, 'accept', () => f.act(submittedLLQ.id, 'accept', { key: editorLLQ }));
  const back = await refused(t, 403, 'return', () => f.act(submittedLLQ.id, 'return', { key: editorLLQ, payload: { reason: 'Tự trả lại' } }));
  t.match(back.detail, /needs an admin key/);

  const patched = await ctx.request({ method: 'PATCH', url: url(draftHD), key: editorHD, payload: { results: 'Của đơn vị tôi' }, headers: { 'if-match': '"1"' } });
  t.equal(patched.statusCode, 200, 'its own draft');
  const annual = await f.made({ unitId: unit['THPT-HD'], year: 2021, kind: 'annual' }, editorHD);
  t.equal((await ctx.request({ method: 'DELETE', url: url(annual), key: editorHD, headers: { 'if-match': '"1"' } })).statusCode, 204, 'deletes its own draft');
});

t.test('an admin does everything: reads every draft, accepts and returns', async (t) => {
  t.equal(((await f.read(draftHD.id)) as Report).status, 'draft');
  t.same(await listed(ctx.adminKey), ['THPT-HD draft', 'THPT-LLQ submitted']);
  const returned = await f.moved(submittedLLQ.id, 'return', { payload: { reason: 'Bổ sung số liệu.' } });
  t.equal(returned.status, 'draft');
  assertProblem(t, await ctx.request({ url: url(submittedLLQ), key: reader }), 404, 'returned, it is a draft a reader no longer sees');
  await f.moved(submittedLLQ.id, 'submit', { key: editorLLQ });
  t.equal((await f.moved(submittedLLQ.id, 'accept')).status, 'accepted');
  t.equal(((await f.read(submittedLLQ.id, reader)) as Report).status, 'accepted', 'a reader reads an accepted report');
});

t.test('a deactivated unit’s editor may only read', async (t) => {
  const gdtx = await ctx.keyFor('editor', unit.GDTX);
  const made = await f.made({ unitId: unit.GDTX, year: 2021, kind: 'six_month' }, gdtx);
  const u = (await ctx.request({ url: '/api/v1/units/GDTX' })).json();
  t.equal((await ctx.request({ method: 'POST', url: '/api/v1/units/GDTX/deactivate', payload: {}, headers: { 'if-match': `"${u.version}"` } })).statusCode, 200);
  assertProblem(t, await f.act(made.id, 'submit', { key: gdtx }), 403, 'submit');
  t.equal(((await f.read(made.id, gdtx)) as Report).status, 'draft', 'reads its draft still');
});
