// Compliance schemas: how each unit stands against a plan's standing obligations (section IV), as
// computed from its activities and its own plans, never stored.
import { type Static, Type } from 'typebox';
import { PERIOD_EXAMPLES, PERIOD_PATTERN } from '../../domain/periods.js';
import { counts, Nullable, ref, StringEnum, Uuid } from '../../http/schemas.js';
import { OBLIGATION_KINDS } from '../plans/plans.table.js';
import { UNIT_CODE_PATTERN, UnitParamsSchema } from '../units/units.schemas.js';

export const COMPLIANCE_STATUSES = ['met', 'missed', 'due', 'not_started'] as const;
export type ComplianceStatus = (typeof COMPLIANCE_STATUSES)[number];

/** The obligations compliance is computed for; reports and citizens' questions bring the others. */
export const COMPUTED_KINDS = ['publish', 'own_plan'] as const satisfies ReadonlyArray<(typeof OBLIGATION_KINDS)[number]>;

const Status = StringEnum(COMPLIANCE_STATUSES, {
  description: 'met: done ≥ required; missed: the window is over and it is short; due: the window is running and it is not met yet; not_started: the window has not begun.',
});

const DateRange = Type.Object(
  { from: Type.String({ format: 'date' }), to: Type.String({ format: 'date' }) },
  { additionalProperties: false, description: 'Inclusive Vietnam dates.' },
);

export const ComplianceRowSchema = Type.Object(
  {
    unitId: Uuid,
    code: Type.String({ examples: ['THPT-HD'] }),
    name: Type.String(),
    planId: Uuid,
    obligationId: Type.String({ format: 'uuid', description: 'The plan’s obligation (Plan.obligations[].id).' }),
    kind: StringEnum(COMPUTED_KINDS, { description: 'publish: activities of the forms; own_plan: an issued plan of the unit whose parent is this plan.' }),
    window: DateRange,
    required: Type.Integer({ minimum: 1, description: 'The obligation’s minCount (1 when it names none).' }),
    done: Type.Integer({ minimum: 0 }),
    status: Status,
    activityIds: Type.Array(Type.String({ format: 'uuid' }), {
      description: 'publish: the activities that counted (the unit’s, of a matching form, in the window by asOf, with evidence where the form needs it), oldest first.',
    }),
    ownPlan: Nullable(
      Type.Object(
        { id: Uuid, number: Type.String({ examples: ['03/KH-THPTHD'] }), issuedOn: Type.String({ format: 'date' }) },
        { additionalProperties: false, description: 'own_plan: the unit’s first issued plan built from this one, by asOf; null when there is none (and for publish).' },
      ),
    ),
  },
  { $id: 'ComplianceRow', additionalProperties: false, description: 'One unit, one obligation, one window of it.' },
);
export type ComplianceRow = Static<typeof ComplianceRowSchema>;

export const PlanComplianceSchema = Type.Object(
  {
    planId: Uuid,
    period: Type.String({ examples: ['2021-Q2'] }),
    window: DateRange,
    asOf: Type.String({ format: 'date' }),
    summary: counts(COMPLIANCE_STATUSES, { description: 'Rows by status.' }),
    items: Type.Array(ref(ComplianceRowSchema), { description: 'By unit code, then the obligation’s position, then window. Not paged: the whole computation at once.' }),
  },
  { $id: 'PlanCompliance', additionalProperties: false },
);
export type PlanCompliance = Static<typeof PlanComplianceSchema>;

export const UnitComplianceSchema = Type.Object(
  {
    unitId: Uuid,
    code: Type.String(),
    name: Type.String(),
    year: Type.Integer(),
    asOf: Type.String({ format: 'date' }),
    summary: counts(COMPLIANCE_STATUSES, { description: 'Rows by status.' }),
    items: Type.Array(ref(ComplianceRowSchema), { description: 'Each obligation of the year’s issued plans that covers the unit, each window of it (a quarterly one: its four quarters).' }),
  },
  { $id: 'UnitCompliance', additionalProperties: false },
);
export type UnitCompliance = Static<typeof UnitComplianceSchema>;

const AsOf = Type.Optional(Type.String({ format: 'date', description: 'Counted as of this date (activities on or before it); default today in Vietnam.' }));

export const PlanComplianceQuerySchema = Type.Object(
  {
    planId: Type.String({ format: 'uuid', description: 'An issued or closed plan.' }),
    period: Type.String({
      pattern: PERIOD_PATTERN,
      description: 'The period to report on: 2021, 2021-H1, 2021-Q2, 2021-05 or a date range. Each obligation is judged by its own windows (a quarterly one by quarters) that meet the period.',
      examples: [...PERIOD_EXAMPLES],
    }),
    asOf: AsOf,
    unitId: Type.Optional(Type.String({ format: 'uuid', description: 'Only this unit’s rows.' })),
    unitCode: Type.Optional(Type.String({ pattern: UNIT_CODE_PATTERN, description: 'The same by the unit’s code, instead of unitId.', examples: ['THPT-HD'] })),
    status: Type.Optional(Status),
  },
  { additionalProperties: false },
);
export type PlanComplianceQuery = Static<typeof PlanComplianceQuerySchema>;

export const UnitComplianceQuerySchema = Type.Object(
  { year: Type.Integer({ minimum: 2000, maximum: 2100, description: 'The plan year.' }), asOf: AsOf },
  { additionalProperties: false },
);
export type UnitComplianceQuery = Static<typeof UnitComplianceQuerySchema>;

export const UnitComplianceParamsSchema = UnitParamsSchema;

export const complianceSchemas = [ComplianceRowSchema, PlanComplianceSchema, UnitComplianceSchema];
