// Bearer API keys. `identify` reads the key (so rate limiting can count per key) and `authorize`
// enforces the route's access level; app.ts registers the rate limiter between the two.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { Forbidden, Unauthorized } from './errors.js';
import type { Access, Actor, Principal } from './principal.js';

export interface AuthOptions {
  verify(key: string): Promise<Principal | null>;
}

/** The route's access level. Swagger UI's own routes carry no config of ours and are open. */
export function accessOf(request: FastifyRequest): Access {
  const configured = request.routeOptions.config?.access;
  if (configured) return configured;
  return request.routeOptions.url?.startsWith('/docs') ? 'public' : 'admin';
}

export const identify = fp<AuthOptions>(async function identify(app: FastifyInstance, { verify }) {
  app.decorateRequest('principal', null);
  app.decorateRequest('actor', {
    getter(this: FastifyRequest): Actor {
      if (!this.principal) throw new Unauthorized('Send Authorization: Bearer <api key>.');
      return { ...this.principal, requestId: String(this.id) };
    },
  });
  app.addHook('onRequest', async (request) => {
    const header = request.headers.authorization;
    const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
    if (match?.[1] && !request.is404 && accessOf(request) !== 'public') request.principal = await verify(match[1]);
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
  });
});
