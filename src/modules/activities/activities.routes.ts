// /api/v1/activities/{activityId} and POST /api/v1/activities: recording, reading, changing and
// removing one activity. Every key reads; admins write any, editors their own unit's.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { ModuleOptions } from '../../http/module.js';
import { IfMatchHeader, requiredVersion, versioned } from '../../http/etag.js';
import { IdempotencyHeader } from '../../http/idempotency.js';
import { errorResponses, jsonResponse, ref } from '../../http/schemas.js';
import { ACTIVITY_EXAMPLE } from './activities.examples.js';
import { ActivityCreateSchema, ActivityParamsSchema, ActivitySchema, ActivityUpdateSchema } from './activities.schemas.js';
import { createActivity, deleteActivity, getActivity, updateActivity } from './activities.service.js';

const tags = ['activities'];

const routes: FastifyPluginAsyncTypebox<ModuleOptions> = async (app, { db }) => {
  app.post(
    '/activities',
    {
      config: { access: 'write' },
      schema: {
        operationId: 'createActivity',
        summary: 'Record an activity a unit carried out',
        description:
          'Admins record for any active unit; an editor for its own unit only (another unitId is a 403). A website_post or video needs its evidenceUrl. ' +
          '`taskId` links the activity to a task of an issued plan that names the unit, directly or through its group; any other task is a 422 at /body/taskId. ' +
          'The key that records it is kept as `recordedBy`. Send `Idempotency-Key` to retry safely.',
        tags,
        headers: IdempotencyHeader,
        body: ref(ActivityCreateSchema),
        response: { 201: jsonResponse('The activity was recorded.', ActivitySchema, ACTIVITY_EXAMPLE, ['etag', 'location']), ...errorResponses(403, 409, 415, 422) },
      },
    },
    async (request, reply) => {
      const activity = versioned(reply, await createActivity(db, request.actor, request.body));
      return reply.code(201).header('location', `/api/v1/activities/${activity.id}`).send(activity);
    },
  );

  app.get(
    '/activities/:activityId',
    {
      // The answer shows the unit's code and name, which change without the activity's version.
      config: { access: 'read', notModified: false },
      schema: {
        operationId: 'getActivity',
        summary: 'Read an activity',
        description: 'Every key may read. A removed activity is a 404. The ETag is the version to send in If-Match.',
        tags,
        params: ActivityParamsSchema,
        response: { 200: jsonResponse('The activity; its ETag is the version to send in If-Match.', ActivitySchema, ACTIVITY_EXAMPLE, ['etag']), ...errorResponses(404) },
      },
    },
    async (request, reply) => versioned(reply, await getActivity(db, request.params.activityId)),
  );

  app.patch(
    '/activities/:activityId',
    {
      config: { access: 'write' },
      schema: {
        operationId: 'updateActivity',
        summary: 'Change an activity',
        description:
          'Admins change any activity; an editor only its own unit’s, and cannot move one to another unit (403). If-Match is required. ' +
          'A new unit or task is checked again: the unit active, the task one of an issued plan that names the unit. A website_post or video keeps its evidenceUrl.',
        tags,
        params: ActivityParamsSchema,
        headers: IfMatchHeader,
        body: ref(ActivityUpdateSchema),
        response: {
          200: jsonResponse('The activity as changed.', ActivitySchema, { ...ACTIVITY_EXAMPLE, figures: { ...ACTIVITY_EXAMPLE.figures, views: 512 }, version: 2 }, ['etag']),
          ...errorResponses(403, 404, 409, 412, 415, 422, 428),
        },
      },
    },
    async (request, reply) =>
      versioned(reply, await updateActivity(db, request.actor, request.params.activityId, requiredVersion(request), request.body)),
  );

  app.delete(
    '/activities/:activityId',
    {
      config: { access: 'write' },
      schema: {
        operationId: 'deleteActivity',
        summary: 'Remove an activity',
        description:
          'Admins remove any activity; an editor only its own unit’s. If-Match is required. The activity is marked removed (deletedAt, a new version) and is gone from every read; the audit trail keeps it.',
        tags,
        params: ActivityParamsSchema,
        headers: IfMatchHeader,
        response: { 204: { description: 'The activity was removed.', type: 'null' }, ...errorResponses(403, 404, 412, 428) },
      },
    },
    async (request, reply) => {
      await deleteActivity(db, request.actor, request.params.activityId, requiredVersion(request));
      return reply.code(204).send(null);
    },
  );
};

export default routes;
