// Ajv for the request parts: bodies strict (no coercion, unknown properties refused), query strings,
// path parameters and headers coerced from text. Before Ajv sees a part, its raw text is checked
// for what Ajv would let through: U+0000 (PostgreSQL stores none) and lone surrogates anywhere, and
// numbers written other than in decimal digits (Ajv coerces `0x10`, `1e1`, ` 16`). Ajv errors become
// pointers a client can act on, in sentences rather than Ajv's wording.
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { FastifyInstance } from 'fastify';
import { IF_MATCH_REQUIRED } from './etag.js';
import { type FieldError, PreconditionRequired } from './errors.js';

const POINTER_ROOT: Record<string, string> = { body: '/body', querystring: '/query', params: '/path', headers: '/headers' };

function makeAjv(coerce: boolean, shared: unknown[]): Ajv {
  const ajv = new Ajv({
    coerceTypes: coerce ? 'array' : false,
    useDefaults: true,
    removeAdditional: false,
    allErrors: true,
    // Errors carry their schema, so a pattern failure can show an example instead of a regex.
    verbose: true,
    strict: false,
  });
  addFormats.default(ajv);
  // RFC 3339 allows a leap second (23:59:60), which no JavaScript Date holds: an instant the service
  // could not compute with is refused here, for every route, rather than failing deep inside one.
  const dateTime = addFormats.default.get('date-time') as { validate: (text: string) => boolean };
  ajv.addFormat('date-time', { type: 'string', validate: (text: string) => dateTime.validate(text) && !Number.isNaN(Date.parse(text)) });
  for (const schema of shared) ajv.addSchema(schema as object);
  return ajv;
}

const escapePointer = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');

/** An error found in the raw text of a request part, shaped as Ajv's are. */
function textError(instancePath: string, message: string): ErrorObject {
  return { keyword: 'text', instancePath, schemaPath: '#', params: {}, message };
}

// A lone surrogate (JSON's "\ud800" escape, half of a pair) is no character: written out as UTF-8 it
// would be stored as U+FFFD, as invalid UTF-8 would. With the u flag, \p{Cs} matches only unpaired halves.
const LONE_SURROGATE = /\p{Cs}/u;

/** Why a text cannot be stored as sent, if it cannot: U+0000 (PostgreSQL stores none) or a lone surrogate. */
function unstorable(text: string): string | undefined {
  if (text.includes('\u0000')) return 'must not contain a NUL character (U+0000)';
  if (LONE_SURROGATE.test(text)) return 'must be valid Unicode: it holds a lone surrogate (an unpaired \\ud800–\\udfff escape)';
  return undefined;
}

/** Every string (or property name) of a request part that cannot be stored as sent (see unstorable). */
function unstorableErrors(value: unknown, path = '', found: ErrorObject[] = []): ErrorObject[] {
  if (typeof value === 'string') {
    const fault = unstorable(value);
    if (fault) found.push(textError(path, fault));
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => unstorableErrors(item, `${path}/${i}`, found));
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const fault = unstorable(key);
      if (fault) found.push(textError(`${path}/${escapePointer(key)}`, fault));
      else unstorableErrors(item, `${path}/${escapePointer(key)}`, found);
    }
  }
  return found;
}

const DECIMAL = { integer: /^-?[0-9]+$/, number: /^-?[0-9]+(\.[0-9]+)?$/ };

/** The parameters declared integer or number whose text is not plain decimal digits (Ajv would read 0x10 as 16). */
function numberErrors(schema: unknown, data: unknown): ErrorObject[] {
  const properties = (schema as { properties?: Record<string, { type?: string | string[] }> }).properties;
  if (!properties || data === null || typeof data !== 'object') return [];
  return Object.entries(data).flatMap(([name, value]) => {
    const types = [properties[name]?.type ?? []].flat();
    const kind = types.includes('string') ? undefined : types.find((t): t is keyof typeof DECIMAL => t === 'integer' || t === 'number');
    const malformed = kind !== undefined && [value].flat().some((text) => typeof text === 'string' && !DECIMAL[kind].test(text));
    return malformed ? [textError(`/${escapePointer(name)}`, `must be ${kind === 'integer' ? 'an integer' : 'a number'} written in decimal digits`)] : [];
  });
}

