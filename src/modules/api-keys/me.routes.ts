// /api/v1/me: who the calling key is, for any key. An editor finds its unit here, and the link to
// the tasks that unit takes part in.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { type Static, Type } from 'typebox';
import { ROLES } from '../../domain/actor.js';
import type { ModuleOptions } from '../../http/module.js';
import { errorResponses, jsonResponse, Nullable, StringEnum, Uuid } from '../../http/schemas.js';
import { getUnit } from '../units/units.service.js';

export const MeSchema = Type.Object(
  {
    keyId: Uuid,
    name: Type.String({ description: 'The key’s name, as an admin gave it.' }),
    role: StringEnum(ROLES, { description: 'admin: everything; editor: its own unit’s work; reader: reads, no personal data.' }),
    unit: Type.Union(
      [
        Type.Object(
          {
            id: Uuid,
            code: Type.String({ examples: ['THPT-HD'] }),
            name: Type.String({ examples: ['Trường THPT Hoàng Diệu'] }),
            active: Type.Boolean({ description: 'False once deactivated: the key may then only read.' }),
          },
          { additionalProperties: false },
        ),
        Type.Null(),
      ],
      { description: 'The unit an editor key acts for; null for admin and reader keys.' },
    ),
    links: Type.Object(
      {
        unit: Nullable(Type.String({ description: 'The unit (GET).', examples: ['/api/v1/units/3f0b6f8e-6a57-4c1e-9b7a-2d4c5e6f7a81'] })),
        tasks: Nullable(Type.String({ description: 'The tasks the unit leads or coordinates, groups included (GET).', examples: ['/api/v1/tasks?unitId=3f0b6f8e-6a57-4c1e-9b7a-2d4c5e6f7a81'] })),
      },
      { additionalProperties: false, description: 'Where an editor finds its unit and its tasks; null for a key without a unit.' },
    ),
  },
  { $id: 'Me', additionalProperties: false, description: 'The key a request is made with.' },
);
export type Me = Static<typeof MeSchema>;

export const meSchemas = [MeSchema];

const UNIT_ID = '3f0b6f8e-6a57-4c1e-9b7a-2d4c5e6f7a81';
const example: Me = {
  keyId: '0b8a4c36-52a6-4bb8-9f0e-5d7e1c2a3b4d',
  name: 'Trường THPT Hoàng Diệu',
  role: 'editor',
  unit: { id: UNIT_ID, code: 'THPT-HD', name: 'Trường THPT Hoàng Diệu', active: true },
  links: { unit: `/api/v1/units/${UNIT_ID}`, tasks: `/api/v1/tasks?unitId=${UNIT_ID}` },
};

const routes: FastifyPluginAsyncTypebox<ModuleOptions> = async (app, { db }) => {
  app.get(
    '/me',
    {
      config: { access: 'read' },
      schema: {
        operationId: 'getMe',
        summary: 'Who the calling key is: its name, role and unit',
        description: 'Any key, a deactivated unit’s too. An editor’s answer links to its unit and to the tasks the unit takes part in.',
        tags: ['api-keys'],
        response: { 200: jsonResponse('The calling key.', MeSchema, example), ...errorResponses() },
      },
    },
    async (request): Promise<Me> => {
      const { keyId, name, role, unitId } = request.principal!;
      const unit = unitId ? await getUnit(db, unitId) : null;
      return {
        keyId,
        name,
        role,
        unit: unit && { id: unit.id, code: unit.code, name: unit.name, active: unit.active },
        links: { unit: unit && `/api/v1/units/${unit.id}`, tasks: unit && `/api/v1/tasks?unitId=${unit.id}` },
      };
    },
  );
};

export default routes;
