// Plan lifecycle as actions: draft → issued → closed, draft or issued → cancelled (with a reason).
// An issued plan keeps its number and content; an illegal transition is a 409 naming the states
// that allow it; If-Match is optional on actions and checked when sent.
import t from 'tap';
import { vietnamToday } from '../../../src/domain/periods.js';
import type { Plan } from '../../../src/modules/plans/plans.schemas.js';
import { assertProblem, setupApp } from '../../helpers/app.js';

const ctx = await setupApp(t);
const PLANS = '/api/v1/plans';

const addUnit = ctx.addUnit;

const department = await addUnit({ code: 'SGDDT', name: 'Sở Giáo dục và Đào tạo', kind: 'department', documentAbbreviation: 'SGDĐT' });
const personnel = await addUnit({ code: 'TCCB', name: 'Phòng Tổ chức cán bộ', kind: 'division', parentId: department.id });

let made = 0;
async function draft(extra: Record<string, unknown> = {}): Promise<Plan> {
  const res = await ctx.request({
    method: 'POST',
    url: PLANS,
    payload: {
      issuerUnitId: department.id, year: 2021, title: `Kế hoạch tuyên truyền CCHC số ${++made}`,
      tasks: [{ content: 'Đăng tin kèm theo kế hoạch', forms: ['website_post'], assignees: [{ role: 'lead', unitId: personnel.id }], duePeriod: '2021-03' }],
      ...extra,
    },
  });
  if (res.statusCode !== 201) throw new Error(res.body);
  return res.json();
}

type Verb = 'issue' | 'close' | 'cancel';
const act = (id: string, verb: Verb, payload?: object, etag?: string) =>
  ctx.request({ method: 'POST', url: `${PLANS}/${id}/${verb}`, ...(payload ? { payload } : {}), headers: etag ? { 'if-match': etag } : {} });
const get = async (id: string) => (await ctx.request({ url: `${PLANS}/${id}` })).json();
const withoutTasks = ({ tasks: _tasks, ...plan }: Record<string, unknown>) => plan;

t.test('issue numbers the draft; it can then be neither edited, deleted nor issued again', async (t) => {
  const plan = await draft();
  const res = await act(plan.id, 'issue', { issuedOn: '2021-02-03' });
  t.equal(res.statusCode, 200, res.body);
  t.equal(res.headers.etag, '"2"');
  const issued = res.json();
  t.match(issued, { id: plan.id, status: 'issued', issuedOn: '2021-02-03', number: '01/KH-SGDĐT', version: 2, cancelReason: null });
  t.notOk('tasks' in issued);
  t.same(withoutTasks(await get(plan.id)), issued, 'GET shows the issued plan');

  const again = assertProblem(t, await act(plan.id, 'issue', { issuedOn: '2021-02-04' }), 409);
  t.match(again.detail, /only when the plan is draft/, 'the sentence names the state that allows it');
  t.match(again.detail, /this plan is issued/);
  const edit = assertProblem(t, await ctx.request({ method: 'PATCH', url: `${PLANS}/${plan.id}`, payload: { title: 'Sửa sau khi ban hành' }, headers: { 'if-match': '"2"' } }), 409);
  t.match(edit.detail, /edited only when the plan is draft/);
  const del = assertProblem(t, await ctx.request({ method: 'DELETE', url: `${PLANS}/${plan.id}`, headers: { 'if-match': '"2"' } }), 409);
  t.match(del.detail, /deleted only when the plan is draft/);
  t.same(withoutTasks(await get(plan.id)), issued, 'the issued plan keeps its number, date and content');
});

t.test('close: only an issued plan; closing twice or a draft is a 409', async (t) => {
  const plan = await draft();
  const onDraft = assertProblem(t, await act(plan.id, 'close'), 409);
  t.match(onDraft.detail, /closed only when the plan is issued; this plan is draft/);
  t.equal((await act(plan.id, 'issue', { issuedOn: '2021-03-01' })).statusCode, 200);
  const res = await act(plan.id, 'close');
  t.equal(res.statusCode, 200, res.body);
  t.equal(res.headers.etag, '"3"');
  t.match(res.json(), { status: 'closed', number: '02/KH-SGDĐT', issuedOn: '2021-03-01', version: 3 });
  assertProblem(t, await act(plan.id, 'close'), 409);
  assertProblem(t, await act(plan.id, 'issue', { issuedOn: '2021-03-02' }), 409);
  const cancel = assertProblem(t, await act(plan.id, 'cancel', { reason: 'Quá muộn' }), 409);
  t.match(cancel.detail, /cancelled only when the plan is draft or issued; this plan is closed/);
  assertProblem(t, await ctx.request({ method: 'PATCH', url: `${PLANS}/${plan.id}`, payload: { title: 'Đã đóng' }, headers: { 'if-match': '"3"' } }), 409);
  t.match(await get(plan.id), { status: 'closed', version: 3 });
});