/** Headers whose only fault is a missing If-Match: the 428 the handler would give, not a schema 400. */
function onlyIfMatchMissing(errors: ErrorObject[]): boolean {
  return errors.length > 0 && errors.every((e) => e.keyword === 'required' && e.instancePath === '' && (e.params as { missingProperty?: string }).missingProperty === 'if-match');
}

type Validator = ((data: unknown, dataContext?: object) => boolean | { error: Error }) & { errors?: ErrorObject[] | null; schemaEnv?: unknown };

/**
 * Ajv's validator for a request part, with the raw-text checks before it. Fastify calls it as it
 * calls Ajv's (data and parent in; true, or false with `errors`, or `{ error }` out), though its
 * factory's type names Ajv's function.
 */
function checked(compile: () => ValidateFunction, schema: unknown, httpPart: string | undefined): ValidateFunction {
  let compiled: ValidateFunction | undefined;
  const validate = () => (compiled ??= compile());
  const validator: Validator = (data, dataContext) => {
    const raw = [...unstorableErrors(data), ...(httpPart === 'body' ? [] : numberErrors(schema, data))];
    const valid = validate()(data, dataContext as Parameters<ValidateFunction>[1]);
    const errors = [...raw, ...(validate().errors ?? []).filter((e) => !raw.some((r) => r.instancePath === e.instancePath))];
    if (httpPart === 'headers' && onlyIfMatchMissing(errors)) return { error: new PreconditionRequired(IF_MATCH_REQUIRED) };
    validator.errors = errors.length ? errors : null;
    return valid && raw.length === 0;
  };
  // Fastify passes the parent to a validator that has Ajv's schemaEnv, so a root value can be coerced;
  // it asks on each call, so the first one compiles.
  Object.defineProperty(validator, 'schemaEnv', { get: () => validate().schemaEnv });
  return validator as unknown as ValidateFunction;
}

/**
 * Fastify's validator factory, called per encapsulation context with the schemas that context
 * knows (its modules' and the shared ones): bodies strict, the other request parts coerced. A
 * route's schemas are compiled when it is first called, not at start (serialization.ts says why).
 */
export function buildValidator(externalSchemas: unknown) {
  const shared = Object.values(externalSchemas as Record<string, unknown>);
  let strict: Ajv | undefined;
  let coercing: Ajv | undefined;
  return ({ schema, httpPart }: { schema: unknown; httpPart?: string }) => {
    if (httpPart === 'body') return checked(() => (strict ??= makeAjv(false, shared)).compile(schema as object), schema, httpPart);
    return checked(() => (coercing ??= makeAjv(true, shared)).compile(schema as object), schema, httpPart);
  };
}

