// GET /api/v1/audit: the trail of writes, for admins.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { errorResponses, jsonResponse } from '../../http/schemas.js';
import { type AuditEvent, AuditEventPageSchema, AuditListQuerySchema } from './audit.schemas.js';
import { listAuditEvents } from './audit.service.js';

const example: { items: AuditEvent[]; nextCursor: string } = {
  items: [
    {
      id: 42,
      occurredAt: '2026-03-15T08:30:00.000Z',
      actor: { keyId: '0b8a4c36-52a6-4bb8-9f0e-5d7e1c2a3b4d', name: 'Phòng TCCB' },
      requestId: '8d5c0f5e-2f5b-4a5e-9a43-1c7f0e6b2d10',
      action: 'update',
      entityType: 'unit',
      entityId: '3f0b6f8e-6a57-4c1e-9b7a-2d4c5e6f7a81',
      before: { websiteUrl: null, version: 1 },
      after: { websiteUrl: 'https://thpt-hoangdieu.edu.vn', version: 2 },
    },
  ],
  nextCursor: 'WzQxXQ',
};

const routes: FastifyPluginAsyncTypebox<{ db: Kysely<Database> }> = async (app, { db }) => {
  app.get(
    '/audit',
    {
      config: { access: 'admin' },
      schema: {
        operationId: 'listAuditEvents',
        summary: 'List audit events, newest first',
        description: 'Admins only. One event per write, made in the same transaction: who (key), when, the action, and the record before and after.',
        tags: ['audit'],
        querystring: AuditListQuerySchema,
        response: { 200: jsonResponse('A page of audit events.', AuditEventPageSchema, example), ...errorResponses(403) },
      },
    },
    async (request) => listAuditEvents(db, request.query),
  );
};

export default routes;
