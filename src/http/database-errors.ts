// PostgreSQL errors → problems a person understands. The one place that knows error codes; the
// sentences for named constraints come from the modules that own them (addConstraintMessages).
// Nothing here echoes SQL or the server's own message.
import { Conflict, type DomainError, RuleViolation } from '../domain/errors.js';
import { Unavailable } from './errors.js';

// 57014: the statement ran past statement_timeout; "Query read timeout": no answer came at all.
const UNAVAILABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE', '57014', '57P01', '57P02', '57P03', '53300']);
const UNAVAILABLE_MESSAGES = /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Connection ended unexpectedly|Query read timeout/i;

interface PgLikeError {
  code?: unknown;
  constraint?: unknown;
  message?: unknown;
}

export function isDatabaseUnavailable(error: unknown): boolean {
  const e = error as PgLikeError;
  const code = typeof e?.code === 'string' ? e.code : '';
  // Class 08 is the connection's; 08P01 (protocol violation, e.g. too many parameters) is the query's.
  return UNAVAILABLE_CODES.has(code) || (code.startsWith('08') && code !== '08P01') || UNAVAILABLE_MESSAGES.test(String(e?.message ?? ''));
}

/** The problem for a database error, or null when it is not one we can explain (a 500). */
export function fromDatabaseError(error: unknown, constraints: ReadonlyMap<string, string>): DomainError | Error | null {
  if (isDatabaseUnavailable(error)) return new Unavailable('The database is not answering; try again shortly.');
  const e = error as PgLikeError;
  const known = typeof e.constraint === 'string' ? constraints.get(e.constraint) : undefined;
  switch (e.code) {
    case '23505':
      return new Conflict(known ?? 'A record with the same identifying values already exists.');
    case '23503':
      return new Conflict(known ?? 'The record is referenced by others, or refers to one that does not exist.');
    case '23514':
    case '23502':
      return new RuleViolation(known ?? 'The values break a rule of the data.');
    case '40001':
    case '40P01':
      return new Conflict('Another change to the same records happened at the same time; try again.');
    case '22003':
      return new RuleViolation('A number is out of the range this service stores.');
    case '22P02':
    case '22007':
    case '22008':
      return new RuleViolation('A value has the wrong format.');
    default:
      return null;
  }
}
