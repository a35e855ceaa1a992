// The plans module: the publicity plan as an official document, its numbering and lifecycle.
import { defineModule } from '../../http/module.js';
import routes from './plans.routes.js';
import { planSchemas } from './plans.schemas.js';

export default defineModule({
  name: 'plans',
  dependencies: ['units', 'tasks'],
  tag: { name: 'plans', description: 'Publicity plans (kế hoạch tuyên truyền CCHC): the document, its number and lifecycle, progress and schedule.' },
  schemas: planSchemas,
  constraints: {
    plans_issuer_unit_id_fkey: 'Plans were issued by this unit; deactivate it instead of deleting it.',
    document_sequences_issuer_unit_id_fkey: 'Documents were numbered for this unit; deactivate it instead of deleting it.',
    plans_parent_plan_id_fkey: 'Other plans are built from this plan (it is referenced as their parent); cancel it instead of deleting it.',
    plans_number_key: 'Another plan of this issuer already has this number for the year.',
    plans_name_unit: 'Plans name this unit as a recipient; deactivate it instead of deleting it.',
    obligations_unit_id_fkey: 'Plans name this unit in an obligation; deactivate it instead of deleting it.',
  },
  routes,
});
