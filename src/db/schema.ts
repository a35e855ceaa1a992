// Database: the tables as Kysely sees them (camelCase through CamelCasePlugin). The service's own
// tables are here; each module adds its tables from its `<module>.table.ts` (declaration merging),
// so a new module touches nothing outside its folder.
import type { IdempotencyKeysTable } from './tables/idempotency-keys.js';

export interface Database {
  idempotencyKeys: IdempotencyKeysTable;
}
