// What the task tests share: an app with the demo units, assignees by unit code or group name, and
// a plan made (and issued, unless told otherwise) with its tasks through the API.
import type { Test } from 'tap';
import { CLI_ACTOR } from '../../../src/domain/actor.js';
import type { Task } from '../../../src/modules/tasks/tasks.schemas.js';
import { seedDemoUnits } from '../../../src/modules/units/units.demo.js';
import { setupApp, type TestApp } from '../../helpers/app.js';

export type Who = { role: 'lead' | 'coordinator'; unitId?: string; group?: string };

export interface TaskFixtures {
  ctx: TestApp;
  /** Demo unit ids by code. */
  unit: Record<string, string>;
  /** A lead or coordinator: a unit by its code, or a group by its name. */
  L(who: string): Who;
  C(who: string): Who;
  /** A website-post task due in March 2021. */
  taskBody(content: string, ...assignees: Who[]): object;
  /** A 2021 plan of SGDDT with these tasks, issued on `issuedOn` unless it is null. */
  newPlan(tasks: object[], issuedOn?: string | null): Promise<{ planId: string; tasks: Task[] }>;
  taskUrl(task: Task): string;
}

export async function taskFixtures(t: Test): Promise<TaskFixtures> {
  const ctx = await setupApp(t);
  await seedDemoUnits(ctx.db, CLI_ACTOR);
  const unit = Object.fromEntries((await ctx.db.selectFrom('units').select(['code', 'id']).execute()).map((u) => [u.code, u.id])) as Record<string, string>;
  const who = (role: Who['role']) => (name: string): Who => (name in unit ? { role, unitId: unit[name] } : { role, group: name });
  return {
    ctx,
    unit,
    L: who('lead'),
    C: who('coordinator'),
    taskBody: (content, ...assignees) => ({ content, forms: ['website_post'], assignees, duePeriod: '2021-03' }),
    async newPlan(tasks, issuedOn = '2021-02-10') {
      const res = await ctx.request({ method: 'POST', url: '/api/v1/plans', payload: { issuerUnitId: unit.SGDDT, year: 2021, title: 'Kế hoạch tuyên truyền', tasks } });
      if (res.statusCode !== 201) throw new Error(`plan: ${res.body}`);
      const planId: string = res.json().id;
      if (issuedOn) {
        const issued = await ctx.request({ method: 'POST', url: `/api/v1/plans/${planId}/issue`, payload: { issuedOn } });
        if (issued.statusCode !== 200) throw new Error(`issue: ${issued.body}`);
      }
      return { planId, tasks: res.json().tasks };
    },
    taskUrl: (task) => `/api/v1/plans/${task.planId}/tasks/${task.id}`,
  };
}
