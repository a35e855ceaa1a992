// Task schemas: the rows of a plan's appendix (phụ lục phân công nhiệm vụ).
import { type Static, Type } from 'typebox';
import { PERIOD_EXAMPLES, PERIOD_FORMS, PERIOD_PATTERN } from '../../domain/periods.js';
import { ChangePageOf, ChangeQuery, PageQuery } from '../../http/pagination.js';
import { counts, ExactlyOneOf, Instant, NonBlank, IsoDate, Nullable, NullableRef, ref, StringEnum, Uuid } from '../../http/schemas.js';
import { UNIT_CODE_PATTERN } from '../units/units.schemas.js';
import { UNIT_GROUPS } from '../units/units.table.js';
import { ASSIGNEE_ROLES, FORMS, PROGRESS, TIMELINESS } from './tasks.table.js';
import { PartCountsSchema, PROGRESS_FIELDS, TaskPartSchema } from './parts.schemas.js';

export { TIMELINESS, type Timeliness } from './tasks.table.js';

export const FormSchema = StringEnum(FORMS, {
  description: 'website_post: news or article on a CCHC section; video; meeting; contest; procedure_listing: on the one-stop software; survey; qa: Q&A answer; hotline.',
});

export const AssigneeSchema = ExactlyOneOf(
  Type.Object(
    {
      role: StringEnum(ASSIGNEE_ROLES, { description: 'lead: chủ trì; coordinator: phối hợp.' }),
      unitId: Type.Optional(Type.String({ format: 'uuid', description: 'One unit; or give group instead.' })),
      group: Type.Optional(StringEnum(UNIT_GROUPS, { description: 'Every active unit of a kind, resolved when read.' })),
    },
    {
      $id: 'Assignee',
      additionalProperties: false,
      description: 'Exactly one of unitId and group. Answers add the unit’s code and name (TaskAssignee); they are not written back.',
      examples: [{ role: 'lead', unitId: '3f0b6f8e-6a57-4c1e-9b7a-2d4c5e6f7a81' }],
    },
  ),
  'unitId',
  'group',
);
export type Assignee = Static<typeof AssigneeSchema>;

/** An assignee as answers show it: the unit's code and name beside its id, for people and for `?unitCode=`. */
export const TaskAssigneeSchema = ExactlyOneOf(
  Type.Object(
    {
      role: StringEnum(ASSIGNEE_ROLES, { description: 'lead: chủ trì; coordinator: phối hợp.' }),
      unitId: Type.Optional(Type.String({ format: 'uuid', description: 'One unit; or group instead.' })),
      code: Type.Optional(Type.String({ readOnly: true, description: 'The unit’s code, with unitId. Read-only: a write takes unitId or group only.', examples: ['TCCB'] })),
      name: Type.Optional(Type.String({ readOnly: true, description: 'The unit’s name, with unitId. Read-only.', examples: ['Phòng Tổ chức cán bộ'] })),
      group: Type.Optional(StringEnum(UNIT_GROUPS, { description: 'Every active unit of a kind, resolved when read.' })),
    },
    {
      $id: 'TaskAssignee',
      additionalProperties: false,
      description: 'Who leads or helps, as read: a unit (unitId, with its code and name) or a group. To write it back, send role with unitId or group (Assignee).',
      examples: [{ role: 'lead', unitId: '3f0b6f8e-6a57-4c1e-9b7a-2d4c5e6f7a81', code: 'TCCB', name: 'Phòng Tổ chức cán bộ' }],
    },
  ),
  'unitId',
  'group',
);
export type TaskAssignee = Static<typeof TaskAssigneeSchema>;

export const TargetSchema = Type.Object(
  { count: Type.Integer({ minimum: 1, maximum: 100000 }), unit: NonBlank(100) },
  { $id: 'TaskTarget', additionalProperties: false, description: 'A quantified target: 1 bài viết, 2 cuộc họp.', examples: [{ count: 1, unit: 'bài viết' }] },
);

// Its examples are the five forms: a pattern failure lists them (http/validation.ts).
const DuePeriod = (description: string) =>
  Type.String({ pattern: PERIOD_PATTERN, description: `${description} ${PERIOD_FORMS[0]!.toUpperCase()}${PERIOD_FORMS.slice(1)}.`, examples: [...PERIOD_EXAMPLES] });

const taskInputFields = {
  content: NonBlank(4000),
  forms: Type.Array(FormSchema, { minItems: 1, maxItems: 8, uniqueItems: true }),
  formNote: Type.Optional(Nullable(NonBlank(1000))),
  assignees: Type.Array(ref(AssigneeSchema), { minItems: 1, maxItems: 50 }),
  duePeriod: DuePeriod('When the task is due:'),
  target: Type.Optional(NullableRef(TargetSchema)),
  note: Type.Optional(Nullable(NonBlank(4000))),
};

