// Idempotency-Key on POST: the same key and body replay the first response; the same key with
// another body is a 422. Records live in PostgreSQL (shared by replicas) for a day.
import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { Type } from 'typebox';
import { type Kysely, sql } from 'kysely';
import { IDEMPOTENCY_TTL } from '../db/housekeeping.js';
import type { Database } from '../db/schema.js';
import { Conflict, InvalidFields, Unprocessable } from './errors.js';
import { IfMatchOptionalHeader } from './etag.js';

export const IdempotencyHeader = Type.Object(
  {
    'idempotency-key': Type.Optional(
      Type.String({ minLength: 1, maxLength: 255, description: 'Send the same key to retry safely; the first response is replayed.' }),
    ),
  },
  { additionalProperties: true },
);

/** The headers of an action (a POST that changes state): If-Match checked when sent, and Idempotency-Key. */
export const ActionHeaders = Type.Object(
  { ...IfMatchOptionalHeader.properties, ...IdempotencyHeader.properties },
  { additionalProperties: true },
);

const REPLAYED_HEADERS = ['content-type', 'etag', 'location'];

declare module 'fastify' {
  interface FastifyRequest {
    idempotencyKey: string | null;
  }
}

/** Sorted keys, so the same JSON document written in another key order is the same request. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

function requestHash(request: FastifyRequest): string {
  return createHash('sha256').update(`${request.method} ${request.url}\n${canonical(request.body)}`).digest('hex');
}

export default fp<{ db: Kysely<Database> }>(async function idempotency(app: FastifyInstance, { db }) {
  app.decorateRequest('idempotencyKey', null);

  async function claim(request: FastifyRequest, reply: FastifyReply, key: string, actorKeyId: string): Promise<FastifyReply | void> {
    const hash = requestHash(request);
    await db.deleteFrom('idempotencyKeys').where('actorKeyId', '=', actorKeyId).where('key', '=', key).where(sql<boolean>`created_at < now() - ${IDEMPOTENCY_TTL}`).execute();
    const claimed = await db
      .insertInto('idempotencyKeys')
      .values({ actorKeyId, key, requestHash: hash, statusCode: null, responseBody: null, responseHeaders: null })
      .onConflict((oc) => oc.doNothing())
      .returning('key')
      .executeTakeFirst();
    if (claimed) {
      request.idempotencyKey = key;
      return;
    }
    const first = await db.selectFrom('idempotencyKeys').selectAll().where('actorKeyId', '=', actorKeyId).where('key', '=', key).executeTakeFirst();
    if (!first) throw new Conflict('The request with this Idempotency-Key was just abandoned; send it again.');
    if (first.requestHash !== hash) {
      throw new Unprocessable('This Idempotency-Key was already used with another request; use a new key for a new request.');
    }
    if (first.statusCode === null) throw new Conflict('The first request with this Idempotency-Key is still being processed; retry shortly.');
    reply.headers({ ...first.responseHeaders, 'idempotent-replayed': 'true' }).code(first.statusCode);
    return reply.send(first.responseBody);
  }

  app.addHook('preHandler', async (request, reply) => {
    const key = request.headers['idempotency-key'];
    if (request.method !== 'POST' || key === undefined || !request.principal) return;
    if (typeof key !== 'string' || key.length === 0 || key.length > 255) {
      throw new InvalidFields([{ pointer: '/headers/idempotency-key', message: 'must be 1 to 255 characters' }], 400);
    }
    return claim(request, reply, key, request.principal.keyId);
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const key = request.idempotencyKey;
    if (!key || !request.principal) return payload;
    request.idempotencyKey = null;
    const where = db.updateTable('idempotencyKeys').where('actorKeyId', '=', request.principal.keyId).where('key', '=', key);
    if (reply.statusCode >= 500 || typeof payload !== 'string') {
      // Not a result to replay: free the key so the client may retry (if the database lets us).
      await db
        .deleteFrom('idempotencyKeys')
        .where('actorKeyId', '=', request.principal.keyId)
        .where('key', '=', key)
        .execute()
        .catch((err: unknown) => request.log.warn({ err }, 'could not free an idempotency key'));
      return payload;
    }
    const headers: Record<string, string> = {};
    for (const name of REPLAYED_HEADERS) {
      const value = reply.getHeader(name);
      if (value !== undefined) headers[name] = String(value);
    }
    await where.set({ statusCode: reply.statusCode, responseBody: payload, responseHeaders: JSON.stringify(headers) }).execute();
    return payload;
  });
});
