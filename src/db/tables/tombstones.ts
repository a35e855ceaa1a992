// The tombstones table: what is left of a mirrored row once it is removed (db/sync.ts reads it).
import type { ColumnType } from 'kysely';

const MIRRORED_ENTITIES = ['unit', 'plan', 'task', 'activity', 'question'] as const;
export type MirroredEntity = (typeof MIRRORED_ENTITIES)[number];

export interface TombstonesTable {
  entity: MirroredEntity;
  id: string;
  deletedAt: ColumnType<Date, never, never>;
  version: number;
  /** The transaction that removed the row (xid8, as text). */
  changeXid: ColumnType<string, never, never>;
}

declare module '../schema.js' {
  interface Database {
    tombstones: TombstonesTable;
  }
}
