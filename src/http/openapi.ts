// The contract: OpenAPI 3.1 generated from the route schemas, served at /openapi.json, explored at /docs.
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { Type } from 'typebox';

export const API_VERSION = '0.1.0';

const TAGS = [
  { name: 'units', description: 'The Department, its divisions, affiliated schools and centres, and outside bodies.' },
  { name: 'plans', description: 'Publicity plans (kế hoạch tuyên truyền CCHC): the document, its number and lifecycle, progress and schedule.' },
  { name: 'tasks', description: 'The rows of a plan’s appendix: who does what, in which form, by when, and how far it has got.' },
  { name: 'api-keys', description: 'Bearer keys and their roles (admins only).' },
  { name: 'audit', description: 'The trail of every write: who, when, what, before and after (admins only).' },
  { name: 'operations', description: 'Liveness, readiness and the contract itself.' },
];

export default fp(async function openapi(app: FastifyInstance) {
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
      tags: TAGS,
      components: {
        securitySchemes: {
          apiKey: { type: 'http', scheme: 'bearer', description: 'An API key: Authorization: Bearer <key>.' },
        },
      },
      security: [{ apiKey: [] }],
    },
    refResolver: {
      buildLocalReference: (json, _baseUri, _fragment, i) => (typeof json.$id === 'string' ? json.$id : `def-${i}`),
    },
  });
  await app.register(swaggerUi, {
    routePrefix: '/docs',
    uiConfig: { persistAuthorization: true, displayOperationId: true },
  });
  app.get(
    '/openapi.json',
    {
      config: { access: 'public' },
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
});
