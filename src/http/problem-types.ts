// The titles and type URIs of problems, shared by the error handler and the documented examples.

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  409: 'Conflict',
  412: 'Precondition Failed',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  428: 'Precondition Required',
  429: 'Too Many Requests',
  503: 'Service Unavailable',
};

export function problemTitle(status: number): string {
  return TITLES[status] ?? 'Internal Server Error';
}

/** `/problems/validation` when fields are at fault, else one per status: `/problems/not-found`. */
export function problemType(status: number, fieldErrors: boolean): string {
  return `/problems/${fieldErrors ? 'validation' : problemTitle(status).toLowerCase().replace(/ /g, '-')}`;
}
