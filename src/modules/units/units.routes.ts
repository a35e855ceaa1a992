// /api/v1/units: the unit tree. Reads for every key; writes for admins (editors: their own web addresses).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { optionalBody } from '../../http/body.js';
import { IfMatchHeader, optionalVersion, requiredVersion, versioned } from '../../http/etag.js';
import { ActionHeaders, IdempotencyHeader } from '../../http/idempotency.js';
import { EmptyBodySchema, errorResponses, jsonResponse, ref } from '../../http/schemas.js';
import {
  type Unit,
  UnitCreateSchema,
  UnitDeactivateSchema,
  UnitListQuerySchema,
  UnitPageSchema,
  UnitParamsSchema,
  UnitSchema,
  UnitUpdateSchema,
} from './units.schemas.js';
import { activateUnit, createUnit, deactivateUnit, deleteUnit, getUnit, listUnits, updateUnit } from './units.service.js';

const example: Unit = {
  id: '3f0b6f8e-6a57-4c1e-9b7a-2d4c5e6f7a81',
  code: 'TCCB',
  name: 'Phòng Tổ chức cán bộ',
  shortName: 'Phòng TCCB',
  kind: 'division',
  parentId: '1a2b3c4d-5e6f-4a8b-9c0d-1e2f3a4b5c6d',
  active: true,
  successorId: null,
  electronicId: null,
  websiteUrl: null,
  cchcSectionUrl: null,
  documentAbbreviation: null,
  reportCutoffDay: 15,
  version: 1,
  createdAt: '2026-03-15T08:30:00.000Z',
  updatedAt: '2026-03-15T08:30:00.000Z',
};

const tags = ['units'];

const routes: FastifyPluginAsyncTypebox<{ db: Kysely<Database> }> = async (app, { db }) => {
  app.get(
    '/units',
    {
      config: { access: 'read' },
      schema: {
        operationId: 'listUnits',
        summary: 'List units, by code',
        description: 'Every key may read. `group` gives the active units a group assignment stands for (divisions, affiliated, all_units: both). `q` ignores case and diacritics.',
        tags,
        querystring: UnitListQuerySchema,
        response: { 200: jsonResponse('A page of units.', UnitPageSchema, { items: [example], nextCursor: 'WyJUQ0NCIl0' }), ...errorResponses() },
      },
    },
    async (request) => listUnits(db, request.query),
  );

  app.post(
    '/units',
    {
      config: { access: 'admin' },
      schema: {
        operationId: 'createUnit',
        summary: 'Add a unit',
        description: 'Admins only. Codes are unique; `parentId` places the unit in the tree. Send `Idempotency-Key` to retry safely.',
        tags,
        headers: IdempotencyHeader,
        body: ref(UnitCreateSchema),
        response: { 201: jsonResponse('The unit was added.', UnitSchema, example, ['etag', 'location']), ...errorResponses(403, 409, 415, 422) },
      },
    },
    async (request, reply) => {
      const unit = versioned(reply, await createUnit(db, request.actor, request.body));
      return reply.code(201).header('location', `/api/v1/units/${unit.id}`).send(unit);
    },
  );

  app.get(
    '/units/:unitId',
    {
      config: { access: 'read' },
      schema: {
        operationId: 'getUnit',
        summary: 'Read a unit',
        description: 'Every key may read. The ETag is the version to send in If-Match.',
        tags,
        params: UnitParamsSchema,
        response: { 200: jsonResponse('The unit; its ETag is the version to send in If-Match.', UnitSchema, example, ['etag']), ...errorResponses(404) },
      },
    },
    async (request, reply) => {
      return versioned(reply, await getUnit(db, request.params.unitId));
    },
  );

  app.patch(
    '/units/:unitId',
    {
      config: { access: 'write' },
      schema: {
        operationId: 'updateUnit',
        summary: 'Change a unit',
        description: 'Admins change any field; an editor may change only `websiteUrl` and `cchcSectionUrl` of its own unit. If-Match is required. A parent that would put the unit under itself is a 422.',
        tags,
        params: UnitParamsSchema,
        headers: IfMatchHeader,
        body: ref(UnitUpdateSchema),
        response: { 200: jsonResponse('The unit as changed.', UnitSchema, { ...example, version: 2 }, ['etag']), ...errorResponses(403, 404, 409, 412, 415, 422, 428) },
      },
    },
    async (request, reply) => {
      return versioned(reply, await updateUnit(db, request.actor, request.params.unitId, requiredVersion(request), request.body));
    },
  );

  app.delete(
    '/units/:unitId',
    {
      config: { access: 'admin' },
      schema: {
        operationId: 'deleteUnit',
        summary: 'Delete a unit that nothing refers to (otherwise deactivate it)',
        description: 'Admins only, and only for a unit nothing refers to (a parent, a successor, a key, a plan, a task): otherwise 409, and the unit is deactivated instead.',
        tags,
        params: UnitParamsSchema,
        headers: IfMatchHeader,
        response: { 204: { description: 'The unit was deleted.', type: 'null' }, ...errorResponses(403, 404, 409, 412, 428) },
      },
    },
    async (request, reply) => {
      await deleteUnit(db, request.actor, request.params.unitId, requiredVersion(request));
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/units/:unitId/deactivate',
    {
      config: { access: 'admin' },
      preValidation: optionalBody,
      schema: {
        operationId: 'deactivateUnit',
        summary: 'Deactivate a unit, naming its successor if any',
        description: 'Admins only. The unit leaves every group at once; `successorId` names the active unit that takes over.',
        tags,
        params: UnitParamsSchema,
        headers: ActionHeaders,
        body: ref(UnitDeactivateSchema),
        response: {
          200: jsonResponse('The unit, now inactive.', UnitSchema, { ...example, active: false, successorId: '5c1d7e2a-8b3f-4d6e-9a1b-2c3d4e5f6a7b', version: 2 }, ['etag']),
          ...errorResponses(403, 404, 409, 412, 415, 422),
        },
      },
    },
    async (request, reply) => {
      const version = optionalVersion(request);
      return versioned(reply, await deactivateUnit(db, request.actor, request.params.unitId, version, request.body.successorId ?? null));
    },
  );

  app.post(
    '/units/:unitId/activate',
    {
      config: { access: 'admin' },
      preValidation: optionalBody,
      schema: {
        operationId: 'activateUnit',
        summary: 'Make an inactive unit active again',
        description: 'Admins only. Clears the successor.',
        tags,
        params: UnitParamsSchema,
        headers: ActionHeaders,
        body: ref(EmptyBodySchema),
        response: { 200: jsonResponse('The unit, active again.', UnitSchema, { ...example, version: 3 }, ['etag']), ...errorResponses(403, 404, 409, 412, 415, 422) },
      },
    },
    async (request, reply) => {
      return versioned(reply, await activateUnit(db, request.actor, request.params.unitId, optionalVersion(request)));
    },
  );
};

export default routes;
