// Shared schemas and the helpers that build route schemas from them. Every schema a client sees
// has a plain $id and becomes a named OpenAPI component.
import { type Static, type TObject, type TSchema, Type } from 'typebox';
import { problemTitle, problemType } from './problem-types.js';

export function ref<T extends TSchema & { $id?: string }>(schema: T, extra: Record<string, unknown> = {}) {
  if (!schema.$id) throw new Error('ref() needs a schema with an $id');
  return Type.Unsafe<Static<T>>({ $ref: schema.$id, ...extra });
}

/** A string enum with its JSON type declared (clients and linters want `type` beside `enum`). */
export function StringEnum<const V extends readonly string[]>(values: V, options: Record<string, unknown> = {}) {
  return Type.Unsafe<V[number]>({ type: 'string', enum: values, ...options });
}

/**
 * A primitive or null, written as a JSON Schema type union (never OpenAPI 3.0's `nullable`). An
 * enum lists null among its values too: `enum` is checked on its own, whatever `type` allows.
 */
export function Nullable<T extends TSchema & { type?: string; enum?: readonly unknown[] }>(schema: T) {
  if (typeof schema.type !== 'string') throw new Error('Nullable() takes a schema with a single type');
  return Type.Unsafe<Static<T> | null>({ ...schema, type: [schema.type, 'null'], ...(schema.enum ? { enum: [...schema.enum, null] } : {}) });
}

/** A shared (named) schema or null. */
export function NullableRef<T extends TSchema & { $id?: string }>(schema: T) {
  return Type.Union([ref(schema), Type.Null()]);
}

/** The other properties of T, and exactly one of A and B. */
type OneOfTwo<T, A extends keyof T, B extends keyof T> =
  | (Omit<T, A | B> & { [K in A]-?: Exclude<T[K], undefined> } & { [K in B]?: never })
  | (Omit<T, A | B> & { [K in B]-?: Exclude<T[K], undefined> } & { [K in A]?: never });

/** An object that takes exactly one of two optional properties: a `oneOf` for clients and Ajv, a union for our code. */
export function ExactlyOneOf<T extends TObject, A extends keyof Static<T> & string, B extends keyof Static<T> & string>(schema: T, a: A, b: B) {
  return Type.Unsafe<OneOfTwo<Static<T>, A, B>>({ ...schema, oneOf: [{ required: [a] }, { required: [b] }] });
}

/** Text with something in it: at least one character that is not a space. */
export function NonBlank(maxLength: number) {
  return Type.String({ minLength: 1, maxLength, pattern: '\\S' });
}

/** An object counting something by each key (progress, timeliness, statuses). */
export function counts<const K extends readonly string[]>(keys: K, options: { description?: string } = {}) {
  const properties = Object.fromEntries(keys.map((k) => [k, Type.Integer({ minimum: 0 })]));
  return Type.Unsafe<Record<K[number], number>>(Type.Object(properties, { additionalProperties: false, ...options }));
}

/** A file a response carries (a Word document, a workbook): the handler sends it as a Buffer. */
export function BinaryFile(description: string) {
  return Type.Unsafe<Buffer>({ type: 'string', format: 'binary', description });
}

export const Uuid = Type.String({ format: 'uuid', examples: ['3f0b6f8e-6a57-4c1e-9b7a-2d4c5e6f7a81'] });
export const Instant = Type.String({ format: 'date-time', examples: ['2026-03-15T08:30:00.000Z'] });
export const IsoDate = Type.String({ format: 'date', examples: ['2021-02-03'] });

export const FieldErrorSchema = Type.Object(
  {
    pointer: Type.Optional(Type.String({ description: 'JSON Pointer into the request: /body/…, /query/…, /path/…, /headers/…' })),
    line: Type.Optional(Type.Integer({ minimum: 1, description: 'The line of an uploaded file (CSV) at fault; then `column` names its column instead of a pointer.' })),
    column: Type.Optional(Type.String({ description: 'The column of an uploaded file (CSV) at fault.' })),
    message: Type.String(),
  },
  { $id: 'FieldError', additionalProperties: false, description: 'Where the problem is (a pointer, or a line and column of an uploaded file) and what it is.' },
);

export const ProblemSchema = Type.Object(
  {
    type: Type.String({ format: 'uri-reference', description: 'Identifies the kind of problem.' }),
    title: Type.String(),
    status: Type.Integer({ minimum: 400, maximum: 599 }),
    detail: Type.String({ description: 'A sentence for a person: what went wrong and, where it helps, what to do.' }),
    instance: Type.String({ format: 'uri-reference' }),
    requestId: Type.String({ description: 'Quote it when asking for help; the logs carry it.' }),
    errors: Type.Optional(Type.Array(ref(FieldErrorSchema), { description: 'The fields at fault, for 400 and 422.' })),
  },
  { $id: 'Problem', additionalProperties: false, description: 'An RFC 9457 problem detail.' },
);
export type Problem = Static<typeof ProblemSchema>;

/** The body of an action that takes none: `{}` or nothing at all (see optionalBody). */
export const EmptyBodySchema = Type.Object({}, { $id: 'EmptyBody', additionalProperties: false, description: 'This action takes no fields: send {} or no body.', examples: [{}] });

export const TombstoneSchema = Type.Object(
  {
    id: Uuid,
    deletedAt: Instant,
    version: Type.Integer({ minimum: 1, description: 'The version the removal made: one more than the last version read.' }),
  },
  { $id: 'Tombstone', additionalProperties: false, description: 'What is left of a removed row, for a mirror to remove its copy.' },
);

