// Who does a piece of work: the authority a write is done with and recorded under in the audit trail.

export const ROLES = ['admin', 'editor', 'reader'] as const;
export type Role = (typeof ROLES)[number];

export interface Actor {
  keyId: string | null;
  name: string;
  role: Role;
  /** The unit an editor acts for; null for admins and readers. */
  unitId: string | null;
  requestId: string | null;
}

/** Work done from the command line, outside any request, with an operator's authority. */
export const CLI_ACTOR: Actor = Object.freeze({ keyId: null, name: 'cli', role: 'admin', unitId: null, requestId: null });
