// GET /health (the process answers) and GET /ready (the database answers too).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { type Kysely, sql } from 'kysely';
import { Type } from 'typebox';
import type { Database } from '../../db/schema.js';
import { Unavailable } from '../../http/errors.js';
import { jsonResponse, problemResponse, StringEnum } from '../../http/schemas.js';

export const HealthSchema = Type.Object(
  { status: StringEnum(['ok'] as const), version: Type.String({ examples: ['0.2.0'] }) },
  { $id: 'Health', additionalProperties: false },
);

const routes: FastifyPluginAsyncTypebox<{ db: Kysely<Database>; version: string }> = async (app, { db, version }) => {
  app.addSchema(HealthSchema);
  app.get(
    '/health',
    {
      schema: {
        operationId: 'getHealth',
        summary: 'Liveness: the process is up',
        description: 'Liveness for the orchestrator: 200 while the process runs, whatever the database does. Open without a key.',
        tags: ['operations'],
        security: [],
        response: { 200: jsonResponse('The process is up.', HealthSchema, { status: 'ok', version }) },
      },
    },
    async () => ({ status: 'ok' as const, version }),
  );

  app.get(
    '/ready',
    {
      schema: {
        operationId: 'getReadiness',
        summary: 'Readiness: the database answers',
        description: 'Readiness for the load balancer: 200 when the database answers, 503 with Retry-After when it does not. Open without a key.',
        tags: ['operations'],
        security: [],
        response: { 200: jsonResponse('Ready to serve.', HealthSchema, { status: 'ok', version }), 503: problemResponse(503) },
      },
    },
    async () => {
      try {
        await sql`SELECT 1`.execute(db);
      } catch {
        throw new Unavailable('The database is not answering; try again shortly.');
      }
      return { status: 'ok' as const, version };
    },
  );
};

export default routes;
