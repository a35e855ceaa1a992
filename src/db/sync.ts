// Incremental sync of the mirrored lists (units, plans, tasks, activities, questions): rows in the
// order of the transactions that last changed them (change_xid), tombstones for removals, and a
// token for the next call. Reads stop below the snapshot's xmin, the oldest transaction still in
// flight: every transaction below it has ended, so nothing can later commit behind a token given
// out, whatever its clock said. Rows and tombstones are read in one snapshot (repeatable read).
import { type Kysely, type SelectQueryBuilder, sql, type SqlBool, type Transaction } from 'kysely';
import { InvalidInput } from '../domain/errors.js';
import { isCalendarDate } from '../domain/periods.js';
import { decodeCursor, encodeCursor, type Page } from './cursor.js';
import type { Database } from './schema.js';
import type { MirroredEntity } from './tables/tombstones.js';

const NIL_UUID = '00000000-0000-0000-0000-000000000000';
const INSTANT = /^([0-9]{4}-[0-9]{2}-[0-9]{2})T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\.[0-9]{1,9})?(Z|[+-]([01][0-9]|2[0-3]):[0-5][0-9])$/i;

/** Where a read of changes starts and stops: after a position, below the watermark, and (from an instant) changed since then. */
export interface ChangeScan {
  after: [xid: string, id: string];
  since: Date | null;
  below: string;
  limit: number;
}

export interface Tombstone {
  id: string;
  deletedAt: string;
  version: number;
}

export interface ChangePage<T> extends Page<T> {
  tombstones?: Tombstone[];
  nextUpdatedSince: string;
}

export interface ChangeQuery {
  updatedSince?: string;
  includeDeleted?: boolean;
  cursor?: string;
  limit: number;
}

/** True when the list is asked for changes; refuses what does not go with that (or without it). */
export function readsChanges(q: ChangeQuery): q is ChangeQuery & { updatedSince: string } {
  if (q.updatedSince === undefined) {
    if (q.includeDeleted !== undefined) throw new InvalidInput([{ path: '/includeDeleted', message: 'goes with updatedSince: removals are reported as changes' }], true);
    return false;
  }
  if (q.cursor !== undefined) throw new InvalidInput([{ path: '/cursor', message: 'is not used with updatedSince: changes come in the order they were made, and the next page is nextUpdatedSince' }], true);
  return true;
}

function startOf(updatedSince: string): Pick<ChangeScan, 'after' | 'since'> {
  const instant = INSTANT.exec(updatedSince);
  if (instant) {
    const since = new Date(updatedSince);
    if (!isCalendarDate(instant[1]!) || Number.isNaN(since.getTime())) throw new InvalidInput([{ path: '/updatedSince', message: 'is not a date and time that exists' }], true);
    return { after: ['0', NIL_UUID], since };
  }
  const after = decodeCursor(updatedSince, ['xid', 'uuid'], { path: '/updatedSince', message: 'is neither a token a list gave out nor an RFC 3339 instant' });
  return { after: after as [string, string], since: null };
}

/** The rows of `alias` (a mirrored table) changed after the scan's position and below its watermark, in change order, limit + 1. */
export function inChangeOrder<DB, TB extends keyof DB, O>(query: SelectQueryBuilder<DB, TB, O>, alias: string, scan: ChangeScan): SelectQueryBuilder<DB, TB, O> {
  const xid = sql.ref(`${alias}.changeXid`);
  const id = sql.ref(`${alias}.id`);
  let narrowed = query
    .where(sql<SqlBool>`(${xid}, ${id}) > (${scan.after[0]}::xid8, ${scan.after[1]}::uuid)`)
    .where(sql<SqlBool>`${xid} < ${scan.below}::xid8`);
  if (scan.since) narrowed = narrowed.where(sql<SqlBool>`${sql.ref(`${alias}.updatedAt`)} >= ${scan.since}`);
  return narrowed.orderBy(xid).orderBy(id).limit(scan.limit + 1);
}

async function findTombstones(trx: Transaction<Database>, entity: MirroredEntity, scan: ChangeScan) {
  let query = trx.selectFrom('tombstones as d').select(['d.id', 'd.deletedAt', 'd.version', 'd.changeXid']).where('d.entity', '=', entity);
  if (scan.since) query = query.where('d.deletedAt', '>=', scan.since);
  return inChangeOrder(query, 'd', { ...scan, since: null }).execute();
}

type Positioned = { changeXid: string; id: string };

const before = (a: Positioned, b: Positioned) => {
  const [x, y] = [BigInt(a.changeXid), BigInt(b.changeXid)];
  return x !== y ? x < y : a.id < b.id;
};

/**
 * A page of changes: the rows `live` finds (through inChangeOrder) and, with includeDeleted, the
 * entity's tombstones, merged in change order. When more are waiting, the token is the last one
 * given; otherwise it is the watermark, so the next call starts there.
 */
export async function readChanges<R extends Positioned, T>(
  db: Kysely<Database>,
  entity: MirroredEntity,
  q: ChangeQuery & { updatedSince: string },
  live: (trx: Transaction<Database>, scan: ChangeScan) => Promise<R[]>,
  map: (row: R) => T,
): Promise<ChangePage<T>> {
  const start = startOf(q.updatedSince);
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .setAccessMode('read only')
    .execute(async (trx) => {
      const { rows } = await sql<{ below: string; unassigned: string }>`
        SELECT pg_snapshot_xmin(s)::text AS below, pg_snapshot_xmax(s)::text AS unassigned FROM pg_current_snapshot() s`.execute(trx);
      const { below, unassigned } = rows[0]!;
      // A token no transaction of this database has reached yet: its history went back (a restore).
      if (BigInt(start.after[0]) > BigInt(unassigned)) {
        throw new InvalidInput([{ path: '/updatedSince', message: 'is ahead of this database (was it restored from a backup?): sync again from an instant before the backup' }], true);
      }
      const scan: ChangeScan = { ...start, below, limit: q.limit };
      const alive = await live(trx, scan);
      const dead = q.includeDeleted ? await findTombstones(trx, entity, scan) : [];
      const items: R[] = [];
      const tombstones: Tombstone[] = [];
      let last: Positioned | null = null;
      let [i, j] = [0, 0];
      while (items.length + tombstones.length < q.limit && (i < alive.length || j < dead.length)) {
        if (j >= dead.length || (i < alive.length && before(alive[i]!, dead[j]!))) {
          last = alive[i++]!;
          items.push(last as R);
        } else {
          const d = dead[j++]!;
          last = d;
          tombstones.push({ id: d.id, deletedAt: d.deletedAt.toISOString(), version: d.version });
        }
      }
      const more = i < alive.length || j < dead.length;
      const watermark = { changeXid: scan.below, id: NIL_UUID };
      const from = { changeXid: scan.after[0], id: scan.after[1] };
      // The watermark never goes back, but a token must not either, whatever the server does.
      const next = more && last ? last : before(from, watermark) ? watermark : from;
      return {
        items: items.map(map),
        nextCursor: null,
        ...(q.includeDeleted ? { tombstones } : {}),
        nextUpdatedSince: encodeCursor([next.changeXid, next.id]),
      };
    });
}
