// What the API gives out, it takes back (issue 6): every resource read, then written back unchanged
// with the fields its PATCH takes, is accepted, and both answers are what the contract says. A read
// that breaks its own schema (an obligation's `per: null` outside its enum) fails here twice: the
// answer breaks the contract, and sending it back is refused.
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import t, { type Test } from 'tap';
import { TASK_PATCH_PARTS } from '../../src/modules/tasks/tasks.schemas.js';
import { setupApp } from '../helpers/app.js';
import { contractClients } from '../helpers/contract-client.js';

const ctx = await setupApp(t);
await ctx.app.listen({ port: 0, host: '127.0.0.1' });
const { port } = ctx.app.server.address() as AddressInfo;
const contract = contractClients(`http://127.0.0.1:${port}`);
const admin = contract.as(ctx.adminKey);

const doc = JSON.parse(readFileSync(new URL('../../openapi/openapi.json', import.meta.url), 'utf8')) as {
  components: { schemas: Record<string, { properties: Record<string, unknown> }> };
};
/** The fields a PATCH body takes, by the contract. */
const writable = (component: string) => Object.keys(doc.components.schemas[component]!.properties);
/** The fields of a resource as read, for a PATCH that changes nothing. */
const pick = (resource: object, fields: string[]) => Object.fromEntries(Object.entries(resource).filter(([k]) => fields.includes(k)));
const contractHeld = (t: Test) => t.same(contract.violations.splice(0), [], 'every answer is what the contract says');
/** What a write-back may change: the version and when. */
const content = ({ version, updatedAt, ...rest }: { version: number; updatedAt: string }) => rest;

/** The data of a call that answered `status`, or an error saying what came instead. */
async function ok<T>(t: Test | null, call: Promise<{ data?: T; error?: unknown; response: Response }>, status: number, what: string): Promise<T> {
  const { data, error, response } = await call;
  t?.equal(response.status, status, `${what}: ${status}`);
  if (response.status !== status || data === undefined) throw new Error(`${what}: ${response.status} ${JSON.stringify(error)}`);
  return data;
}

const sgddt = await ctx.addUnit({
  code: 'SGDDT', name: 'Sở Giáo dục và Đào tạo', shortName: 'Sở GDĐT', kind: 'department', electronicId: '000.00.12.H49',
  websiteUrl: 'https://sgddt.soctrang.gov.vn', cchcSectionUrl: 'https://sgddt.soctrang.gov.vn/cchc', documentAbbreviation: 'SGDĐT',
});
const school = await ctx.addUnit({ code: 'THPT-HD', name: 'Trường THPT Hoàng Diệu', kind: 'affiliated', parentId: sgddt.id });

const base = await ok(null, admin.POST('/api/v1/plans', { body: { issuerUnitId: sgddt.id, year: 2020, title: 'Kế hoạch tuyên truyền CCHC năm 2020' } }), 201, 'a plan to build on');
const draft = await ok(null, admin.POST('/api/v1/plans', {
  body: {
    issuerUnitId: sgddt.id,
    year: 2021,
    title: 'Kế hoạch tuyên truyền cải cách hành chính năm 2021',
    documentType: 'QĐ',
    parentPlanId: base.id,
    legalBases: [
      { number: '19/KH-UBND', date: '2021-01-26', issuer: 'Ủy ban nhân dân tỉnh Sóc Trăng', title: 'Tuyên truyền CCHC năm 2021', planId: null },
      { number: '01/KH-SGDĐT', planId: base.id },
    ],
    objectives: ['Nâng cao nhận thức về CCHC.'],
    requirements: ['Thiết thực, hiệu quả.', 'Đúng tiến độ.'],
    audience: 'Công chức, viên chức.',
    scope: 'Toàn ngành.',
    contents: ['Kế hoạch CCHC năm 2021.'],
    forms: [{ form: 'video', description: 'Video clip trên website.' }, { form: 'meeting' }],
    fundingSource: 'Ngân sách nhà nước.',
    recipients: [{ text: 'Sở Nội vụ (để báo cáo)' }, { text: 'Trường THPT Hoàng Diệu', unitId: school.id }],
    signer: { name: 'Châu Tuấn Hồng', title: 'GIÁM ĐỐC' },
    obligations: [
      { kind: 'publish', group: 'affiliated', forms: ['website_post'], minCount: 1, per: 'quarter', description: 'Đăng tải ít nhất 01 tin, bài/quý.' },
      { kind: 'report', unitId: school.id, description: 'Báo cáo kết quả khi có yêu cầu (không có per).' },
      { kind: 'answer_inquiries', group: 'all_units', minCount: null, per: null, description: 'Trả lời phản ánh, kiến nghị.' },
    ],
    tasks: [
      {
        content: 'Đăng tin về Kế hoạch CCHC năm 2021', forms: ['website_post', 'video'], formNote: 'Đăng bài, video',
        assignees: [{ role: 'lead', unitId: school.id }, { role: 'coordinator', group: 'divisions' }],
        duePeriod: '2021-Q2', target: { count: 2, unit: 'bài viết' }, note: 'Ưu tiên.',
      },
      { content: 'Họp triển khai', forms: ['meeting'], assignees: [{ role: 'lead', group: 'all_units' }], duePeriod: '2021-03-01/2021-04-15' },
    ],
  },
}), 201, 'a draft with every optional part');

