// Report schemas: a unit's six-month or annual report, its figures (computed from tasks, activities,
// compliance and citizens' questions; a named section per source), its
// narrative, its workflow, and the Department's roll-up of its units' reports.
import { type Static, Type } from 'typebox';
import { PageOf, PageQuery } from '../../http/pagination.js';
import { counts, Instant, IsoDate, Nullable, ref, StringEnum, Uuid } from '../../http/schemas.js';
import { COMPLIANCE_STATUSES } from '../compliance/compliance.schemas.js';
import { QuestionFiguresSchema } from '../questions/questions.schemas.js';
import { FORMS, PROGRESS, TIMELINESS } from '../tasks/tasks.table.js';
import { UNIT_CODE_PATTERN } from '../units/units.schemas.js';
import { NARRATIVE_FIELDS, REPORT_KINDS, REPORT_STATUSES, REPORT_WINDOWS } from './reports.table.js';

const Kind = StringEnum(REPORT_KINDS, { description: 'six_month: báo cáo 6 tháng; annual: báo cáo năm.' });
const WindowKind = StringEnum(REPORT_WINDOWS, {
  description: 'cutoff (default): the CCHC reporting window, from the issuer’s cut-off day (15) of December of the year before to the day before it in June (six-month) or December (annual); calendar: 1 January to 30 June or 31 December.',
});
const Status = StringEnum(REPORT_STATUSES, { description: 'draft → submitted → accepted; a submitted report may be returned to draft.' });
const Text = (description: string) => Nullable(Type.String({ minLength: 1, maxLength: 20000, pattern: '\\S', description }));

const NARRATIVE_DESCRIPTIONS: Record<(typeof NARRATIVE_FIELDS)[number], string> = {
  results: 'Kết quả: what was achieved. Plain text; paragraphs separated by blank lines.',
  shortcomings: 'Tồn tại, hạn chế.',
  causes: 'Nguyên nhân (of the shortcomings).',
  difficulties: 'Khó khăn, vướng mắc.',
  proposals: 'Đề xuất, kiến nghị.',
  nextPeriodTasks: 'Nhiệm vụ kỳ tới.',
};
const narrativeFields = Object.fromEntries(NARRATIVE_FIELDS.map((f) => [f, Text(NARRATIVE_DESCRIPTIONS[f])])) as Record<(typeof NARRATIVE_FIELDS)[number], ReturnType<typeof Text>>;

export const NarrativeSchema = Type.Object(narrativeFields, {
  $id: 'ReportNarrative',
  additionalProperties: false,
  description: 'What people write: results, shortcomings and their causes, difficulties, proposals, the next period’s tasks.',
});
export type Narrative = Static<typeof NarrativeSchema>;

const Signer = Nullable(
  Type.Object(
    { title: Type.String({ minLength: 1, maxLength: 200, pattern: '\\S' }), name: Type.String({ minLength: 1, maxLength: 200, pattern: '\\S' }) },
    { additionalProperties: false, description: 'Who signs it, bottom right of the document: title (HIỆU TRƯỞNG) and name.' },
  ),
);
const Recipients = Type.Array(Type.String({ minLength: 1, maxLength: 500, pattern: '\\S' }), {
  maxItems: 50,
  description: 'Nơi nhận, as written, bottom left of the document.',
  examples: [['Sở GDĐT (để báo cáo);', 'Lưu: VT.']],
});

const DateRange = Type.Object({ from: IsoDate, to: IsoDate }, { additionalProperties: false });

const ReportUnit = Type.Object({ id: Uuid, code: Type.String({ examples: ['THPT-HD'] }), name: Type.String() }, { additionalProperties: false });

/** What the unit's tasks in the Department's plan stood at, as of the window's end (the unit's own parts). */
const TaskFigures = Type.Object(
  {
    planId: Uuid,
    planNumber: Nullable(Type.String({ examples: ['01/KH-SGDĐT'] })),
    total: Type.Integer({ minimum: 0, description: 'The unit’s parts of the plan’s tasks due by the window’s end.' }),
    byProgress: counts(PROGRESS),
    byTimeliness: counts(TIMELINESS),
    overdue: Type.Array(
      Type.Object({ taskId: Uuid, ordinal: Type.Integer(), content: Type.String(), dueTo: IsoDate, role: Type.String() }, { additionalProperties: false }),
      { description: 'The unit’s parts overdue at the window’s end.' },
    ),
  },
  { additionalProperties: false },
);

const ActivityFigures = Type.Object(
  {
    total: Type.Integer({ minimum: 0 }),
    linkedToTasks: Type.Integer({ minimum: 0, description: 'Of them, carrying out a task.' }),
    byForm: counts(FORMS),
    byMonth: Type.Array(Type.Object({ month: Type.String({ examples: ['2021-03'] }), count: Type.Integer({ minimum: 0 }) }, { additionalProperties: false }), {
      description: 'Every month the window touches, in order, zero included.',
    }),
  },
  { additionalProperties: false },
);

