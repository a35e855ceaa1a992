// Versions as strong ETags; If-Match required on PATCH/PUT/DELETE (428) and checked (412); a read
// whose ETag If-None-Match names answers 304 (the plugin, for every GET that documents an ETag).
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import fp from 'fastify-plugin';
import { type TSchema, Type } from 'typebox';
import { PreconditionFailed, PreconditionRequired } from './errors.js';
import { notModifiedResponse } from './schemas.js';

/** What a PATCH/PUT/DELETE without If-Match is told (428), whether the schema or the handler notices. */
export const IF_MATCH_REQUIRED = 'Send If-Match with the ETag of the version you are changing (GET returns it).';

export const IfMatchHeader = Type.Object(
  { 'if-match': Type.String({ description: 'The ETag of the version being changed, as GET returned it; `*` for any version.' }) },
  { additionalProperties: true },
);

export const IfMatchOptionalHeader = Type.Object(
  { 'if-match': Type.Optional(Type.String({ description: 'The ETag of the version being changed; when sent, it is checked.' })) },
  { additionalProperties: true },
);

function etagOf(version: number): string {
  return `"${version}"`;
}

/** The resource, its version set as the response's ETag. */
export function versioned<T extends { version: number }>(reply: FastifyReply, resource: T): T {
  reply.header('etag', etagOf(resource.version));
  return resource;
}

function parseIfMatch(header: string): number | null {
  if (header.trim() === '*') return null;
  const match = /^\s*"(\d{1,9})"\s*$/.exec(header);
  if (!match) throw new PreconditionFailed(`If-Match ${header} is not an ETag this service gave out; fetch the resource again.`);
  return Number(match[1]);
}

/** The version If-Match names (428 when absent); null for `*`. Weak tags never match (RFC 9110 §13.1.1). */
export function requiredVersion(request: FastifyRequest): number | null {
  const header = request.headers['if-match'];
  if (!header) throw new PreconditionRequired(IF_MATCH_REQUIRED);
  return parseIfMatch(header);
}

/** For actions, where If-Match is optional: the version it names, or null to accept any. */
export function optionalVersion(request: FastifyRequest): number | null {
  const header = request.headers['if-match'];
  return header ? parseIfMatch(header) : null;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * false on a read whose ETag (the resource's version) does not stand for all it shows, e.g.
     * rows embedded from elsewhere or values derived as of today: it never answers 304.
     */
    notModified?: boolean;
  }
}

const IfNoneMatch = Type.String({ description: 'ETags of copies the client holds (`"3"`, `W/"3", "4"` or `*`): if one is current, the answer is 304 with no body.' });

const opaqueTag = (tag: string) => tag.replace(/^W\//, '');

/** Whether If-None-Match names the current ETag: `*`, or a tag of its list, compared weakly (RFC 9110 §13.1.2). */
export function namesCurrent(ifNoneMatch: string, etag: string): boolean {
  if (ifNoneMatch.trim() === '*') return true;
  const current = opaqueTag(etag);
  return (ifNoneMatch.match(/(?:W\/)?"[^"]*"/g) ?? []).some((tag) => opaqueTag(tag) === current);
}

async function notModified(request: FastifyRequest, reply: FastifyReply, payload: unknown) {
  const etag = reply.getHeader('etag');
  const ifNoneMatch = request.headers['if-none-match'];
  if (reply.statusCode !== 200 || typeof etag !== 'string' || !ifNoneMatch || !namesCurrent(ifNoneMatch, etag)) return payload;
  reply.code(304).removeHeader('content-type').removeHeader('content-length');
  return null;
}

type RouteSchema = { headers?: TSchema & { properties?: Record<string, TSchema> }; response?: Record<string, { headers?: Record<string, unknown> }> };

/** The route's request headers with If-None-Match added; a headers schema that is no plain object is left as it is. */
function withIfNoneMatch(headers: RouteSchema['headers']): TSchema {
  if (!headers) return Type.Object({ 'if-none-match': Type.Optional(IfNoneMatch) }, { additionalProperties: true });
  if (!headers.properties) return headers;
  return { ...headers, properties: { ...headers.properties, 'if-none-match': IfNoneMatch } };
}

/** Makes every read whose 200 documents an ETag conditional: If-None-Match declared, 304 documented and answered. */
export default fp(
  async function conditionalReads(app: FastifyInstance) {
    app.addHook('onRoute', (route: RouteOptions) => {
      const schema = route.schema as RouteSchema | undefined;
      const reads = [route.method].flat().every((method) => method === 'GET' || method === 'HEAD');
      if (!reads || !schema?.response?.[200]?.headers?.etag || route.config?.notModified === false) return;
      route.schema = { ...schema, headers: withIfNoneMatch(schema.headers), response: { ...schema.response, 304: notModifiedResponse() } };
      route.onSend = [...[route.onSend ?? []].flat(), notModified];
    });
  },
  { name: 'conditional-reads' },
);
