// The activities module: what units actually did (a post, a video, a meeting), the tasks they carry
// out, the lists and CSV that find them, and each task's evidence.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { defineModule, type ModuleOptions } from '../../http/module.js';
import activityRoutes from './activities.routes.js';
import { activitySchemas } from './activities.schemas.js';
import listRoutes from './activity-lists.routes.js';

const routes: FastifyPluginAsyncTypebox<ModuleOptions> = async (app, options) => {
  await app.register(activityRoutes, options);
  await app.register(listRoutes, options);
};

export default defineModule({
  name: 'activities',
  dependencies: ['units', 'tasks', 'plans'],
  tag: { name: 'activities', description: 'What units actually did to publicise CCHC: posts, videos, meetings, contests, surveys and more, each with its evidence and the task it carries out.' },
  schemas: activitySchemas,
  constraints: {
    activities_unit_id_fkey: 'Activities were recorded by this unit; deactivate it instead of deleting it.',
    activities_task_id_fkey: 'Activities carry out this task (or the task an activity names no longer exists): a task with evidence stays.',
    activities_evidence_required: 'A website_post or video activity needs its evidenceUrl.',
  },
  routes,
});
