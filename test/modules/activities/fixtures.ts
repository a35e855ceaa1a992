// What the activity tests build on: the demo units, an issued plan whose tasks name units directly and
// through groups, a draft plan, and small helpers to record and read activities.
import type { Test } from 'tap';
import { CLI_ACTOR } from '../../../src/domain/actor.js';
import type { Activity } from '../../../src/modules/activities/activities.schemas.js';
import type { Task } from '../../../src/modules/tasks/tasks.schemas.js';
import { seedDemoUnits } from '../../../src/modules/units/units.demo.js';
import { setupApp, type TestApp } from '../../helpers/app.js';

export const ACTIVITIES = '/api/v1/activities';

export interface Fixture {
  ctx: TestApp;
  /** Unit ids by code (the demo units: SGDDT, TCCB, CNTT, THPT-HD, …). */
  unit: Record<string, string>;
  /** The issued plan (01/KH-SGDĐT) and its tasks: 1 led by TCCB with the affiliated group, 2 led by CNTT. */
  issued: { id: string; number: string; tasks: [Task, Task] };
  /** A draft plan whose one task TCCB leads. */
  draft: { id: string; tasks: [Task] };
  /** POST /activities with the body (admin's key unless another is given). */
  record(body: object, key?: string, headers?: Record<string, string>): ReturnType<TestApp['request']>;
  /** Records the activity or throws. */
  made(body: object, key?: string): Promise<Activity>;
  /** A body with every required field, for unit `code`. */
  body(code: string, more?: object): Record<string, unknown>;
  /** The activity as GET shows it, or the status when it is not 200. */
  read(id: string): Promise<Activity | number>;
  /** How many activities rows there are, removed ones included: what a refused write must leave as it was. */
  rowCount(): Promise<number>;
}

async function plan(ctx: TestApp, issuer: string, title: string, tasks: object[]): Promise<{ id: string; tasks: Task[] }> {
  const res = await ctx.request({ method: 'POST', url: '/api/v1/plans', payload: { issuerUnitId: issuer, year: 2021, title, tasks } });
  if (res.statusCode !== 201) throw new Error(`plan: ${res.body}`);
  return res.json();
}

export async function setupActivities(t: Test): Promise<Fixture> {
  const ctx = await setupApp(t);
  await seedDemoUnits(ctx.db, CLI_ACTOR);
  const unit = Object.fromEntries((await ctx.db.selectFrom('units').select(['code', 'id']).execute()).map((u) => [u.code, u.id]));
  const task = (content: string, assignees: object[]) => ({ content, forms: ['website_post', 'video'], assignees, duePeriod: '2021-Q2' });

  const issued = await plan(ctx, unit.SGDDT!, 'Kế hoạch tuyên truyền CCHC năm 2021', [
    task('Công bố Chỉ số CCHC năm 2020', [{ role: 'lead', unitId: unit.TCCB }, { role: 'coordinator', group: 'affiliated' }]),
    task('Xây dựng video clip về dịch vụ công trực tuyến', [{ role: 'lead', unitId: unit.CNTT }]),
  ]);
  const issue = await ctx.request({ method: 'POST', url: `/api/v1/plans/${issued.id}/issue`, payload: { issuedOn: '2021-02-10' } });
  if (issue.statusCode !== 200) throw new Error(`issue: ${issue.body}`);
  const draft = await plan(ctx, unit.SGDDT!, 'Kế hoạch nháp', [task('Nhiệm vụ của kế hoạch nháp', [{ role: 'lead', unitId: unit.TCCB }])]);

  const record: Fixture['record'] = (body, key, headers) => ctx.request({ method: 'POST', url: ACTIVITIES, payload: body, ...(key ? { key } : {}), ...(headers ? { headers } : {}) });
  return {
    ctx,
    unit,
    issued: { id: issued.id, number: issue.json().number, tasks: issued.tasks as [Task, Task] },
    draft: { id: draft.id, tasks: draft.tasks as [Task] },
    record,
    async made(body, key) {
      const res = await record(body, key);
      if (res.statusCode !== 201) throw new Error(`activity: ${res.body}`);
      return res.json();
    },
    body: (code, more = {}) => ({ unitId: unit[code], form: 'meeting', title: 'Hội nghị quán triệt Kế hoạch CCHC', occurredOn: '2021-04-20', ...more }),
    async read(id) {
      const res = await ctx.request({ url: `${ACTIVITIES}/${id}` });
      return res.statusCode === 200 ? res.json() : res.statusCode;
    },
    async rowCount() {
      return Number((await ctx.db.selectFrom('activities').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    },
  };
}

/** The pointers of a problem's field errors. */
export const pointers = (problem: { errors?: Array<{ pointer?: string }> }) => (problem.errors ?? []).map((e) => e.pointer);
