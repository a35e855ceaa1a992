// The titles and type URIs of problems, and a problem's body, shared by the error handler, the
// answers given before routing and the documented examples.
import type { FieldError } from './errors.js';
import type { Problem } from './schemas.js';

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  408: 'Request Timeout',
  409: 'Conflict',
  412: 'Precondition Failed',
  413: 'Content Too Large',
  414: 'URI Too Long',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  428: 'Precondition Required',
  429: 'Too Many Requests',
  431: 'Request Header Fields Too Large',
  503: 'Service Unavailable',
};

export function problemTitle(status: number): string {
  return TITLES[status] ?? 'Internal Server Error';
}

/** `/problems/validation` when fields are at fault, else one per status: `/problems/not-found`. */
export function problemType(status: number, fieldErrors: boolean): string {
  return `/problems/${fieldErrors ? 'validation' : problemTitle(status).toLowerCase().replace(/ /g, '-')}`;
}

// A stray `%`, a space, a control or non-ASCII character, or one RFC 3986 leaves out of URIs.
const NOT_IN_URI = /%(?![0-9A-Fa-f]{2})|[^\x21-\x7e]|["<>\\^`{|}]/g;

/** The request target as a URI reference (what `instance` must be), even when the request's was not one. */
export function instanceOf(target: string): string {
  return target.replace(NOT_IN_URI, (c) => [...Buffer.from(c)].map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join(''));
}

/** An RFC 9457 body for the status; `target` is the request target it is about. */
export function problemOf(status: number, detail: string, target: string, requestId: string, errors?: FieldError[]): Problem {
  return {
    type: problemType(status, errors !== undefined),
    title: problemTitle(status),
    status,
    detail,
    instance: instanceOf(target),
    requestId,
    ...(errors ? { errors } : {}),
  };
}
