// buildApp: the Fastify application with its plugins and modules. Used by the server, the tests and
// the OpenAPI export alike; it never listens and never reads the environment.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { Config } from './config.js';
import type { Notifications } from './db/notifications.js';
import type { Database } from './db/schema.js';
import access from './http/auth.js';
import bodyParsers from './http/body.js';
import { clientErrorHandler, frameworkErrors, MAX_PARAM_LENGTH } from './http/client-errors.js';
import docs from './http/docs.js';
import { Unavailable } from './http/errors.js';
import conditionalReads from './http/etag.js';
import idempotency from './http/idempotency.js';
import openapi, { API_VERSION } from './http/openapi.js';
import problemHandler from './http/problem.js';
import rateLimits from './http/rate-limit.js';
import { sharedSchemas } from './http/schemas.js';
import security, { requestIdOf } from './http/security.js';
import { buildSerializer } from './http/serialization.js';
import { buildValidator, refuseUnknownQueries } from './http/validation.js';
import activities from './modules/activities/index.js';
import apiKeys from './modules/api-keys/index.js';
import type { Principal } from './domain/actor.js';
import { authenticate } from './modules/api-keys/api-keys.service.js';
import { KeyCache } from './modules/api-keys/key-cache.js';
import audit from './modules/audit/index.js';
import compliance from './modules/compliance/index.js';
import plans from './modules/plans/index.js';
import questions from './modules/questions/index.js';
import reports from './modules/reports/index.js';
import system from './modules/system/system.routes.js';
import tasks from './modules/tasks/index.js';
import units from './modules/units/index.js';

/** The resource modules of /api/v1, each one plugin; a module is registered after those it depends on. */
const MODULES = [units, apiKeys, audit, tasks, plans, activities, compliance, questions, reports];

export interface AppOptions {
  config: Config;
  db: Kysely<Database>;
  /**
   * Announcements of changes to keys committed by any process (the database handle's). Without them
   * keys cannot be cached safely, and are looked up on every request.
   */
  notifications?: Notifications;
  /** The process logger; tests leave it out and get a silent one. */
  logger?: FastifyBaseLogger;
}

export type App = FastifyInstance;

export async function buildApp({ config, db, notifications, logger }: AppOptions): Promise<App> {
  const app = Fastify({
    ...(logger ? { loggerInstance: logger } : { logger: false }),
    genReqId: requestIdOf,
    bodyLimit: config.bodyLimitBytes,
    trustProxy: typeof config.trustProxy === 'boolean' ? config.trustProxy : [...config.trustProxy],
    // Refused below as problem+json instead of Fastify's plain JSON 503.
    return503OnClosing: false,
    forceCloseConnections: 'idle',
    routerOptions: { maxParamLength: MAX_PARAM_LENGTH },
    frameworkErrors,
    clientErrorHandler,
    // Validators and serializers are compiled as each route first needs them: a start in milliseconds, not seconds.
    schemaController: { compilersFactory: { buildValidator, buildSerializer } },
    // The serializer picks a oneOf branch with Ajv; a branch that only says `required` (Assignee) is valid JSON Schema.
    serializerOpts: { ajv: { strictTypes: false } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  for (const schema of sharedSchemas) app.addSchema(schema);
  await app.register(problemHandler);
  // Once shutdown has begun, a request arriving on a kept-alive connection is refused (Fastify
  // adds Connection: close), so the client retries elsewhere instead of reaching a closing database.
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onRequest', async () => {
    if (closing) throw new Unavailable('The service is shutting down; try again shortly.');
  });
  await app.register(conditionalReads);
  await app.register(bodyParsers);
  await app.register(security, { corsOrigins: config.corsOrigins });
  await app.register(openapi);
  await app.register(docs);
  await app.register(system, { db, version: API_VERSION });

  const keys = new KeyCache<Principal>();
  if (notifications) {
    const unsubscribe = notifications.subscribe(keys);
    app.addHook('onClose', async () => unsubscribe());
  }

  await app.register(
    async (api) => {
      refuseUnknownQueries(api);
      await api.register(access, { authenticate: (key) => authenticate(db, keys, key) });
      await api.register(rateLimits, { max: config.rateLimitMax, windowSeconds: config.rateLimitWindowSeconds, redisUrl: config.redisUrl });
      await api.register(idempotency, { db });
      for (const module of MODULES) await api.register(module, { db, config });
    },
    { prefix: '/api/v1' },
  );
  return app;
}
