// Schemas of each unit's own part of a task: the assignees of a task of an issued plan expanded
// into one row per unit (groups resolved), each with its own progress, note and evidence.
import { type Static, Type } from 'typebox';
import { PageOf, PageQuery } from '../../http/pagination.js';
import { counts, Instant, NonBlank, Nullable, StringEnum, Uuid } from '../../http/schemas.js';
import { UnitParamsSchema } from '../units/units.schemas.js';
import { ASSIGNEE_ROLES, PROGRESS, TIMELINESS } from './tasks.table.js';

/** The fields that record progress, on a unit's part (and, for compatibility, on the task). */
export const PROGRESS_FIELDS = {
  progress: Type.Optional(StringEnum(PROGRESS)),
  completedOn: Type.Optional(Nullable(Type.String({ format: 'date', description: 'Required when progress is done.' }))),
  cancelReason: Type.Optional(Nullable(NonBlank(1000))),
};

export const TaskPartSchema = Type.Object(
  {
    id: Uuid,
    taskId: Type.String({ format: 'uuid' }),
    unitId: Type.String({ format: 'uuid' }),
    code: Type.String({ description: 'The unit’s code.', examples: ['THPT-HD'] }),
    name: Type.String({ description: 'The unit’s name.' }),
    role: StringEnum(ASSIGNEE_ROLES, { description: 'lead: its part decides the task’s progress; coordinator: its contribution.' }),
    progress: StringEnum(PROGRESS),
    completedOn: Nullable(Type.String({ format: 'date' })),
    cancelReason: Nullable(Type.String()),
    note: Nullable(Type.String({ description: 'How this unit’s work is going, in its words.' })),
    timeliness: Nullable(StringEnum(TIMELINESS, { description: 'This part’s timeliness as of asOf, by the task’s due date.' })),
    activityIds: Type.Array(Type.String({ format: 'uuid' }), { description: 'Its evidence: the unit’s activities linked to the task, oldest first.' }),
    version: Type.Integer({ minimum: 1 }),
    updatedAt: Instant,
  },
  {
    $id: 'TaskPart',
    additionalProperties: false,
    description: 'One unit’s own part of a task of an issued plan.',
  },
);
export type TaskPart = Static<typeof TaskPartSchema>;

export const TaskPartPageSchema = PageOf(TaskPartSchema);

export const TaskPartUpdateSchema = Type.Object(
  {
    ...PROGRESS_FIELDS,
    note: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 4000, pattern: '\\S', description: 'How this unit’s work is going; null clears it.' }))),
  },
  {
    $id: 'TaskPartUpdate',
    additionalProperties: false,
    minProperties: 1,
    description: 'A unit records its own part (editors of the unit, or admins); the task’s progress follows from its lead units’ parts.',
    examples: [{ progress: 'done', completedOn: '2021-04-20', note: 'Đã đăng bài trên chuyên mục CCHC.' }],
  },
);
export type TaskPartUpdate = Static<typeof TaskPartUpdateSchema>;

/** How many lead and coordinating parts are in each state. */
export const PartCountsSchema = Type.Object(
  {
    lead: counts(PROGRESS),
    coordinator: counts(PROGRESS),
  },
  {
    $id: 'PartCounts',
    additionalProperties: false,
    description: 'The task’s parts by role and progress (all zero while its plan is a draft: parts are made when it is issued).',
    examples: [{ lead: { not_started: 0, in_progress: 1, done: 2, cancelled: 0 }, coordinator: { not_started: 4, in_progress: 0, done: 1, cancelled: 0 } }],
  },
);

export const PartsRefreshSchema = Type.Object(
  {
    planId: Uuid,
    added: Type.Integer({ minimum: 0, description: 'Parts made for units that now belong to a group a task names.' }),
    removed: Type.Integer({ minimum: 0, description: 'Parts of units no longer named, that had nothing recorded.' }),
  },
  { $id: 'PartsRefresh', additionalProperties: false, examples: [{ planId: '7d2e8f3b-9c4a-4e5f-8b6c-3d4e5f6a7b8c', added: 2, removed: 1 }] },
);
export type PartsRefresh = Static<typeof PartsRefreshSchema>;

export const PartParamsSchema = Type.Object(
  { planId: Type.String({ format: 'uuid' }), taskId: Type.String({ format: 'uuid' }), unitId: UnitParamsSchema.properties.unitId },
  { additionalProperties: false },
);

export const PartListQuerySchema = Type.Object(
  {
    role: Type.Optional(StringEnum(ASSIGNEE_ROLES)),
    progress: Type.Optional(StringEnum(PROGRESS)),
    asOf: Type.Optional(Type.String({ format: 'date', description: 'Timeliness as of this date; default today in Vietnam.' })),
    ...PageQuery,
  },
  { additionalProperties: false },
);
export type PartListQuery = Static<typeof PartListQuerySchema>;

export const PartAsOfQuerySchema = Type.Object(
  { asOf: Type.Optional(Type.String({ format: 'date', description: 'Timeliness as of this date; default today in Vietnam.' })) },
  { additionalProperties: false },
);

export const partSchemas = [TaskPartSchema, TaskPartPageSchema, TaskPartUpdateSchema, PartCountsSchema, PartsRefreshSchema];
