// What the report workflow tests build on: the demo units, the Department's issued plan of 2021 (a
// task TCCB leads with the affiliated schools, an obligation on CNTT), and helpers to make, read
// and move reports through the API.
import type { LightMyRequestResponse } from 'fastify';
import type { Test } from 'tap';
import { CLI_ACTOR } from '../../../src/domain/actor.js';
import type { Report } from '../../../src/modules/reports/reports.schemas.js';
import { seedDemoUnits } from '../../../src/modules/units/units.demo.js';
import { setupApp, type TestApp } from '../../helpers/app.js';

export const REPORTS = '/api/v1/reports';
export const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export interface ReportFixture {
  ctx: TestApp;
  /** Demo unit ids by code: SGDDT, TCCB, CNTT, THPT-HD, … */
  unit: Record<string, string>;
  /** The Department's issued plan of 2021 and its one task. */
  plan: { id: string; taskId: string };
  /** POST /reports (admin's key unless another is given). */
  create(body: object, key?: string): Promise<LightMyRequestResponse>;
  /** Makes the report or throws. */
  made(body: object, key?: string): Promise<Report>;
  /** POST /reports/{id}/{action} with the body, If-Match when given. */
  act(id: string, action: 'submit' | 'accept' | 'return', options?: { key?: string; payload?: object; ifMatch?: string }): Promise<LightMyRequestResponse>;
  /** Moves the report or throws. */
  moved(id: string, action: 'submit' | 'accept' | 'return', options?: { key?: string; payload?: object }): Promise<Report>;
  /** The report as GET shows it, or the status when it is not 200. */
  read(id: string, key?: string): Promise<Report | number>;
  /** How many reports rows there are: what a refused write must leave as it was. */
  rowCount(): Promise<number>;
}

async function ok(res: LightMyRequestResponse, what: string, status = 200) {
  if (res.statusCode !== status) throw new Error(`${what}: ${res.statusCode} ${res.body}`);
  return res.json();
}

export async function setupReports(t: Test): Promise<ReportFixture> {
  const ctx = await setupApp(t);
  await seedDemoUnits(ctx.db, CLI_ACTOR);
  const unit = Object.fromEntries((await ctx.db.selectFrom('units').select(['code', 'id']).execute()).map((u) => [u.code, u.id])) as Record<string, string>;
  const planBody = {
    issuerUnitId: unit.SGDDT,
    year: 2021,
    title: 'Kế hoạch tuyên truyền CCHC năm 2021',
    tasks: [{ content: 'Công bố Chỉ số CCHC năm 2020', forms: ['website_post'], assignees: [{ role: 'lead', unitId: unit.TCCB }, { role: 'coordinator', group: 'affiliated' }], duePeriod: '2021-Q2' }],
    obligations: [{ kind: 'publish', unitId: unit.CNTT, forms: ['website_post'], minCount: 1, per: 'quarter', description: 'Đăng tải ít nhất 01 tin, bài/quý.' }],
  };
  const created = await ok(await ctx.request({ method: 'POST', url: '/api/v1/plans', payload: planBody }), 'plan', 201);
  await ok(await ctx.request({ method: 'POST', url: `/api/v1/plans/${created.id}/issue`, payload: { issuedOn: '2021-02-03' } }), 'issue');

  const create: ReportFixture['create'] = (body, key) => ctx.request({ method: 'POST', url: REPORTS, payload: body, ...(key ? { key } : {}) });
  const act: ReportFixture['act'] = (id, action, options = {}) =>
    ctx.request({
      method: 'POST',
      url: `${REPORTS}/${id}/${action}`,
      ...(options.key ? { key: options.key } : {}),
      ...(options.payload ? { payload: options.payload } : {}),
      ...(options.ifMatch ? { headers: { 'if-match': options.ifMatch } } : {}),
    });
  return {
    ctx,
    unit,
    plan: { id: created.id, taskId: created.tasks[0].id },
    create,
    made: async (body, key) => ok(await create(body, key), 'report', 201),
    act,
    moved: async (id, action, options) => ok(await act(id, action, options), action),
    async read(id, key) {
      const res = await ctx.request({ url: `${REPORTS}/${id}`, ...(key ? { key } : {}) });
      return res.statusCode === 200 ? res.json() : res.statusCode;
    },
    async rowCount() {
      return Number((await ctx.db.selectFrom('reports').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    },
  };
}

/** The pointers of a problem's field errors. */
export const pointers = (problem: { errors?: Array<{ pointer?: string }> }) => (problem.errors ?? []).map((e) => e.pointer);
