// /api/v1/questions: recording a citizen's question, reading and listing them as the caller may see
// them, correcting the intake and removing one. Every key reads (readers the published ones only).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { ModuleOptions } from '../../http/module.js';
import { IfMatchHeader, requiredVersion, versioned } from '../../http/etag.js';
import { IdempotencyHeader } from '../../http/idempotency.js';
import { errorResponses, jsonResponse, ref } from '../../http/schemas.js';
import { PUBLIC_QUESTION_EXAMPLE, QUESTION_EXAMPLE, RECEIVED_EXAMPLE } from './questions.examples.js';
import { QuestionCreateSchema, QuestionGetQuerySchema, QuestionListQuerySchema, QuestionPageSchema, QuestionParamsSchema, QuestionSchema, QuestionUpdateSchema } from './questions.schemas.js';
import { createQuestion, deleteQuestion, getQuestion, listQuestions, settingsOf, updateQuestion, viewerOf } from './questions.service.js';

const tags = ['questions'];

const WHO_SEES =
  'Readers (the portal) see only published questions, and only their public fields: no asker and none of the staff’s fields. ' +
  'An editor sees whole the questions assigned to or answered by its unit (with the asker’s contact, to reply) and, of the rest, the published ones as readers do. The Office’s editors and admins see every question.';

const routes: FastifyPluginAsyncTypebox<ModuleOptions> = async (app, { db, config }) => {
  const settings = settingsOf(config);

  app.post(
    '/questions',
    {
      config: { access: 'write' },
      schema: {
        operationId: 'createQuestion',
        summary: 'Record a citizen’s question',
        description:
          `The Office (an editor of the unit whose code is OFFICE_UNIT_CODE, VP by default) or an admin records what came by the hotline, the Q&A section, e-mail or in person, with the asker’s personal data. ` +
          'It is due QUESTION_RESPONSE_DAYS working days (5 by default) after the Vietnam day of receipt: Monday to Friday, less the non-working days of /calendar/non-working-days. ' +
          'Phone numbers are Vietnamese, digits only: a mobile’s 10 starting 0, a landline’s 11 starting 02, or either with +84 for the 0. Send `Idempotency-Key` to retry safely.',
        tags,
        headers: IdempotencyHeader,
        body: ref(QuestionCreateSchema),
        response: { 201: jsonResponse('The question was recorded.', QuestionSchema, RECEIVED_EXAMPLE, ['etag', 'location']), ...errorResponses(403, 409, 415, 422) },
      },
    },
    async (request, reply) => {
      const question = versioned(reply, await createQuestion(db, request.actor, settings, request.body));
      return reply.code(201).header('location', `/api/v1/questions/${question.id}`).send(question);
    },
  );

  app.get(
    '/questions',
    {
      // `overdue` moves with the days, not with the versions.
      config: { access: 'read', notModified: false },
      schema: {
        operationId: 'listQuestions',
        summary: 'List citizens’ questions, newest received first',
        description:
          `${WHO_SEES} Filters: status and channel (repeat them), assignedUnitId (or assignedUnitCode), from and to (Vietnam dates of receipt), overdue (as of asOf, today by default) and q ` +
          '(words of the subject, question or answer; never the asker’s data). Removed questions are never listed.',
        tags,
        querystring: QuestionListQuerySchema,
        response: {
          200: jsonResponse('A page of questions.', QuestionPageSchema, { items: [PUBLIC_QUESTION_EXAMPLE], nextCursor: null }),
          ...errorResponses(),
        },
      },
    },
    async (request) => listQuestions(db, await viewerOf(db, request.actor, settings), request.query),
  );

  app.get(
    '/questions/:questionId',
    {
      config: { access: 'read', notModified: false },
      schema: {
        operationId: 'getQuestion',
        summary: 'Read a question',
        description: `${WHO_SEES} A question the caller may not see, or a removed one, is a 404. The ETag is the version to send in If-Match.`,
        tags,
        params: QuestionParamsSchema,
        querystring: QuestionGetQuerySchema,
        response: { 200: jsonResponse('The question, as the caller may see it.', QuestionSchema, QUESTION_EXAMPLE, ['etag']), ...errorResponses(404) },
      },
    },
    async (request, reply) => versioned(reply, await getQuestion(db, await viewerOf(db, request.actor, settings), request.params.questionId, request.query.asOf)),
  );

  app.patch(
    '/questions/:questionId',
    {
      config: { access: 'write' },
      schema: {
        operationId: 'updateQuestion',
        summary: 'Correct a question’s intake',
        description:
          'The Office or an admin, while the question is received or assigned (409 after). If-Match is required. A new receivedAt moves the due date; a new asker replaces the old one whole (409 once erased).',
        tags,
        params: QuestionParamsSchema,
        headers: IfMatchHeader,
        body: ref(QuestionUpdateSchema),
        response: { 200: jsonResponse('The question as corrected.', QuestionSchema, { ...RECEIVED_EXAMPLE, version: 2 }, ['etag']), ...errorResponses(403, 404, 409, 412, 415, 422, 428) },
      },
    },
    async (request, reply) =>
      versioned(reply, await updateQuestion(db, await viewerOf(db, request.actor, settings), request.params.questionId, requiredVersion(request), request.body)),
  );

  app.delete(
    '/questions/:questionId',
    {
      config: { access: 'write' },
      schema: {
        operationId: 'deleteQuestion',
        summary: 'Remove a question',
        description:
          'The Office or an admin. If-Match is required. The question is marked removed (a tombstone: deletedAt and a new version, for mirrors) and gone from every read; ' +
          'the asker’s personal data is erased with it, and the activity its publication recorded is removed.',
        tags,
        params: QuestionParamsSchema,
        headers: IfMatchHeader,
        response: { 204: { description: 'The question was removed.', type: 'null' }, ...errorResponses(403, 404, 412, 428) },
      },
    },
    async (request, reply) => {
      await deleteQuestion(db, await viewerOf(db, request.actor, settings), request.params.questionId, requiredVersion(request));
      return reply.code(204).send(null);
    },
  );
};

export default routes;
