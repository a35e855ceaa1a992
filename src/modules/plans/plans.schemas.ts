// Plan schemas: the publicity plan as the official document has it, and its lifecycle actions.
import { type Static, Type } from 'typebox';
import { ChangePageOf, ChangeQuery, PageQuery } from '../../http/pagination.js';
import { counts, ExactlyOneOf, Instant, NonBlank, Nullable, NullableRef, ref, StringEnum, Uuid } from '../../http/schemas.js';
import { UNIT_GROUPS } from '../units/units.table.js';
import { FormSchema, TaskCreateSchema, TaskSchema } from '../tasks/tasks.schemas.js';
import { PROGRESS } from '../tasks/tasks.table.js';
import { UNIT_CODE_PATTERN } from '../units/units.schemas.js';
import { DOCUMENT_TYPES, OBLIGATION_KINDS, OBLIGATION_PERIODS, PLAN_STATUSES } from './plans.table.js';

const OptionalText = (maxLength: number) => Type.Optional(Nullable(NonBlank(maxLength)));
const OptionalUuid = (description: string) => Type.Optional(Nullable(Type.String({ format: 'uuid', description })));

export const LegalBasisSchema = Type.Object(
  {
    number: NonBlank(100),
    date: Type.Optional(Nullable(Type.String({ format: 'date' }))),
    issuer: OptionalText(300),
    title: OptionalText(1000),
    planId: OptionalUuid('The plan, when the document is a plan in this service.'),
  },
  {
    $id: 'LegalBasis',
    additionalProperties: false,
    description: 'A document the plan is based on (căn cứ).',
    examples: [{ number: '19/KH-UBND', date: '2021-01-26', issuer: 'Ủy ban nhân dân tỉnh Sóc Trăng', title: 'Tuyên truyền cải cách hành chính tỉnh Sóc Trăng năm 2021', planId: null }],
  },
);

export const PlanFormSchema = Type.Object(
  { form: FormSchema, description: OptionalText(2000) },
  { $id: 'PlanForm', additionalProperties: false, description: 'A form of publicity the plan uses, with its text.', examples: [{ form: 'video', description: 'Đăng tải video clip tuyên truyền CCHC trên website, chuyên mục CCHC;' }] },
);

export const RecipientSchema = Type.Object(
  { text: NonBlank(500), unitId: OptionalUuid('The unit, when the recipient is one.') },
  { $id: 'Recipient', additionalProperties: false, description: 'A recipient (nơi nhận) as written, linked to a unit where it is one.', examples: [{ text: 'Sở Nội vụ (để báo cáo)', unitId: null }] },
);

export const SignerSchema = Type.Object(
  { name: NonBlank(200), title: NonBlank(200) },
  { $id: 'Signer', additionalProperties: false, examples: [{ name: 'Châu Tuấn Hồng', title: 'GIÁM ĐỐC' }] },
);

const obligationFields = {
  id: Type.Optional(Type.String({ format: 'uuid', description: 'Sent back as read, the obligation keeps its id; without it, a new obligation.' })),
  kind: StringEnum(OBLIGATION_KINDS, {
    description: 'publish: post activities of the forms (compliance counts them); own_plan: issue its own plan under this one; report: report to the issuer; answer_inquiries.',
  }),
  unitId: Type.Optional(Type.String({ format: 'uuid' })),
  group: Type.Optional(StringEnum(UNIT_GROUPS)),
  forms: Type.Optional(Type.Array(FormSchema, { uniqueItems: true, description: 'The forms that count; none listed: any form.' })),
  minCount: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 10000 }))),
  per: Type.Optional(Nullable(StringEnum(OBLIGATION_PERIODS, { description: 'The period each minCount is owed for; null: once in the plan year.' }))),
  description: NonBlank(2000),
};
const OBLIGATION_EXAMPLE = { kind: 'publish', group: 'affiliated', forms: ['website_post'], minCount: 1, per: 'quarter', description: 'Đăng tải ít nhất 01 tin, bài/quý trên chuyên mục CCHC.' } as const;

