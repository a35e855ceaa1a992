// Versions as strong ETags; If-Match required on PATCH/PUT/DELETE (428) and checked (412).
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { PreconditionFailed, PreconditionRequired } from './errors.js';

export const IfMatchHeader = Type.Object(
  { 'if-match': Type.Optional(Type.String({ description: 'The ETag of the version being changed (required).' })) },
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
  if (!header) throw new PreconditionRequired('Send If-Match with the ETag of the version you are changing (GET returns it).');
  return parseIfMatch(header);
}

/** For actions, where If-Match is optional: the version it names, or null to accept any. */
export function optionalVersion(request: FastifyRequest): number | null {
  const header = request.headers['if-match'];
  return header ? parseIfMatch(header) : null;
}

export function staleVersion(expected: number): Error {
  return new PreconditionFailed(`The resource has changed since version ${expected}; fetch it again and reapply your change.`);
}
