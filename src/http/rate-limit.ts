// Requests per API key (per address before a key is known), counted in PostgreSQL so that every
// replica enforces the same limit. Open routes (health, docs, the contract) are not counted.
import rateLimit, { type FastifyRateLimitStore } from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/schema.js';
import { accessOf } from './auth.js';
import { RateLimited } from './errors.js';

export interface RateLimitOptions {
  db: Kysely<Database>;
  max: number;
  windowSeconds: number;
}

class PostgresStore implements FastifyRateLimitStore {
  constructor(private readonly db: Kysely<Database>) {}

  incr(key: string, callback: (error: Error | null, result?: { current: number; ttl: number }) => void, timeWindow: number): void {
    const window = sql`make_interval(secs => ${timeWindow / 1000})`;
    sql<{ hits: number; ttl: number }>`
      INSERT INTO rate_limit_hits AS r (bucket, window_start, hits) VALUES (${key}, now(), 1)
      ON CONFLICT (bucket) DO UPDATE SET
        hits = CASE WHEN r.window_start + ${window} <= now() THEN 1 ELSE r.hits + 1 END,
        window_start = CASE WHEN r.window_start + ${window} <= now() THEN now() ELSE r.window_start END
      RETURNING hits, ceil(extract(epoch FROM (window_start + ${window} - now())) * 1000)::int AS ttl`
      .execute(this.db)
      .then(({ rows }) => callback(null, { current: rows[0]!.hits, ttl: Math.max(0, rows[0]!.ttl) }), callback);
  }

  child(): FastifyRateLimitStore {
    return this;
  }
}

export default fp<RateLimitOptions>(async function rateLimiter(app: FastifyInstance, options) {
  const store = new PostgresStore(options.db);
  await app.register(rateLimit, {
    // Not per route: route hooks run after app hooks, so authorisation would answer 401/403 first
    // and guessing keys would go uncounted. One app-level hook, registered between identify and
    // authorize (see app.ts), counts every request.
    global: false,
    max: options.max,
    timeWindow: options.windowSeconds * 1000,
    // When the database is down the route itself answers 503; the counter must not turn that into a 500.
    skipOnError: true,
    store: class {
      constructor() {
        return store;
      }
    } as never,
    allowList: (request) => request.is404 || accessOf(request) === 'public',
    keyGenerator: (request) => (request.principal ? `key:${request.principal.keyId}` : `ip:${request.ip}`),
    errorResponseBuilder: (_request, context) =>
      new RateLimited(`Rate limit exceeded: ${context.max} requests per ${options.windowSeconds} seconds. Retry in ${Math.ceil(context.ttl / 1000)} seconds.`),
  });
  app.addHook('onRequest', app.rateLimit());
});
