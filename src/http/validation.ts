// Ajv for the request parts: bodies strict (no coercion, unknown properties refused), query strings,
// path parameters and headers coerced from text. Ajv errors become pointers a client can act on.
import { Ajv, type ErrorObject } from 'ajv';
import addFormats from 'ajv-formats';
import type { FastifyInstance, FastifySchema, FastifySchemaCompiler } from 'fastify';
import type { FieldError } from './errors.js';

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
  for (const schema of shared) ajv.addSchema(schema as object);
  return ajv;
}

/** A validator compiler that builds its Ajv instances on first use, once every shared schema is added. */
export function validatorCompiler(sharedSchemas: () => unknown[]): FastifySchemaCompiler<FastifySchema> {
  let strict: Ajv | undefined;
  let coercing: Ajv | undefined;
  return ({ schema, httpPart }) => {
    if (httpPart === 'body') {
      strict ??= makeAjv(false, sharedSchemas());
      return strict.compile(schema as object);
    }
    coercing ??= makeAjv(true, sharedSchemas());
    return coercing.compile(schema as object);
  };
}

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
      return `must be a valid ${String(p.format)}`;
    case 'pattern': {
      const example = (error.parentSchema as { examples?: unknown[] } | undefined)?.examples?.[0];
      return example === undefined ? 'has the wrong format' : `has the wrong format (for example ${JSON.stringify(example)})`;
    }
    default:
      return error.message ?? 'is not valid';
  }
}

export function validationFieldErrors(errors: ErrorObject[], context: string): FieldError[] {
  const root = POINTER_ROOT[context] ?? `/${context}`;
  const seen = new Set<string>();
  const out: FieldError[] = [];
  for (const error of errors) {
    const p = error.params as Record<string, unknown>;
    const leaf = (p.missingProperty ?? p.additionalProperty) as string | undefined;
    const escaped = leaf === undefined ? '' : '/' + leaf.replace(/~/g, '~0').replace(/\//g, '~1');
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
 * API routes that take no query parameters refuse any (400), as the others refuse unknown ones.
 * Open routes (health checks, docs) stay lenient with what probes and browsers append.
 */
export function refuseUnknownQueries(app: FastifyInstance): void {
  app.addHook('onRoute', (route) => {
    const access = route.config?.access;
    if (access && access !== 'public' && route.schema && !route.schema.querystring) route.schema.querystring = NO_QUERY;
  });
}
