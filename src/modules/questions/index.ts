// The questions module: citizens' questions from the hotline and the Q&A section (intake, hand-off,
// answer, publication, the asker's personal data) and the working-day calendar their due dates follow.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { defineModule, type ModuleOptions } from '../../http/module.js';
import calendarRoutes from './calendar.routes.js';
import stepRoutes from './question-steps.routes.js';
import questionRoutes from './questions.routes.js';
import { questionSchemas } from './questions.schemas.js';

const routes: FastifyPluginAsyncTypebox<ModuleOptions> = async (app, options) => {
  await app.register(questionRoutes, options);
  await app.register(stepRoutes, options);
  await app.register(calendarRoutes, options);
};

export default defineModule({
  name: 'questions',
  dependencies: ['units', 'activities'],
  tag: {
    name: 'questions',
    description:
      'Citizens’ questions from the hotline and the Q&A section (section IV.4): intake by the Office, hand-off to a unit, answer, publication, response times in working days, ' +
      'the asker’s personal data (Nghị định 13/2023/NĐ-CP), and the calendar of non-working days.',
  },
  schemas: questionSchemas,
  constraints: {
    questions_received_by_unit_id_fkey: 'Questions were received by this unit; deactivate it instead of deleting it.',
    questions_assigned_unit_id_fkey: 'Questions are assigned to this unit; deactivate it instead of deleting it.',
    questions_answered_by_unit_id_fkey: 'Questions were answered by this unit; deactivate it instead of deleting it.',
    questions_activity_id_fkey: 'A published question recorded this activity.',
    non_working_days_day_key: 'The day is already a non-working day.',
  },
  routes,
});
