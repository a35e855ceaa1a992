// buildApp: the Fastify application with its plugins and modules. Used by the server, the tests and
// the OpenAPI export alike; it never listens and never reads the environment.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { Config } from './config.js';
import type { Database } from './db/schema.js';
import { authorize, identify } from './http/auth.js';
import bodyParsers from './http/body.js';
import idempotency from './http/idempotency.js';
import openapi, { API_VERSION } from './http/openapi.js';
import problemHandler from './http/problem.js';
import { sharedSchemas } from './http/schemas.js';
import security, { requestIdOf } from './http/security.js';
import { refuseUnknownQueries, validatorCompiler } from './http/validation.js';
import apiKeyRoutes from './modules/api-keys/api-keys.routes.js';
import { apiKeySchemas } from './modules/api-keys/api-keys.schemas.js';
import { admitRequest } from './modules/api-keys/api-keys.service.js';
import auditRoutes from './modules/audit/audit.routes.js';
import { auditSchemas } from './modules/audit/audit.schemas.js';
import plansRoutes from './modules/plans/plans.routes.js';
import { planSchemas } from './modules/plans/plans.schemas.js';
import tasksRoutes from './modules/plans/tasks.routes.js';
import { taskSchemas } from './modules/plans/tasks.schemas.js';
import systemRoutes, { systemSchemas } from './modules/system/system.routes.js';
import unitRoutes from './modules/units/units.routes.js';
import { unitSchemas } from './modules/units/units.schemas.js';

export interface AppOptions {
  config: Config;
  db: Kysely<Database>;
  /** The process logger; tests leave it out and get a silent one. */
  logger?: FastifyBaseLogger;
}

export type App = FastifyInstance;

const SCHEMAS = [...sharedSchemas, ...systemSchemas, ...unitSchemas, ...apiKeySchemas, ...auditSchemas, ...taskSchemas, ...planSchemas];

export async function buildApp({ config, db, logger }: AppOptions): Promise<App> {
  const app = Fastify({
    ...(logger ? { loggerInstance: logger } : { logger: false }),
    genReqId: requestIdOf,
    bodyLimit: config.bodyLimitBytes,
    trustProxy: config.trustProxy,
    return503OnClosing: true,
    forceCloseConnections: 'idle',
  }).withTypeProvider<TypeBoxTypeProvider>();

  for (const schema of SCHEMAS) app.addSchema(schema);
  app.setValidatorCompiler(validatorCompiler(() => Object.values(app.getSchemas())));
  refuseUnknownQueries(app);

  await app.register(problemHandler);
  await app.register(bodyParsers);
  await app.register(security, { corsOrigins: config.corsOrigins });
  await app.register(openapi);
  await app.register(identify, {
    admit: (key, address, windowSeconds) => admitRequest(db, key, address, windowSeconds),
    rateLimit: { max: config.rateLimitMax, windowSeconds: config.rateLimitWindowSeconds },
  });
  await app.register(authorize);
  await app.register(idempotency, { db });

  await app.register(systemRoutes, { db, version: API_VERSION });
  await app.register(
    async (api) => {
      await api.register(unitRoutes, { db });
      await api.register(apiKeyRoutes, { db });
      await api.register(auditRoutes, { db });
      await api.register(plansRoutes, { db });
      await api.register(tasksRoutes, { db });
    },
    { prefix: '/api/v1' },
  );
  return app;
}
