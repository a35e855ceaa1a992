// /api/v1/plans/{planId}/tasks (the appendix, JSON or CSV) and /api/v1/tasks (across plans).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Kysely } from 'kysely';
import { Type } from 'typebox';
import type { Database } from '../../db/schema.js';
import { InvalidInput } from '../../domain/errors.js';
import { IfMatchHeader, requiredVersion, versioned } from '../../http/etag.js';
import { IdempotencyHeader } from '../../http/idempotency.js';
import { errorResponses, jsonResponse, ref, responseHeaders } from '../../http/schemas.js';
import { TASK_EXAMPLE } from './tasks.examples.js';
import { attachment } from '../../http/attachment.js';
import { searchTasks } from './tasks.queries.js';
import {
  AsOfQuerySchema,
  PlanTasksParamsSchema as PlanParamsSchema,
  PlanTaskListQuerySchema,
  type TaskCreate,
  TaskCreateSchema,
  TaskListSchema,
  TaskPageSchema,
  TaskParamsSchema,
  TaskReorderSchema,
  TaskSchema,
  TaskSearchQuerySchema,
  TaskUpdateSchema,
} from './tasks.schemas.js';
import { createTask, deleteTask, exportAppendixCsv, getTask, importAppendixCsv, listPlanTasks, reorderTasks, updateTask } from './tasks.service.js';

const tags = ['tasks'];
const CSV_EXAMPLE =
  'ordinal,content,forms,formNote,lead,coordinators,duePeriod,targetCount,targetUnit,note,progressNote,progress,completedOn,timeliness\r\n' +
  '4,Công bố chỉ số CCHC các đơn vị trực thuộc năm 2020.,website_post,Đăng bài,TCCB,affiliated,2021-04,1,bài viết,,Đã đăng ngày 20/4,done,2021-04-20,done_on_time\r\n';
const CsvText = Type.String({ description: 'UTF-8 CSV with a header row; see the README for the columns.' });

