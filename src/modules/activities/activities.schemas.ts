// Activity schemas: one thing a unit actually did, with its evidence and figures, and the filters
// that find activities by unit, group, form, task, plan, date and words.
import { type Static, Type } from 'typebox';
import { PERIOD_EXAMPLES, PERIOD_FORMS, PERIOD_PATTERN } from '../../domain/periods.js';
import { ChangePageOf, ChangeQuery, PageQuery } from '../../http/pagination.js';
import { Instant, IsoDate, NonBlank, Nullable, NullableRef, ref, StringEnum, Uuid } from '../../http/schemas.js';
import { FormSchema } from '../tasks/tasks.schemas.js';
import { UNIT_CODE_PATTERN } from '../units/units.schemas.js';
import { UNIT_GROUPS } from '../units/units.table.js';

/** The earliest date an activity may have happened on: no plan of the service is older. */
export const EARLIEST_ACTIVITY_DATE = '2000-01-01';

const Title = NonBlank(500);
const Summary = NonBlank(4000);
const OccurredOn = Type.String({ format: 'date', description: `The Vietnam date it happened on: not after today, not before ${EARLIEST_ACTIVITY_DATE}.`, examples: ['2021-04-20'] });
// An absolute http(s) URL with a host: no javascript: or data: links, nothing relative (a link people will click).
const EvidenceUrl = Type.String({
  format: 'uri',
  pattern: '^https?://[^/?#]+',
  maxLength: 2000,
  description: 'Where to see it: the article, the video. An absolute http or https URL; required for website_post and video.',
  examples: ['https://sgddt.soctrang.gov.vn/cchc/tin-tuc/cong-bo-chi-so-cchc-2020'],
});
// The figures are integer columns: at most 2^31 − 1.
const Count = (description: string) => Nullable(Type.Integer({ minimum: 0, maximum: 2147483647, description }));

const figureFields = {
  participants: Count('People who took part (a meeting, a contest).'),
  respondents: Count('People who answered (a survey).'),
  views: Count('Views of a post or video.'),
};

export const ActivityFiguresSchema = Type.Object(figureFields, {
  $id: 'ActivityFigures',
  additionalProperties: false,
  description: 'What the activity reached; null where it was not counted.',
  examples: [{ participants: 120, respondents: null, views: null }],
});

export const ActivityFiguresInputSchema = Type.Object(
  { participants: Type.Optional(figureFields.participants), respondents: Type.Optional(figureFields.respondents), views: Type.Optional(figureFields.views) },
  {
    $id: 'ActivityFiguresInput',
    additionalProperties: false,
    description: 'Whole numbers from 0. On a change, an absent figure is kept and null clears it.',
    examples: [{ participants: 120 }],
  },
);
export type ActivityFiguresInput = Static<typeof ActivityFiguresInputSchema>;

export const ActivityTaskSchema = Type.Object(
  {
    id: Uuid,
    planId: Type.String({ format: 'uuid' }),
    ordinal: Type.Integer({ minimum: 1, description: 'The task’s position in the plan’s appendix.' }),
    planNumber: Nullable(Type.String({ description: 'The plan’s number as written; null only for a plan never numbered.', examples: ['05/KH-SGDĐT'] })),
  },
  {
    $id: 'ActivityTask',
    additionalProperties: false,
    readOnly: true,
    description: 'The task the activity carries out, as people cite it: task 4 of plan 05/KH-SGDĐT.',
    examples: [{ id: '5c1d7e2a-8b3f-4d6e-9a1b-2c3d4e5f6a7b', planId: '7d2e8f3b-9c4a-4e5f-8b6c-3d4e5f6a7b8c', ordinal: 4, planNumber: '05/KH-SGDĐT' }],
  },
);

export const ActivitySchema = Type.Object(
  {
    id: Uuid,
    unitId: Type.String({ format: 'uuid', description: 'The unit that did it.' }),
    unitCode: Type.String({ readOnly: true, examples: ['THPT-HD'] }),
    unitName: Type.String({ readOnly: true, examples: ['Trường THPT Hoàng Diệu'] }),
    form: FormSchema,
    title: Type.String(),
    summary: Nullable(Type.String()),
    occurredOn: IsoDate,
    evidenceUrl: Nullable(Type.String({ format: 'uri' })),
    taskId: Nullable(Type.String({ format: 'uuid', description: 'The task of an issued plan it carries out, if any.' })),
    task: NullableRef(ActivityTaskSchema),
    figures: ref(ActivityFiguresSchema),
    recordedBy: Type.Object(
      { keyId: Nullable(Type.String({ format: 'uuid' })), name: Type.String({ description: 'The key’s name, or `cli` for the command line.' }) },
      { additionalProperties: false, readOnly: true, description: 'The API key that recorded it.' },
    ),
    version: Type.Integer({ minimum: 1 }),
    createdAt: Instant,
    updatedAt: Instant,
    deletedAt: Nullable(Type.String({ format: 'date-time', description: 'When it was removed; removed activities are not shown, so null here.' })),
  },
  { $id: 'Activity', additionalProperties: false },
);
export type Activity = Static<typeof ActivitySchema>;

