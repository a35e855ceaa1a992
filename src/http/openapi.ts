// The contract: OpenAPI 3.1 generated from the route schemas, served at /openapi.json (explored at /docs: docs.ts).
import swagger from '@fastify/swagger';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { Type } from 'typebox';
import { finishDocument } from './contract.js';

export const API_VERSION = '0.2.0';

const TAGS = [{ name: 'operations', description: 'Liveness, readiness and the contract itself.' }];

export interface Tag {
  name: string;
  description: string;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Lists a module's tag in the contract, in the order modules are registered. */
    addOpenApiTag(tag: Tag): void;
  }
}

export default fp(async function openapi(app: FastifyInstance) {
  const tags: Tag[] = [];
  app.decorate('addOpenApiTag', (tag: Tag) => {
    tags.push(tag);
  });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'CCHC publicity-plan service',
        version: API_VERSION,
        description:
          'Plans for publicising administrative reform (cải cách hành chính, CCHC) of a provincial Department ' +
          'of Education and Training, their tasks, what was done, and the reports units owe. Errors are ' +
          'application/problem+json (RFC 9457); lists are cursor-paged; writes take If-Match and Idempotency-Key.',
        license: { name: 'MIT', identifier: 'MIT' },
        contact: { name: 'CCHC service team' },
      },
      servers: [{ url: '/', description: 'This server' }],
      components: {
        securitySchemes: {
          apiKey: { type: 'http', scheme: 'bearer', description: 'An API key (`cchc_…`), sent as `Authorization: Bearer <key>`. In /docs, paste the key alone, without `Bearer`.' },
        },
      },
      security: [{ apiKey: [] }],
    },
    transformObject: (document) =>
      'openapiObject' in document ? finishDocument({ ...document.openapiObject, tags: [...tags, ...TAGS] }) : document.swaggerObject,
    refResolver: {
      buildLocalReference: (json, _baseUri, _fragment, i) => (typeof json.$id === 'string' ? json.$id : `def-${i}`),
    },
  });
  app.get(
    '/openapi.json',
    {
      schema: {
        operationId: 'getOpenApi',
        summary: 'The OpenAPI 3.1 document of this API',
        description: 'This document, generated from the route schemas. Open without a key.',
        tags: ['operations'],
        security: [],
        response: {
          200: {
            description: 'The OpenAPI document.',
            content: { 'application/json': { schema: Type.Object({}, { additionalProperties: true }) } },
          },
        },
      },
    },
    async () => app.swagger(),
  );
}, { name: 'openapi' });
