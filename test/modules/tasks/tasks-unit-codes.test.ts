// Units by code in tasks (issue 7, item 1): `?unitCode=` beside `?unitId=`, assignees read with
// their unit's code and name, and written back without them.
import t from 'tap';
import { CLI_ACTOR } from '../../../src/domain/actor.js';
import type { Task } from '../../../src/modules/tasks/tasks.schemas.js';
import { seedDemoUnits } from '../../../src/modules/units/units.demo.js';
import { assertProblem, setupApp } from '../../helpers/app.js';

const ctx = await setupApp(t);
await seedDemoUnits(ctx.db, CLI_ACTOR);
const unit = Object.fromEntries((await ctx.db.selectFrom('units').select(['code', 'id']).execute()).map((u) => [u.code, u.id]));

const created = await ctx.request({
  method: 'POST',
  url: '/api/v1/plans',
  payload: {
    issuerUnitId: unit.SGDDT,
    year: 2021,
    title: 'Kế hoạch theo mã đơn vị',
    tasks: [
      { content: 'c1 Trường chủ trì', forms: ['website_post'], assignees: [{ role: 'lead', unitId: unit['THPT-HD'] }], duePeriod: '2021-03' },
      { content: 'c2 Các đơn vị trực thuộc phối hợp', forms: ['meeting'], assignees: [{ role: 'lead', unitId: unit.TCCB }, { role: 'coordinator', group: 'affiliated' }], duePeriod: '2021-04' },
      { content: 'c3 Văn phòng', forms: ['qa'], assignees: [{ role: 'lead', unitId: unit.VP }], duePeriod: '2021-05' },
    ],
  },
});
if (created.statusCode !== 201) throw new Error(created.body);
const tasks: Task[] = created.json().tasks;

const search = async (query: string) => {
  const res = await ctx.request({ url: `/api/v1/tasks?${query}` });
  if (res.statusCode !== 200) throw new Error(`${query}: ${res.body}`);
  return res.json().items.map((x: Task) => x.content.slice(0, 2));
};

t.test('unitCode finds what unitId finds, role and groups included', async (t) => {
  for (const [code, role] of [['THPT-HD', ''], ['THPT-HD', 'coordinator'], ['TCCB', 'lead'], ['VP', ''], ['SNV', '']]) {
    const extra = role ? `&role=${role}` : '';
    t.same(await search(`unitCode=${code}${extra}`), await search(`unitId=${unit[code!]}${extra}`), `${code}${extra}`);
  }
  t.same(await search('unitCode=THPT-HD'), ['c1', 'c2'], 'directly, and through the affiliated group');
});

t.test('unitCode: a code that names no unit, a malformed one, or both filters is a 400', async (t) => {
  const unknown = assertProblem(t, await ctx.request({ url: '/api/v1/tasks?unitCode=THPT-XX' }), 400, 'no such unit');
  t.same(unknown.errors?.map((e) => e.pointer), ['/query/unitCode']);
  t.match(unknown.errors?.[0]?.message, /names no unit: THPT-XX/);
  assertProblem(t, await ctx.request({ url: '/api/v1/tasks?unitCode=thpt-hd' }), 400, 'codes are upper case');
  const both = assertProblem(t, await ctx.request({ url: `/api/v1/tasks?unitCode=VP&unitId=${unit.VP}` }), 400, 'unitId and unitCode together');
  t.same(both.errors?.map((e) => e.pointer), ['/query/unitCode']);
  t.equal((await ctx.request({ url: '/api/v1/tasks?role=lead&unitCode=VP' })).statusCode, 200, 'a role goes with unitCode as with unitId');
});

t.test('assignees are read with the unit’s code and name; groups as they are', async (t) => {
  const read = (await ctx.request({ url: `/api/v1/plans/${tasks[1]!.planId}/tasks/${tasks[1]!.id}` })).json();
  t.same(read.assignees, [
    { role: 'lead', unitId: unit.TCCB, code: 'TCCB', name: 'Phòng Tổ chức cán bộ' },
    { role: 'coordinator', group: 'affiliated' },
  ]);
  const listed = (await ctx.request({ url: '/api/v1/tasks?unitCode=VP' })).json().items[0];
  t.same(listed.assignees, [{ role: 'lead', unitId: unit.VP, code: 'VP', name: 'Văn phòng Sở' }], 'in the cross-plan list too');
  await ctx.request({ method: 'PATCH', url: '/api/v1/units/VP', payload: { name: 'Văn phòng Sở GDĐT' }, headers: { 'if-match': '*' } });
  const renamed = (await ctx.request({ url: `/api/v1/plans/${tasks[2]!.planId}/tasks/${tasks[2]!.id}` })).json();
  t.equal(renamed.assignees[0].name, 'Văn phòng Sở GDĐT', 'the unit’s name as it is now');
});

t.test('writes take unitId or group only: code and name are refused as unknown, by pointer', async (t) => {
  const task = tasks[0]!;
  const sentBack = await ctx.request({
    method: 'PATCH',
    url: `/api/v1/plans/${task.planId}/tasks/${task.id}`,
    payload: { assignees: [{ role: 'lead', unitId: unit['THPT-HD'], code: 'THPT-HD', name: 'Trường THPT Hoàng Diệu' }] },
    headers: { 'if-match': '"1"' },
  });
  t.same(assertProblem(t, sentBack, 400).errors, [
    { pointer: '/body/assignees/0/code', message: 'is not a known property' },
    { pointer: '/body/assignees/0/name', message: 'is not a known property' },
  ]);
  const byCodeOnly = await ctx.request({
    method: 'POST',
    url: `/api/v1/plans/${task.planId}/tasks`,
    payload: { content: 'Theo mã', forms: ['video'], assignees: [{ role: 'lead', code: 'TCCB' }], duePeriod: '2021-06' },
  });
  t.same(assertProblem(t, byCodeOnly, 400).errors, [
    { pointer: '/body/assignees/0', message: 'must give exactly one of unitId and group' },
    { pointer: '/body/assignees/0/code', message: 'is not a known property' },
  ], 'a code is no unitId on create either');
  const stripped = await ctx.request({
    method: 'PATCH',
    url: `/api/v1/plans/${task.planId}/tasks/${task.id}`,
    payload: { assignees: [{ role: 'lead', unitId: unit['THPT-HD'] }] },
    headers: { 'if-match': '"1"' },
  });
  t.equal(stripped.statusCode, 200, 'without them, the same assignees are taken back');
});
