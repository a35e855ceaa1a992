// The root error handler: every error leaves as application/problem+json (RFC 9457). Domain errors
// get their status here, and their input paths the prefix of the request part they came from.
// Validation and deliberate 4xx keep their detail; anything else is logged and answered generically.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { Conflict, DomainError, Forbidden, InvalidInput, NotFound, RuleViolation, StaleVersion, Unreadable } from '../domain/errors.js';
import { fromDatabaseError } from './database-errors.js';
import { type FieldError, InvalidRequest } from './errors.js';
import { problemOf } from './problem-types.js';
import { type Problem } from './schemas.js';
import { refuseUnrouted } from './unrouted.js';
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

function domainStatus(error: DomainError): number {
  if (error instanceof NotFound) return 404;
  if (error instanceof Forbidden) return 403;
  if (error instanceof Conflict) return 409;
  if (error instanceof StaleVersion) return 412;
  if (error instanceof InvalidInput) return error.malformed ? 400 : 422;
  if (error instanceof RuleViolation) return 422;
  if (error instanceof Unreadable) return 400;
  return 500;
}

/** A domain input path as a pointer into the request: into the body when the operation takes one, else the query. */
function fieldErrors(error: InvalidInput, request: FastifyRequest): FieldError[] {
  const root = request.routeOptions.schema?.body ? '/body' : '/query';
  return error.problems.map((p) => ('path' in p ? { pointer: root + p.path, message: p.message } : { line: p.line, column: p.column, message: p.message }));
}

function describeFields(errors: FieldError[]): string {
  return errors.map((e) => `${e.pointer ?? `line ${e.line}, column ${e.column}`}: ${e.message}`).join('; ');
}

interface Outcome {
  status: number;
  detail: string;
  errors?: FieldError[];
}

function outcomeOf(error: FastifyError, request: FastifyRequest, constraints: ReadonlyMap<string, string>): Outcome {
  if (error.validation) {
    const errors = validationFieldErrors(error.validation, error.validationContext ?? 'body');
    return { status: 400, errors, detail: 'The request does not match the schema: ' + errors.map((e) => `${e.pointer} ${e.message}`).join('; ') + '.' };
  }
  if (error instanceof InvalidInput) {
    const errors = fieldErrors(error, request);
    return { status: domainStatus(error), errors, detail: describeFields(errors) };
  }
  if (error instanceof DomainError) return { status: domainStatus(error), detail: error.message };
  if (error instanceof InvalidRequest) return { status: 400, errors: error.errors, detail: error.message };
  if (typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500) {
    return { status: error.statusCode, detail: FASTIFY_DETAILS[error.code] ?? error.message };
  }
  const mapped = fromDatabaseError(error, constraints);
  if (mapped instanceof DomainError) return { status: domainStatus(mapped), detail: mapped.message };
  const status = mapped ? 503 : error.statusCode === 503 ? 503 : 500;
  return { status, detail: status === 503 ? (mapped ?? error).message : 'Something went wrong on our side; the request id identifies it in our logs.' };
}

export function sendProblem(reply: FastifyReply, problem: Problem): FastifyReply {
  if (problem.status === 503) reply.header('retry-after', RETRY_AFTER_SECONDS);
  if (problem.status === 401) reply.header('www-authenticate', 'Bearer realm="cchc"');
  return reply.code(problem.status).type('application/problem+json').send(JSON.stringify(problem));
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Sentences for a module's named database constraints, shown when a write violates one. */
    addConstraintMessages(messages: Record<string, string>): void;
  }
}

export default fp(
  async function problemHandler(app: FastifyInstance) {
    const constraints = new Map<string, string>();
    app.decorate('addConstraintMessages', (messages: Record<string, string>) => {
      for (const [name, sentence] of Object.entries(messages)) constraints.set(name, sentence);
    });
    app.setErrorHandler((error: FastifyError, request, reply) => {
      const { status, detail, errors } = outcomeOf(error, request, constraints);
      if (status >= 500) request.log.error({ err: error, status }, 'request failed');
      return sendProblem(reply, problemOf(status, detail, request.url, String(request.id), errors));
    });
    app.setNotFoundHandler((request, reply) => refuseUnrouted(app, request, reply));
  },
  { name: 'problems' },
);
