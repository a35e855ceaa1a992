// GET /api/v1/activities (JSON pages, or every match as CSV), /api/v1/activities.csv, and a task's
// evidence: /api/v1/plans/{planId}/tasks/{taskId}/activities. Every key reads.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import { Type } from 'typebox';
import type { ModuleOptions } from '../../http/module.js';
import { errorResponses, jsonResponse, ref } from '../../http/schemas.js';
import { CSV_FILE_NAME } from './activities.csv.js';
import { ACTIVITY_EXAMPLE, CSV_EXAMPLE } from './activities.examples.js';
import { exportActivitiesCsv, listActivities, listTaskActivities } from './activities.queries.js';
import { ActivityCsvQuerySchema, ActivityListQuerySchema, ActivityPageSchema, TaskActivitiesParamsSchema, TaskActivitiesQuerySchema } from './activities.schemas.js';

const tags = ['activities'];
const CsvText = Type.String({ description: 'UTF-8 CSV with a BOM and CRLF rows: a header row, then one activity per row (see the README for the columns).' });
const csvContent = { 'text/csv': { schema: CsvText, example: CSV_EXAMPLE } };
const FILTERS =
  'unitId (or unitCode), group, form (repeat it: ?form=video&form=meeting), taskId, planId, from and to (inclusive dates), period (2021, 2021-H1, 2021-Q2, 2021-05) and q ' +
  '(words of the title or summary, case and diacritics ignored) narrow the list; recordedBy is the id of the key that recorded it. Removed activities are never listed.';

function sendCsv(reply: FastifyReply, csv: string): FastifyReply {
  return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${CSV_FILE_NAME}"`).send(csv);
}

const routes: FastifyPluginAsyncTypebox<ModuleOptions> = async (app, { db }) => {
  app.get(
    '/activities',
    {
      config: { access: 'read' },
      schema: {
        operationId: 'listActivities',
        summary: 'List activities, newest first (JSON pages, or every match as CSV)',
        description: `Every key may read. Ordered by occurredOn, newest first. ${FILTERS} Send Accept: text/csv for every match as a spreadsheet (limit and cursor are then ignored), as GET /api/v1/activities.csv gives.`,
        tags,
        querystring: ActivityListQuerySchema,
        response: {
          200: {
            description: 'A page of activities, or every match as CSV.',
            content: { 'application/json': { schema: ref(ActivityPageSchema), example: { items: [ACTIVITY_EXAMPLE], nextCursor: 'WyIyMDIxLTA0LTIwIiwiOWU0ZjJhNmItMWMzZC00ZTVmLThhN2ItNmM1ZDRlM2YyYTFiIl0' } }, ...csvContent },
          },
          ...errorResponses(),
        },
      },
    },
    async (request, reply) => {
      const { limit, cursor, ...filters } = request.query;
      if (/\btext\/csv\b/.test(request.headers.accept ?? '')) return sendCsv(reply, await exportActivitiesCsv(db, filters));
      return reply.send(await listActivities(db, { ...filters, limit, cursor }));
    },
  );

  app.get(
    '/activities.csv',
    {
      config: { access: 'read' },
      schema: {
        operationId: 'exportActivitiesCsv',
        summary: 'Every activity the filters find, as CSV',
        description: `Every key may read. The filters of GET /api/v1/activities: ${FILTERS} No paging: every match, newest first, downloaded as ${CSV_FILE_NAME}.`,
        tags,
        querystring: ActivityCsvQuerySchema,
        response: { 200: { description: 'The matching activities as CSV.', content: csvContent }, ...errorResponses() },
      },
    },
    async (request, reply) => sendCsv(reply, await exportActivitiesCsv(db, request.query)),
  );

  app.get(
    '/plans/:planId/tasks/:taskId/activities',
    {
      config: { access: 'read' },
      schema: {
        operationId: 'listTaskActivities',
        summary: 'The task’s evidence: the activities that carry it out',
        description: 'Every key may read. Newest first. A task that is not the plan’s is a 404.',
        tags,
        params: TaskActivitiesParamsSchema,
        querystring: TaskActivitiesQuerySchema,
        response: { 200: jsonResponse('A page of the task’s activities.', ActivityPageSchema, { items: [ACTIVITY_EXAMPLE], nextCursor: null }), ...errorResponses(404) },
      },
    },
    async (request) => listTaskActivities(db, request.params.planId, request.params.taskId, request.query),
  );
};

export default routes;
