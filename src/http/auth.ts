// Bearer API keys and the rate limit for the /api/v1 scope, in one round trip per request: the key
// is found and the request counted against it (against the address when there is no valid key, so
// guessing keys is limited too), refused with 429 past the limit; then the route's access is enforced.
// Registered inside the API's scope only: open routes (health, docs, the contract) never see it.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { Forbidden } from '../domain/errors.js';
import type { Actor } from '../domain/actor.js';
import { RateLimited, Unauthorized } from './errors.js';
import type { Access, Principal } from './principal.js';

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

/** The route's access level; a route that does not say is for admins only. */
function accessOf(request: FastifyRequest): Access {
  return request.routeOptions.config?.access ?? 'admin';
}

function bearerKey(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  return header ? (/^Bearer\s+(\S+)\s*$/i.exec(header)?.[1] ?? null) : null;
}

function authorize(request: FastifyRequest, principal: Principal | null): void {
  const access = accessOf(request);
  if (!principal) {
    throw new Unauthorized(request.headers.authorization ? 'The API key is not valid or has been revoked.' : 'Send Authorization: Bearer <api key>.');
  }
  if (access === 'admin' && principal.role !== 'admin') throw new Forbidden('This operation needs an admin key.');
  if (access === 'write' && principal.role === 'reader') throw new Forbidden('A reader key may only read.');
  if (access !== 'read' && !principal.unitActive) throw new Forbidden('The unit this key acts for has been deactivated: its keys may only read.');
}

export default fp<AuthOptions>(
  async function access(app: FastifyInstance, { admit, rateLimit }) {
    app.decorateRequest('principal', null);
    app.decorateRequest('actor', {
      getter(this: FastifyRequest): Actor {
        if (!this.principal) throw new Unauthorized('Send Authorization: Bearer <api key>.');
        const { keyId, name, role, unitId } = this.principal;
        return { keyId, name, role, unitId, requestId: String(this.id) };
      },
    });
    app.addHook('onRequest', async (request, reply) => {
      const { principal, hits, resetMs } = await admit(bearerKey(request), request.ip, rateLimit.windowSeconds);
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
      authorize(request, principal);
    });
  },
  { name: 'access', dependencies: ['problems'] },
);
