// The root error handler: every error leaves as application/problem+json (RFC 9457).
// Validation and deliberate 4xx keep their detail; anything else is logged and answered generically.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { fromDatabaseError } from './database-errors.js';
import { type FieldError, InvalidFields, NotFound } from './errors.js';
import { problemTitle, problemType } from './problem-types.js';
import { type Problem } from './schemas.js';
import { validationFieldErrors } from './validation.js';

const RETRY_AFTER_SECONDS = '5';

// Fastify's own client errors: a short sentence of ours instead of its internal wording.
const FASTIFY_DETAILS: Record<string, string> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'The request body is larger than this service accepts.',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'This operation does not accept that Content-Type; send application/json.',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'The Content-Length header does not match the body.',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'The body is empty; send a JSON document.',
  FST_ERR_CTP_INVALID_JSON_BODY: 'The body is not valid JSON.',
};

function problemOf(error: FastifyError, request: FastifyRequest): { problem: Problem; cause: 'client' | 'server' } {
  let errors: FieldError[] | undefined;
  let status: number;
  let detail: string;
  if (error.validation) {
    status = 400;
    errors = validationFieldErrors(error.validation, error.validationContext ?? 'body');
    detail = 'The request does not match the schema: ' + errors.map((e) => `${e.pointer} ${e.message}`).join('; ') + '.';
  } else if (error instanceof InvalidFields) {
    status = error.statusCode;
    errors = error.errors;
    detail = error.message;
  } else if (typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500) {
    status = error.statusCode;
    detail = FASTIFY_DETAILS[error.code] ?? error.message;
  } else {
    const mapped = fromDatabaseError(error) as FastifyError | null;
    status = mapped?.statusCode ?? (error.statusCode === 503 ? 503 : 500);
    detail = mapped?.message ?? (status === 503 ? error.message : 'Something went wrong on our side; the request id identifies it in our logs.');
  }
  const problem: Problem = {
    type: problemType(status, errors !== undefined),
    title: problemTitle(status),
    status,
    detail,
    instance: request.url,
    requestId: String(request.id),
    ...(errors ? { errors } : {}),
  };
  return { problem, cause: status >= 500 ? 'server' : 'client' };
}

export function sendProblem(reply: FastifyReply, problem: Problem): FastifyReply {
  if (problem.status === 503) reply.header('retry-after', RETRY_AFTER_SECONDS);
  if (problem.status === 401) reply.header('www-authenticate', 'Bearer realm="cchc"');
  return reply.code(problem.status).type('application/problem+json').send(JSON.stringify(problem));
}

export default fp(async function problemHandler(app: FastifyInstance) {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const { problem, cause } = problemOf(error, request);
    if (cause === 'server') request.log.error({ err: error, status: problem.status }, 'request failed');
    return sendProblem(reply, problem);
  });
  app.setNotFoundHandler((request) => {
    throw new NotFound(`There is no ${request.method} ${request.url.split('?')[0]} in this API.`);
  });
});
