// /api/v1/plans: the plan documents, their lifecycle actions, progress summary and schedule.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { optionalBody } from '../../http/body.js';
import { IfMatchHeader, optionalVersion, requiredVersion, versioned } from '../../http/etag.js';
import { ActionHeaders, IdempotencyHeader } from '../../http/idempotency.js';
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
  PlanSchema,
  PlanUpdateSchema,
} from './plans.schemas.js';
import { cancelPlan, closePlan, createPlan, deletePlan, getPlan, issuePlan, listPlans, updatePlan } from './plans.service.js';
import { AsOfQuerySchema } from '../tasks/tasks.schemas.js';

const tags = ['plans'];

const routes: FastifyPluginAsyncTypebox<{ db: Kysely<Database> }> = async (app, { db }) => {
  app.get(
    '/plans',
    {
      config: { access: 'read' },
      schema: {
        operationId: 'listPlans',
        summary: 'List plans, newest year first',
        description:
          'Every key may read. Plans come without their tasks, but with how many they have by progress (taskCount, tasksByProgress); read one plan for its appendix. issuerUnitCode names the issuer by code, instead of issuerUnitId.',
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
        description: 'Admins only. A plan with `tasks` is one transaction: any bad task and nothing is stored, the error pointing at it (`/body/tasks/3/duePeriod`).',
        tags,
        headers: IdempotencyHeader,
        body: ref(PlanCreateSchema),
        response: { 201: jsonResponse('The draft plan with its tasks.', PlanDetailSchema, { ...PLAN_DETAIL_EXAMPLE, status: 'draft', number: null, issuedOn: null, version: 1 }, ['etag', 'location']), ...errorResponses(403, 409, 415, 422) },
      },
    },
    async (request, reply) => {
      const plan = versioned(reply, await createPlan(db, request.actor, request.body));
      return reply.code(201).header('location', `/api/v1/plans/${plan.id}`).send(plan);
    },
  );

  app.get(
    '/plans/:planId',
    {
      config: { access: 'read', notModified: false },
      schema: {
        operationId: 'getPlan',
        summary: 'Read a plan with its tasks',
        description: 'Every key may read. Task timeliness is as of `asOf` (default today in Vietnam).',
        tags,
        params: PlanParamsSchema,
        querystring: AsOfQuerySchema,
        response: { 200: jsonResponse('The plan and its appendix; task timeliness as of asOf.', PlanDetailSchema, PLAN_DETAIL_EXAMPLE, ['etag']), ...errorResponses(404) },
      },
    },
    async (request, reply) => {
      return versioned(reply, await getPlan(db, request.params.planId, request.query.asOf));
    },
  );

  app.patch(
    '/plans/:planId',
    {
      config: { access: 'admin' },
      schema: {
        operationId: 'updatePlan',
        summary: 'Change a draft plan',
        description: 'Admins only, and only while the plan is a draft (otherwise 409). If-Match is required.',
        tags,
        params: PlanParamsSchema,
        headers: IfMatchHeader,
        body: ref(PlanUpdateSchema),
        response: { 200: jsonResponse('The plan as changed.', PlanSchema, { ...PLAN_EXAMPLE, status: 'draft', number: null, issuedOn: null }, ['etag']), ...errorResponses(403, 404, 409, 412, 415, 422, 428) },
      },
    },
    async (request, reply) => {
      return versioned(reply, await updatePlan(db, request.actor, request.params.planId, requiredVersion(request), request.body));
    },
  );

  app.delete(
    '/plans/:planId',
    {
      config: { access: 'admin' },
      schema: {
        operationId: 'deletePlan',
        summary: 'Delete a draft plan and its tasks',
        description: 'Admins only, and only a draft that no plan builds on or cites. If-Match is required.',
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
      preValidation: optionalBody,
      schema: {
        operationId: 'issuePlan',
        summary: 'Issue a draft: it gets the next number of its issuer’s sequence for the year',
        description:
          'Admins only, from draft. The plan takes the next number of its issuer’s sequence for the document type and the calendar year of `issuedOn` (05/KH-SGDĐT), and its content is fixed from then on. ' +
          'Without `issuedOn` (or without a body) it is issued today, the Vietnam date.',
        tags,
        params: PlanParamsSchema,
        headers: ActionHeaders,
        body: ref(PlanIssueSchema),
        response: { 200: jsonResponse('The plan, issued and numbered.', PlanSchema, PLAN_EXAMPLE, ['etag']), ...errorResponses(403, 404, 409, 412, 415, 422) },
      },
    },
    async (request, reply) => {
      return versioned(reply, await issuePlan(db, request.actor, request.params.planId, optionalVersion(request), request.body.issuedOn));
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
        description: 'Admins only, from issued. No more progress is recorded on its tasks.',
        tags,
        params: PlanParamsSchema,
        headers: ActionHeaders,
        body: ref(EmptyBodySchema),
        response: { 200: jsonResponse('The plan, closed.', PlanSchema, { ...PLAN_EXAMPLE, status: 'closed', version: 3 }, ['etag']), ...errorResponses(403, 404, 409, 412, 415, 422) },
      },
    },
    async (request, reply) => {
      return versioned(reply, await closePlan(db, request.actor, request.params.planId, optionalVersion(request)));
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
        description: 'Admins only, from draft or issued, with the reason. An issued plan keeps its number.',
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
      return versioned(reply, await cancelPlan(db, request.actor, request.params.planId, optionalVersion(request), request.body.reason));
    },
  );
};

export default routes;
