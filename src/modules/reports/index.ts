// The reports module: units' six-month and annual reports (figures, narrative, the submit and accept
// workflow, Word and Excel documents) and the Department's roll-up of them.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { defineModule, type ModuleOptions } from '../../http/module.js';
import reportRoutes from './reports.routes.js';
import { reportSchemas } from './reports.schemas.js';
import rollupRoutes from './rollup.routes.js';

const routes: FastifyPluginAsyncTypebox<ModuleOptions> = async (app, options) => {
  await app.register(reportRoutes, options);
  await app.register(rollupRoutes, options);
};

export default defineModule({
  name: 'reports',
  dependencies: ['units', 'plans', 'tasks', 'activities', 'compliance', 'questions'],
  tag: { name: 'reports', description: 'Six-month and annual reports (báo cáo 6 tháng, năm): figures from the data, the narrative, submit and accept, Word and Excel documents, and the Department’s roll-up.' },
  schemas: reportSchemas,
  constraints: {
    reports_unit_id_fkey: 'Reports were made by this unit; deactivate it instead of deleting it.',
    reports_plan_id_fkey: 'Reports answer to this plan; cancel it instead of deleting it.',
    reports_one_per_unit_year_kind: 'The unit already has a report of this year and kind.',
    reports_signer: 'A signer has both a title and a name.',
  },
  routes,
});
