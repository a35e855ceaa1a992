// The steps of a question's workflow, each a POST on the question: assign, return, answer, publish,
// close, and the erasure of the asker's personal data. If-Match is checked when sent.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { optionalBody } from '../../http/body.js';
import { optionalVersion, versioned } from '../../http/etag.js';
import { ActionHeaders } from '../../http/idempotency.js';
import type { ModuleOptions } from '../../http/module.js';
import { EmptyBodySchema, errorResponses, jsonResponse, ref } from '../../http/schemas.js';
import { QUESTION_EXAMPLE, RECEIVED_EXAMPLE } from './questions.examples.js';
import { QuestionAnswerSchema, QuestionAssignSchema, QuestionParamsSchema, QuestionPublishSchema, QuestionSchema, ReasonSchema } from './questions.schemas.js';
import { settingsOf, viewerOf } from './questions.service.js';
import { answerQuestion, assignQuestion, closeQuestion, erasePersonalData, publishQuestion, returnQuestion } from './questions.workflow.js';

const tags = ['questions'];
const ERRORS = errorResponses(403, 404, 409, 412, 415, 422);

const ASSIGNED = { ...RECEIVED_EXAMPLE, status: 'assigned', assignedUnit: QUESTION_EXAMPLE.assignedUnit, assignmentNote: QUESTION_EXAMPLE.assignmentNote, history: QUESTION_EXAMPLE.history!.slice(0, 1), version: 2 } as const;
const ANSWERED = {
  ...QUESTION_EXAMPLE,
  status: 'answered',
  publishedAt: null,
  publishedUrl: null,
  publication: null,
  history: QUESTION_EXAMPLE.history!.slice(0, 2),
  version: 3,
} as const;

