// Rules the contract used to state only in prose are in the schemas (issue 6): exactly one of unitId
// and group (Assignee, Obligation), the unit an editor key needs and the others may not have
// (ApiKeyCreate), and the audit trail's actions and entity types as enums. Clients and generated code
// read them; the server refuses their breach with a 400 whose message is a sentence, once.
import { readFileSync } from 'node:fs';
import t from 'tap';
import { AUDIT_ACTIONS, AUDIT_ENTITY_TYPES } from '../../src/modules/audit/audit.table.js';
import { assertProblem, setupApp } from '../helpers/app.js';

type Schema = { [key: string]: unknown; properties?: Record<string, Schema> };
const doc = JSON.parse(readFileSync(new URL('../../openapi/openapi.json', import.meta.url), 'utf8')) as {
  paths: Record<string, Record<string, { parameters?: Array<{ name: string; schema: Schema }> }>>;
  components: { schemas: Record<string, Schema> };
};
const schemas = doc.components.schemas;

t.test('exactly one of unitId and group is a oneOf', async (t) => {
  for (const name of ['Assignee', 'Obligation']) {
    t.same(schemas[name]?.oneOf, [{ required: ['unitId'] }, { required: ['group'] }], name);
  }
});

t.test('ApiKeyCreate says which roles take a unit', async (t) => {
  const create = schemas.ApiKeyCreate!;
  t.same(create.if, { properties: { role: { enum: ['editor'] } }, required: ['role'] });
  t.match(create.then, { required: ['unitId'], properties: { unitId: { type: 'string' } } });
  t.match(create.else, { properties: { unitId: { type: 'null' } } });
});

t.test('audit actions and entity types are enums, in the answer and in the query', async (t) => {
  t.same([...AUDIT_ACTIONS].sort(), ['accept', 'activate', 'answer', 'assign', 'cancel', 'close', 'create', 'deactivate', 'delete', 'erase', 'issue', 'progress', 'publish', 'refresh_parts', 'reorder', 'return', 'revoke', 'submit', 'update']);
  t.same([...AUDIT_ENTITY_TYPES].sort(), ['activity', 'api_key', 'non_working_day', 'plan', 'question', 'report', 'task', 'task_part', 'unit']);
  const event = schemas.AuditEvent!.properties!;
  t.same(event.action?.enum, AUDIT_ACTIONS);
  t.same(event.entityType?.enum, AUDIT_ENTITY_TYPES);
  const query = Object.fromEntries((doc.paths['/api/v1/audit']?.get?.parameters ?? []).map((p) => [p.name, p.schema]));
  t.same(query.action?.enum, AUDIT_ACTIONS);
  t.same(query.entityType?.enum, AUDIT_ENTITY_TYPES);
});

const ctx = await setupApp(t);
const department = await ctx.addUnit({ code: 'SGDDT', name: 'Sở Giáo dục và Đào tạo', kind: 'department' });
const plan = await ctx.request({ method: 'POST', url: '/api/v1/plans', payload: { issuerUnitId: department.id, year: 2021, title: 'Kế hoạch' } });
const planId: string = plan.json().id;

const errorsOf = (res: Awaited<ReturnType<typeof ctx.request>>) => assertProblem(t, res, 400).errors ?? [];

t.test('a breach of oneOf is one sentence at the object, not Ajv’s branches', async (t) => {
  const task = (assignee: object) => ({ content: 'Tuyên truyền', forms: ['video'], duePeriod: '2021-03', assignees: [{ role: 'lead', unitId: department.id }, assignee] });
  const message = 'must give exactly one of unitId and group';
  const add = (body: object) => ctx.request({ method: 'POST', url: `/api/v1/plans/${planId}/tasks`, payload: body });
  t.same(errorsOf(await add(task({ role: 'coordinator' }))), [{ pointer: '/body/assignees/1', message }], 'neither');
  t.same(errorsOf(await add(task({ role: 'coordinator', unitId: department.id, group: 'divisions' }))), [{ pointer: '/body/assignees/1', message }], 'both');
  const obligation = (o: object) => ({ issuerUnitId: department.id, year: 2021, title: 'Kế hoạch', obligations: [{ kind: 'report', description: 'Báo cáo', ...o }] });
  const create = (body: object) => ctx.request({ method: 'POST', url: '/api/v1/plans', payload: body });
  t.same(errorsOf(await create(obligation({}))), [{ pointer: '/body/obligations/0', message }], 'an obligation with neither');
  t.same(errorsOf(await create(obligation({ unitId: department.id, group: 'affiliated' }))), [{ pointer: '/body/obligations/0', message }], 'with both');
  const typo = errorsOf(await create(obligation({ group: 'schools' })));
  t.same(typo, [{ pointer: '/body/obligations/0/group', message: 'must be one of: divisions, affiliated, all_units' }], 'a bad group is about the group only');
});

t.test('a key’s unit by its role: one sentence at /body/unitId', async (t) => {
  const create = (body: object) => ctx.request({ method: 'POST', url: '/api/v1/api-keys', payload: body });
  const editor = [{ pointer: '/body/unitId', message: 'is required for an editor key (the unit it acts for)' }];
  t.same(errorsOf(await create({ name: 'Editor', role: 'editor' })), editor, 'an editor without a unit');
  t.same(errorsOf(await create({ name: 'Editor', role: 'editor', unitId: null })), editor, 'an editor with unitId null');
  const others = [{ pointer: '/body/unitId', message: 'must be absent or null for an admin or reader key' }];
  t.same(errorsOf(await create({ name: 'Admin', role: 'admin', unitId: department.id })), others, 'an admin with a unit');
  t.same(errorsOf(await create({ name: 'Reader', role: 'reader', unitId: department.id })), others, 'a reader with a unit');
  t.equal((await create({ name: 'Reader', role: 'reader', unitId: null })).statusCode, 201, 'a reader with unitId null');
  t.equal((await create({ name: 'Editor', role: 'editor', unitId: department.id })).statusCode, 201, 'an editor with its unit');
});

t.test('audit filters outside the enums are 400s', async (t) => {
  t.same(errorsOf(await ctx.request({ url: '/api/v1/audit?action=rename' })).map((e) => e.pointer), ['/query/action']);
  t.same(errorsOf(await ctx.request({ url: '/api/v1/audit?entityType=inquiry' })).map((e) => e.pointer), ['/query/entityType']);
  t.equal((await ctx.request({ url: '/api/v1/audit?action=create&entityType=unit' })).statusCode, 200);
});