const ComplianceFigures = Type.Object(
  {
    windows: Type.Array(
      Type.Object(
        { obligationId: Uuid, window: DateRange, required: Type.Integer(), done: Type.Integer(), status: StringEnum(COMPLIANCE_STATUSES) },
        { additionalProperties: false },
      ),
      { description: 'Each window of the plan’s publish obligations on the unit that ends within the report’s window (a quarterly one: its quarters).' },
    ),
    due: Type.Integer({ minimum: 0, description: 'Windows over by the report window’s end.' }),
    met: Type.Integer({ minimum: 0 }),
  },
  { additionalProperties: false },
);

const OwnPlan = Nullable(
  Type.Object({ id: Uuid, number: Type.String(), issuedOn: IsoDate }, { additionalProperties: false, description: 'The unit’s own plan built from the Department’s, issued by the window’s end; null if none.' }),
);

export const RollupRowSchema = Type.Object(
  {
    unit: ReportUnit,
    window: Type.Object({ from: IsoDate, to: IsoDate }, { additionalProperties: false, description: 'The window the unit is judged in: its own report’s, else the roll-up’s.' }),
    reportId: Nullable(Type.String({ format: 'uuid' })),
    status: StringEnum(['missing', ...REPORT_STATUSES] as const, { description: 'missing: no report made yet.' }),
    submittedAt: Nullable(Instant),
    late: Nullable(Type.Boolean()),
    tasksDone: Type.Integer({ minimum: 0 }),
    tasksOverdue: Type.Integer({ minimum: 0 }),
    activitiesByForm: counts(FORMS),
    quartersCompliant: Type.Integer({ minimum: 0 }),
    quartersDue: Type.Integer({ minimum: 0 }),
    nonCompliantQuarters: Type.Array(Type.String({ examples: ['2021-Q2'] })),
    ownPlan: OwnPlan,
    questions: ref(QuestionFiguresSchema),
  },
  { $id: 'RollupRow', additionalProperties: false, description: 'One unit of the Department’s plan in the roll-up.' },
);
export type RollupRow = Static<typeof RollupRowSchema>;

export const RollupSchema = Type.Object(
  {
    year: Type.Integer(),
    kind: Kind,
    planId: Uuid,
    window: DateRange,
    rows: Type.Array(ref(RollupRowSchema), { description: 'By unit code.' }),
    notSubmitted: Type.Array(ReportUnit, { description: 'Units whose report is missing or still a draft.' }),
    late: Type.Array(ReportUnit, { description: 'Units that submitted after the due date.' }),
    nonCompliant: Type.Array(Type.Object({ unit: ReportUnit, quarters: Type.Array(Type.String()) }, { additionalProperties: false }), {
      description: 'Units short in some quarter, with which.',
    }),
    totals: Type.Object(
      {
        units: Type.Integer({ minimum: 0 }),
        submitted: Type.Integer({ minimum: 0, description: 'Submitted or accepted.' }),
        late: Type.Integer({ minimum: 0 }),
        tasksDone: Type.Integer({ minimum: 0 }),
        tasksOverdue: Type.Integer({ minimum: 0 }),
        activitiesByForm: counts(FORMS),
        ownPlans: Type.Integer({ minimum: 0 }),
        questions: ref(QuestionFiguresSchema, { description: 'Every citizens’ question received in the roll-up’s window, whichever unit it counts for (the Office and divisions included).' }),
      },
      { additionalProperties: false },
    ),
  },
  { $id: 'Rollup', additionalProperties: false, description: 'The Department’s roll-up of its units’ reports for a year and kind.' },
);
export type Rollup = Static<typeof RollupSchema>;

export const ReportFiguresSchema = Type.Object(
  {
    asOf: Type.String({ format: 'date', description: 'The window’s end: every figure stands as of it.' }),
    tasks: TaskFigures,
    activities: ActivityFigures,
    compliance: ComplianceFigures,
    ownPlan: OwnPlan,
    questions: ref(QuestionFiguresSchema),
    rollup: Type.Optional(ref(RollupSchema, { description: 'The Department’s own report: its units’ roll-up, frozen with it when submitted.' })),
  },
  {
    $id: 'ReportFigures',
    additionalProperties: false,
    description: 'Computed from the data in the window: recomputed on every read of a draft, frozen when submitted. One named section per source: tasks, activities, compliance, the own plan, citizens’ questions.',
  },
);
export type ReportFigures = Static<typeof ReportFiguresSchema>;

