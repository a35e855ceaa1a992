// Plans: create with every part of the document, read back with the appendix, versioned change
// and delete of a draft, and 404 for a plan that does not exist.
import t from 'tap';
import type { PlanDetail } from '../../../src/modules/plans/plans.schemas.js';
import { assertProblem, setupApp } from '../../helpers/app.js';

const ctx = await setupApp(t);
const PLANS = '/api/v1/plans';
const MISSING = '00000000-0000-4000-8000-000000000000';

const addUnit = ctx.addUnit;

async function addPlan(body: Record<string, unknown>): Promise<PlanDetail> {
  const res = await ctx.request({ method: 'POST', url: PLANS, payload: { issuerUnitId: department.id, year: 2021, ...body } });
  if (res.statusCode !== 201) throw new Error(`could not add plan ${String(body.title)}: ${res.body}`);
  return res.json();
}

const get = (id: string) => ctx.request({ url: `${PLANS}/${id}` });
const ifMatch = (etag?: string) => (etag ? { 'if-match': etag } : {});

const department = await addUnit({ code: 'SGDDT', name: 'Sở Giáo dục và Đào tạo', kind: 'department', documentAbbreviation: 'SGDĐT' });
const office = await addUnit({ code: 'VP', name: 'Văn phòng Sở', parentId: department.id });
const personnel = await addUnit({ code: 'TCCB', name: 'Phòng Tổ chức cán bộ', parentId: department.id });
const homeAffairs = await addUnit({ code: 'SNV', name: 'Sở Nội vụ tỉnh Sóc Trăng', kind: 'external' });

const TASKS = [
  { content: 'Tuyên truyền kế hoạch thực hiện CCHC năm 2021.', forms: ['website_post'], formNote: 'Đăng tin kèm theo KH trên website', assignees: [{ role: 'lead', unitId: personnel.id }, { role: 'coordinator', group: 'affiliated' }], duePeriod: '2021-01' },
  { content: 'Rà soát, niêm yết công khai các TTHC.', forms: ['procedure_listing'], assignees: [{ role: 'lead', unitId: office.id }], duePeriod: '2021-Q2', target: { count: 2, unit: 'bài viết' } },
];