export const ObligationSchema = ExactlyOneOf(
  Type.Object(obligationFields, {
    $id: 'Obligation',
    additionalProperties: false,
    description: 'A standing obligation of the plan (section IV): who (exactly one of unitId and group), which forms, how many, per which period.',
    examples: [OBLIGATION_EXAMPLE],
  }),
  'unitId',
  'group',
);

export type Obligation = Static<typeof ObligationSchema>;

/** An obligation as read: always with its id. */
export const PlanObligationSchema = ExactlyOneOf(
  Type.Object(
    { ...obligationFields, id: Type.String({ format: 'uuid' }), forms: Type.Array(FormSchema), minCount: Nullable(Type.Integer()), per: Nullable(StringEnum(OBLIGATION_PERIODS)) },
    {
      $id: 'PlanObligation',
      additionalProperties: false,
      description: 'A standing obligation as stored, with its id (GET /api/v1/compliance reports on it). Written back with its id, it keeps it.',
      examples: [{ id: '8d2e4f6a-1b3c-4d5e-8f9a-0b1c2d3e4f5a', ...OBLIGATION_EXAMPLE }],
    },
  ),
  'unitId',
  'group',
);
export type PlanObligation = Static<typeof PlanObligationSchema>;

const planContentFields = {
  issuerUnitId: Type.String({ format: 'uuid' }),
  year: Type.Integer({ minimum: 2000, maximum: 2100 }),
  title: NonBlank(1000),
  documentType: Type.Optional(StringEnum(DOCUMENT_TYPES, { description: 'KH: kế hoạch (plan); QĐ: quyết định (decision). Default KH.' })),
  parentPlanId: OptionalUuid('The plan this one is built from (a unit’s plan from the Department’s).'),
  legalBases: Type.Optional(Type.Array(ref(LegalBasisSchema), { maxItems: 50 })),
  objectives: Type.Optional(Type.Array(NonBlank(4000), { maxItems: 50 })),
  requirements: Type.Optional(Type.Array(NonBlank(4000), { maxItems: 50 })),
  audience: OptionalText(4000),
  scope: OptionalText(4000),
  contents: Type.Optional(Type.Array(NonBlank(4000), { maxItems: 50 })),
  forms: Type.Optional(Type.Array(ref(PlanFormSchema), { maxItems: 20 })),
  fundingSource: OptionalText(4000),
  recipients: Type.Optional(Type.Array(ref(RecipientSchema), { maxItems: 100 })),
  signer: Type.Optional(NullableRef(SignerSchema)),
  obligations: Type.Optional(Type.Array(ref(ObligationSchema), { maxItems: 50 })),
};

export const PlanCreateSchema = Type.Object(
  { ...planContentFields, tasks: Type.Optional(Type.Array(ref(TaskCreateSchema), { maxItems: 500, description: 'The appendix, made with the plan in one transaction.' })) },
  {
    $id: 'PlanCreate',
    additionalProperties: false,
    examples: [{ issuerUnitId: '1a2b3c4d-5e6f-4a8b-9c0d-1e2f3a4b5c6d', year: 2021, title: 'Kế hoạch tuyên truyền cải cách hành chính năm 2021', documentType: 'KH' }],
  },
);
export type PlanCreate = Static<typeof PlanCreateSchema>;

export const PlanUpdateSchema = Type.Object(
  {
    ...planContentFields,
    issuerUnitId: Type.Optional(planContentFields.issuerUnitId),
    year: Type.Optional(planContentFields.year),
    title: Type.Optional(planContentFields.title),
  },
  { $id: 'PlanUpdate', additionalProperties: false, minProperties: 1, description: 'Fields to change on a draft; absent fields are kept, null clears.', examples: [{ scope: 'Nội dung tuyên truyền liên quan đến Kế hoạch CCHC năm 2021 của Sở GDĐT.' }] },
);
export type PlanUpdate = Static<typeof PlanUpdateSchema>;

