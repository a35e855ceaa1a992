// /api/v1/compliance (a plan's obligations across its units) and /api/v1/units/{unitId}/compliance.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { ModuleOptions } from '../../http/module.js';
import { errorResponses, jsonResponse } from '../../http/schemas.js';
import { COMPLIANCE_EXAMPLE_ROW } from './compliance.examples.js';
import {
  PlanComplianceQuerySchema,
  PlanComplianceSchema,
  UnitComplianceParamsSchema,
  UnitComplianceQuerySchema,
  UnitComplianceSchema,
} from './compliance.schemas.js';
import { planCompliance, unitCompliance } from './compliance.service.js';

const tags = ['compliance'];

const routes: FastifyPluginAsyncTypebox<ModuleOptions> = async (app, { db }) => {
  app.get(
    '/compliance',
    {
      config: { access: 'read' },
      schema: {
        operationId: 'getPlanCompliance',
        summary: 'How each unit stands against the plan’s standing obligations in a period',
        description:
          'Every key may read. One row per unit an obligation names (groups resolved to their active units), per window of the obligation that meets the period: ' +
          'a quarterly obligation asked for 2021 gives four rows per unit, for 2021-Q2 one. publish obligations count the unit’s activities of a matching form in the window by asOf, ' +
          'with evidence where the form needs it; own_plan looks for an issued plan of the unit whose parent is this plan. report and answer_inquiries obligations are not judged here. ' +
          'The plan must be issued or closed (409 otherwise), and the period within its year (422 otherwise).',
        tags,
        querystring: PlanComplianceQuerySchema,
        response: {
          200: jsonResponse('The rows, with counts by status.', PlanComplianceSchema, {
            planId: COMPLIANCE_EXAMPLE_ROW.planId,
            period: '2021-Q2',
            window: { from: '2021-04-01', to: '2021-06-30' },
            asOf: '2021-07-10',
            summary: { met: 1, missed: 0, due: 0, not_started: 0 },
            items: [COMPLIANCE_EXAMPLE_ROW],
          }),
          ...errorResponses(404, 409, 422),
        },
      },
    },
    async (request) => planCompliance(db, request.query),
  );

  app.get(
    '/units/:unitId/compliance',
    {
      config: { access: 'read' },
      schema: {
        operationId: 'getUnitCompliance',
        summary: 'One unit against the obligations of a year’s plans, window by window',
        description: 'Every key may read. The unit by id or code. Every obligation of the year’s issued or closed plans that names the unit, each window of the year (a quarterly one: its four quarters).',
        tags,
        params: UnitComplianceParamsSchema,
        querystring: UnitComplianceQuerySchema,
        response: {
          200: jsonResponse('The unit’s rows for the year.', UnitComplianceSchema, {
            unitId: COMPLIANCE_EXAMPLE_ROW.unitId,
            code: 'THPT-HD',
            name: 'Trường THPT Hoàng Diệu',
            year: 2021,
            asOf: '2021-07-10',
            summary: { met: 1, missed: 0, due: 0, not_started: 0 },
            items: [COMPLIANCE_EXAMPLE_ROW],
          }),
          ...errorResponses(404),
        },
      },
    },
    async (request) => unitCompliance(db, request.params.unitId, request.query),
  );
};

export default routes;