t.test('POST creates a minimal draft: defaults, ETag "1", Location', async (t) => {
  const res = await ctx.request({ method: 'POST', url: PLANS, payload: { issuerUnitId: department.id, year: 2020, title: 'Thực hiện CCHC năm 2020' } });
  t.equal(res.statusCode, 201);
  t.equal(res.headers.etag, '"1"');
  const plan = res.json();
  t.equal(res.headers.location, `${PLANS}/${plan.id}`);
  t.match(plan.id, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  t.same(
    { ...plan, id: undefined, createdAt: undefined, updatedAt: undefined },
    {
      id: undefined, issuerUnitId: department.id, year: 2020, title: 'Thực hiện CCHC năm 2020', documentType: 'KH', number: null, issuedOn: null,
      status: 'draft', cancelReason: null, parentPlanId: null, legalBases: [], objectives: [], requirements: [], audience: null, scope: null,
      contents: [], forms: [], fundingSource: null, recipients: [], signer: null, obligations: [],
      taskCount: 0, tasksByProgress: { not_started: 0, in_progress: 0, done: 0, cancelled: 0 }, version: 1, tasks: [],
      createdAt: undefined, updatedAt: undefined,
    },
    'documentType defaults to KH; every part of the document empty',
  );
  t.equal(plan.createdAt, plan.updatedAt);
});

t.test('every part of the document round-trips, with the tasks made in the same request', async (t) => {
  const basis = await addPlan({ year: 2020, title: 'Kế hoạch thực hiện CCHC năm 2020' });
  const body = {
    issuerUnitId: department.id,
    year: 2021,
    // Decomposed (NFD) as some keyboards send it: stored NFC.
    title: 'Tuyên truyền cải cách hành chính năm 2021'.normalize('NFD'),
    documentType: 'QĐ',
    parentPlanId: basis.id,
    legalBases: [
      { number: '49/KH-SGDĐT', date: '2020-01-14', issuer: 'Sở Giáo dục và Đào tạo (GDĐT)', title: 'việc thực hiện CCHC năm 2020', planId: basis.id },
      { number: '19/KH-UBND' },
    ],
    objectives: ['Nâng cao vai trò, trách nhiệm của người đứng đầu;', 'Tăng sự hiểu biết về dịch vụ công trực tuyến.'],
    requirements: ['Đa dạng các hình thức tuyên truyền;'],
    audience: 'Toàn thể đảng viên, công chức, viên chức.',
    scope: 'Nội dung liên quan đến Kế hoạch CCHC năm 2021.',
    contents: ['Tuyên truyền, phổ biến các nội dung của kế hoạch;'],
    forms: [{ form: 'website_post', description: 'Đăng tải tin, bài trên chuyên trang CCHC;' }, { form: 'hotline' }],
    fundingSource: 'Kinh phí hoạt động thường xuyên của cơ quan, đơn vị.',
    recipients: [{ text: 'Sở Nội vụ (để báo cáo);', unitId: homeAffairs.id }, { text: 'Lưu: VT, TCCB.' }],
    signer: { name: 'Châu Tuấn Hồng', title: 'GIÁM ĐỐC' },
    obligations: [
      { kind: 'publish', group: 'affiliated', forms: ['website_post'], minCount: 1, per: 'quarter', description: 'Ít nhất 01 tin, bài/quý.' },
      { kind: 'answer_inquiries', unitId: office.id, description: 'Văn phòng trả lời ý kiến của người dân.' },
    ],
    tasks: TASKS,
  };
  const res = await ctx.request({ method: 'POST', url: PLANS, payload: body });
  t.equal(res.statusCode, 201, res.body);
  const plan = res.json();
  t.match(plan, { issuerUnitId: department.id, year: 2021, documentType: 'QĐ', parentPlanId: basis.id, status: 'draft', number: null, version: 1 });
  t.equal(plan.title, 'Tuyên truyền cải cách hành chính năm 2021', 'the title is stored NFC');
  t.same(plan.legalBases, [body.legalBases[0], { number: '19/KH-UBND', date: null, issuer: null, title: null, planId: null }], 'legal bases, the first linked to a plan');
  t.same(plan.objectives, body.objectives);
  t.same(plan.requirements, body.requirements);
  t.equal(plan.audience, body.audience);
  t.equal(plan.scope, body.scope);
  t.same(plan.contents, body.contents);
  t.same(plan.forms, [body.forms[0], { form: 'hotline', description: null }]);
  t.equal(plan.fundingSource, body.fundingSource);
  t.same(plan.recipients, [body.recipients[0], { text: 'Lưu: VT, TCCB.', unitId: null }], 'recipients with and without a unit');
  t.same(plan.signer, body.signer);
  t.same(plan.obligations.map(({ id, ...o }: { id: string }) => o), [
    body.obligations[0],
    { kind: 'answer_inquiries', unitId: office.id, forms: [], minCount: null, per: null, description: 'Văn phòng trả lời ý kiến của người dân.' },
  ]);
  t.ok(plan.obligations.every((o: { id: string }) => /^[0-9a-f-]{36}$/.test(o.id)), 'each obligation is a row with its own id');
  t.equal(plan.tasks.length, 2);
  t.match(plan.tasks[0], { planId: plan.id, ordinal: 1, content: TASKS[0]!.content, forms: ['website_post'], formNote: 'Đăng tin kèm theo KH trên website', duePeriod: '2021-01', progress: 'not_started' });
  t.same(plan.tasks[0].assignees, [{ ...TASKS[0]!.assignees[0], code: 'TCCB', name: 'Phòng Tổ chức cán bộ' }, TASKS[0]!.assignees[1]], 'a unit with its code and name');
  t.match(plan, { taskCount: 2, tasksByProgress: { not_started: 2, in_progress: 0, done: 0, cancelled: 0 } });
  t.match(plan.tasks[1], { ordinal: 2, duePeriod: '2021-Q2', dueFrom: '2021-04-01', dueTo: '2021-06-30', target: { count: 2, unit: 'bài viết' }, formNote: null });

  const read = await get(plan.id);
  t.equal(read.statusCode, 200);
  t.equal(read.headers.etag, '"1"');
  t.same(read.json(), plan, 'GET returns the plan with its tasks as created');
});

t.test('obligations written back with their ids keep them; an id of another plan, or twice, is refused', async (t) => {
  const obligation = (description: string) => ({ kind: 'publish', group: 'affiliated', forms: ['website_post'], minCount: 1, per: 'quarter', description });
  const plan = await addPlan({ title: 'Kế hoạch có nghĩa vụ', obligations: [obligation('Mỗi quý một tin'), obligation('Mỗi quý một video')] });
  const other = await addPlan({ title: 'Kế hoạch khác', obligations: [obligation('Của kế hoạch khác')] });
  const [first, second] = plan.obligations as [PlanDetail['obligations'][number], PlanDetail['obligations'][number]];
  const patch = (obligations: object[], etag: string) => ctx.request({ method: 'PATCH', url: `${PLANS}/${plan.id}`, payload: { obligations }, headers: ifMatch(etag) });

  const kept = await patch([{ ...second, description: 'Mỗi quý một video clip' }, obligation('Mới')], '"1"');
  t.equal(kept.statusCode, 200, kept.body);
  t.match(kept.json().obligations, [{ id: second.id, description: 'Mỗi quý một video clip' }, { description: 'Mới' }], 'the one sent with its id keeps it, in its new place');
  t.not(kept.json().obligations[1].id, first.id, 'one without an id is new; the first, not sent, is gone');

  const foreign = assertProblem(t, await patch([{ ...other.obligations[0]! }], '"2"'), 422);
  t.same(foreign.errors?.map((e) => e.pointer), ['/body/obligations/0/id']);
  const twice = assertProblem(t, await patch([second, second], '"2"'), 422);
  t.same(twice.errors?.map((e) => e.pointer), ['/body/obligations/1/id']);
  t.same((await get(plan.id)).json().obligations, kept.json().obligations, 'refused writes change nothing');
});

t.test('PATCH a draft: If-Match required, a stale one changes nothing, then version + 1', async (t) => {
  const plan = await addPlan({ title: 'Bản nháp kế hoạch', audience: 'Công chức, viên chức', signer: { name: 'Châu Tuấn Hồng', title: 'GIÁM ĐỐC' }, tasks: TASKS });
  const patch = (payload: object, etag?: string) => ctx.request({ method: 'PATCH', url: `${PLANS}/${plan.id}`, payload, headers: ifMatch(etag) });

  assertProblem(t, await patch({ title: 'Không có If-Match' }), 428);
  const stale = assertProblem(t, await patch({ title: 'Bản cũ' }, '"7"'), 412);
  t.match(stale.detail, /version 7/);
  t.same((await get(plan.id)).json(), plan, 'neither changed anything');

  const ok = await patch({ title: 'Kế hoạch tuyên truyền CCHC năm 2021', year: 2022, audience: null, signer: null, scope: 'Toàn tỉnh' }, '"1"');
  t.equal(ok.statusCode, 200, ok.body);
  t.equal(ok.headers.etag, '"2"');
  const changed = ok.json();
  t.match(changed, { title: 'Kế hoạch tuyên truyền CCHC năm 2021', year: 2022, audience: null, signer: null, scope: 'Toàn tỉnh', version: 2, status: 'draft' });
  t.equal(changed.issuerUnitId, department.id, 'an absent field is kept');
  t.notOk('tasks' in changed, 'PATCH answers with the plan without its tasks');
  t.not(changed.updatedAt, plan.updatedAt, 'updatedAt moves');

  const after = await get(plan.id);
  t.equal(after.headers.etag, '"2"');
  t.match(after.json(), { title: 'Kế hoạch tuyên truyền CCHC năm 2021', version: 2 });
  t.equal(after.json().tasks.length, 2, 'the tasks are kept');
  assertProblem(t, await patch({ title: 'Lại bản cũ' }, '"1"'), 412, 'the old version is now stale');
  assertProblem(t, await patch({ title: 'ETag yếu' }, 'W/"2"'), 412, 'a weak ETag never matches');
  const any = await patch({ scope: 'Mọi phiên bản' }, '*');
  t.equal(any.statusCode, 200, 'If-Match: * accepts the current version');
  t.equal(any.json().version, 3);
});

t.test('DELETE a draft: If-Match required, stale refused, then 204 and its tasks are gone', async (t) => {
  const plan = await addPlan({ title: 'Kế hoạch sẽ xóa', tasks: TASKS });
  const remove = (etag?: string) => ctx.request({ method: 'DELETE', url: `${PLANS}/${plan.id}`, headers: ifMatch(etag) });
  const taskCount = async () => (await ctx.db.selectFrom('tasks').select('id').where('planId', '=', plan.id).execute()).length;
  t.equal(await taskCount(), 2);

  assertProblem(t, await remove(), 428);
  assertProblem(t, await remove('"2"'), 412);
  t.equal((await get(plan.id)).statusCode, 200, 'still there');

  const res = await remove('"1"');
  t.equal(res.statusCode, 204);
  t.equal(res.body, '');
  assertProblem(t, await get(plan.id), 404);
  t.equal(await taskCount(), 0, 'its tasks are deleted with it');
  const tasks = await ctx.request({ url: `/api/v1/tasks?planId=${plan.id}` });
  t.equal(tasks.statusCode, 200);
  t.same(tasks.json().items, [], 'no task of it is listed');
  assertProblem(t, await remove('"1"'), 404, 'deleting again is a 404');
});

t.test('a draft another plan names as its parent is not deleted (409)', async (t) => {
  const parent = await addPlan({ title: 'Kế hoạch của Sở' });
  const child = await addPlan({ title: 'Kế hoạch của trường', parentPlanId: parent.id });
  const problem = assertProblem(t, await ctx.request({ method: 'DELETE', url: `${PLANS}/${parent.id}`, headers: ifMatch('"1"') }), 409);
  t.match(problem.detail, /referenced/);
  t.equal((await get(parent.id)).statusCode, 200, 'the parent is still there');
  const byParent = await ctx.request({ url: `${PLANS}?parentPlanId=${parent.id}` });
  t.same(byParent.json().items.map((p: { id: string }) => p.id), [child.id]);
});

t.test('deleting a draft another plan cites as a legal basis leaves no dangling link', async (t) => {
  const basis = await addPlan({ title: 'Kế hoạch được viện dẫn' });
  const citing = await addPlan({ title: 'Kế hoạch viện dẫn', legalBases: [{ number: '49/KH-SGDĐT', planId: basis.id }] });
  const res = await ctx.request({ method: 'DELETE', url: `${PLANS}/${basis.id}`, headers: ifMatch('"1"') });
  const link = (await get(citing.id)).json().legalBases[0].planId;
  if (res.statusCode === 204) t.equal(link, null, 'deleted: the citing plan no longer links to it');
  else {
    assertProblem(t, res, 409, 'or refused, like a parent plan is');
    t.equal(link, basis.id);
  }
});

t.test('POST with an Idempotency-Key: a retry replays the first answer and stores nothing more', async (t) => {
  const payload = { issuerUnitId: department.id, year: 2025, title: 'Kế hoạch gửi lại', tasks: TASKS };
  const send = (body: object) => ctx.request({ method: 'POST', url: PLANS, payload: body, headers: { 'idempotency-key': 'plan-2025-a' } });
  const first = await send(payload);
  t.equal(first.statusCode, 201, first.body);
  const again = await send(payload);
  t.equal(again.statusCode, 201);
  t.equal(again.headers['idempotent-replayed'], 'true');
  t.equal(again.headers.location, first.headers.location);
  t.same(again.json(), first.json(), 'the same plan, not a second one');
  assertProblem(t, await send({ ...payload, title: 'Một kế hoạch khác' }), 422, 'the same key with another body');
  const stored = await ctx.request({ url: `${PLANS}?year=2025` });
  t.same(stored.json().items.map((p: { id: string }) => p.id), [first.json().id], 'one plan stored');
});

t.test('an unknown plan is a 404 everywhere; a malformed id a 400', async (t) => {
  const nf = assertProblem(t, await get(MISSING), 404);
  t.match(nf.detail, MISSING);
  assertProblem(t, await ctx.request({ method: 'PATCH', url: `${PLANS}/${MISSING}`, payload: { title: 'X' }, headers: ifMatch('"1"') }), 404);
  assertProblem(t, await ctx.request({ method: 'DELETE', url: `${PLANS}/${MISSING}`, headers: ifMatch('"1"') }), 404);
  assertProblem(t, await ctx.request({ method: 'POST', url: `${PLANS}/${MISSING}/issue`, payload: { issuedOn: '2021-02-03' } }), 404);
  assertProblem(t, await ctx.request({ method: 'POST', url: `${PLANS}/${MISSING}/close` }), 404);
  assertProblem(t, await ctx.request({ method: 'POST', url: `${PLANS}/${MISSING}/cancel`, payload: { reason: 'Không có' } }), 404);
  const bad = assertProblem(t, await get('not-a-uuid'), 400);
  t.same(bad.errors?.map((e) => e.pointer), ['/path/planId']);
});

t.test('a plan made with its tasks leaves an audit row for the plan and for each task', async (t) => {
  const plan = await addPlan({ title: 'Kế hoạch có phụ lục', tasks: TASKS });
  const planEvents = (await ctx.request({ url: `/api/v1/audit?entityType=plan&entityId=${plan.id}` })).json().items;
  t.same(planEvents.map((e: { action: string }) => e.action), ['create']);
  for (const task of plan.tasks) {
    const events = (await ctx.request({ url: `/api/v1/audit?entityType=task&entityId=${task.id}` })).json().items;
    t.same(events.map((e: { action: string; before: unknown }) => [e.action, e.before]), [['create', null]], `task ${task.ordinal}`);
    t.equal(events[0].after.content, task.content);
  }
});
