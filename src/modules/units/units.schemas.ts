// Unit schemas: the Department, divisions, affiliated units and outside bodies, as a tree.
import { CUTOFF_DAYS } from '../../domain/report-window.js';
import { type Static, Type } from 'typebox';
import { ChangePageOf, ChangeQuery, PageQuery } from '../../http/pagination.js';
import { Instant, Nullable, StringEnum, Uuid } from '../../http/schemas.js';

import { UNIT_GROUPS, UNIT_KINDS } from './units.table.js';

/** A unit's code: upper case, as people type it in paths and filters (`/units/THPT-HD`, `?unitCode=`). */
export const UNIT_CODE_PATTERN = '^[A-Z0-9][A-Z0-9_-]{0,31}$';
const Code = Type.String({ pattern: UNIT_CODE_PATTERN, description: 'Short code, upper case: TCCB, THPT-HD.', examples: ['TCCB'] });
const Name = Type.String({ minLength: 1, maxLength: 300, pattern: '\\S', examples: ['Phòng Tổ chức cán bộ'] });
const ShortName = Type.String({ minLength: 1, maxLength: 100, pattern: '\\S', examples: ['Phòng TCCB'] });
const Kind = StringEnum(UNIT_KINDS, { description: 'department: the Sở; division: inside it; affiliated: schools and centres under it; external: other bodies.' });
const ElectronicId = Type.String({ pattern: '^[A-Z0-9][A-Z0-9.]{0,39}$', description: 'The agency’s electronic identifier code (mã định danh điện tử).', examples: ['000.00.12.H49'] });
const Abbreviation = Type.String({ pattern: '^\\S{1,30}$', description: 'How documents of the unit write it in their symbol: SGDĐT in 05/KH-SGDĐT.', examples: ['SGDĐT'] });
const CutoffDay = Type.Integer({
  minimum: CUTOFF_DAYS.min,
  maximum: CUTOFF_DAYS.max,
  description:
    'As an issuer of plans: the day its units’ reporting windows turn on (15: a six-month report covers 15 December of the year before to 14 June). Admins only. At most 20, so a window closes before its report falls due on the 20th.',
  examples: [15],
});
const Url = Type.String({ format: 'uri', pattern: '^https?://', maxLength: 2000, examples: ['https://sgddt.soctrang.gov.vn'] });

export const UnitSchema = Type.Object(
  {
    id: Uuid,
    code: Code,
    name: Name,
    shortName: Nullable(ShortName),
    kind: Kind,
    parentId: Nullable(Type.String({ format: 'uuid' })),
    active: Type.Boolean({ description: 'False once deactivated; units are never deleted once anything refers to them.' }),
    successorId: Nullable(Type.String({ format: 'uuid', description: 'The unit that took over, when deactivated in a reorganisation.' })),
    electronicId: Nullable(ElectronicId),
    websiteUrl: Nullable(Url),
    cchcSectionUrl: Nullable(Type.String({ format: 'uri', pattern: '^https?://', maxLength: 2000, description: 'The CCHC section of the unit’s website.' })),
    documentAbbreviation: Nullable(Abbreviation),
    reportCutoffDay: CutoffDay,
    version: Type.Integer({ minimum: 1 }),
    createdAt: Instant,
    updatedAt: Instant,
  },
  { $id: 'Unit', additionalProperties: false },
);
export type Unit = Static<typeof UnitSchema>;

export const UnitCreateSchema = Type.Object(
  {
    code: Code,
    name: Name,
    shortName: Type.Optional(Nullable(ShortName)),
    kind: Kind,
    parentId: Type.Optional(Nullable(Type.String({ format: 'uuid' }))),
    electronicId: Type.Optional(Nullable(ElectronicId)),
    websiteUrl: Type.Optional(Nullable(Url)),
    cchcSectionUrl: Type.Optional(Nullable(Url)),
    documentAbbreviation: Type.Optional(Nullable(Abbreviation)),
    reportCutoffDay: Type.Optional(CutoffDay),
  },
  {
    $id: 'UnitCreate',
    additionalProperties: false,
    examples: [{ code: 'THPT-HD', name: 'Trường THPT Hoàng Diệu', kind: 'affiliated', parentId: '3f0b6f8e-6a57-4c1e-9b7a-2d4c5e6f7a81' }],
  },
);
export type UnitCreate = Static<typeof UnitCreateSchema>;

export const UnitUpdateSchema = Type.Object(
  {
    code: Type.Optional(Code),
    name: Type.Optional(Name),
    shortName: Type.Optional(Nullable(ShortName)),
    kind: Type.Optional(Kind),
    parentId: Type.Optional(Nullable(Type.String({ format: 'uuid' }))),
    electronicId: Type.Optional(Nullable(ElectronicId)),
    websiteUrl: Type.Optional(Nullable(Url)),
    cchcSectionUrl: Type.Optional(Nullable(Url)),
    documentAbbreviation: Type.Optional(Nullable(Abbreviation)),
    reportCutoffDay: Type.Optional(CutoffDay),
  },
  {
    $id: 'UnitUpdate',
    additionalProperties: false,
    minProperties: 1,
    description: 'The fields to change; an absent field is kept, null clears it. Editors may change only websiteUrl and cchcSectionUrl of their own unit.',
    examples: [{ cchcSectionUrl: 'https://thpt-hoangdieu.edu.vn/cchc' }],
  },
);
export type UnitUpdate = Static<typeof UnitUpdateSchema>;

export const UnitDeactivateSchema = Type.Object(
  { successorId: Type.Optional(Nullable(Type.String({ format: 'uuid', description: 'The unit that takes over its work.' }))) },
  { $id: 'UnitDeactivate', additionalProperties: false, examples: [{ successorId: '5c1d7e2a-8b3f-4d6e-9a1b-2c3d4e5f6a7b' }] },
);
export type UnitDeactivate = Static<typeof UnitDeactivateSchema>;

export const UnitPageSchema = ChangePageOf(UnitSchema);

export const UnitListQuerySchema = Type.Object(
  {
    kind: Type.Optional(Kind),
    group: Type.Optional(StringEnum(UNIT_GROUPS, { description: 'The active units a group assignment resolves to: divisions, affiliated, or all_units (both).' })),
    parentId: Type.Optional(Type.String({ format: 'uuid' })),
    active: Type.Optional(Type.Boolean()),
    q: Type.Optional(Type.String({ minLength: 1, maxLength: 200, pattern: '\\S', description: 'Words in the code, name or short name; case and diacritics ignored (truong finds Trường).' })),
    ...ChangeQuery,
    ...PageQuery,
  },
  { additionalProperties: false },
);
export type UnitListQuery = Static<typeof UnitListQuerySchema>;

export const UnitParamsSchema = Type.Object(
  {
    unitId: Type.Union([Type.String({ format: 'uuid', description: 'its id (a UUID)' }), Type.String({ pattern: UNIT_CODE_PATTERN, description: 'its code (upper case: THPT-HD)' })], {
      description: 'The unit’s id, or its code as people type it (THPT-HD).',
      examples: ['THPT-HD'],
    }),
  },
  { additionalProperties: false },
);

export const unitSchemas = [UnitSchema, UnitCreateSchema, UnitUpdateSchema, UnitDeactivateSchema, UnitPageSchema];
