// The main story over real HTTP, through nothing but the typed client of the committed contract
// (openapi-fetch over openapi/types.ts): the Department makes a plan with its tasks and issues it,
// gives a school an editor key, the school records its progress, and the portal (a reader) reads
// it. Each call is typed by the contract and each answer checked against it at run time, so a
// contract that lies about a status, a field or a body fails here (issue 6, item 3).
import type { AddressInfo } from 'node:net';
import t, { type Test } from 'tap';
import type { components } from '../../openapi/types.js';
import { setupApp } from '../helpers/app.js';
import { contractClients } from '../helpers/contract-client.js';

type Problem = components['schemas']['Problem'];
type PlanCreate = components['schemas']['PlanCreate'];
/** true only when A and B are the same type: a compile-time check of what the client infers. */
type Same<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

const ctx = await setupApp(t);
await ctx.app.listen({ port: 0, host: '127.0.0.1' });
const { port } = ctx.app.server.address() as AddressInfo;
const contract = contractClients(`http://127.0.0.1:${port}`);
const department = contract.as(ctx.adminKey);

/** The data of a call that answered `status`; otherwise fails the test with what came back. */
function expect<T>(t: Test, call: { data?: T; error?: unknown; response: Response }, status: number, what: string): T {
  t.equal(call.response.status, status, `${what}: ${status}`);
  if (call.response.status !== status || call.data === undefined) {
    const seen = contract.violations.length > 0 ? `; against the contract so far: ${contract.violations.join('; ')}` : '';
    throw new Error(`${what}: ${call.response.status} ${JSON.stringify(call.error ?? call.data)}${seen}`);
  }
  return call.data;
}

/** The appendix is JSON or CSV by Accept, so its data is typed `TaskPage | string`: this asked for JSON. */
function json<T extends object>(data: T | string): T {
  if (typeof data === 'string') throw new Error(`CSV where JSON was asked for: ${data.slice(0, 80)}`);
  return data;
}

/** Every answer so far was what the contract says. */
const contractHeld = (t: Test) => t.same(contract.violations.splice(0), [], 'every answer is what the contract says');