export const ReportSchema = Type.Object(
  {
    id: Uuid,
    unit: ReportUnit,
    year: Type.Integer(),
    kind: Kind,
    window: Type.Object({ kind: WindowKind, from: IsoDate, to: IsoDate }, { additionalProperties: false }),
    dueOn: Type.String({ format: 'date', description: 'The 20th of the window’s last month.' }),
    planId: Type.String({ format: 'uuid', description: 'The Department’s plan of the year.' }),
    status: Status,
    number: Nullable(Type.String({ description: 'Given at submission: 12/BC-THPTHD; null while a draft.', examples: ['12/BC-THPTHD'] })),
    submittedAt: Nullable(Instant),
    late: Nullable(Type.Boolean({ description: 'Submitted after dueOn (Vietnam dates); null until submitted.' })),
    acceptedAt: Nullable(Instant),
    narrative: ref(NarrativeSchema),
    signer: Signer,
    recipients: Recipients,
    figures: ref(ReportFiguresSchema),
    history: Type.Array(
      Type.Object(
        {
          action: StringEnum(['submit', 'accept', 'return'] as const),
          at: Instant,
          by: Type.Object({ keyId: Nullable(Type.String({ format: 'uuid' })), name: Type.String() }, { additionalProperties: false }),
          reason: Type.Optional(Type.String({ description: 'Why it was returned.' })),
          number: Type.Optional(Type.String({ description: 'The number a submission took; kept after a return gives it up.', examples: ['01/BC-THPTHD'] })),
        },
        { additionalProperties: false },
      ),
      { description: 'Each transition, oldest first; a return keeps its reason here.' },
    ),
    version: Type.Integer({ minimum: 1 }),
    createdAt: Instant,
    updatedAt: Instant,
  },
  { $id: 'Report', additionalProperties: false },
);
export type Report = Static<typeof ReportSchema>;

export const ReportCreateSchema = Type.Object(
  {
    unitId: Type.String({ format: 'uuid' }),
    year: Type.Integer({ minimum: 2000, maximum: 2100 }),
    kind: Kind,
    window: Type.Optional(WindowKind),
    signer: Type.Optional(Signer),
    recipients: Type.Optional(Recipients),
    ...Object.fromEntries(NARRATIVE_FIELDS.map((f) => [f, Type.Optional(narrativeFields[f])])),
  },
  { $id: 'ReportCreate', additionalProperties: false, examples: [{ unitId: '3f0b6f8e-6a57-4c1e-9b7a-2d4c5e6f7a81', year: 2021, kind: 'six_month' }] },
);
export type ReportCreate = Static<typeof ReportCreateSchema> & Partial<Narrative>;

export const ReportUpdateSchema = Type.Object(
  { signer: Type.Optional(Signer), recipients: Type.Optional(Recipients), ...Object.fromEntries(NARRATIVE_FIELDS.map((f) => [f, Type.Optional(narrativeFields[f])])) },
  {
    $id: 'ReportUpdate',
    additionalProperties: false,
    minProperties: 1,
    description: 'The narrative, signer and recipients of a draft; null clears a section.',
    examples: [{ results: 'Đơn vị đã đăng tải 04 tin, bài trên chuyên mục CCHC.\n\nTổ chức 02 cuộc họp lồng ghép tuyên truyền CCHC.' }],
  },
);
export type ReportUpdate = Partial<Narrative> & { signer?: Static<typeof Signer>; recipients?: string[] };

export const ReportReturnSchema = Type.Object(
  { reason: Type.String({ minLength: 1, maxLength: 2000, pattern: '\\S' }) },
  { $id: 'ReportReturn', additionalProperties: false, examples: [{ reason: 'Bổ sung số liệu tin, bài quý II.' }] },
);

export const ReportPageSchema = PageOf(ReportSchema);

export const ReportListQuerySchema = Type.Object(
  {
    year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })),
    kind: Type.Optional(Kind),
    status: Type.Optional(Status),
    unitId: Type.Optional(Type.String({ format: 'uuid' })),
    unitCode: Type.Optional(Type.String({ pattern: UNIT_CODE_PATTERN, examples: ['THPT-HD'] })),
    ...PageQuery,
  },
  { additionalProperties: false },
);
export type ReportListQuery = Static<typeof ReportListQuerySchema>;

export const RollupQuerySchema = Type.Object({ year: Type.Integer({ minimum: 2000, maximum: 2100 }), kind: Kind }, { additionalProperties: false });

export const ReportParamsSchema = Type.Object({ reportId: Type.String({ format: 'uuid' }) }, { additionalProperties: false });

export const reportSchemas = [NarrativeSchema, RollupRowSchema, RollupSchema, ReportFiguresSchema, ReportSchema, ReportCreateSchema, ReportUpdateSchema, ReportReturnSchema, ReportPageSchema];