t.test('cancel a draft or an issued plan with a reason; a cancelled plan stays cancelled', async (t) => {
  const fromDraft = await draft();
  const a = await act(fromDraft.id, 'cancel', { reason: 'Không còn phù hợp.' });
  t.equal(a.statusCode, 200, a.body);
  t.match(a.json(), { status: 'cancelled', cancelReason: 'Không còn phù hợp.', number: null, issuedOn: null, version: 2 });

  const fromIssued = await draft();
  const issued = (await act(fromIssued.id, 'issue', { issuedOn: '2021-04-01' })).json();
  const b = await act(fromIssued.id, 'cancel', { reason: 'Thay thế bởi kế hoạch sửa đổi.' });
  t.equal(b.statusCode, 200, b.body);
  t.match(b.json(), { status: 'cancelled', cancelReason: 'Thay thế bởi kế hoạch sửa đổi.', number: issued.number, issuedOn: '2021-04-01', version: 3 });
  t.match(await get(fromIssued.id), { status: 'cancelled', number: issued.number }, 'a cancelled plan keeps the number it was given');

  for (const verb of ['issue', 'close', 'cancel'] as const) {
    const problem = assertProblem(t, await act(fromDraft.id, verb, verb === 'issue' ? { issuedOn: '2021-05-01' } : verb === 'cancel' ? { reason: 'Lần nữa' } : undefined), 409, `${verb} a cancelled plan`);
    t.match(problem.detail, /this plan is cancelled/);
  }
  assertProblem(t, await ctx.request({ method: 'DELETE', url: `${PLANS}/${fromDraft.id}`, headers: { 'if-match': '"2"' } }), 409, 'a cancelled plan is not deleted');
});

t.test('cancel needs a reason: 400 and nothing changes', async (t) => {
  const plan = await draft();
  const pointers = (p: { errors?: Array<{ pointer: string }> }) => p.errors?.map((e) => e.pointer);
  t.same(pointers(assertProblem(t, await act(plan.id, 'cancel'), 400, 'no body')), ['/body/reason']);
  t.same(pointers(assertProblem(t, await act(plan.id, 'cancel', {}), 400, 'no reason')), ['/body/reason']);
  t.same(pointers(assertProblem(t, await act(plan.id, 'cancel', { reason: '  ' }), 400, 'a blank reason')), ['/body/reason']);
  t.same(pointers(assertProblem(t, await act(plan.id, 'cancel', { reason: null }), 400, 'a null reason')), ['/body/reason']);
  t.same(pointers(assertProblem(t, await act(plan.id, 'cancel', { reason: 'Lý do', why: 'x' }), 400, 'an unknown property')), ['/body/why']);
  t.match(await get(plan.id), { status: 'draft', version: 1, cancelReason: null });
});

t.test('close takes no body: one with properties is refused', async (t) => {
  const plan = await draft();
  t.equal((await act(plan.id, 'issue', { issuedOn: '2020-12-30' })).statusCode, 200, 'issued in 2020: the 2021 numbers of the other tests are kept');
  const problem = assertProblem(t, await act(plan.id, 'close', { reason: 'Hết năm' }), 400);
  t.same(problem.errors?.map((e) => e.pointer), ['/body/reason']);
  t.match(await get(plan.id), { status: 'issued' });
});

t.test('issue body: issuedOn a real date written YYYY-MM-DD, nothing else', async (t) => {
  const plan = await draft();
  const errors = (p: { errors?: Array<{ pointer: string; message: string }> }) => p.errors?.map((e) => [e.pointer, e.message]);
  const DATE = 'must be a real date written YYYY-MM-DD (2021-02-03)';
  t.same(errors(assertProblem(t, await act(plan.id, 'issue', { issuedOn: '2021-02-30' }), 400, 'not a real date')), [['/body/issuedOn', DATE]], 'the message says how to write it');
  t.same(errors(assertProblem(t, await act(plan.id, 'issue', { issuedOn: '03/02/2021' }), 400, 'not ISO')), [['/body/issuedOn', DATE]]);
  t.same(errors(assertProblem(t, await act(plan.id, 'issue', { issuedOn: 20210203 }), 400, 'a number')), [['/body/issuedOn', 'must be string']]);
  t.same(errors(assertProblem(t, await act(plan.id, 'issue', { issuedOn: '2021-02-03', number: 5 }), 400, 'the number is not chosen')), [['/body/number', 'is not a known property']]);
  t.match(await get(plan.id), { status: 'draft', number: null, version: 1 });
});