const routes: FastifyPluginAsyncTypebox<{ db: Kysely<Database> }> = async (app, { db }) => {
  app.get(
    '/plans/:planId/tasks',
    {
      config: { access: 'read' },
      schema: {
        operationId: 'listPlanTasks',
        summary: 'The plan’s appendix: its tasks in order (JSON pages, or the whole of it as CSV)',
        description:
          'Send Accept: text/csv for the whole appendix as a spreadsheet (UTF-8 with BOM), named after the plan’s number (01-KH-SGDDT-tasks.csv). ' +
          'With labels=vi, for people: Vietnamese headers and values, units by name, periods kept as text in Excel and LibreOffice (="2021-03"), named 01-KH-SGDDT-nhiem-vu.csv; import reads the default form only.',
        tags,
        params: PlanParamsSchema,
        querystring: PlanTaskListQuerySchema,
        response: {
          200: {
            description: 'A page of tasks, or the appendix as CSV.',
            content: {
              'application/json': { schema: ref(TaskPageSchema), example: { items: [TASK_EXAMPLE], nextCursor: null } },
              'text/csv': { schema: CsvText, example: CSV_EXAMPLE },
            },
          },
          ...errorResponses(404),
        },
      },
    },
    async (request, reply) => {
      const { labels, ...query } = request.query;
      if (/\btext\/csv\b/.test(request.headers.accept ?? '')) {
        const { csv, fileName } = await exportAppendixCsv(db, request.params.planId, query.asOf, labels);
        return reply.type('text/csv; charset=utf-8').header('content-disposition', attachment(fileName)).send(csv);
      }
      if (labels) throw new InvalidInput([{ path: '/labels', message: 'is for the CSV appendix: send Accept: text/csv' }], true);
      return reply.send(await listPlanTasks(db, request.params.planId, query));
    },
  );

  app.post(
    '/plans/:planId/tasks',
    {
      config: { access: 'admin' },
      schema: {
        operationId: 'createPlanTasks',
        summary: 'Add a task to a draft plan (JSON), or many from a CSV appendix',
        description: 'A CSV body adds every row or none: each bad row is reported by line and column.',
        tags,
        params: PlanParamsSchema,
        headers: IdempotencyHeader,
        body: { content: { 'application/json': { schema: ref(TaskCreateSchema) }, 'text/csv': { schema: CsvText } } },
        response: {
          201: {
            description: 'The task (JSON body, with its ETag and Location), or the tasks made from the CSV.',
            headers: responseHeaders(['etag', 'location']),
            content: { 'application/json': { schema: Type.Union([ref(TaskSchema), ref(TaskListSchema)]), example: TASK_EXAMPLE } },
          },
          ...errorResponses(403, 404, 409, 415, 422),
        },
      },
    },
    async (request, reply) => {
      const { planId } = request.params;
      if (typeof request.body === 'string') {
        return reply.code(201).send({ items: await importAppendixCsv(db, request.actor, planId, request.body) });
      }
      const task = versioned(reply, await createTask(db, request.actor, planId, request.body as TaskCreate));
      return reply.code(201).header('location', `/api/v1/plans/${planId}/tasks/${task.id}`).send(task);
    },
  );

  app.get(
    '/plans/:planId/tasks/:taskId',
    {
      config: { access: 'read', notModified: false },
      schema: {
        operationId: 'getPlanTask',
        summary: 'Read a task',
        description: 'Every key may read.',
        tags,
        params: TaskParamsSchema,
        querystring: AsOfQuerySchema,
        response: { 200: jsonResponse('The task, with its timeliness as of asOf.', TaskSchema, TASK_EXAMPLE, ['etag']), ...errorResponses(404) },
      },
    },
    async (request, reply) => {
      return versioned(reply, await getTask(db, request.params.planId, request.params.taskId, request.query.asOf));
    },
  );

  app.patch(
    '/plans/:planId/tasks/:taskId',
    {
      config: { access: 'write' },
      schema: {
        operationId: 'updatePlanTask',
        summary: 'Change a task (draft plan) or record its progress (issued plan)',
        description:
          'What a task says (admins) changes while the plan is a draft; its progress and progress note (admins, or editors of a unit the task names, groups included) while it is issued. One or the other per request. ' +
          'Progress fields are recorded on parts (…/parts/{unitId}): an editor’s on its own unit’s part, an admin’s on every lead unit’s part; the task’s progress is derived from its leads’ parts, so an editor of a coordinating unit does not move it (409 when the unit has no part yet). ' +
          'Assignees are written with unitId or group only: the code and name a read shows are refused. If-Match is required.',
        tags,
        params: TaskParamsSchema,
        headers: IfMatchHeader,
        body: ref(TaskUpdateSchema),
        response: { 200: jsonResponse('The task as changed.', TaskSchema, { ...TASK_EXAMPLE, version: 2 }, ['etag']), ...errorResponses(403, 404, 409, 412, 415, 422, 428) },
      },
    },
    async (request, reply) => {
      return versioned(reply, await updateTask(db, request.actor, request.params.planId, request.params.taskId, requiredVersion(request), request.body));
    },
  );

  app.delete(
    '/plans/:planId/tasks/:taskId',
    {
      config: { access: 'admin' },
      schema: {
        operationId: 'deletePlanTask',
        summary: 'Delete a task of a draft plan; the others close up',
        description: 'Admins only, on a draft plan. The following tasks move up: ordinals stay 1..n.',
        tags,
        params: TaskParamsSchema,
        headers: IfMatchHeader,
        response: { 204: { description: 'The task was deleted.', type: 'null' }, ...errorResponses(403, 404, 409, 412, 428) },
      },
    },
    async (request, reply) => {
      await deleteTask(db, request.actor, request.params.planId, request.params.taskId, requiredVersion(request));
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/plans/:planId/tasks/reorder',
    {
      config: { access: 'admin' },
      schema: {
        operationId: 'reorderPlanTasks',
        summary: 'Put a draft plan’s tasks in a new order',
        description: 'Admins only, on a draft plan. List every task once, in the new order.',
        tags,
        params: PlanParamsSchema,
        headers: IdempotencyHeader,
        body: ref(TaskReorderSchema),
        response: { 200: jsonResponse('The tasks in their new order.', TaskListSchema, { items: [TASK_EXAMPLE] }), ...errorResponses(403, 404, 409, 415, 422) },
      },
    },
    async (request) => ({ items: await reorderTasks(db, request.actor, request.params.planId, request.body.taskIds) }),
  );

  app.get(
    '/tasks',
    {
      config: { access: 'read' },
      schema: {
        operationId: 'searchTasks',
        summary: 'Tasks across plans, by year, period, unit, progress and timeliness',
        description:
          'Ordered by due date. unitId (or unitCode, the unit’s code) finds tasks naming the unit directly or through a group it belongs to; an editor finds its own tasks with the link GET /api/v1/me gives.',
        tags,
        querystring: TaskSearchQuerySchema,
        response: { 200: jsonResponse('A page of tasks.', TaskPageSchema, { items: [TASK_EXAMPLE], nextCursor: null }), ...errorResponses() },
      },
    },
    async (request) => searchTasks(db, request.query),
  );
};

export default routes;
