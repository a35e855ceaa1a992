// CORS for the configured origins only (the portal's), the usual security headers, request ids.
import { randomUUID } from 'node:crypto';
import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { API_METHODS, refuseUnrouted } from './unrouted.js';

const REQUEST_ID = /^[\w.:-]{1,128}$/;

/** Honours a sensible x-request-id from the caller (a load balancer, the portal), else a UUID. */
export function requestIdOf(request: { headers: FastifyRequest['headers'] }): string {
  const given = request.headers['x-request-id'];
  return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
}

export default fp<{ corsOrigins: readonly string[] }>(async function security(app: FastifyInstance, { corsOrigins }) {
  await app.register(helmet, {
    // Swagger UI at /docs runs its own inline scripts and styles.
    contentSecurityPolicy: {
      directives: {
        'script-src': ["'self'", "'unsafe-inline'"],
        'style-src': ["'self'", "'unsafe-inline'"],
        'img-src': ["'self'", 'data:'],
        // TLS ends at the load balancer; forcing https would blank /docs when served over plain http.
        'upgrade-insecure-requests': null,
      },
    },
  });
  // OPTIONS is routed for CORS preflights only; any other OPTIONS request is refused like any method
  // a path does not take (before @fastify/cors would answer it with a text/plain 400).
  app.addHook('onRequest', async (request, reply) => {
    if (request.method === 'OPTIONS' && !(request.headers.origin && request.headers['access-control-request-method'])) refuseUnrouted(app, request, reply);
  });
  await app.register(cors, {
    origin: [...corsOrigins],
    methods: [...API_METHODS],
    allowedHeaders: ['authorization', 'content-type', 'if-match', 'if-none-match', 'idempotency-key', 'x-request-id'],
    exposedHeaders: ['etag', 'location', 'retry-after', 'x-request-id', 'idempotent-replayed'],
    maxAge: 600,
  });
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
});
