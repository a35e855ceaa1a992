// Typed clients of the committed contract over real HTTP: openapi-fetch with the types that
// openapi-typescript made of openapi/openapi.json, and every answer checked against that document
// at run time. The types catch a contract that lies about shapes when the tests compile; the check
// catches the rest: an undocumented status or content type, a documented body that is missing, a
// body the documented schema refuses, a documented required header that is not sent.
import { readFileSync } from 'node:fs';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import createClient, { type Client, type Middleware } from 'openapi-fetch';
import type { paths } from '../../openapi/types.js';

type Node = { [key: string]: unknown };

const documentUrl = new URL('../../openapi/openapi.json', import.meta.url);
const document = JSON.parse(readFileSync(documentUrl, 'utf8')) as Node;

// OpenAPI 3.1 schemas are JSON Schema 2020-12. Not strict: the document is not a schema, and
// linting the schemas is Redocly's and Spectral's job; this only validates bodies against them.
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats.default(ajv);
ajv.addSchema(document, 'openapi.json');
const validators = new Map<string, ValidateFunction>();

const escape = (segment: string) => segment.replaceAll('~', '~0').replaceAll('/', '~1');

/** The node at a JSON Pointer of the document, following a local $ref there; with its own pointer. */
function at(pointer: string): { node: Node | undefined; pointer: string } {
  let node: unknown = document;
  for (const segment of pointer.split('/').slice(1)) {
    node = (node as Node | undefined)?.[segment.replaceAll('~1', '/').replaceAll('~0', '~')];
  }
  const ref = (node as Node | undefined)?.$ref;
  return typeof ref === 'string' && ref.startsWith('#/') ? at(ref.slice(1)) : { node: node as Node | undefined, pointer };
}

function validator(pointer: string): ValidateFunction {
  let validate = validators.get(pointer);
  if (!validate) {
    validate = ajv.compile({ $ref: `openapi.json#${pointer}` });
    validators.set(pointer, validate);
  }
  return validate;
}

const isJson = (mediaType: string) => mediaType === 'application/json' || mediaType.endsWith('+json');

/** What is wrong with a response by the contract: nothing when the list is empty. */
async function violationsOf(method: string, schemaPath: string, response: Response): Promise<string[]> {
  const operationPointer = `/paths/${escape(schemaPath)}/${method.toLowerCase()}`;
  const operation = at(operationPointer).node;
  if (!operation) return ['not an operation of the contract'];
  const statuses = Object.keys((operation.responses ?? {}) as Node);
  const status = String(response.status);
  const key = statuses.includes(status) ? status : statuses.includes('default') ? 'default' : null;
  if (!key) return [`status not documented (documented: ${statuses.join(', ')})`];
  const documented = at(`${operationPointer}/responses/${key}`);
  const problems: string[] = [];

  for (const [name, header] of Object.entries((documented.node?.headers ?? {}) as Record<string, Node>)) {
    if (header.required === true && !response.headers.has(name)) problems.push(`required header ${name} not sent`);
  }
  const content = (documented.node?.content ?? {}) as Node;
  const body = await response.clone().text();
  const mediaType = (response.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (body === '') {
    if (Object.keys(content).length > 0 && response.status !== 304) problems.push(`no body, but the contract documents ${Object.keys(content).join(', ')}`);
    return problems;
  }
  if (!(mediaType in content)) {
    problems.push(`content type ${mediaType || '(none)'} not documented (documented: ${Object.keys(content).join(', ') || 'no body'})`);
    return problems;
  }
  if (!isJson(mediaType)) return problems;
  const validate = validator(`${documented.pointer}/content/${escape(mediaType)}/schema`);
  if (!validate(JSON.parse(body))) {
    problems.push(...(validate.errors ?? []).map((e) => `body${e.instancePath} ${e.message ?? 'is invalid'} (${e.schemaPath})`));
  }
  return problems;
}

export interface ContractClients {
  /** A client that sends `Authorization: Bearer key` (none when key is null). */
  as(key: string | null): Client<paths>;
  /** Every disagreement with the contract seen so far, as `METHOD path → status: what`. */
  violations: string[];
}

export function contractClients(baseUrl: string): ContractClients {
  const violations: string[] = [];
  const check: Middleware = {
    async onResponse({ request, response, schemaPath }) {
      for (const problem of await violationsOf(request.method, schemaPath, response)) {
        violations.push(`${request.method} ${schemaPath} → ${response.status}: ${problem}`);
      }
    },
  };
  return {
    violations,
    as(key) {
      const client = createClient<paths>({ baseUrl, headers: key === null ? {} : { authorization: `Bearer ${key}` } });
      client.use(check);
      return client;
    },
  };
}
