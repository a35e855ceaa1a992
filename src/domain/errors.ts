// The domain's error catalogue: what a rule refuses, in words of the domain. Services throw these;
// the HTTP layer (http/problem.ts) turns them into problem+json with a status. Nothing here knows HTTP.

/** Where in the input a problem is: a JSON Pointer relative to the input (`/tasks/3/duePeriod`), or a line and column of a text file. */
export type InputLocation = { path: string } | { line: number; column: string };

export type InputProblem = InputLocation & { message: string };

export abstract class DomainError extends Error {}

/** No such record, or one the caller may not see. */
export class NotFound extends DomainError {}

/** The caller's role or unit may not do this. */
export class Forbidden extends DomainError {}

/** The request conflicts with the record's current state (a duplicate, an illegal transition, a reference). */
export class Conflict extends DomainError {}

/** The caller changed a version that is no longer current. */
export class StaleVersion extends DomainError {
  constructor(readonly expected: number) {
    super(`The resource has changed since version ${expected}; fetch it again and reapply your change.`);
  }
}

/**
 * Input at fault, each problem located in it. `malformed`: the input cannot be read as asked
 * (a bad cursor, contradictory filters); otherwise it reads but breaks a rule.
 */
export class InvalidInput extends DomainError {
  constructor(
    readonly problems: InputProblem[],
    readonly malformed = false,
  ) {
    super(problems.map((p) => `${'path' in p ? p.path || '/' : `line ${p.line}, column ${p.column}`}: ${p.message}`).join('; '));
  }
}

/** Input that reads but breaks a rule of the data no single field is to blame for. */
export class RuleViolation extends DomainError {}

/** Input that cannot be read at all (a file that does not parse), with no field to point at. */
export class Unreadable extends DomainError {}

export function notFound(what: string, id: string): NotFound {
  return new NotFound(`${what} ${id} does not exist or is not visible to you.`);
}
