// Swagger UI at /docs: the contract to read and try, under the service's own name. Only the base
// layout: no top bar (its "Explore" box fetches any URL typed into it, its logo links away) and
// no Fastify logo or favicon.
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

export const DOCS_TITLE = 'CCHC publicity-plan service';

// A plain mark of our own in the browser tab (a page of lines: a plan) instead of Fastify's.
const FAVICON =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#1f4e8c"/>' +
  '<path d="M9 10h14M9 16h14M9 22h9" stroke="#fff" stroke-width="3" stroke-linecap="round"/></svg>';

export default fp(
  async function docs(app: FastifyInstance) {
    await app.register(swaggerUi, {
      routePrefix: '/docs',
      theme: {
        title: DOCS_TITLE,
        favicon: [{ filename: 'favicon.svg', rel: 'icon', type: 'image/svg+xml', sizes: 'any', content: FAVICON }],
      },
      uiConfig: { layout: 'BaseLayout', persistAuthorization: true, displayOperationId: true },
    });
  },
  { name: 'docs', dependencies: ['openapi'] },
);
