// Bearer API keys and the rate limit, in one round trip per request: `identify` finds the key and
// counts the request against it (against the address when there is no valid key, so guessing keys
// is limited too), refusing with 429 past the limit; `authorize` then enforces the route's access.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { Forbidden, RateLimited, Unauthorized } from './errors.js';
import type { Access, Actor, Principal } from './principal.js';

export interface Admission {
  principal: Principal | null;
  hits: number;
  resetMs: number;
}

export interface AuthOptions {
  /** Finds the key's principal and counts the request in the caller's window. */
  admit(key: string | null, address: string, windowSeconds: number): Promise<Admission>;
  rateLimit: { max: number; windowSeconds: number };
}

/** The route's access level. Swagger UI's own routes carry no config of ours and are open. */
export function accessOf(request: FastifyRequest): Access {
  const configured = request.routeOptions.config?.access;
  if (configured) return configured;
  return request.routeOptions.url?.startsWith('/docs') ? 'public' : 'admin';
}

export const identify = fp<AuthOptions>(async function identify(app: FastifyInstance, { admit, rateLimit }) {
  app.decorateRequest('principal', null);
  app.decorateRequest('actor', {
    getter(this: FastifyRequest): Actor {
      if (!this.principal) throw new Unauthorized('Send Authorization: Bearer <api key>.');
      return { ...this.principal, requestId: String(this.id) };
    },
  });
  app.addHook('onRequest', async (request, reply) => {
    // Open routes (health, docs, the contract) and unknown paths are neither authenticated nor counted.
    if (request.is404 || accessOf(request) === 'public') return;
    const header = request.headers.authorization;
    const key = header ? (/^Bearer\s+(\S+)\s*$/i.exec(header)?.[1] ?? null) : null;
    const { principal, hits, resetMs } = await admit(key, request.ip, rateLimit.windowSeconds);
    const resetSeconds = Math.max(1, Math.ceil(resetMs / 1000));
    reply.headers({
      'x-ratelimit-limit': rateLimit.max,
      'x-ratelimit-remaining': Math.max(0, rateLimit.max - hits),
      'x-ratelimit-reset': resetSeconds,
    });
    if (hits > rateLimit.max) {
      reply.header('retry-after', resetSeconds);
      throw new RateLimited(`Rate limit exceeded: ${rateLimit.max} requests per ${rateLimit.windowSeconds} seconds. Retry in ${resetSeconds} seconds.`);
    }
    request.principal = principal;
  });
});

export const authorize = fp(async function authorize(app: FastifyInstance) {
  app.addHook('onRequest', async (request) => {
    if (request.is404) return;
    const access = accessOf(request);
    if (access === 'public') return;
    const principal = request.principal;
    if (!principal) {
      throw new Unauthorized(
        request.headers.authorization
          ? 'The API key is not valid or has been revoked.'
          : 'Send Authorization: Bearer <api key>.',
      );
    }
    if (access === 'admin' && principal.role !== 'admin') throw new Forbidden('This operation needs an admin key.');
    if (access === 'write' && principal.role === 'reader') throw new Forbidden('A reader key may only read.');
    if (access !== 'read' && !principal.unitActive) throw new Forbidden('The unit this key acts for has been deactivated: its keys may only read.');
  });
});
