// The api_keys table: bearer keys, stored as a SHA-256 hash, never the key itself.
import type { ColumnType, Generated, Selectable } from 'kysely';

import type { Role } from '../../domain/actor.js';

export interface ApiKeysTable {
  id: Generated<string>;
  name: string;
  role: Role;
  unitId: string | null;
  keyHash: string;
  /** The first characters of the key, so a person can tell keys apart without the secret. */
  keyPrefix: string;
  version: Generated<number>;
  createdAt: ColumnType<Date, never, never>;
  revokedAt: ColumnType<Date | null, never, Date>;
}

export type ApiKeyRow = Selectable<ApiKeysTable>;

declare module '../../db/schema.js' {
  interface Database {
    apiKeys: ApiKeysTable;
  }
}
