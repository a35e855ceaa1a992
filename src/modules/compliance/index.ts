// The compliance module: the standing obligations of section IV judged from what units did (their
// activities, their own plans), computed on every read, never stored.
import { defineModule } from '../../http/module.js';
import routes from './compliance.routes.js';
import { complianceSchemas } from './compliance.schemas.js';

export default defineModule({
  name: 'compliance',
  dependencies: ['units', 'plans'],
  tag: { name: 'compliance', description: 'Whether units meet the standing obligations of a plan (section IV): posts per quarter, their own plan.' },
  schemas: complianceSchemas,
  routes,
});
