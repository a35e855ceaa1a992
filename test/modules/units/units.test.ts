import t from 'tap';
import { assertProblem, setupApp } from '../../helpers/app.js';

const ctx = await setupApp(t);

t.test('creates and reads a unit', async (t) => {
  const created = await ctx.request({ method: 'POST', url: '/api/v1/units', payload: { code: 'SGDDT', name: 'Sở Giáo dục và Đào tạo', kind: 'department' } });
  t.equal(created.statusCode, 201);
  t.equal(created.headers.etag, '"1"');
  const unit = created.json();
  t.equal(created.headers.location, `/api/v1/units/${unit.id}`);
  const read = await ctx.request({ url: `/api/v1/units/${unit.id}` });
  t.same(read.json(), unit);
  assertProblem(t, await ctx.request({ url: `/api/v1/units/${unit.id}`, key: null }), 401);
});
