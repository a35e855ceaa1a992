// /api/v1/plans: the plan documents, their lifecycle actions, progress summary and schedule.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { optionalBody } from '../../http/body.js';
import { IfMatchHeader, IfMatchOptionalHeader, optionalVersion, requiredVersion, setEtag } from '../../http/etag.js';
import { IdempotencyHeader } from '../../http/idempotency.js';
import { EmptyBodySchema, errorResponses, jsonResponse, ref } from '../../http/schemas.js';
import { PLAN_DETAIL_EXAMPLE, PLAN_EXAMPLE } from './plans.examples.js';
import {
  PlanCancelSchema,
  PlanCreateSchema,
  PlanDetailSchema,
  PlanIssueSchema,
  PlanListQuerySchema,
  PlanPageSchema,
  PlanParamsSchema,
  PlanProgressSchema,
  PlanScheduleSchema,
  PlanSchema,
  PlanUpdateSchema,
} from './plans.schemas.js';
import { cancelPlan, closePlan, createPlan, deletePlan, getPlan, issuePlan, listPlans, updatePlan } from './plans.service.js';
import { TASK_EXAMPLE } from './tasks.examples.js';
import { planProgress, planSchedule } from './tasks.queries.js';
import { AsOfQuerySchema } from './tasks.schemas.js';

const tags = ['plans'];
const ActionHeaders = { ...IfMatchOptionalHeader, properties: { ...IfMatchOptionalHeader.properties, ...IdempotencyHeader.properties } };

