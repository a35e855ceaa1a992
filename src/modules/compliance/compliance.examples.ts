// An example row for the contract: a school that posted its article of the second quarter of 2021.
import type { ComplianceRow } from './compliance.schemas.js';

export const COMPLIANCE_EXAMPLE_ROW: ComplianceRow = {
  unitId: '3f0b6f8e-6a57-4c1e-9b7a-2d4c5e6f7a81',
  code: 'THPT-HD',
  name: 'Trường THPT Hoàng Diệu',
  planId: '7d2e8f3b-9c4a-4e5f-8b6c-3d4e5f6a7b8c',
  obligationId: '8d2e4f6a-1b3c-4d5e-8f9a-0b1c2d3e4f5a',
  kind: 'publish',
  window: { from: '2021-04-01', to: '2021-06-30' },
  required: 1,
  done: 1,
  status: 'met',
  activityIds: ['9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d'],
  ownPlan: null,
};
