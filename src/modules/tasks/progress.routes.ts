// /api/v1/plans/{planId}/progress and /schedule: a plan's appendix summed up and laid out by month.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { ModuleOptions } from '../../http/module.js';
import { errorResponses, jsonResponse } from '../../http/schemas.js';
import { TASK_EXAMPLE } from './tasks.examples.js';
import { planProgress, planSchedule } from './tasks.queries.js';
import { AsOfQuerySchema, PlanProgressSchema, PlanScheduleSchema, PlanTasksParamsSchema as PlanParamsSchema } from './tasks.schemas.js';

const tags = ['plans'];

const routes: FastifyPluginAsyncTypebox<ModuleOptions> = async (app, { db }) => {
  app.get(
    '/plans/:planId/progress',
    {
      config: { access: 'read' },
      schema: {
        operationId: 'getPlanProgress',
        summary: 'Counts of the plan’s tasks by progress and timeliness, and its completion rate',
        description:
          'Every key may read. completionRate = done / tasks not cancelled (null when there are none). The tasks of a draft or cancelled plan have no timeliness: byTimeliness counts none of them, as the timeliness filter finds none.',
        tags,
        params: PlanParamsSchema,
        querystring: AsOfQuerySchema,
        response: {
          200: jsonResponse('The progress summary as of asOf.', PlanProgressSchema, {
            planId: TASK_EXAMPLE.planId,
            asOf: '2021-06-30',
            total: 12,
            byProgress: { not_started: 5, in_progress: 1, done: 6, cancelled: 0 },
            byTimeliness: { done_on_time: 5, done_late: 1, in_progress: 1, overdue: 0, not_started: 5, cancelled: 0 },
            completionRate: 0.5,
            tasksWithEvidence: 6,
          }),
          ...errorResponses(404),
        },
      },
    },
    async (request) => planProgress(db, request.params.planId, request.query.asOf),
  );

  app.get(
    '/plans/:planId/schedule',
    {
      config: { access: 'read' },
      schema: {
        operationId: 'getPlanSchedule',
        summary: 'The plan’s tasks by month: the appendix as a calendar',
        description: 'Every key may read. A task appears in each month its due period touches.',
        tags,
        params: PlanParamsSchema,
        querystring: AsOfQuerySchema,
        response: {
          200: jsonResponse('The months the tasks fall in, each with its tasks.', PlanScheduleSchema, { planId: TASK_EXAMPLE.planId, asOf: '2021-06-30', months: [{ month: '2021-04', tasks: [TASK_EXAMPLE] }] }),
          ...errorResponses(404),
        },
      },
    },
    async (request) => planSchedule(db, request.params.planId, request.query.asOf),
  );
};

export default routes;