const routes: FastifyPluginAsyncTypebox<ModuleOptions> = async (app, { db, config }) => {
  const settings = settingsOf(config);

  app.post(
    '/questions/:questionId/assign',
    {
      config: { access: 'write' },
      schema: {
        operationId: 'assignQuestion',
        summary: 'Hand a received question to a unit to answer',
        description: 'The Office or an admin, from received. The unit must be active and not the Office (which answers directly instead); the note is for the unit.',
        tags,
        params: QuestionParamsSchema,
        headers: ActionHeaders,
        body: ref(QuestionAssignSchema),
        response: { 200: jsonResponse('The question, assigned.', QuestionSchema, ASSIGNED, ['etag']), ...ERRORS },
      },
    },
    async (request, reply) =>
      versioned(reply, await assignQuestion(db, await viewerOf(db, request.actor, settings), request.params.questionId, optionalVersion(request), request.body)),
  );

  app.post(
    '/questions/:questionId/return',
    {
      config: { access: 'write' },
      schema: {
        operationId: 'returnQuestion',
        summary: 'Give an assigned question back to the Office, with the reason',
        description: 'An editor of the unit it is assigned to, the Office or an admin, from assigned. It is received again; the history keeps the unit and the reason.',
        tags,
        params: QuestionParamsSchema,
        headers: ActionHeaders,
        body: ref(ReasonSchema),
        response: {
          200: jsonResponse(
            'The question, received again.',
            QuestionSchema,
            {
              ...RECEIVED_EXAMPLE,
              history: [
                ...QUESTION_EXAMPLE.history!.slice(0, 1),
                { action: 'return', at: '2021-03-09T01:30:00.000Z', by: QUESTION_EXAMPLE.answeredByKey!, unitId: QUESTION_EXAMPLE.assignedUnit!.id, note: 'Nội dung thuộc thẩm quyền của Phòng Tổ chức cán bộ.' },
              ],
              version: 3,
            },
            ['etag'],
          ),
          ...ERRORS,
        },
      },
    },
    async (request, reply) =>
      versioned(reply, await returnQuestion(db, await viewerOf(db, request.actor, settings), request.params.questionId, optionalVersion(request), request.body.reason)),
  );

  app.post(
    '/questions/:questionId/answer',
    {
      config: { access: 'write' },
      schema: {
        operationId: 'answerQuestion',
        summary: 'Answer a question',
        description:
          'From assigned: an editor of the unit it is assigned to (or an admin on its behalf); anyone else is a 403. From received: the Office answers it directly (or an admin for it). ' +
          'The response time is counted in working days from the day of receipt; on time when answered by dueOn.',
        tags,
        params: QuestionParamsSchema,
        headers: ActionHeaders,
        body: ref(QuestionAnswerSchema),
        response: { 200: jsonResponse('The question, answered.', QuestionSchema, ANSWERED, ['etag']), ...ERRORS },
      },
    },
    async (request, reply) =>
      versioned(reply, await answerQuestion(db, await viewerOf(db, request.actor, settings), request.params.questionId, optionalVersion(request), request.body.answer)),
  );

  app.post(
    '/questions/:questionId/publish',
    {
      config: { access: 'write' },
      schema: {
        operationId: 'publishQuestion',
        summary: 'Publish an answered question on the Q&A section',
        description:
          'The Office or an admin, from answered (an unanswered question is a 409). An edited public version of the subject, question and answer may be given; readers see only it. ' +
          'Publishing records an activity of the answering unit (form hotline for a hotline question, qa for the others), dated today, its evidence the page `url` when given: obligations and reports count it.',
        tags,
        params: QuestionParamsSchema,
        headers: ActionHeaders,
        body: ref(QuestionPublishSchema),
        response: { 200: jsonResponse('The question, published.', QuestionSchema, QUESTION_EXAMPLE, ['etag']), ...ERRORS },
      },
    },
    async (request, reply) =>
      versioned(reply, await publishQuestion(db, await viewerOf(db, request.actor, settings), request.params.questionId, optionalVersion(request), request.body)),
  );

  app.post(
    '/questions/:questionId/close',
    {
      config: { access: 'write' },
      schema: {
        operationId: 'closeQuestion',
        summary: 'Close a question not to be published, with the reason',
        description: 'The Office or an admin, from received, assigned or answered.',
        tags,
        params: QuestionParamsSchema,
        headers: ActionHeaders,
        body: ref(ReasonSchema),
        response: {
          200: jsonResponse('The question, closed.', QuestionSchema, {
              ...RECEIVED_EXAMPLE,
              status: 'closed',
              closedReason: 'Câu hỏi trùng với câu hỏi đã trả lời.',
              closedAt: '2021-03-09T02:00:00.000Z',
              history: [{ action: 'close', at: '2021-03-09T02:00:00.000Z', by: RECEIVED_EXAMPLE.recordedBy!, note: 'Câu hỏi trùng với câu hỏi đã trả lời.' }],
              version: 2,
            }, ['etag']),
          ...ERRORS,
        },
      },
    },
    async (request, reply) =>
      versioned(reply, await closeQuestion(db, await viewerOf(db, request.actor, settings), request.params.questionId, optionalVersion(request), request.body.reason)),
  );

  app.post(
    '/questions/:questionId/erase-personal-data',
    {
      config: { access: 'admin' },
      preValidation: optionalBody,
      schema: {
        operationId: 'erasePersonalData',
        summary: 'Erase the asker’s personal data for good (the right to erasure)',
        description:
          'Admins only, in any state. The asker’s name and contacts are removed from the question and from the answers kept for Idempotency-Key replays; the audit trail (which never holds them) records that it happened. ' +
          'A second erasure is a 409.',
        tags,
        params: QuestionParamsSchema,
        headers: ActionHeaders,
        body: ref(EmptyBodySchema),
        response: {
          200: jsonResponse('The question, its asker erased.', QuestionSchema, { ...QUESTION_EXAMPLE, asker: null, personalDataErasedAt: '2022-01-10T03:00:00.000Z', version: 5 }, ['etag']),
          ...ERRORS,
        },
      },
    },
    async (request, reply) =>
      versioned(reply, await erasePersonalData(db, await viewerOf(db, request.actor, settings), request.params.questionId, optionalVersion(request))),
  );
};

export default routes;