t.test('the Department plans, a school records its progress, the portal reads it', async (t) => {
  const sgddt = expect(t, await department.POST('/api/v1/units', {
    body: { code: 'SGDDT', name: 'Sở Giáo dục và Đào tạo', kind: 'department', documentAbbreviation: 'SGDĐT' },
  }), 201, 'the Department');
  const tccb = expect(t, await department.POST('/api/v1/units', {
    body: { code: 'TCCB', name: 'Phòng Tổ chức cán bộ', kind: 'division', parentId: sgddt.id },
  }), 201, 'a division');
  const school = expect(t, await department.POST('/api/v1/units', {
    body: { code: 'THPT-HD', name: 'Trường THPT Hoàng Diệu', kind: 'affiliated', parentId: sgddt.id },
  }), 201, 'a school');
  t.match(school, { code: 'THPT-HD', kind: 'affiliated', parentId: sgddt.id, active: true, version: 1 });

  // A draft with its appendix in one call; the school leads the first task.
  const planBody = {
    issuerUnitId: sgddt.id,
    year: 2021,
    title: 'Kế hoạch tuyên truyền cải cách hành chính năm 2021',
    tasks: [
      {
        content: 'Đăng tin về Kế hoạch CCHC năm 2021 trên chuyên mục CCHC của trường',
        forms: ['website_post'],
        assignees: [{ role: 'lead', unitId: school.id }],
        duePeriod: '2021-03',
        target: { count: 1, unit: 'bài viết' },
      },
      {
        content: 'Họp triển khai công tác tuyên truyền CCHC',
        forms: ['meeting'],
        assignees: [{ role: 'lead', unitId: tccb.id }, { role: 'coordinator', group: 'affiliated' }],
        duePeriod: '2021-Q2',
      },
    ],
  } satisfies PlanCreate;
  const created = await department.POST('/api/v1/plans', { params: { header: { 'idempotency-key': 'main-story-plan-2021' } }, body: planBody });
  const draft = expect(t, created, 201, 'the plan');
  t.equal(created.response.headers.get('etag'), '"1"');
  t.equal(created.response.headers.get('location'), `/api/v1/plans/${draft.id}`);
  const replayed = await department.POST('/api/v1/plans', { params: { header: { 'idempotency-key': 'main-story-plan-2021' } }, body: planBody });
  t.equal(expect(t, replayed, 201, 'a retry with the same Idempotency-Key').id, draft.id, 'replays the first answer');
  t.equal(replayed.response.headers.get('idempotent-replayed'), 'true');
  t.match(draft, { status: 'draft', number: null, issuedOn: null, issuerUnitId: sgddt.id, year: 2021, documentType: 'KH' });
  t.same(draft.tasks.map((task) => [task.ordinal, task.progress, task.dueFrom, task.dueTo]), [
    [1, 'not_started', '2021-03-01', '2021-03-31'],
    [2, 'not_started', '2021-04-01', '2021-06-30'],
  ]);
  const [schoolTask, divisionTask] = draft.tasks;

  const issueCall = await department.POST('/api/v1/plans/{planId}/issue', {
    params: { path: { planId: draft.id }, header: { 'if-match': '"1"' } },
    body: { issuedOn: '2021-02-03' },
  });
  const issued = expect(t, issueCall, 200, 'issued');
  t.match(issued, { status: 'issued', number: '01/KH-SGDĐT', issuedOn: '2021-02-03', version: 2 });
  t.equal(issueCall.response.headers.get('etag'), '"2"');

  const editorKey = expect(t, await department.POST('/api/v1/api-keys', {
    body: { name: 'Trường THPT Hoàng Diệu', role: 'editor', unitId: school.id },
  }), 201, 'the school’s editor key');
  t.match(editorKey, { role: 'editor', unitId: school.id, revokedAt: null });
  t.match(editorKey.key, /^cchc_/);
  t.ok(editorKey.key.startsWith(editorKey.keyPrefix), 'the prefix is the key’s beginning');
  const readerKey = expect(t, await department.POST('/api/v1/api-keys', {
    body: { name: 'Cổng CCHC tỉnh', role: 'reader' },
  }), 201, 'the portal’s reader key');
  t.equal(readerKey.unitId, null);

  // The school: reads its task for the ETag, then records that it is done.
  const schoolEditor = contract.as(editorKey.key);
  const taskPath = { planId: draft.id, taskId: schoolTask!.id };
  const read = await schoolEditor.GET('/api/v1/plans/{planId}/tasks/{taskId}', { params: { path: taskPath } });
  t.match(expect(t, read, 200, 'the school reads its task'), { id: schoolTask!.id, version: 1, progress: 'not_started' });
  const etag = read.response.headers.get('etag');
  t.equal(etag, '"1"');
  const doneCall = await schoolEditor.PATCH('/api/v1/plans/{planId}/tasks/{taskId}', {
    params: { path: taskPath, header: { 'if-match': etag! } },
    body: { progress: 'done', completedOn: '2021-03-20' },
  });
  t.match(expect(t, doneCall, 200, 'the school records it done'), {
    progress: 'done', completedOn: '2021-03-20', timeliness: 'done_on_time', version: 2,
  });
  t.equal(doneCall.response.headers.get('etag'), '"2"');

  // The portal reads the plan, its appendix and the cross-plan task list, and sees the progress.
  const portal = contract.as(readerKey.key);
  const planCall = await portal.GET('/api/v1/plans/{planId}', { params: { path: { planId: draft.id } } });
  const plan = expect(t, planCall, 200, 'the portal reads the plan');
  t.match(plan, { status: 'issued', number: '01/KH-SGDĐT', version: 2 });
  t.equal(planCall.response.headers.get('etag'), '"2"', 'progress does not change the plan’s version');
  t.same(plan.tasks.map((task) => [task.id, task.progress, task.completedOn, task.version]), [
    [schoolTask!.id, 'done', '2021-03-20', 2],
    [divisionTask!.id, 'not_started', null, 1],
  ]);

  const appendix = json(expect(t, await portal.GET('/api/v1/plans/{planId}/tasks', {
    params: { path: { planId: draft.id }, query: { limit: 1, asOf: '2021-12-31' } },
  }), 200, 'the portal pages the appendix'));
  t.same(appendix.items.map((task) => [task.ordinal, task.progress, task.timeliness]), [[1, 'done', 'done_on_time']]);
  t.type(appendix.nextCursor, 'string', 'a second page');
  const rest = json(expect(t, await portal.GET('/api/v1/plans/{planId}/tasks', {
    params: { path: { planId: draft.id }, query: { limit: 1, cursor: appendix.nextCursor!, asOf: '2021-12-31' } },
  }), 200, 'the next page'));
  t.same(rest.items.map((task) => [task.ordinal, task.progress, task.timeliness]), [[2, 'not_started', 'overdue']]);
  t.equal(rest.nextCursor, null, 'the last page');

  const schoolTasks = expect(t, await portal.GET('/api/v1/tasks', {
    params: { query: { unitId: school.id, role: 'lead', year: 2021, limit: 50 } },
  }), 200, 'the portal lists the tasks the school leads');
  t.same(schoolTasks.items.map((task) => [task.id, task.progress]), [[schoolTask!.id, 'done']]);

  const progress = expect(t, await portal.GET('/api/v1/plans/{planId}/progress', {
    params: { path: { planId: draft.id }, query: { asOf: '2021-12-31' } },
  }), 200, 'the portal reads the plan’s progress');
  t.match(progress, { total: 2, byProgress: { done: 1, not_started: 1 }, completionRate: 0.5 });

  // What the others may not do comes back as a typed Problem too.
  const refused = await portal.PATCH('/api/v1/plans/{planId}/tasks/{taskId}', {
    params: { path: taskPath, header: { 'if-match': '"2"' } },
    body: { progress: 'in_progress' },
  });
  t.equal(refused.response.status, 403, 'a reader may not record progress');
  t.equal(refused.error?.status, 403);
  t.equal(refused.error?.type, '/problems/forbidden');
  contractHeld(t);
});

t.test('a request the contract refuses comes back as a typed Problem', async (t) => {
  const { data, error, response } = await department.POST('/api/v1/plans', {
    body: {
      issuerUnitId: '3f0b6f8e-6a57-4c1e-9b7a-2d4c5e6f7a81',
      year: 2021,
      title: 'Kế hoạch có nhiệm vụ sai kỳ hạn',
      tasks: [{ content: 'Nhiệm vụ', forms: ['website_post'], assignees: [{ role: 'lead', group: 'all_units' }], duePeriod: '2021-13' }],
    },
  });
  // Every error answer of createPlan is a Problem: the client knows no other error shape.
  const typed: Same<NonNullable<typeof error>, Problem> = true;
  t.ok(typed);
  t.equal(data, undefined);
  t.equal(response.status, 400);
  t.match(response.headers.get('content-type'), /^application\/problem\+json/);
  t.match(error, { type: '/problems/validation', status: 400, instance: '/api/v1/plans' });
  t.type(error?.requestId, 'string');
  t.same(error?.errors?.map((e) => e.pointer), ['/body/tasks/0/duePeriod']);
  contractHeld(t);
});