export const ActivityCreateSchema = Type.Object(
  {
    unitId: Type.String({ format: 'uuid', description: 'An active unit; an editor’s own unit.' }),
    form: FormSchema,
    title: Title,
    summary: Type.Optional(Nullable(Summary)),
    occurredOn: OccurredOn,
    evidenceUrl: Type.Optional(Nullable(EvidenceUrl)),
    taskId: Type.Optional(Nullable(Type.String({ format: 'uuid', description: 'A task of an issued plan that names the unit (directly or through its group).' }))),
    figures: Type.Optional(ref(ActivityFiguresInputSchema)),
  },
  {
    $id: 'ActivityCreate',
    additionalProperties: false,
    examples: [
      {
        unitId: '3f0b6f8e-6a57-4c1e-9b7a-2d4c5e6f7a81',
        form: 'website_post',
        title: 'Đăng tin công bố Chỉ số CCHC năm 2020',
        occurredOn: '2021-04-20',
        evidenceUrl: 'https://sgddt.soctrang.gov.vn/cchc/tin-tuc/cong-bo-chi-so-cchc-2020',
        taskId: '5c1d7e2a-8b3f-4d6e-9a1b-2c3d4e5f6a7b',
        figures: { views: 350 },
      },
    ],
  },
);
export type ActivityCreate = Static<typeof ActivityCreateSchema>;

export const ActivityUpdateSchema = Type.Object(
  {
    unitId: Type.Optional(ActivityCreateSchema.properties.unitId),
    form: Type.Optional(FormSchema),
    title: Type.Optional(Title),
    summary: Type.Optional(Nullable(Summary)),
    occurredOn: Type.Optional(OccurredOn),
    evidenceUrl: Type.Optional(Nullable(EvidenceUrl)),
    taskId: Type.Optional(Nullable(Type.String({ format: 'uuid' }))),
    figures: Type.Optional(ref(ActivityFiguresInputSchema)),
  },
  {
    $id: 'ActivityUpdate',
    additionalProperties: false,
    minProperties: 1,
    description: 'The fields to change; an absent field is kept, null clears it. A change of unit or task is checked again: the task must be one the unit takes part in.',
    examples: [{ summary: 'Bài viết đã được chia sẻ trên trang của Sở.', figures: { views: 512 } }],
  },
);
export type ActivityUpdate = Static<typeof ActivityUpdateSchema>;

export const ActivityPageSchema = ChangePageOf(ActivitySchema);

const filterFields = {
  unitId: Type.Optional(Type.String({ format: 'uuid', description: 'Activities of this unit.' })),
  unitCode: Type.Optional(
    Type.String({ pattern: UNIT_CODE_PATTERN, description: 'The same by the unit’s code (THPT-HD), instead of unitId; a code that names no unit is a 400.', examples: ['THPT-HD'] }),
  ),
  group: Type.Optional(StringEnum(UNIT_GROUPS, { description: 'Activities of units of the group’s kinds: divisions, affiliated, or all_units (both), including units since deactivated.' })),
  form: Type.Optional(Type.Array(FormSchema, { minItems: 1, maxItems: 8, description: 'One or more forms: repeat the parameter (?form=video&form=meeting).' })),
  taskId: Type.Optional(Type.String({ format: 'uuid', description: 'Activities that carry out this task.' })),
  planId: Type.Optional(Type.String({ format: 'uuid', description: 'Activities that carry out a task of this plan.' })),
  from: Type.Optional(Type.String({ format: 'date', description: 'Happened on or after this date.' })),
  to: Type.Optional(Type.String({ format: 'date', description: 'Happened on or before this date.' })),
  period: Type.Optional(
    Type.String({ pattern: PERIOD_PATTERN, description: `Happened within this period: ${PERIOD_FORMS}.`, examples: [...PERIOD_EXAMPLES] }),
  ),
  q: Type.Optional(Type.String({ minLength: 1, maxLength: 200, pattern: '\\S', description: 'Words in the title or summary; case and diacritics ignored (cong bo finds Công bố).' })),
  recordedBy: Type.Optional(Type.String({ format: 'uuid', description: 'Activities recorded with this API key (its id).' })),
};

export const ActivityListQuerySchema = Type.Object({ ...filterFields, ...ChangeQuery, ...PageQuery }, { additionalProperties: false });
export type ActivityListQuery = Static<typeof ActivityListQuerySchema>;
export type ActivityFilterQuery = Omit<ActivityListQuery, 'limit' | 'cursor'>;

// A CSV holds every match: paging parameters a client carries over from the JSON list are taken and ignored.
export const ActivityCsvQuerySchema = Type.Object(
  {
    ...filterFields,
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, description: 'Ignored: the CSV holds every matching activity.' })),
    cursor: Type.Optional(Type.String({ minLength: 1, maxLength: 512, description: 'Ignored: the CSV holds every matching activity.' })),
  },
  { additionalProperties: false },
);

export const ActivityParamsSchema = Type.Object({ activityId: Type.String({ format: 'uuid' }) }, { additionalProperties: false });

export const TaskActivitiesParamsSchema = Type.Object({ planId: Type.String({ format: 'uuid' }), taskId: Type.String({ format: 'uuid' }) }, { additionalProperties: false });

export const TaskActivitiesQuerySchema = Type.Object({ ...PageQuery }, { additionalProperties: false });
export type TaskActivitiesQuery = Static<typeof TaskActivitiesQuerySchema>;

export const activitySchemas = [ActivityFiguresSchema, ActivityFiguresInputSchema, ActivityTaskSchema, ActivitySchema, ActivityCreateSchema, ActivityUpdateSchema, ActivityPageSchema];
