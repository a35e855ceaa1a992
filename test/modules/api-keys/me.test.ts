// GET /api/v1/me (issue 7, item 2): any key learns who it is; an editor finds its unit, and from
// there the tasks its unit takes part in.
import t from 'tap';
import { createApiKey } from '../../../src/modules/api-keys/api-keys.service.js';
import { CLI_ACTOR } from '../../../src/domain/actor.js';
import { assertProblem, setupApp } from '../../helpers/app.js';

const ctx = await setupApp(t);
const department = await ctx.addUnit({ code: 'SGDDT', name: 'Sở Giáo dục và Đào tạo', kind: 'department' });
const school = await ctx.addUnit({ code: 'THPT-HD', name: 'Trường THPT Hoàng Diệu', kind: 'affiliated', parentId: department.id });
const me = (key?: string | null) => ctx.request({ url: '/api/v1/me', ...(key !== undefined ? { key } : {}) });

t.test('an editor: its key, its unit, and the links to the unit and to its tasks', async (t) => {
  const made = await createApiKey(ctx.db, CLI_ACTOR, { name: 'Trường THPT Hoàng Diệu', role: 'editor', unitId: school.id });
  const res = await me(made.key);
  t.equal(res.statusCode, 200, res.body);
  t.same(res.json(), {
    keyId: made.id,
    name: 'Trường THPT Hoàng Diệu',
    role: 'editor',
    unit: { id: school.id, code: 'THPT-HD', name: 'Trường THPT Hoàng Diệu', active: true },
    links: { unit: `/api/v1/units/${school.id}`, tasks: `/api/v1/tasks?unitId=${school.id}` },
  });
  t.notMatch(res.body, made.key, 'never the key itself');

  const plan = await ctx.request({
    method: 'POST',
    url: '/api/v1/plans',
    payload: {
      issuerUnitId: department.id, year: 2021, title: 'Kế hoạch',
      tasks: [
        { content: 'Việc của trường', forms: ['website_post'], assignees: [{ role: 'lead', unitId: school.id }], duePeriod: '2021-03' },
        { content: 'Việc của Sở', forms: ['meeting'], assignees: [{ role: 'lead', unitId: department.id }], duePeriod: '2021-04' },
      ],
    },
  });
  t.equal(plan.statusCode, 201);
  const mine = await ctx.request({ url: res.json().links.tasks, key: made.key });
  t.same(mine.json().items.map((x: { content: string }) => x.content), ['Việc của trường'], 'the link finds the unit’s tasks');
  t.equal((await ctx.request({ url: res.json().links.unit, key: made.key })).json().code, 'THPT-HD');
});

t.test('admin and reader keys: no unit, no links', async (t) => {
  const reader = await createApiKey(ctx.db, CLI_ACTOR, { name: 'Cổng CCHC tỉnh', role: 'reader', unitId: null });
  t.same((await me(reader.key)).json(), { keyId: reader.id, name: 'Cổng CCHC tỉnh', role: 'reader', unit: null, links: { unit: null, tasks: null } });
  t.match((await me()).json(), { role: 'admin', name: 'admin key for tests', unit: null, links: { unit: null, tasks: null } });
});

t.test('a deactivated unit’s editor may still ask; no key is a 401', async (t) => {
  const editor = await ctx.keyFor('editor', school.id);
  await ctx.request({ method: 'POST', url: `/api/v1/units/${school.id}/deactivate` });
  const res = await me(editor);
  t.equal(res.statusCode, 200);
  t.match(res.json(), { role: 'editor', unit: { id: school.id, active: false } }, 'and learns why it may only read');
  const none = assertProblem(t, await me(null), 401);
  t.match(none.detail, /Bearer/);
  assertProblem(t, await me('cchc_not-a-key'), 401);
});
