// A resource module as one named Fastify plugin: it brings its schemas, its tag in the contract,
// the sentences for its database constraints and its routes. Registered in the API's scope
// (app.ts), so its routes sit under /api/v1 behind the access checks.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Kysely } from 'kysely';
import type { TSchema } from 'typebox';
import type { Config } from '../config.js';
import type { Database } from '../db/schema.js';
import type { Tag } from './openapi.js';

export interface ModuleOptions {
  db: Kysely<Database>;
  config: Config;
}

export interface ModuleDefinition {
  name: string;
  /** Modules whose schemas this one's refer to, or whose rows it reads: registered first. */
  dependencies?: string[];
  tag: Tag;
  schemas: TSchema[];
  /** Sentences for the constraints of the module's tables, by constraint name. */
  constraints?: Record<string, string>;
  routes: FastifyPluginAsyncTypebox<ModuleOptions>;
}

export function defineModule({ name, dependencies = [], tag, schemas, constraints = {}, routes }: ModuleDefinition) {
  return fp<ModuleOptions>(
    async (app: FastifyInstance, options) => {
      for (const schema of schemas) app.addSchema(schema);
      app.addOpenApiTag(tag);
      app.addConstraintMessages(constraints);
      await app.register(routes, options);
    },
    { name, dependencies: ['access', 'idempotency', ...dependencies] },
  );
}
