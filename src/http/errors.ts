// The HTTP layer's own refusals: what a request gets wrong before any rule of the domain is asked
// (credentials, rate, headers, the body's encoding). Domain errors live in domain/errors.ts.
import createError from '@fastify/error';

export interface FieldError {
  pointer?: string;
  line?: number;
  column?: string;
  message: string;
}

export const BadRequest = createError('CCHC_BAD_REQUEST', '%s', 400);
export const Unauthorized = createError('CCHC_UNAUTHORIZED', '%s', 401);
export const MethodNotAllowed = createError('CCHC_METHOD_NOT_ALLOWED', '%s', 405);
export const NotAcceptable = createError('CCHC_NOT_ACCEPTABLE', '%s', 406);
export const PreconditionFailed = createError('CCHC_PRECONDITION_FAILED', '%s', 412);
export const PreconditionRequired = createError('CCHC_PRECONDITION_REQUIRED', '%s', 428);
export const RateLimited = createError('CCHC_RATE_LIMITED', '%s', 429);
export const Unavailable = createError('CCHC_UNAVAILABLE', '%s', 503);

/** A 400 pointing at a part of the request the schema cannot judge (a header's value, say). */
export class InvalidRequest extends Error {
  readonly statusCode = 400;
  readonly code = 'CCHC_INVALID_REQUEST';
  constructor(readonly errors: FieldError[]) {
    super(errors.map((e) => `${e.pointer}: ${e.message}`).join('; '));
  }
}