export const TaskCreateSchema = Type.Object(taskInputFields, {
  $id: 'TaskCreate',
  additionalProperties: false,
  examples: [
    {
      content: 'Công bố chỉ số CCHC các đơn vị trực thuộc năm 2020.',
      forms: ['website_post'],
      formNote: 'Đăng bài',
      assignees: [{ role: 'lead', unitId: '3f0b6f8e-6a57-4c1e-9b7a-2d4c5e6f7a81' }, { role: 'coordinator', group: 'affiliated' }],
      duePeriod: '2021-04',
    },
  ],
});
export type TaskCreate = Static<typeof TaskCreateSchema>;

/**
 * A patch has two parts: what the task says (admins, while the plan is a draft) and its progress
 * (admins or the units it names, once issued). TaskUpdate is made of exactly these two, so a new
 * field belongs to one part or is not accepted at all (tasks.access.ts decides by them).
 */
export const TASK_PATCH_PARTS = {
  content: {
    content: Type.Optional(taskInputFields.content),
    forms: Type.Optional(taskInputFields.forms),
    formNote: taskInputFields.formNote,
    assignees: Type.Optional(taskInputFields.assignees),
    duePeriod: Type.Optional(taskInputFields.duePeriod),
    target: taskInputFields.target,
    note: taskInputFields.note,
  },
  progress: {
    ...PROGRESS_FIELDS,
    progressNote: Type.Optional(
      Nullable(Type.String({ minLength: 1, maxLength: 4000, pattern: '\\S', description: 'How the work is going, in the words of a unit that takes part; null clears it.' })),
    ),
  },
};

export const TaskUpdateSchema = Type.Object(
  { ...TASK_PATCH_PARTS.content, ...TASK_PATCH_PARTS.progress },
  {
    $id: 'TaskUpdate',
    additionalProperties: false,
    minProperties: 1,
    description:
      'Content fields change on a draft plan (admins); progress fields on an issued plan, recorded on parts: an editor’s on its own unit’s part, an admin’s on every lead unit’s part (the task’s progress follows its leads’ parts).',
    examples: [{ progress: 'done', completedOn: '2021-04-20', progressNote: 'Đã đăng bài trên chuyên mục CCHC.' }],
  },
);
export type TaskUpdate = Static<typeof TaskUpdateSchema>;

export const TaskSchema = Type.Object(
  {
    id: Uuid,
    planId: Type.String({ format: 'uuid' }),
    ordinal: Type.Integer({ minimum: 1, description: 'Position in the appendix, 1..n without gaps.' }),
    content: Type.String(),
    forms: Type.Array(FormSchema),
    formNote: Nullable(Type.String({ description: 'The form as the document writes it.' })),
    assignees: Type.Array(ref(TaskAssigneeSchema)),
    duePeriod: Type.String({ examples: ['2021-04'] }),
    dueFrom: IsoDate,
    dueTo: IsoDate,
    target: NullableRef(TargetSchema),
    progress: StringEnum(PROGRESS, {
      description: 'Once the plan is issued, derived from the lead units’ parts: done when every lead’s part is done (cancelled when every one is), in progress once any part has started.',
    }),
    completedOn: Nullable(Type.String({ format: 'date', description: 'When the last lead part was done.' })),
    cancelReason: Nullable(Type.String()),
    partCounts: ref(PartCountsSchema),
    part: Type.Optional(
      Type.Union([ref(TaskPartSchema), Type.Null()], {
        description: 'With GET /api/v1/tasks?unitId= (or unitCode): that unit’s own part, null when it has none (a draft plan, or a unit that joined a group after the issue).',
      }),
    ),
    note: Nullable(Type.String({ description: 'Part of what the task says (admins, on a draft plan).' })),
    progressNote: Nullable(Type.String({ description: 'How the work is going, written with its progress (admins, or editors of a unit the task names).' })),
    timeliness: Nullable(
      StringEnum(TIMELINESS, { description: 'Derived as of asOf (default today in Vietnam), never stored; null for the tasks of a draft or cancelled plan, which bind no one.' }),
    ),
    version: Type.Integer({ minimum: 1 }),
    createdAt: Instant,
    updatedAt: Instant,
  },
  { $id: 'Task', additionalProperties: false },
);
export type Task = Static<typeof TaskSchema>;

export const TaskPageSchema = ChangePageOf(TaskSchema);
export const TaskListSchema = Type.Object({ items: Type.Array(ref(TaskSchema)) }, { $id: 'TaskList', additionalProperties: false });

const AsOf = Type.Optional(Type.String({ format: 'date', description: 'Timeliness as of this date; default today in Vietnam.' }));

