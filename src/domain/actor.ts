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

/** Who a live API key stands for: what a request is authorised and recorded with. */
export interface Principal {
  keyId: string;
  name: string;
  role: Role;
  /** The unit an editor acts for; null for admins and readers. */
  unitId: string | null;
  /** False when that unit has been deactivated: its editors may then only read. */
  unitActive: boolean;
}

/** Work done from the command line, outside any request, with an operator's authority. */
export const CLI_ACTOR: Actor = Object.freeze({ keyId: null, name: 'cli', role: 'admin', unitId: null, requestId: null });
