// The audit module: the trail of every write, recorded by the other modules' services.
import { defineModule } from '../../http/module.js';
import routes from './audit.routes.js';
import { auditSchemas } from './audit.schemas.js';

export default defineModule({
  name: 'audit',
  tag: { name: 'audit', description: 'The trail of every write: who, when, what, before and after (admins only).' },
  schemas: auditSchemas,
  routes,
});