export const sharedSchemas: TSchema[] = [FieldErrorSchema, ProblemSchema, EmptyBodySchema, TombstoneSchema];

type ErrorStatus = 400 | 401 | 403 | 404 | 406 | 409 | 412 | 413 | 415 | 422 | 428 | 429 | 503;

const PROBLEM_EXAMPLES: Record<ErrorStatus, { description: string; detail: string; extra?: Partial<Problem> }> = {
  400: {
    description: 'The request is malformed or does not match the schema.',
    detail: 'The request does not match the schema: /body/name is required.',
    extra: { errors: [{ pointer: '/body/name', message: 'is required' }] },
  },
  401: { description: 'No API key, or one that is not valid.', detail: 'Send Authorization: Bearer <api key>.' },
  403: { description: 'The key may not do this.', detail: 'This operation needs an admin key.' },
  404: { description: 'No such resource, or one the key may not see.', detail: 'The resource does not exist or is not visible to you.' },
  406: {
    description: 'The operation cannot answer in any media type Accept names.',
    detail: 'Accept: text/csv names no media type this operation answers in: application/json, or the documents its 200 response lists.',
  },
  409: { description: 'The request conflicts with the current state.', detail: 'Another unit already has this code.' },
  412: { description: 'If-Match names a version that is no longer current.', detail: 'The resource has changed since version 2; fetch it again.' },
  413: { description: 'The body is too large.', detail: 'The request body is larger than this service accepts.' },
  415: { description: 'The Content-Type is not accepted.', detail: 'This operation does not accept that Content-Type; send application/json.' },
  422: {
    description: 'The request is well-formed but breaks a rule.',
    detail: '/body/parentId: the unit would become its own ancestor',
    extra: { errors: [{ pointer: '/body/parentId', message: 'the unit would become its own ancestor' }] },
  },
  428: { description: 'If-Match is required.', detail: 'Send If-Match with the ETag of the version you are changing.' },
  429: { description: 'Too many requests for this key; see Retry-After.', detail: 'Rate limit exceeded: 600 requests per 60 seconds. Retry in 12 seconds.' },
  503: { description: 'The database is not answering; see Retry-After.', detail: 'The database is not answering; try again shortly.' },
};

// The examples are shared by every operation (as components.responses), so their instance is no path of one list.
const EXAMPLE_INSTANCE = '/api/v1/plans/7d2e8f3b-9c4a-4e5f-8b6c-3d4e5f6a7b8c';

function problemExample(status: ErrorStatus): Problem {
  const { detail, extra } = PROBLEM_EXAMPLES[status];
  return {
    type: problemType(status, extra?.errors !== undefined),
    title: problemTitle(status),
    status,
    detail,
    instance: EXAMPLE_INSTANCE,
    requestId: '8d5c0f5e-2f5b-4a5e-9a43-1c7f0e6b2d10',
    ...extra,
  };
}

/** The documented response of one error status, with its example. */
export function problemResponse(status: ErrorStatus) {
  const { description } = PROBLEM_EXAMPLES[status];
  const example = problemExample(status);
  const retry = status === 429 || status === 503;
  return {
    description,
    ...(retry ? { headers: { 'retry-after': { type: 'integer', description: 'Seconds to wait before trying again.' } } } : {}),
    content: { 'application/problem+json': { schema: ref(ProblemSchema), example } },
  };
}

/**
 * The name in components.responses (`NotFound`) of a documented response that is the shared one of
 * its status, as problemResponse() writes it; undefined for any other response.
 */
export function sharedProblemName(status: string, response: { description?: string; content?: Record<string, { example?: unknown }> }): string | undefined {
  const code = Number(status) as ErrorStatus;
  if (!Object.hasOwn(PROBLEM_EXAMPLES, code)) return undefined;
  const example = response.content?.['application/problem+json']?.example;
  const shared = response.description === PROBLEM_EXAMPLES[code].description && JSON.stringify(example) === JSON.stringify(problemExample(code));
  return shared ? problemTitle(code).replace(/ /g, '') : undefined;
}

/** The error responses of an operation: the ones every authenticated route can send, plus `more` (415, a body, brings 413). */
export function errorResponses(...more: ErrorStatus[]) {
  const statuses = new Set<ErrorStatus>([400, 401, 429, 503, ...more, ...(more.includes(415) ? [413 as const] : [])]);
  return Object.fromEntries([...statuses].sort().map((s) => [s, problemResponse(s)])) as Record<ErrorStatus, ReturnType<typeof problemResponse>>;
}

const RESPONSE_HEADERS = {
  etag: { type: 'string', description: 'The version as a strong ETag; send it back in If-Match to change the resource.' },
  location: { type: 'string', description: 'The URL of the resource just made.' },
} as const;

/** The documented response headers named. */
export function responseHeaders(names: Array<keyof typeof RESPONSE_HEADERS>) {
  return Object.fromEntries(names.map((h) => [h, RESPONSE_HEADERS[h]]));
}

/** The 304 of a read sent with If-None-Match naming the current ETag: no body, the ETag again. */
export function notModifiedResponse() {
  return { description: 'Not modified: If-None-Match names the current ETag; the copy the client holds is current. No body.', type: 'null', headers: responseHeaders(['etag']) };
}

/** A response whose body is a shared schema, with its example and the headers it carries. */
export function jsonResponse<T extends TSchema & { $id?: string }>(
  description: string,
  schema: T,
  example: Static<T>,
  headers: Array<keyof typeof RESPONSE_HEADERS> = [],
) {
  return {
    description,
    ...(headers.length ? { headers: responseHeaders(headers) } : {}),
    content: { 'application/json': { schema: ref(schema), example } },
  };
}
