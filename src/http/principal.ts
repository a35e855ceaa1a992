// Who is calling: the key a request authenticated with, and the actor written to the audit trail.
import type { Role } from '../db/tables/api-keys.js';

export interface Principal {
  keyId: string;
  name: string;
  role: Role;
  /** The unit an editor acts for; null for admins and readers. */
  unitId: string | null;
  /** False when that unit has been deactivated: its editors may then only read. */
  unitActive: boolean;
}

/** Who does a piece of work, with the authority it carries and the request it came in. */
export interface Actor {
  keyId: string | null;
  name: string;
  role: Role;
  unitId: string | null;
  requestId: string | null;
}

/** Work done from the command line, outside any request, with an operator's authority. */
export const CLI_ACTOR: Actor = Object.freeze({ keyId: null, name: 'cli', role: 'admin', unitId: null, requestId: null });

/** How a route is reached: open, any key, an admin or editor key (the service scopes editors), admins only. */
export type Access = 'public' | 'read' | 'write' | 'admin';

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
