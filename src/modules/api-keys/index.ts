// The API keys module: bearer keys with their roles, made and revoked by admins.
import { defineModule } from '../../http/module.js';
import routes from './api-keys.routes.js';
import { apiKeySchemas } from './api-keys.schemas.js';
import meRoutes, { meSchemas } from './me.routes.js';

export default defineModule({
  name: 'api-keys',
  dependencies: ['units'],
  tag: { name: 'api-keys', description: 'Bearer keys and their roles (admins only); /me, the calling key (any key).' },
  schemas: [...apiKeySchemas, ...meSchemas],
  constraints: {
    api_keys_unit_id_fkey: 'API keys act for this unit; deactivate it instead of deleting it.',
    api_keys_editor_has_unit: 'An editor key acts for exactly one unit; admin and reader keys for none.',
  },
  routes: async (app, options) => {
    await app.register(routes, options);
    await app.register(meRoutes, options);
  },
});
