// Bearer API keys for the /api/v1 scope. Registered inside the API's scope only: open routes (health,
// docs, the contract) never see it.
//
// The order of a request's checks, which the rate limit (rate-limit.ts) relies on: the key is
// resolved here in the scope's onRequest hook; @fastify/rate-limit counts the request in an onRequest
// hook it adds to each route, and Fastify runs a route's own hooks after its scope's, so the key is
// known by then; the route's access is enforced here in preParsing, the next phase, so requests
// refused with 401 or 403 are counted too (guessing keys is limited) and a limited key gets 429
// wherever it goes.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { Forbidden } from '../domain/errors.js';
import type { Actor } from '../domain/actor.js';
import { Unauthorized } from './errors.js';
import type { Access, Principal } from './principal.js';

export interface AuthOptions {
  /** The principal of a live key; null for no key, an unknown or a revoked one. */
  authenticate(key: string | null): Promise<Principal | null>;
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
  async function access(app: FastifyInstance, { authenticate }) {
    app.decorateRequest('principal', null);
    app.decorateRequest('actor', {
      getter(this: FastifyRequest): Actor {
        if (!this.principal) throw new Unauthorized('Send Authorization: Bearer <api key>.');
        const { keyId, name, role, unitId } = this.principal;
        return { keyId, name, role, unitId, requestId: String(this.id) };
      },
    });
    app.addHook('onRequest', async (request) => {
      request.principal = await authenticate(bearerKey(request));
    });
    app.addHook('preParsing', async (request) => {
      authorize(request, request.principal);
    });
  },
  { name: 'access', dependencies: ['problems'] },
);
