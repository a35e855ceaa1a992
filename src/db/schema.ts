// Database: the tables put together, as Kysely sees them (camelCase through CamelCasePlugin).
import type { ApiKeysTable } from './tables/api-keys.js';
import type { AuditEventsTable } from './tables/audit-events.js';
import type { IdempotencyKeysTable } from './tables/idempotency-keys.js';
import type { DocumentSequencesTable, PlansTable } from './tables/plans.js';
import type { RateLimitHitsTable } from './tables/rate-limit-hits.js';
import type { TaskAssigneesTable, TasksTable } from './tables/tasks.js';
import type { UnitsTable } from './tables/units.js';

export interface Database {
  units: UnitsTable;
  apiKeys: ApiKeysTable;
  auditEvents: AuditEventsTable;
  idempotencyKeys: IdempotencyKeysTable;
  rateLimitHits: RateLimitHitsTable;
  plans: PlansTable;
  documentSequences: DocumentSequencesTable;
  tasks: TasksTable;
  taskAssignees: TaskAssigneesTable;
}
