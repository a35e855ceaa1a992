// /api/v1/calendar/non-working-days: the weekdays that are no working days (Tết and the other public
// holidays), which due dates skip. Every key reads; admins keep them.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { IfMatchHeader, requiredVersion, versioned } from '../../http/etag.js';
import { IdempotencyHeader } from '../../http/idempotency.js';
import type { ModuleOptions } from '../../http/module.js';
import { errorResponses, jsonResponse, ref } from '../../http/schemas.js';
import { addNonWorkingDay, getNonWorkingDay, listNonWorkingDays, removeNonWorkingDay, renameNonWorkingDay } from './calendar.service.js';
import { NON_WORKING_DAY_EXAMPLE } from './questions.examples.js';
import { NonWorkingDayCreateSchema, NonWorkingDayListQuerySchema, NonWorkingDayPageSchema, NonWorkingDayParamsSchema, NonWorkingDaySchema, NonWorkingDayUpdateSchema } from './questions.schemas.js';

const tags = ['questions'];
const MOVES = 'The due dates of the questions whose span of working days holds the day move with it (each such question takes a new version).';

const routes: FastifyPluginAsyncTypebox<ModuleOptions> = async (app, { db }) => {
  app.get(
    '/calendar/non-working-days',
    {
      config: { access: 'read' },
      schema: {
        operationId: 'listNonWorkingDays',
        summary: 'List the non-working days, in date order',
        description: 'Every key may read. Saturdays and Sundays are never working days and are not listed; these are the weekdays off (Tết, public holidays, days in lieu). Filter by year, or from and to.',
        tags,
        querystring: NonWorkingDayListQuerySchema,
        response: { 200: jsonResponse('A page of non-working days.', NonWorkingDayPageSchema, { items: [NON_WORKING_DAY_EXAMPLE], nextCursor: null }), ...errorResponses() },
      },
    },
    async (request) => listNonWorkingDays(db, request.query),
  );

  app.post(
    '/calendar/non-working-days',
    {
      config: { access: 'admin' },
      schema: {
        operationId: 'addNonWorkingDay',
        summary: 'Add a non-working day',
        description: `Admins only. A day already listed is a 409. ${MOVES}`,
        tags,
        headers: IdempotencyHeader,
        body: ref(NonWorkingDayCreateSchema),
        response: { 201: jsonResponse('The day was added.', NonWorkingDaySchema, NON_WORKING_DAY_EXAMPLE, ['etag', 'location']), ...errorResponses(403, 409, 415, 422) },
      },
    },
    async (request, reply) => {
      const day = versioned(reply, await addNonWorkingDay(db, request.actor, request.body));
      return reply.code(201).header('location', `/api/v1/calendar/non-working-days/${day.day}`).send(day);
    },
  );

  app.get(
    '/calendar/non-working-days/:day',
    {
      config: { access: 'read' },
      schema: {
        operationId: 'getNonWorkingDay',
        summary: 'Read a non-working day',
        description: 'Every key may read. A day not listed is a 404 (it may still be a weekend).',
        tags,
        params: NonWorkingDayParamsSchema,
        response: { 200: jsonResponse('The non-working day.', NonWorkingDaySchema, NON_WORKING_DAY_EXAMPLE, ['etag']), ...errorResponses(404) },
      },
    },
    async (request, reply) => versioned(reply, await getNonWorkingDay(db, request.params.day)),
  );

  app.patch(
    '/calendar/non-working-days/:day',
    {
      config: { access: 'admin' },
      schema: {
        operationId: 'renameNonWorkingDay',
        summary: 'Rename a non-working day',
        description: 'Admins only; If-Match is required. To move a day, remove it and add the other.',
        tags,
        params: NonWorkingDayParamsSchema,
        headers: IfMatchHeader,
        body: ref(NonWorkingDayUpdateSchema),
        response: { 200: jsonResponse('The day, renamed.', NonWorkingDaySchema, { ...NON_WORKING_DAY_EXAMPLE, name: 'Nghỉ Tết Nguyên đán', version: 2 }, ['etag']), ...errorResponses(403, 404, 412, 415, 422, 428) },
      },
    },
    async (request, reply) => versioned(reply, await renameNonWorkingDay(db, request.actor, request.params.day, requiredVersion(request), request.body.name)),
  );

  app.delete(
    '/calendar/non-working-days/:day',
    {
      config: { access: 'admin' },
      schema: {
        operationId: 'removeNonWorkingDay',
        summary: 'Make a day a working day again',
        description: `Admins only; If-Match is required. ${MOVES}`,
        tags,
        params: NonWorkingDayParamsSchema,
        headers: IfMatchHeader,
        response: { 204: { description: 'The day was removed from the calendar.', type: 'null' }, ...errorResponses(403, 404, 412, 428) },
      },
    },
    async (request, reply) => {
      await removeNonWorkingDay(db, request.actor, request.params.day, requiredVersion(request));
      return reply.code(204).send(null);
    },
  );
};

export default routes;