const planFields = {
  id: Uuid,
  issuerUnitId: Type.String({ format: 'uuid' }),
  year: Type.Integer(),
  title: Type.String(),
  documentType: StringEnum(DOCUMENT_TYPES),
  number: Nullable(Type.String({ description: 'Number and symbol as written (05/KH-SGDĐT); null while a draft.', examples: ['05/KH-SGDĐT'] })),
  issuedOn: Nullable(Type.String({ format: 'date' })),
  status: StringEnum(PLAN_STATUSES, { description: 'draft → issued → closed; draft or issued → cancelled.' }),
  cancelReason: Nullable(Type.String()),
  parentPlanId: Nullable(Type.String({ format: 'uuid' })),
  legalBases: Type.Array(ref(LegalBasisSchema)),
  objectives: Type.Array(Type.String()),
  requirements: Type.Array(Type.String()),
  audience: Nullable(Type.String()),
  scope: Nullable(Type.String()),
  contents: Type.Array(Type.String()),
  forms: Type.Array(ref(PlanFormSchema)),
  fundingSource: Nullable(Type.String()),
  recipients: Type.Array(ref(RecipientSchema)),
  signer: NullableRef(SignerSchema),
  obligations: Type.Array(ref(PlanObligationSchema)),
  taskCount: Type.Integer({ minimum: 0, description: 'How many tasks its appendix has.' }),
  tasksByProgress: counts(PROGRESS, { description: 'Its tasks by progress as recorded now (GET /plans/{planId}/progress gives them as of a date, with timeliness).' }),
  version: Type.Integer({ minimum: 1 }),
  createdAt: Instant,
  updatedAt: Instant,
};

export const PlanSchema = Type.Object(planFields, { $id: 'Plan', additionalProperties: false });
export type Plan = Static<typeof PlanSchema>;

export const PlanDetailSchema = Type.Object(
  { ...planFields, tasks: Type.Array(ref(TaskSchema), { description: 'The appendix, in order.' }) },
  { $id: 'PlanDetail', additionalProperties: false },
);
export type PlanDetail = Static<typeof PlanDetailSchema>;

export const PlanPageSchema = ChangePageOf(PlanSchema);

export const PlanListQuerySchema = Type.Object(
  {
    year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })),
    issuerUnitId: Type.Optional(Type.String({ format: 'uuid' })),
    issuerUnitCode: Type.Optional(
      Type.String({ pattern: UNIT_CODE_PATTERN, description: 'The issuer by its code (SGDDT), instead of issuerUnitId; a code that names no unit is a 400.', examples: ['SGDDT'] }),
    ),
    status: Type.Optional(StringEnum(PLAN_STATUSES)),
    documentType: Type.Optional(StringEnum(DOCUMENT_TYPES)),
    parentPlanId: Type.Optional(Type.String({ format: 'uuid' })),
    q: Type.Optional(Type.String({ minLength: 1, maxLength: 200, pattern: '\\S', description: 'Words in the title or number; case and diacritics ignored.' })),
    ...ChangeQuery,
    ...PageQuery,
  },
  { additionalProperties: false },
);
export type PlanListQuery = Static<typeof PlanListQuerySchema>;

export const PlanIssueSchema = Type.Object(
  {
    issuedOn: Type.Optional(
      Type.String({ format: 'date', description: 'The issue date, YYYY-MM-DD; the number comes from this calendar year’s sequence. Default: today in Vietnam.' }),
    ),
  },
  { $id: 'PlanIssue', additionalProperties: false, description: 'Send {} or no body to issue it today (Vietnam date).', examples: [{ issuedOn: '2021-02-03' }] },
);
export const PlanCancelSchema = Type.Object(
  { reason: NonBlank(2000) },
  { $id: 'PlanCancel', additionalProperties: false, examples: [{ reason: 'Thay thế bởi kế hoạch sửa đổi.' }] },
);

export const PlanParamsSchema = Type.Object({ planId: Type.String({ format: 'uuid' }) }, { additionalProperties: false });

export const planSchemas = [
  LegalBasisSchema, PlanFormSchema, RecipientSchema, SignerSchema, ObligationSchema, PlanObligationSchema, PlanCreateSchema, PlanUpdateSchema,
  PlanSchema, PlanDetailSchema, PlanPageSchema, PlanIssueSchema, PlanCancelSchema,
];
