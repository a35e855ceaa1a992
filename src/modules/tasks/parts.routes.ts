// /api/v1/plans/{planId}/tasks/{taskId}/parts: each unit's own part of a task, and the plan's
// action that brings its parts up to date with the groups' members.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { optionalBody } from '../../http/body.js';
import { IfMatchHeader, requiredVersion, versioned } from '../../http/etag.js';
import { IdempotencyHeader } from '../../http/idempotency.js';
import type { ModuleOptions } from '../../http/module.js';
import { EmptyBodySchema, errorResponses, jsonResponse, ref } from '../../http/schemas.js';
import { PartAsOfQuerySchema, PartListQuerySchema, PartParamsSchema, PartsRefreshSchema, TaskPartPageSchema, TaskPartSchema, TaskPartUpdateSchema } from './parts.schemas.js';
import { PART_EXAMPLE } from './tasks.examples.js';
import { getPart, listParts, refreshParts, updatePart } from './parts.service.js';
import { PlanTasksParamsSchema, TaskParamsSchema } from './tasks.schemas.js';

const tags = ['tasks'];

const routes: FastifyPluginAsyncTypebox<ModuleOptions> = async (app, { db }) => {
  app.get(
    '/plans/:planId/tasks/:taskId/parts',
    {
      config: { access: 'read' },
      schema: {
        operationId: 'listTaskParts',
        summary: 'Each unit’s own part of the task: its progress, note and evidence',
        description:
          'Every key may read. Lead units first, then by unit code. Parts are made when the plan is issued, one per unit the task names (its groups resolved to their active units then; a unit named both ways leads). A draft plan’s tasks have none.',
        tags,
        params: TaskParamsSchema,
        querystring: PartListQuerySchema,
        response: { 200: jsonResponse('A page of parts.', TaskPartPageSchema, { items: [PART_EXAMPLE], nextCursor: null }), ...errorResponses(404) },
      },
    },
    async (request) => listParts(db, request.params.planId, request.params.taskId, request.query),
  );

  app.get(
    '/plans/:planId/tasks/:taskId/parts/:unitId',
    {
      // Its timeliness (as of asOf), its evidence and the unit's name change without the part's version.
      config: { access: 'read', notModified: false },
      schema: {
        operationId: 'getTaskPart',
        summary: 'One unit’s part of the task',
        description: 'Every key may read. The unit by id or code. Its ETag is what PATCH takes in If-Match.',
        tags,
        params: PartParamsSchema,
        querystring: PartAsOfQuerySchema,
        response: { 200: jsonResponse('The part.', TaskPartSchema, PART_EXAMPLE, ['etag']), ...errorResponses(404) },
      },
    },
    async (request, reply) => versioned(reply, await getPart(db, request.params.planId, request.params.taskId, request.params.unitId, request.query.asOf)),
  );

  app.patch(
    '/plans/:planId/tasks/:taskId/parts/:unitId',
    {
      config: { access: 'write' },
      schema: {
        operationId: 'updateTaskPart',
        summary: 'Record a unit’s progress on its part of the task',
        description:
          'Editors of the unit record its own part (a coordinator its contribution; it never changes a lead’s part); admins any part. The plan must be issued. ' +
          'The task’s progress follows: done when every lead unit’s part is done. If-Match is required.',
        tags,
        params: PartParamsSchema,
        headers: IfMatchHeader,
        body: ref(TaskPartUpdateSchema),
        response: { 200: jsonResponse('The part as recorded.', TaskPartSchema, { ...PART_EXAMPLE, version: 3 }, ['etag']), ...errorResponses(403, 404, 409, 412, 415, 422, 428) },
      },
    },
    async (request, reply) => {
      const { planId, taskId, unitId } = request.params;
      return versioned(reply, await updatePart(db, request.actor, planId, taskId, unitId, requiredVersion(request), request.body));
    },
  );

  app.post(
    '/plans/:planId/refresh-parts',
    {
      config: { access: 'admin' },
      preValidation: optionalBody,
      schema: {
        operationId: 'refreshPlanParts',
        summary: 'Bring the parts of an issued plan’s tasks up to date with the groups’ members',
        description:
          'Admins only, on an issued plan. Groups were resolved when the plan was issued; this adds a part for each unit that has joined a group a task names since, ' +
          'and removes the parts of units no longer named that have nothing recorded (not started, no note, no evidence). The tasks’ progress is derived again.',
        tags: ['plans'],
        params: PlanTasksParamsSchema,
        headers: IdempotencyHeader,
        body: ref(EmptyBodySchema),
        response: { 200: jsonResponse('How many parts were added and removed.', PartsRefreshSchema, { planId: '7d2e8f3b-9c4a-4e5f-8b6c-3d4e5f6a7b8c', added: 2, removed: 1 }), ...errorResponses(403, 404, 409, 415, 422) },
      },
    },
    async (request) => refreshParts(db, request.actor, request.params.planId),
  );
};

export default routes;
