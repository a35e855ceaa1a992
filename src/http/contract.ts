// Finishing touches on the generated document that route schemas cannot express through
// @fastify/swagger: problem responses as shared components, bodies that may be left out, and the
// headers answers carry (request id; under /api/v1 the rate limit and idempotent replays; the 401's
// challenge). Headers are documented as optional: the shared problems serve /ready too.
import { OPTIONAL_BODY } from './body.js';
import { sharedProblemName } from './schemas.js';

type Header = { $ref: string } | { description: string; schema: { type: string } };
type Response = { description?: string; headers?: Record<string, Header>; content?: Record<string, { example?: unknown }> } | { $ref: string };
type Operation = {
  responses?: Record<string, Response>;
  requestBody?: { required?: boolean };
  parameters?: Array<{ in?: string; name?: string }>;
  [OPTIONAL_BODY]?: boolean;
};
type Document = { paths?: Record<string, Record<string, Operation>>; components?: Record<string, unknown> };

const mapValues = <T, U>(record: Record<string, T>, f: (value: T, key: string) => U) => Object.fromEntries(Object.entries(record).map(([k, v]) => [k, f(v, k)]));

const HEADERS = {
  'x-request-id': { description: 'The request id: the caller’s X-Request-Id when it sent a sensible one, else a new UUID. Quote it when asking for help.', schema: { type: 'string' } },
  'x-ratelimit-limit': { description: 'Requests allowed per key in a window.', schema: { type: 'integer' } },
  'x-ratelimit-remaining': { description: 'Requests left in the current window.', schema: { type: 'integer' } },
  'x-ratelimit-reset': { description: 'Seconds until the window starts afresh.', schema: { type: 'integer' } },
  'idempotent-replayed': { description: '`true` when this is the stored answer to an earlier request with the same Idempotency-Key.', schema: { type: 'string' } },
  'www-authenticate': { description: 'The scheme to authenticate with: `Bearer realm="cchc"`.', schema: { type: 'string' } },
};
type HeaderName = keyof typeof HEADERS;

const ref = (name: HeaderName): Header => ({ $ref: `#/components/headers/${name}` });

function withHeaders(response: Response, names: HeaderName[]): Response {
  if ('$ref' in response) return response;
  return { ...response, headers: { ...response.headers, ...Object.fromEntries(names.map((n) => [n, ref(n)])) } };
}

/** The headers an operation's answers carry: every answer its request id; those under /api/v1 the rate limit. */
function commonHeaders(path: string): HeaderName[] {
  return path.startsWith('/api/') ? ['x-request-id', 'x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-reset'] : ['x-request-id'];
}

function finishOperation(path: string, operation: Operation, shared: Map<number, [string, Response]>): Operation {
  const { [OPTIONAL_BODY]: optionalBody, ...op } = operation;
  const idempotent = op.parameters?.some((p) => p.in === 'header' && p.name === 'idempotency-key') ?? false;
  const responses = mapValues(op.responses ?? {}, (response, status) => {
    const name = '$ref' in response ? undefined : sharedProblemName(status, response);
    if (name) {
      if (!shared.has(Number(status))) shared.set(Number(status), [name, response]);
      return { $ref: `#/components/responses/${name}` };
    }
    const success = Number(status) < 300;
    return withHeaders(response, [...commonHeaders(path), ...(success && idempotent ? (['idempotent-replayed'] as const) : [])]);
  });
  return { ...op, responses, ...(op.requestBody && optionalBody ? { requestBody: { ...op.requestBody, required: false } } : {}) };
}

export function finishDocument<D extends object>(openapiObject: D): D {
  const document = openapiObject as Document;
  const shared = new Map<number, [string, Response]>();
  const paths = mapValues(document.paths ?? {}, (item, path) => mapValues(item, (op) => finishOperation(path, op, shared)));
  const responses = Object.fromEntries(
    [...shared]
      .sort(([a], [b]) => a - b)
      .map(([status, [name, response]]) => [name, withHeaders(response, [...commonHeaders('/api/'), 'idempotent-replayed', ...(status === 401 ? (['www-authenticate'] as const) : [])])]),
  );
  return { ...openapiObject, paths, components: { ...document.components, responses, headers: HEADERS } };
}