/** `exactly one of unitId and group` when each branch of a oneOf requires one property. */
function oneOfSentence(branches: unknown): string {
  const names = (branches as Array<{ required?: string[] }>).map((b) => (b.required?.length === 1 ? b.required[0] : undefined));
  if (!names.every((n) => n !== undefined)) return 'must match exactly one of the allowed forms';
  return `must give exactly one of ${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

/** The branches' descriptions of an anyOf whose every branch has one (a choice of forms: an id or a code), else undefined. */
function describedBranches(branches: unknown): string[] | undefined {
  const descriptions = (branches as Array<{ description?: string }>).map((b) => b.description);
  return descriptions.every((d): d is string => typeof d === 'string') ? descriptions : undefined;
}

/**
 * Ajv's errors as a client should read them: a failed oneOf, or anyOf of described forms, is one
 * sentence at its object, without the failures of its branches; a failed if/then/else is the failures of its branch, each told in
 * that branch's description when it has one (`is required for an editor key`), without the `if`.
 */
function readable(errors: ErrorObject[]): ErrorObject[] {
  const branches: Array<{ prefix: string; at: string; message: string | undefined; dropped: boolean }> = [];
  for (const e of errors) {
    if (e.keyword === 'oneOf' || (e.keyword === 'anyOf' && describedBranches(e.schema))) {
      branches.push({ prefix: `${e.schemaPath}/`, at: e.instancePath, message: undefined, dropped: true });
    }
    if (e.keyword === 'if') {
      const branch = (e.params as { failingKeyword: string }).failingKeyword;
      const description = (e.parentSchema as Record<string, { description?: string } | undefined> | undefined)?.[branch]?.description;
      branches.push({ prefix: e.schemaPath.replace(/if$/, `${branch}/`), at: e.instancePath, message: description, dropped: false });
    }
  }
  return errors.flatMap((e) => {
    if (e.keyword === 'if') return [];
    const branch = branches.find((b) => e.schemaPath.startsWith(b.prefix) && e.instancePath.startsWith(b.at));
    if (!branch) return [e];
    if (branch.dropped) return [];
    return [branch.message === undefined ? e : { ...e, keyword: 'branch', message: branch.message }];
  });
}

// Formats a person writes by hand: the message says how to write them.
const FORMAT_SENTENCES: Record<string, string> = {
  date: 'must be a real date written YYYY-MM-DD (2021-02-03)',
  'date-time': 'must be a date and time written as RFC 3339, with its offset (2021-02-03T08:30:00+07:00)',
};

function describe(error: ErrorObject): string {
  const p = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return 'is required';
    case 'additionalProperties':
      return 'is not a known property';
    case 'enum':
      return `must be one of: ${(p.allowedValues as unknown[]).join(', ')}`;
    case 'type':
      return `must be ${String(p.type).replace(',', ' or ')}`;
    case 'format':
      return FORMAT_SENTENCES[String(p.format)] ?? `must be a valid ${String(p.format)}`;
    case 'pattern': {
      // Every example the schema gives: a period's five forms, a code's one.
      const examples = ((error.parentSchema as { examples?: unknown[] } | undefined)?.examples ?? []).map((e) => JSON.stringify(e));
      if (examples.length === 0) return 'has the wrong format';
      const listed = examples.length === 1 ? examples[0] : `${examples.slice(0, -1).join(', ')} or ${examples.at(-1)}`;
      return `has the wrong format (for example ${listed})`;
    }
    case 'oneOf':
      return oneOfSentence(error.schema);
    case 'anyOf': {
      const forms = describedBranches(error.schema);
      return forms ? `must be ${forms.join(' or ')}` : (error.message ?? 'is not valid');
    }
    default:
      return error.message ?? 'is not valid';
  }
}

export function validationFieldErrors(errors: ErrorObject[], context: string): FieldError[] {
  const root = POINTER_ROOT[context] ?? `/${context}`;
  const seen = new Set<string>();
  const out: FieldError[] = [];
  // A value not of its format is told only that: a pattern narrows well-formed values (a date's year).
  const misformatted = new Set(errors.filter((e) => e.keyword === 'format').map((e) => e.instancePath));
  for (const error of readable(errors)) {
    if (error.keyword === 'pattern' && misformatted.has(error.instancePath)) continue;
    const p = error.params as Record<string, unknown>;
    const leaf = (p.missingProperty ?? p.additionalProperty) as string | undefined;
    const escaped = leaf === undefined ? '' : '/' + escapePointer(leaf);
    const field: FieldError = { pointer: root + error.instancePath + escaped, message: describe(error) };
    const key = field.pointer + '\n' + field.message;
    if (!seen.has(key)) {
      seen.add(key);
      out.push(field);
    }
  }
  return out;
}

const NO_QUERY = { type: 'object', properties: {}, additionalProperties: false };

/**
 * Routes of the scope that take no query parameters refuse any (400), as the others refuse unknown
 * ones. Registered in the API's scope: open routes (health checks, docs) stay lenient with what
 * probes and browsers append.
 */
export function refuseUnknownQueries(app: FastifyInstance): void {
  app.addHook('onRoute', (route) => {
    if (route.schema && !route.schema.querystring) route.schema.querystring = NO_QUERY;
  });
}
