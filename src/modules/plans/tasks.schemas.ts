// Task schemas: the rows of a plan's appendix (phụ lục phân công nhiệm vụ).
import { type Static, Type } from 'typebox';
import { PERIOD_PATTERN } from '../../domain/periods.js';
import { PageOf, PageQuery } from '../../http/pagination.js';
import { Instant, NonBlank, IsoDate, Nullable, NullableRef, ref, StringEnum, Uuid } from '../../http/schemas.js';
import { UNIT_GROUPS } from '../units/units.schemas.js';

export const FORMS = ['website_post', 'video', 'meeting', 'contest', 'procedure_listing', 'survey', 'qa', 'hotline'] as const;
export type Form = (typeof FORMS)[number];
export const PROGRESS = ['not_started', 'in_progress', 'done', 'cancelled'] as const;
export const TIMELINESS = ['done_on_time', 'done_late', 'in_progress', 'overdue', 'not_started', 'cancelled'] as const;
export type Timeliness = (typeof TIMELINESS)[number];
export const ASSIGNEE_ROLES = ['lead', 'coordinator'] as const;

export const FormSchema = StringEnum(FORMS, {
  description: 'website_post: news or article on a CCHC section; video; meeting; contest; procedure_listing: on the one-stop software; survey; qa: Q&A answer; hotline.',
});

export const AssigneeSchema = Type.Object(
  {
    role: StringEnum(ASSIGNEE_ROLES, { description: 'lead: chủ trì; coordinator: phối hợp.' }),
    unitId: Type.Optional(Type.String({ format: 'uuid', description: 'One unit; or give group instead.' })),
    group: Type.Optional(StringEnum(UNIT_GROUPS, { description: 'Every active unit of a kind, resolved when read.' })),
  },
  { $id: 'Assignee', additionalProperties: false, description: 'Exactly one of unitId and group.', examples: [{ role: 'lead', unitId: '3f0b6f8e-6a57-4c1e-9b7a-2d4c5e6f7a81' }] },
);
export type Assignee = Static<typeof AssigneeSchema>;

export const TargetSchema = Type.Object(
  { count: Type.Integer({ minimum: 1, maximum: 100000 }), unit: NonBlank(100) },
  { $id: 'TaskTarget', additionalProperties: false, description: 'A quantified target: 1 bài viết, 2 cuộc họp.', examples: [{ count: 1, unit: 'bài viết' }] },
);

const DuePeriod = Type.String({
  pattern: PERIOD_PATTERN,
  description: 'A year (2021), half (2021-H1), quarter (2021-Q2), month (2021-03) or date range (2021-03-01/2021-04-15).',
  examples: ['2021-03'],
});

const taskInputFields = {
  content: NonBlank(4000),
  forms: Type.Array(FormSchema, { minItems: 1, maxItems: 8, uniqueItems: true }),
  formNote: Type.Optional(Nullable(NonBlank(1000))),
  assignees: Type.Array(ref(AssigneeSchema), { minItems: 1, maxItems: 50 }),
  duePeriod: DuePeriod,
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

export const TaskUpdateSchema = Type.Object(
  {
    content: Type.Optional(taskInputFields.content),
    forms: Type.Optional(taskInputFields.forms),
    formNote: taskInputFields.formNote,
    assignees: Type.Optional(taskInputFields.assignees),
    duePeriod: Type.Optional(DuePeriod),
    target: taskInputFields.target,
    note: taskInputFields.note,
    progress: Type.Optional(StringEnum(PROGRESS)),
    completedOn: Type.Optional(Nullable(Type.String({ format: 'date', description: 'Required when progress is done.' }))),
    cancelReason: Type.Optional(Nullable(NonBlank(1000))),
  },
  {
    $id: 'TaskUpdate',
    additionalProperties: false,
    minProperties: 1,
    description: 'Content fields change on a draft plan (admins); progress fields on an issued plan (admins, or editors of a unit the task names).',
    examples: [{ progress: 'done', completedOn: '2021-04-20' }],
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
    assignees: Type.Array(ref(AssigneeSchema)),
    duePeriod: Type.String({ examples: ['2021-04'] }),
    dueFrom: IsoDate,
    dueTo: IsoDate,
    target: NullableRef(TargetSchema),
    progress: StringEnum(PROGRESS),
    completedOn: Nullable(Type.String({ format: 'date' })),
    cancelReason: Nullable(Type.String()),
    note: Nullable(Type.String()),
    timeliness: StringEnum(TIMELINESS, { description: 'Derived as of asOf (default today in Vietnam), never stored.' }),
    version: Type.Integer({ minimum: 1 }),
    createdAt: Instant,
    updatedAt: Instant,
  },
  { $id: 'Task', additionalProperties: false },
);
export type Task = Static<typeof TaskSchema>;

export const TaskPageSchema = PageOf(TaskSchema);
export const TaskListSchema = Type.Object({ items: Type.Array(ref(TaskSchema)) }, { $id: 'TaskList', additionalProperties: false });

const AsOf = Type.Optional(Type.String({ format: 'date', description: 'Timeliness as of this date; default today in Vietnam.' }));

export const PlanTaskListQuerySchema = Type.Object({ asOf: AsOf, ...PageQuery }, { additionalProperties: false });
export type PlanTaskListQuery = Static<typeof PlanTaskListQuerySchema>;

export const TaskSearchQuerySchema = Type.Object(
  {
    year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100, description: 'The plan year.' })),
    planId: Type.Optional(Type.String({ format: 'uuid' })),
    duePeriod: Type.Optional(Type.String({ pattern: PERIOD_PATTERN, description: 'Tasks due within this period (their due range overlaps it).' })),
    unitId: Type.Optional(Type.String({ format: 'uuid', description: 'Tasks naming this unit, directly or through a group.' })),
    role: Type.Optional(StringEnum(ASSIGNEE_ROLES)),
    progress: Type.Optional(StringEnum(PROGRESS)),
    timeliness: Type.Optional(StringEnum(TIMELINESS)),
    q: Type.Optional(Type.String({ minLength: 1, maxLength: 200, pattern: '\\S', description: 'Words in the content; case and diacritics ignored.' })),
    asOf: AsOf,
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

export const TaskParamsSchema = Type.Object({ planId: Type.String({ format: 'uuid' }), taskId: Type.String({ format: 'uuid' }) }, { additionalProperties: false });

export const taskSchemas = [AssigneeSchema, TargetSchema, TaskCreateSchema, TaskUpdateSchema, TaskSchema, TaskPageSchema, TaskListSchema, TaskReorderSchema];
