// /api/v1/api-keys: admins make, list and revoke keys.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { versioned } from '../../http/etag.js';
import { IdempotencyHeader } from '../../http/idempotency.js';
import { EmptyBodySchema, errorResponses, jsonResponse, ref } from '../../http/schemas.js';
import { optionalBody } from '../../http/body.js';
import { ApiKeyCreatedSchema, ApiKeyCreateSchema, ApiKeyListQuerySchema, ApiKeyPageSchema, ApiKeyParamsSchema, ApiKeySchema, type ApiKey } from './api-keys.schemas.js';
import { createApiKey, getApiKey, listApiKeys, revokeApiKey } from './api-keys.service.js';

const example: ApiKey = {
  id: '0b8a4c36-52a6-4bb8-9f0e-5d7e1c2a3b4d',
  name: 'Trường THPT Hoàng Diệu',
  role: 'editor',
  unitId: '3f0b6f8e-6a57-4c1e-9b7a-2d4c5e6f7a81',
  keyPrefix: 'cchc_Q2xh',
  createdAt: '2026-03-15T08:30:00.000Z',
  revokedAt: null,
  version: 1,
};

const routes: FastifyPluginAsyncTypebox<{ db: Kysely<Database> }> = async (app, { db }) => {
  app.get(
    '/api-keys',
    {
      config: { access: 'admin' },
      schema: {
        operationId: 'listApiKeys',
        summary: 'List API keys (never the keys themselves)',
        description: 'Admins only. Never the keys themselves: only their first characters (`keyPrefix`).',
        tags: ['api-keys'],
        querystring: ApiKeyListQuerySchema,
        response: { 200: jsonResponse('A page of API keys, oldest first.', ApiKeyPageSchema, { items: [example], nextCursor: null }), ...errorResponses(403) },
      },
    },
    async (request) => listApiKeys(db, request.query),
  );

  app.post(
    '/api-keys',
    {
      config: { access: 'admin', showsSecretOnce: true },
      schema: {
        operationId: 'createApiKey',
        summary: 'Make an API key; the answer shows the key once',
        description:
          'Admins only. An editor key acts for exactly one unit (`unitId`); admin and reader keys for none. Only a hash of the key is stored. ' +
          'Retried with the same `Idempotency-Key`, no second key is made, but the key cannot be shown again: the answer is a 409 (`Idempotent-Replayed: true`) whose `Location` is the key that was made. If its key was lost, revoke it and make another.',
        tags: ['api-keys'],
        headers: IdempotencyHeader,
        body: ref(ApiKeyCreateSchema),
        response: {
          201: jsonResponse('The key was made. Store `key` now: it is never shown again.', ApiKeyCreatedSchema, { ...example, key: 'cchc_Q2xhY2hlIGtleSBleGFtcGxlIG9ubHkgLSBub3QgcmVhbA' }, ['etag', 'location']),
          ...errorResponses(403, 409, 415, 422),
        },
      },
    },
    async (request, reply) => {
      const created = versioned(reply, await createApiKey(db, request.actor, request.body));
      return reply.code(201).header('location', `/api/v1/api-keys/${created.id}`).send(created);
    },
  );

  app.get(
    '/api-keys/:keyId',
    {
      config: { access: 'admin' },
      schema: {
        operationId: 'getApiKey',
        summary: 'Read an API key',
        description: 'Admins only.',
        tags: ['api-keys'],
        params: ApiKeyParamsSchema,
        response: { 200: jsonResponse('The API key.', ApiKeySchema, example, ['etag']), ...errorResponses(403, 404) },
      },
    },
    async (request, reply) => {
      return versioned(reply, await getApiKey(db, request.params.keyId));
    },
  );

  app.post(
    '/api-keys/:keyId/revoke',
    {
      config: { access: 'admin' },
      preValidation: optionalBody,
      schema: {
        body: ref(EmptyBodySchema),
        operationId: 'revokeApiKey',
        summary: 'Revoke an API key; it stops working at once',
        description: 'Admins only. The key is refused from the next request on; the record stays for the audit trail.',
        tags: ['api-keys'],
        params: ApiKeyParamsSchema,
        headers: IdempotencyHeader,
        response: {
          200: jsonResponse('The key, revoked.', ApiKeySchema, { ...example, revokedAt: '2026-04-01T02:00:00.000Z', version: 2 }, ['etag']),
          ...errorResponses(403, 404, 409, 415, 422),
        },
      },
    },
    async (request, reply) => {
      return versioned(reply, await revokeApiKey(db, request.actor, request.params.keyId));
    },
  );
};

export default routes;
