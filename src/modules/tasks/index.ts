// The tasks module: the rows of a plan's appendix, their progress, the appendix as CSV, tasks
// across plans, each unit's own part of a task, and a plan's progress summary and schedule.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { defineModule, type ModuleOptions } from '../../http/module.js';
import partRoutes from './parts.routes.js';
import { partSchemas } from './parts.schemas.js';
import progressRoutes from './progress.routes.js';
import taskRoutes from './tasks.routes.js';
import { taskSchemas } from './tasks.schemas.js';

const routes: FastifyPluginAsyncTypebox<ModuleOptions> = async (app, options) => {
  await app.register(taskRoutes, options);
  await app.register(progressRoutes, options);
  await app.register(partRoutes, options);
};

export default defineModule({
  name: 'tasks',
  dependencies: ['units'],
  tag: { name: 'tasks', description: 'The rows of a plan’s appendix: who does what, in which form, by when, and how far it has got.' },
  schemas: [...partSchemas, ...taskSchemas],
  constraints: {
    task_assignees_unit_id_fkey: 'Tasks are assigned to this unit; deactivate it instead of deleting it.',
    task_parts_unit_id_fkey: 'The unit has its part of tasks of issued plans; deactivate it instead of deleting it.',
  },
  routes,
});
