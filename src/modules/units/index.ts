// The units module: the Department's tree of divisions, affiliated units and outside bodies.
import { defineModule } from '../../http/module.js';
import routes from './units.routes.js';
import { unitSchemas } from './units.schemas.js';

export default defineModule({
  name: 'units',
  tag: { name: 'units', description: 'The Department, its divisions, affiliated schools and centres, and outside bodies.' },
  schemas: unitSchemas,
  constraints: {
    units_code_key: 'Another unit already has this code.',
    units_electronic_id_key: 'Another unit already has this electronic identifier.',
    units_not_own_parent: 'A unit cannot be its own parent.',
    units_not_own_successor: 'A unit cannot be its own successor.',
    units_parent_id_fkey: 'The unit is the parent of other units; deactivate it instead of deleting it.',
    units_successor_id_fkey: 'The unit is named as the successor of other units; deactivate it instead.',
  },
  routes,
});