/** How the CSV appendix is written: `en`, codes for programs (and for import); `vi`, Vietnamese for people. */
export const CSV_LABELS = ['en', 'vi'] as const;
export type CsvLabels = (typeof CSV_LABELS)[number];

export const PlanTaskListQuerySchema = Type.Object(
  {
    asOf: AsOf,
    labels: Type.Optional(
      StringEnum(CSV_LABELS, {
        description: 'With Accept: text/csv only. en (default): column names and values as the API writes them, which import reads back; vi: Vietnamese headers and values, units by name, for people.',
      }),
    ),
    ...PageQuery,
  },
  { additionalProperties: false },
);
export type PlanTaskListQuery = Static<typeof PlanTaskListQuerySchema>;

export const TaskSearchQuerySchema = Type.Object(
  {
    year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100, description: 'The plan year.' })),
    planId: Type.Optional(Type.String({ format: 'uuid' })),
    duePeriod: Type.Optional(DuePeriod('Tasks due within this period (their due range overlaps it):')),
    unitId: Type.Optional(Type.String({ format: 'uuid', description: 'Tasks naming this unit, directly or through a group.' })),
    unitCode: Type.Optional(
      Type.String({ pattern: UNIT_CODE_PATTERN, description: 'The same by the unit’s code (THPT-HD), instead of unitId; a code that names no unit is a 400.', examples: ['THPT-HD'] }),
    ),
    role: Type.Optional(StringEnum(ASSIGNEE_ROLES)),
    progress: Type.Optional(StringEnum(PROGRESS, { description: 'The task’s progress; with unitId or unitCode, that unit’s own part’s (the task’s where it has no part).' })),
    timeliness: Type.Optional(StringEnum(TIMELINESS, { description: 'The task’s timeliness as of asOf; with unitId or unitCode, that unit’s own part’s.' })),
    q: Type.Optional(Type.String({ minLength: 1, maxLength: 200, pattern: '\\S', description: 'Words in the content; case and diacritics ignored.' })),
    asOf: AsOf,
    ...ChangeQuery,
    ...PageQuery,
  },
  { additionalProperties: false },
);
export type TaskSearchQuery = Static<typeof TaskSearchQuerySchema>;

export const AsOfQuerySchema = Type.Object({ asOf: AsOf }, { additionalProperties: false });

export const TaskReorderSchema = Type.Object(
  { taskIds: Type.Array(Type.String({ format: 'uuid' }), { minItems: 1, maxItems: 1000, uniqueItems: true, description: 'Every task of the plan, in the new order.' }) },
  { $id: 'TaskReorder', additionalProperties: false, examples: [{ taskIds: ['5c1d7e2a-8b3f-4d6e-9a1b-2c3d4e5f6a7b', '3f0b6f8e-6a57-4c1e-9b7a-2d4c5e6f7a81'] }] },
);

export const PlanTasksParamsSchema = Type.Object({ planId: Type.String({ format: 'uuid' }) }, { additionalProperties: false });

export const TaskParamsSchema = Type.Object({ planId: Type.String({ format: 'uuid' }), taskId: Type.String({ format: 'uuid' }) }, { additionalProperties: false });

export const PlanProgressSchema = Type.Object(
  {
    planId: Uuid,
    asOf: Type.String({ format: 'date' }),
    total: Type.Integer({ minimum: 0 }),
    byProgress: counts(PROGRESS),
    byTimeliness: counts(TIMELINESS),
    completionRate: Nullable(Type.Number({ minimum: 0, maximum: 1, description: 'Done over tasks not cancelled; null when there are none.' })),
    tasksWithEvidence: Type.Integer({ minimum: 0, description: 'Tasks with at least one linked activity done by asOf (their evidence).' }),
  },
  { $id: 'PlanProgress', additionalProperties: false },
);
export type PlanProgress = Static<typeof PlanProgressSchema>;

export const PlanScheduleSchema = Type.Object(
  {
    planId: Uuid,
    asOf: Type.String({ format: 'date' }),
    months: Type.Array(
      Type.Object({ month: Type.String({ pattern: '^[0-9]{4}-[0-9]{2}$', examples: ['2021-03'] }), tasks: Type.Array(ref(TaskSchema)) }, { additionalProperties: false }),
      { description: 'Each month a task’s due period touches, in order; a quarter task appears in its three months.' },
    ),
  },
  { $id: 'PlanSchedule', additionalProperties: false },
);
export type PlanSchedule = Static<typeof PlanScheduleSchema>;

export const taskSchemas = [
  AssigneeSchema, TaskAssigneeSchema, TargetSchema, TaskCreateSchema, TaskUpdateSchema, TaskSchema, TaskPageSchema, TaskListSchema, TaskReorderSchema, PlanProgressSchema, PlanScheduleSchema,
];
