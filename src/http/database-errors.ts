// PostgreSQL errors → problems a person understands. The one place that knows error codes and
// constraint names; nothing here echoes SQL or the server's own message.
import { Conflict, Unavailable, Unprocessable } from './errors.js';

const CONSTRAINT_SENTENCES: Record<string, string> = {
  units_code_key: 'Another unit already has this code.',
  units_electronic_id_key: 'Another unit already has this electronic identifier.',
  units_not_own_parent: 'A unit cannot be its own parent.',
  units_not_own_successor: 'A unit cannot be its own successor.',
  units_parent_id_fkey: 'The unit is the parent of other units; deactivate it instead of deleting it.',
  units_successor_id_fkey: 'The unit is named as the successor of other units; deactivate it instead.',
  api_keys_unit_id_fkey: 'API keys act for this unit; deactivate it instead of deleting it.',
  plans_issuer_unit_id_fkey: 'Plans were issued by this unit; deactivate it instead of deleting it.',
  document_sequences_issuer_unit_id_fkey: 'Documents were numbered for this unit; deactivate it instead of deleting it.',
  task_assignees_unit_id_fkey: 'Tasks are assigned to this unit; deactivate it instead of deleting it.',
  plans_parent_plan_id_fkey: 'Other plans are built from this plan (it is referenced as their parent); cancel it instead of deleting it.',
  plans_number_key: 'Another plan of this issuer already has this number for the year.',
  api_keys_editor_has_unit: 'An editor key acts for exactly one unit; admin and reader keys for none.',
};

const UNAVAILABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE', '57P01', '57P02', '57P03', '53300']);
const UNAVAILABLE_MESSAGES = /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Connection ended unexpectedly/i;

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
export function fromDatabaseError(error: unknown): Error | null {
  if (isDatabaseUnavailable(error)) return new Unavailable('The database is not answering; try again shortly.');
  const e = error as PgLikeError;
  const known = typeof e.constraint === 'string' ? CONSTRAINT_SENTENCES[e.constraint] : undefined;
  switch (e.code) {
    case '23505':
      return new Conflict(known ?? 'A record with the same identifying values already exists.');
    case '23503':
      return new Conflict(known ?? 'The record is referenced by others, or refers to one that does not exist.');
    case '23514':
    case '23502':
      return new Unprocessable(known ?? 'The values break a rule of the data.');
    case '40001':
    case '40P01':
      return new Conflict('Another change to the same records happened at the same time; try again.');
    case '22003':
      return new Unprocessable('A number is out of the range this service stores.');
    case '22P02':
    case '22007':
    case '22008':
      return new Unprocessable('A value has the wrong format.');
    default:
      return null;
  }
}
