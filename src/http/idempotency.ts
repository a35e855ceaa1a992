// Idempotency-Key on POST: the same key and body replay the first response; the same key with
// another body is a 422; while the first is still running, a 409. Records live in PostgreSQL
// (shared by replicas) for a day.
//
// The record and the write it answers commit together. The request runs in a transaction scope
// (db/transaction-scope.ts) opened here; the services' transactions become savepoints of it, and
// the response is stored in it just before its COMMIT. A crash or a lost connection before that
// COMMIT keeps neither, so a retry runs the request; after it, both, so a retry replays. Nothing
// outlives its request: "still running" is an advisory lock that ends with the transaction.
import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { Type } from 'typebox';
import { type Kysely, sql } from 'kysely';
import { IDEMPOTENCY_TTL } from '../db/housekeeping.js';
import type { Database } from '../db/schema.js';
import type { IdempotencyKeyRow } from '../db/tables/idempotency-keys.js';
import { openTransactionScope, type TransactionScope } from '../db/transaction-scope.js';
import { Conflict, RuleViolation } from '../domain/errors.js';
import { InvalidRequest } from './errors.js';
import { IfMatchOptionalHeader } from './etag.js';
import { problemOf } from './problem-types.js';

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

interface Pending {
  scope: TransactionScope<Database>;
  actorKeyId: string;
  key: string;
  hash: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    idempotency: Pending | null;
  }
  interface FastifyContextConfig {
    /**
     * The success answer shows a secret once (a new API key's key). It is never stored: a replay
     * answers 409, saying so, with the first answer's Location.
     */
    showsSecretOnce?: boolean;
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

/** The request as far as a retry must repeat it: a retry with another If-Match is another request. */
function requestHash(request: FastifyRequest): string {
  const ifMatch = request.headers['if-match'] ?? '';
  return createHash('sha256').update(`${request.method} ${request.url}\n${ifMatch}\n${canonical(request.body)}`).digest('hex');
}

interface Answer {
  statusCode: number;
  body: string;
  headers: Record<string, string>;
}

/** What a replay will answer, or null when the payload cannot be kept (a stream). */
function answerToKeep(request: FastifyRequest, reply: FastifyReply, payload: unknown): Answer | null {
  if (payload !== undefined && payload !== null && typeof payload !== 'string') return null;
  const headers: Record<string, string> = {};
  for (const name of REPLAYED_HEADERS) {
    const value = reply.getHeader(name);
    if (value !== undefined) headers[name] = String(value);
  }
  if (request.routeOptions.config?.showsSecretOnce && reply.statusCode < 300) {
    const made = headers.location ? ` and made ${headers.location}` : '';
    const detail = `The first request with this Idempotency-Key succeeded${made}, but its answer showed a secret, which is shown only once and never stored: it cannot be shown again.`;
    const problem = problemOf(409, detail, request.url, String(request.id));
    return { statusCode: 409, body: JSON.stringify(problem), headers: { 'content-type': 'application/problem+json', ...(headers.location ? { location: headers.location } : {}) } };
  }
  return { statusCode: reply.statusCode, body: payload ?? '', headers };
}

export default fp<{ db: Kysely<Database> }>(async function idempotency(app: FastifyInstance, { db }) {
  app.decorateRequest('idempotency', null);

  /** Opens the request's scope and looks for an earlier answer: the answer to replay, or the scope to run in. */
  async function begin(request: FastifyRequest, actorKeyId: string, key: string): Promise<IdempotencyKeyRow | Pending> {
    const hash = requestHash(request);
    const scope = await openTransactionScope(db);
    try {
      const { trx } = scope;
      const lock = await sql<{ free: boolean }>`SELECT pg_try_advisory_xact_lock(hashtextextended(${`idempotency ${actorKeyId} ${key}`}, 0)) AS free`.execute(trx);
      if (!lock.rows[0]?.free) throw new Conflict('The first request with this Idempotency-Key is still being processed; retry shortly.');
      const mine = trx.deleteFrom('idempotencyKeys').where('actorKeyId', '=', actorKeyId).where('key', '=', key);
      // A day-old record is no answer; nor is a claim without one, left by an earlier version of the service.
      await mine.where((eb) => eb.or([eb('statusCode', 'is', null), eb('createdAt', '<', sql<Date>`now() - ${IDEMPOTENCY_TTL}`)])).execute();
      const first = await trx.selectFrom('idempotencyKeys').selectAll().where('actorKeyId', '=', actorKeyId).where('key', '=', key).executeTakeFirst();
      if (!first) return { scope, actorKeyId, key, hash };
      await scope.rollback();
      if (first.requestHash !== hash) {
        throw new RuleViolation('This Idempotency-Key was already used with another request; use a new key for a new request.');
      }
      return first;
    } catch (error) {
      if (!scope.ended) await scope.rollback().catch(() => {});
      throw error;
    }
  }

  async function abandon(request: FastifyRequest, pending: Pending): Promise<void> {
    if (pending.scope.ended) return;
    await pending.scope.rollback().catch((err: unknown) => request.log.warn({ err }, 'could not roll back an idempotent request'));
  }

  app.addHook('preHandler', (request, reply, done) => {
    const key = request.headers['idempotency-key'];
    if (request.method !== 'POST' || key === undefined || !request.principal) return done();
    if (typeof key !== 'string' || key.length === 0 || key.length > 255) {
      return done(new InvalidRequest([{ pointer: '/headers/idempotency-key', message: 'must be 1 to 255 characters' }]));
    }
    begin(request, request.principal.keyId, key).then(
      (found) => {
        if ('scope' in found) {
          request.idempotency = found;
          found.scope.run(() => done());
          return;
        }
        if (found.statusCode === null) return done(new Error('an idempotency record without an answer'));
        reply.headers({ ...found.responseHeaders, 'idempotent-replayed': 'true' }).code(found.statusCode).send(found.responseBody);
      },
      (error: Error) => done(error),
    );
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const pending = request.idempotency;
    if (!pending) return payload;
    request.idempotency = null;
    // A 5xx is not kept, and takes back whatever the request wrote, so a retry starts afresh.
    if (reply.statusCode >= 500) {
      await abandon(request, pending);
      return payload;
    }
    const answer = answerToKeep(request, reply, payload);
    try {
      if (answer) {
        const { actorKeyId, key, hash } = pending;
        await pending.scope.trx
          .insertInto('idempotencyKeys')
          .values({ actorKeyId, key, requestHash: hash, statusCode: answer.statusCode, responseBody: answer.body, responseHeaders: JSON.stringify(answer.headers) })
          .execute();
      }
      await pending.scope.commit();
    } catch (error) {
      await abandon(request, pending);
      if (reply.statusCode >= 400) {
        request.log.warn({ err: error }, 'could not record the answer to an idempotent request');
        return payload;
      }
      // The write was taken back, or its COMMIT was sent and no answer came: not a success to
      // report. A retry with the same key finds out which (it replays, or it runs).
      for (const name of REPLAYED_HEADERS) reply.removeHeader(name);
      throw error;
    }
    return payload;
  });

  // Should a request end without its answer passing through onSend, its transaction must not stay open.
  app.addHook('onResponse', async (request) => {
    const pending = request.idempotency;
    if (!pending) return;
    request.idempotency = null;
    await abandon(request, pending);
  });
}, { name: 'idempotency', dependencies: ['access'] });
