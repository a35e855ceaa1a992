// The error catalogue: every deliberate 4xx/503 the service sends, one code each.
import createError from '@fastify/error';

export interface FieldError {
  pointer: string;
  message: string;
}

export const BadRequest = createError('CCHC_BAD_REQUEST', '%s', 400);
export const Unauthorized = createError('CCHC_UNAUTHORIZED', '%s', 401);
export const Forbidden = createError('CCHC_FORBIDDEN', '%s', 403);
export const NotFound = createError('CCHC_NOT_FOUND', '%s', 404);
export const Conflict = createError('CCHC_CONFLICT', '%s', 409);
export const PreconditionFailed = createError('CCHC_PRECONDITION_FAILED', '%s', 412);
export const Unprocessable = createError('CCHC_UNPROCESSABLE', '%s', 422);
export const PreconditionRequired = createError('CCHC_PRECONDITION_REQUIRED', '%s', 428);
export const RateLimited = createError('CCHC_RATE_LIMITED', '%s', 429);
export const Unavailable = createError('CCHC_UNAVAILABLE', '%s', 503);

/** A 400 or 422 that points at the fields at fault, like a schema validation error does. */
export class InvalidFields extends Error {
  readonly statusCode: 400 | 422;
  readonly code = 'CCHC_INVALID_FIELDS';
  constructor(
    readonly errors: FieldError[],
    statusCode: 400 | 422 = 422,
  ) {
    super(errors.map((e) => `${e.pointer}: ${e.message}`).join('; '));
    this.statusCode = statusCode;
  }
}

export function notFound(what: string, id: string): Error {
  return new NotFound(`${what} ${id} does not exist or is not visible to you.`);
}