t.test('a unit, every field set or left empty, read and written back', async (t) => {
  for (const unit of [sgddt, school]) {
    const read = await ok(t, admin.GET('/api/v1/units/{unitId}', { params: { path: { unitId: unit.id } } }), 200, `GET ${unit.code}`);
    const body = pick(read, writable('UnitUpdate'));
    t.same(Object.keys(body).sort(), writable('UnitUpdate').sort(), 'every updatable field is read');
    const written = await ok(t, admin.PATCH('/api/v1/units/{unitId}', {
      params: { path: { unitId: unit.id }, header: { 'if-match': `"${read.version}"` } },
      body: body as never,
    }), 200, `PATCH ${unit.code} back`);
    t.same(content(written), content(read), 'unchanged');
  }
  contractHeld(t);
});

t.test('a draft plan, every optional part filled, read and written back', async (t) => {
  const read = await ok(t, admin.GET('/api/v1/plans/{planId}', { params: { path: { planId: draft.id } } }), 200, 'GET the plan');
  t.equal(read.obligations[1]?.per ?? null, null, 'an obligation without per');
  const body = pick(read, writable('PlanUpdate'));
  t.same(Object.keys(body).sort(), writable('PlanUpdate').sort(), 'every content field is read');
  const written = await ok(t, admin.PATCH('/api/v1/plans/{planId}', {
    params: { path: { planId: draft.id }, header: { 'if-match': `"${read.version}"` } },
    body: body as never,
  }), 200, 'PATCH the plan back');
  const { tasks, ...plan } = read;
  t.same(content(written), content(plan), 'unchanged');
  t.equal(tasks.length, 2);
  contractHeld(t);
});

t.test('the tasks of a draft plan, read and written back', async (t) => {
  const fields = Object.keys(TASK_PATCH_PARTS.content);
  for (const task of draft.tasks) {
    const path = { planId: draft.id, taskId: task.id };
    const read = await ok(t, admin.GET('/api/v1/plans/{planId}/tasks/{taskId}', { params: { path } }), 200, `GET task ${task.ordinal}`);
    const body = pick(read, fields);
    t.same(Object.keys(body).sort(), [...fields].sort(), 'every content field is read');
    // An assignee comes with its unit's code and name (TaskAssignee), which are read-only: a write
    // takes the Assignee it was given, so a client sends back role with unitId or group.
    const named = read.assignees.findIndex((a) => a.unitId);
    if (named >= 0) {
      const refused = await admin.PATCH('/api/v1/plans/{planId}/tasks/{taskId}', { params: { path, header: { 'if-match': `"${read.version}"` } }, body: body as never });
      t.equal(refused.response.status, 400, 'sent back with code and name: refused, saying which');
      t.same(refused.error?.errors, [
        { pointer: `/body/assignees/${named}/code`, message: 'is not a known property' },
        { pointer: `/body/assignees/${named}/name`, message: 'is not a known property' },
      ]);
    }
    body.assignees = read.assignees.map(({ role, unitId, group }) => (unitId ? { role, unitId } : { role, group }));
    const written = await ok(t, admin.PATCH('/api/v1/plans/{planId}/tasks/{taskId}', {
      params: { path, header: { 'if-match': `"${read.version}"` } },
      body: body as never,
    }), 200, `PATCH task ${task.ordinal} back`);
    t.same(content(written), content(read), 'unchanged');
  }
  contractHeld(t);
});