t.test('issue without issuedOn (issue 7): today in Vietnam, with {} or with no body at all', async (t) => {
  const today = vietnamToday();
  const year = Number(today.slice(0, 4));
  for (const [what, payload] of [['{}', {}], ['no body', undefined]] as const) {
    const plan = await draft({ year, title: `Kế hoạch ban hành hôm nay (${what})` });
    const res = await act(plan.id, 'issue', payload);
    t.equal(res.statusCode, 200, `${what}: ${res.body}`);
    t.match(res.json(), { status: 'issued', issuedOn: today, number: /^0[12]\/KH-SGDĐT$/ }, `${what}: issued today (${today}), numbered in this year’s sequence`);
  }
  const old = await draft({ year: year - 3, title: 'Kế hoạch của ba năm trước' });
  const far = assertProblem(t, await act(old.id, 'issue', {}), 422, 'today is checked against the plan year like any issue date');
  t.same(far.errors?.map((e) => e.pointer), ['/body/issuedOn']);
});

t.test('If-Match on actions: stale is a 412 and changes nothing; current or absent passes', async (t) => {
  const plan = await draft();
  const stale = assertProblem(t, await act(plan.id, 'issue', { issuedOn: '2021-06-01' }, '"9"'), 412);
  t.match(stale.detail, /version 9/);
  t.match(await get(plan.id), { status: 'draft', number: null, version: 1 });
  const issued = await act(plan.id, 'issue', { issuedOn: '2021-06-01' }, '"1"');
  t.equal(issued.statusCode, 200, issued.body);
  t.equal(issued.json().number, '04/KH-SGDĐT', 'the refused issue gave its number back: 01–03 went to earlier tests');
  assertProblem(t, await act(plan.id, 'close', undefined, '"1"'), 412, 'close with a stale tag');
  assertProblem(t, await act(plan.id, 'cancel', { reason: 'Cũ' }, '"1"'), 412, 'cancel with a stale tag');
  t.match(await get(plan.id), { status: 'issued', version: 2 });
  const closed = await act(plan.id, 'close', undefined, '"2"');
  t.equal(closed.statusCode, 200, closed.body);
  t.equal(closed.json().version, 3);

  const other = await draft();
  const cancelled = await act(other.id, 'cancel', { reason: 'Không cần If-Match' });
  t.equal(cancelled.statusCode, 200, 'an action without If-Match is fine');
});

t.test('a draft stays editable until it is issued, and the edit is what gets issued', async (t) => {
  const plan = await draft();
  const edited = await ctx.request({ method: 'PATCH', url: `${PLANS}/${plan.id}`, payload: { title: 'Tiêu đề cuối cùng', documentType: 'QĐ' }, headers: { 'if-match': '"1"' } });
  t.equal(edited.statusCode, 200, edited.body);
  const issued = await act(plan.id, 'issue', { issuedOn: '2021-07-01' }, '"2"');
  t.equal(issued.statusCode, 200, issued.body);
  t.match(issued.json(), { title: 'Tiêu đề cuối cùng', documentType: 'QĐ', number: '01/QĐ-SGDĐT', version: 3 });
  t.equal((await get(plan.id)).tasks.length, 1, 'the appendix goes with it');
});

t.test('an issue date more than a year from the plan year is refused, and uses no number', async (t) => {
  const plan = await draft();
  for (const issuedOn of ['1999-12-31', '2019-12-31', '2023-01-01']) {
    const problem = assertProblem(t, await act(plan.id, 'issue', { issuedOn }), 422, issuedOn);
    t.equal(problem.errors?.[0]?.pointer, '/body/issuedOn');
  }
  t.equal((await get(plan.id)).status, 'draft');
  const late = await act(plan.id, 'issue', { issuedOn: '2020-12-30' });
  t.equal(late.statusCode, 200, 'a 2021 plan issued at the end of 2020');
  t.equal(late.json().issuedOn, '2020-12-30');
  t.match(late.json().number, /^\d{2}\/KH-SGDĐT$/, 'numbered in its issuer’s 2020 sequence');
});

t.test('a plan cannot cite itself as a legal basis', async (t) => {
  const plan = await draft();
  const problem = assertProblem(
    t,
    await ctx.request({ method: 'PATCH', url: `${PLANS}/${plan.id}`, headers: { 'if-match': '"1"' }, payload: { legalBases: [{ number: '01/KH-SGDĐT', planId: plan.id }] } }),
    422,
  );
  t.equal(problem.errors?.[0]?.pointer, '/body/legalBases/0/planId');
});