const routes: FastifyPluginAsyncTypebox<{ db: Kysely<Database> }> = async (app, { db }) => {
  app.get(
    '/plans',
    {
      config: { access: 'read' },
      schema: {
        operationId: 'listPlans',
        summary: 'List plans, newest year first',
        tags,
        querystring: PlanListQuerySchema,
        response: { 200: jsonResponse('A page of plans (without their tasks).', PlanPageSchema, { items: [PLAN_EXAMPLE], nextCursor: null }), ...errorResponses() },
      },
    },
    async (request) => listPlans(db, request.query),
  );

  app.post(
    '/plans',
    {
      config: { access: 'admin' },
      schema: {
        operationId: 'createPlan',
        summary: 'Draft a plan, with its tasks if given (one transaction)',
        tags,
        headers: IdempotencyHeader,
        body: ref(PlanCreateSchema),
        response: { 201: jsonResponse('The draft plan with its tasks.', PlanDetailSchema, { ...PLAN_DETAIL_EXAMPLE, status: 'draft', number: null, issuedOn: null, version: 1 }, ['etag', 'location']), ...errorResponses(403, 409, 415, 422) },
      },
    },
    async (request, reply) => {
      const plan = await createPlan(db, request.actor, request.body);
      setEtag(reply, plan.version);
      return reply.code(201).header('location', `/api/v1/plans/${plan.id}`).send(plan);
    },
  );

  app.get(
    '/plans/:planId',
    {
      config: { access: 'read' },
      schema: {
        operationId: 'getPlan',
        summary: 'Read a plan with its tasks',
        tags,
        params: PlanParamsSchema,
        querystring: AsOfQuerySchema,
        response: { 200: jsonResponse('The plan and its appendix; task timeliness as of asOf.', PlanDetailSchema, PLAN_DETAIL_EXAMPLE, ['etag']), ...errorResponses(404) },
      },
    },
    async (request, reply) => {
      const plan = await getPlan(db, request.params.planId, request.query.asOf);
      setEtag(reply, plan.version);
      return plan;
    },
  );

  app.patch(
    '/plans/:planId',
    {
      config: { access: 'admin' },
      schema: {
        operationId: 'updatePlan',
        summary: 'Change a draft plan',
        tags,
        params: PlanParamsSchema,
        headers: IfMatchHeader,
        body: ref(PlanUpdateSchema),
        response: { 200: jsonResponse('The plan as changed.', PlanSchema, { ...PLAN_EXAMPLE, status: 'draft', number: null, issuedOn: null }, ['etag']), ...errorResponses(403, 404, 409, 412, 415, 422, 428) },
      },
    },
    async (request, reply) => {
      const plan = await updatePlan(db, request.actor, request.params.planId, requiredVersion(request), request.body);
      setEtag(reply, plan.version);
      return plan;
    },
  );

  app.delete(
    '/plans/:planId',
    {
      config: { access: 'admin' },
      schema: {
        operationId: 'deletePlan',
        summary: 'Delete a draft plan and its tasks',
        tags,
        params: PlanParamsSchema,
        headers: IfMatchHeader,
        response: { 204: { description: 'The plan was deleted.', type: 'null' }, ...errorResponses(403, 404, 409, 412, 428) },
      },
    },
    async (request, reply) => {
      await deletePlan(db, request.actor, request.params.planId, requiredVersion(request));
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/plans/:planId/issue',
    {
      config: { access: 'admin' },
      schema: {
        operationId: 'issuePlan',
        summary: 'Issue a draft: it gets the next number of its issuer’s sequence for the year',
        tags,
        params: PlanParamsSchema,
        headers: ActionHeaders,
        body: ref(PlanIssueSchema),
        response: { 200: jsonResponse('The plan, issued and numbered.', PlanSchema, PLAN_EXAMPLE, ['etag']), ...errorResponses(403, 404, 409, 412, 415, 422) },
      },
    },
    async (request, reply) => {
      const plan = await issuePlan(db, request.actor, request.params.planId, optionalVersion(request), request.body.issuedOn);
      setEtag(reply, plan.version);
      return plan;
    },
  );

  app.post(
    '/plans/:planId/close',
    {
      config: { access: 'admin' },
      preValidation: optionalBody,
      schema: {
        operationId: 'closePlan',
        summary: 'Close an issued plan',
        tags,
        params: PlanParamsSchema,
        headers: ActionHeaders,
        body: ref(EmptyBodySchema),
        response: { 200: jsonResponse('The plan, closed.', PlanSchema, { ...PLAN_EXAMPLE, status: 'closed', version: 3 }, ['etag']), ...errorResponses(403, 404, 409, 412, 415) },
      },
    },
    async (request, reply) => {
      const plan = await closePlan(db, request.actor, request.params.planId, optionalVersion(request));
      setEtag(reply, plan.version);
      return plan;
    },
  );

  app.post(
    '/plans/:planId/cancel',
    {
      config: { access: 'admin' },
      preValidation: optionalBody,
      schema: {
        operationId: 'cancelPlan',
        summary: 'Cancel a draft or issued plan, with the reason',
        tags,
        params: PlanParamsSchema,
        headers: ActionHeaders,
        body: ref(PlanCancelSchema),
        response: {
          200: jsonResponse('The plan, cancelled.', PlanSchema, { ...PLAN_EXAMPLE, status: 'cancelled', cancelReason: 'Thay thế bởi kế hoạch sửa đổi.', version: 3 }, ['etag']),
          ...errorResponses(403, 404, 409, 412, 415, 422),
        },
      },
    },
    async (request, reply) => {
      const plan = await cancelPlan(db, request.actor, request.params.planId, optionalVersion(request), request.body.reason);
      setEtag(reply, plan.version);
      return plan;
    },
  );

  app.get(
    '/plans/:planId/progress',
    {
      config: { access: 'read' },
      schema: {
        operationId: 'getPlanProgress',
        summary: 'Counts of the plan’s tasks by progress and timeliness, and its completion rate',
        tags,
        params: PlanParamsSchema,
        querystring: AsOfQuerySchema,
        response: {
          200: jsonResponse('The progress summary as of asOf.', PlanProgressSchema, {
            planId: PLAN_EXAMPLE.id,
            asOf: '2021-06-30',
            total: 12,
            byProgress: { not_started: 5, in_progress: 1, done: 6, cancelled: 0 },
            byTimeliness: { done_on_time: 5, done_late: 1, in_progress: 1, overdue: 0, not_started: 5, cancelled: 0 },
            completionRate: 0.5,
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
        tags,
        params: PlanParamsSchema,
        querystring: AsOfQuerySchema,
        response: {
          200: jsonResponse('The months the tasks fall in, each with its tasks.', PlanScheduleSchema, { planId: PLAN_EXAMPLE.id, asOf: '2021-06-30', months: [{ month: '2021-04', tasks: [TASK_EXAMPLE] }] }),
          ...errorResponses(404),
        },
      },
    },
    async (request) => planSchedule(db, request.params.planId, request.query.asOf),
  );
};

export default routes;
