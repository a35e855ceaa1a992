// Who is calling: the key a request authenticated with, and how each route may be reached.
import type { Actor, Principal } from '../domain/actor.js';

export type { Principal } from '../domain/actor.js';

/** How an /api/v1 route is reached: any key, an admin or editor key (the service scopes editors), admins only. Routes outside /api/v1 are open. */
export type Access = 'read' | 'write' | 'admin';

declare module 'fastify' {
  interface FastifyRequest {
    /** The key's principal, set before any handler of a route that needs one runs. */
    principal: Principal | null;
    /** The caller as the actor of a write; routes that require a key only. */
    readonly actor: Actor;
  }
  interface FastifyContextConfig {
    access?: Access;
  }
}
