// Citizens' questions: intake with the asker's personal data, the hand-off, the answer and its
// publication; the filters that find them; the working-day calendar their due dates follow. What a
// reader (the portal) sees is the published text only: the staff fields are absent, not empty.
import { type Static, Type } from 'typebox';
import { ChangePageOf, ChangeQuery, PageOf, PageQuery } from '../../http/pagination.js';
import { Instant, IsoDate, NonBlank, Nullable, NullableRef, ref, StringEnum, Uuid } from '../../http/schemas.js';
import { UNIT_CODE_PATTERN } from '../units/units.schemas.js';
import { QUESTION_CHANNELS, QUESTION_STATUSES, QUESTION_STEPS } from './questions.table.js';

/**
 * Vietnamese telephone numbers, digits only: a mobile's 10 digits starting 0 (0912345678), a
 * landline's 11 starting 02 (area code and number: 02993822123); or either with +84 for the 0.
 */
const PHONE_PATTERN = '^(0[0-9]{9}|02[0-9]{9}|\\+84[0-9]{9}|\\+842[0-9]{9})$';

const Channel = StringEnum(QUESTION_CHANNELS, { description: 'hotline: the published hotline; qa: the Q&A section of the website; email; in_person.', examples: ['qa'] });
const Status = StringEnum(QUESTION_STATUSES, {
  description: 'received → assigned (to a unit) → answered → published; or closed (not for publication). An assignment returned goes back to received.',
  examples: ['published'],
});
const Subject = NonBlank(500);
const Text = NonBlank(10000);
const PublicUrl = Type.String({
  format: 'uri',
  pattern: '^https?://[^/?#]+',
  maxLength: 2000,
  description: 'The page where the answer is published (the evidence of the qa or hotline activity).',
  examples: ['https://sgddt.soctrang.gov.vn/hoi-dap/cau-hoi-125'],
});
const UnitRef = Type.Object(
  { id: Uuid, code: Type.String({ examples: ['TCCB'] }), name: Type.String({ examples: ['Phòng Tổ chức cán bộ'] }) },
  { additionalProperties: false },
);
const KeyRef = Type.Object(
  { keyId: Nullable(Type.String({ format: 'uuid' })), name: Type.String({ description: 'The key’s name, or `cli` for the command line.' }) },
  { additionalProperties: false },
);

export const AskerSchema = Type.Object(
  {
    name: NonBlank(200),
    phone: Type.Optional(Nullable(Type.String({ pattern: PHONE_PATTERN, description: 'Digits only: a mobile’s 10 starting 0, a landline’s 11 starting 02; or the same with +84 for the leading 0.', examples: ['0912345678'] }))),
    email: Type.Optional(Nullable(Type.String({ format: 'email', maxLength: 254, examples: ['lan.nguyen@example.vn'] }))),
    address: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 500, pattern: '\\S', examples: ['Phường 2, TP Sóc Trăng'] }))),
  },
  {
    $id: 'Asker',
    additionalProperties: false,
    description: 'Personal data (Nghị định 13/2023/NĐ-CP): shown only to admins, the Office and the unit the question is assigned to or answered by; erased for good on request.',
  },
);
export type Asker = Static<typeof AskerSchema>;

const HistoryEntry = Type.Object(
  {
    action: StringEnum(QUESTION_STEPS),
    at: Instant,
    by: KeyRef,
    unitId: Type.Optional(Type.String({ format: 'uuid', description: 'The unit assigned, or the unit that answered.' })),
    note: Type.Optional(Type.String({ description: 'The note of an assignment, the reason of a return or a closing.' })),
  },
  { additionalProperties: false },
);

export const QuestionSchema = Type.Object(
  {
    id: Uuid,
    channel: Channel,
    status: Status,
    receivedAt: Instant,
    dueOn: Type.String({ format: 'date', description: 'The last working day to answer by: `responseDays` working days after the day of receipt (Monday to Friday, less the non-working days).' }),
    responseDays: Type.Integer({ minimum: 1, description: 'The working days it was due in when received.' }),
    overdue: Type.Boolean({ description: 'Unanswered and not closed as of `asOf` (today by default) after its dueOn.' }),
    subject: Type.String({ description: 'For readers, the published version.' }),
    question: Type.String({ description: 'For readers, the published version.' }),
    answer: Nullable(Type.String({ description: 'For readers, the published version.' })),
    answeredBy: Nullable(UnitRef),
    answeredAt: Nullable(Instant),
    responseWorkingDays: Nullable(Type.Integer({ minimum: 0, description: 'Working days from the day of receipt to the day of the answer (0: answered the day it came).' })),
    answeredOnTime: Nullable(Type.Boolean({ description: 'Answered by its dueOn; null while unanswered.' })),
    publishedAt: Nullable(Instant),
    publishedUrl: Nullable(Type.String({ format: 'uri' })),
    version: Type.Integer({ minimum: 1 }),
    updatedAt: Instant,
    // The staff's fields: absent for readers, and for an editor on a question not assigned to its unit.
    asker: Type.Optional(NullableRef(AskerSchema)),
    personalDataErasedAt: Type.Optional(Nullable(Instant)),
    receivedBy: Type.Optional(UnitRef),
    assignedUnit: Type.Optional(Nullable(UnitRef)),
    assignmentNote: Type.Optional(Nullable(Type.String())),
    answeredByKey: Type.Optional(Nullable(KeyRef)),
    publication: Type.Optional(
      Nullable(
        Type.Object(
          { subject: Type.String(), question: Type.String(), answer: Type.String(), activityId: Nullable(Type.String({ format: 'uuid' })) },
          { additionalProperties: false, description: 'What was published (the edited public version, or the original) and the activity it recorded.' },
        ),
      ),
    ),
    closedReason: Type.Optional(Nullable(Type.String())),
    closedAt: Type.Optional(Nullable(Instant)),
    history: Type.Optional(Type.Array(HistoryEntry, { description: 'Each step of the workflow, oldest first.' })),
    recordedBy: Type.Optional(KeyRef),
    createdAt: Type.Optional(Instant),
  },
  {
    $id: 'Question',
    additionalProperties: false,
    description:
      'A citizen’s question. Readers see only published questions and only their public fields: subject, question and answer as published, no asker and none of the staff’s fields. ' +
      'Editors see the asker of the questions assigned to (or answered by) their unit; the Office and admins see all.',
  },
);
export type Question = Static<typeof QuestionSchema>;

export const QuestionCreateSchema = Type.Object(
  {
    channel: Channel,
    receivedAt: Type.String({ format: 'date-time', description: 'When it came: not in the future, not before 2000.' }),
    subject: Subject,
    question: Text,
    asker: ref(AskerSchema),
  },
  {
    $id: 'QuestionCreate',
    additionalProperties: false,
    examples: [
      {
        channel: 'qa',
        receivedAt: '2021-03-08T02:15:00.000Z',
        subject: 'Thủ tục chuyển trường cho học sinh THPT',
        question: 'Con tôi học lớp 11, gia đình chuyển về Sóc Trăng. Xin hỏi thủ tục chuyển trường gồm những giấy tờ gì và nộp ở đâu?',
        asker: { name: 'Nguyễn Thị Lan', phone: '0912345678', email: 'lan.nguyen@example.vn' },
      },
    ],
  },
);
export type QuestionCreate = Static<typeof QuestionCreateSchema>;

export const QuestionUpdateSchema = Type.Object(
  {
    channel: Type.Optional(Channel),
    receivedAt: Type.Optional(QuestionCreateSchema.properties.receivedAt),
    subject: Type.Optional(Subject),
    question: Type.Optional(Text),
    asker: Type.Optional(ref(AskerSchema)),
  },
  {
    $id: 'QuestionUpdate',
    additionalProperties: false,
    minProperties: 1,
    description: 'Corrections to the intake while the question is unanswered; the asker is replaced whole.',
    examples: [{ subject: 'Thủ tục chuyển trường THPT' }],
  },
);
export type QuestionUpdate = Static<typeof QuestionUpdateSchema>;

export const QuestionAssignSchema = Type.Object(
  { unitId: Type.String({ format: 'uuid', description: 'An active unit other than the Office: usually a division.' }), note: Type.Optional(NonBlank(2000)) },
  { $id: 'QuestionAssign', additionalProperties: false, examples: [{ unitId: '3f0b6f8e-6a57-4c1e-9b7a-2d4c5e6f7a81', note: 'Phòng GDTrH trả lời trước ngày 12/3.' }] },
);
export const ReasonSchema = Type.Object(
  { reason: NonBlank(2000) },
  { $id: 'QuestionReason', additionalProperties: false, examples: [{ reason: 'Nội dung thuộc thẩm quyền của Phòng Tổ chức cán bộ.' }] },
);
export const QuestionAnswerSchema = Type.Object(
  { answer: Text },
  { $id: 'QuestionAnswer', additionalProperties: false, examples: [{ answer: 'Hồ sơ chuyển trường gồm: đơn xin chuyển trường, học bạ, giấy giới thiệu của trường nơi đi… Nộp tại trường nơi đến.' }] },
);
export const QuestionPublishSchema = Type.Object(
  { subject: Type.Optional(Subject), question: Type.Optional(Text), answer: Type.Optional(Text), url: Type.Optional(PublicUrl) },
  {
    $id: 'QuestionPublish',
    additionalProperties: false,
    description: 'An edited public version of the subject, question and answer (each absent one is published as it is), and the published page.',
    examples: [{ question: 'Học sinh lớp 11 chuyển trường về Sóc Trăng cần những giấy tờ gì?', url: 'https://sgddt.soctrang.gov.vn/hoi-dap/cau-hoi-125' }],
  },
);
export type QuestionPublish = Static<typeof QuestionPublishSchema>;

export const QuestionPageSchema = ChangePageOf(QuestionSchema);

export const QuestionListQuerySchema = Type.Object(
  {
    status: Type.Optional(Type.Array(Status, { minItems: 1, maxItems: 5, description: 'One or more statuses: repeat the parameter.' })),
    channel: Type.Optional(Type.Array(Channel, { minItems: 1, maxItems: 4, description: 'One or more channels: repeat the parameter.' })),
    assignedUnitId: Type.Optional(Type.String({ format: 'uuid', description: 'Questions assigned to this unit (answered or not), among those the caller sees whole: readers find none.' })),
    assignedUnitCode: Type.Optional(Type.String({ pattern: UNIT_CODE_PATTERN, description: 'The same by the unit’s code, instead of assignedUnitId.', examples: ['TCCB'] })),
    from: Type.Optional(Type.String({ format: 'date', description: 'Received on or after this Vietnam date.' })),
    to: Type.Optional(Type.String({ format: 'date', description: 'Received on or before this Vietnam date.' })),
    overdue: Type.Optional(Type.Boolean({ description: 'true: only questions overdue as of asOf; false: only those that are not.' })),
    asOf: Type.Optional(Type.String({ format: 'date', description: 'The day `overdue` is judged on (Vietnam date); today by default.' })),
    q: Type.Optional(Type.String({ minLength: 1, maxLength: 200, pattern: '\\S', description: 'Words in the subject, question or answer; case and diacritics ignored. The asker’s data is not searched.' })),
    ...ChangeQuery,
    ...PageQuery,
  },
  { additionalProperties: false },
);
export type QuestionListQuery = Static<typeof QuestionListQuerySchema>;

export const QuestionGetQuerySchema = Type.Object({ asOf: QuestionListQuerySchema.properties.asOf }, { additionalProperties: false });

export const QuestionParamsSchema = Type.Object({ questionId: Type.String({ format: 'uuid' }) }, { additionalProperties: false });

/** A date of the years the calendar holds (2000–2100). */
const CalendarDate = (description: string) => Type.String({ format: 'date', pattern: '^(20[0-9]{2}|2100)-', description, examples: ['2021-02-10'] });

export const NonWorkingDaySchema = Type.Object(
  { id: Uuid, day: IsoDate, name: Type.String({ examples: ['Tết Nguyên đán'] }), version: Type.Integer({ minimum: 1 }), createdAt: Instant, updatedAt: Instant },
  { $id: 'NonWorkingDay', additionalProperties: false, description: 'A weekday that is no working day (a public holiday, Tết): due dates skip it. Weekends are never working days.' },
);
export type NonWorkingDay = Static<typeof NonWorkingDaySchema>;

export const NonWorkingDayCreateSchema = Type.Object(
  { day: CalendarDate('A weekday from 2000 to 2100 (weekends are never working days).'), name: NonBlank(200) },
  { $id: 'NonWorkingDayCreate', additionalProperties: false, examples: [{ day: '2021-02-10', name: 'Tết Nguyên đán' }] },
);
export type NonWorkingDayCreate = Static<typeof NonWorkingDayCreateSchema>;

export const NonWorkingDayUpdateSchema = Type.Object(
  { name: NonBlank(200) },
  { $id: 'NonWorkingDayUpdate', additionalProperties: false, examples: [{ name: 'Nghỉ bù Quốc tế Lao động' }] },
);

export const NonWorkingDayPageSchema = PageOf(NonWorkingDaySchema);

export const NonWorkingDayListQuerySchema = Type.Object(
  {
    year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100, description: 'The days of this year.' })),
    from: Type.Optional(CalendarDate('On or after this date.')),
    to: Type.Optional(CalendarDate('On or before this date.')),
    ...PageQuery,
  },
  { additionalProperties: false },
);
export type NonWorkingDayListQuery = Static<typeof NonWorkingDayListQuerySchema>;

export const NonWorkingDayParamsSchema = Type.Object({ day: CalendarDate('A date from 2000 to 2100.') }, { additionalProperties: false });

const ResponseDays = Nullable(Type.Number({ minimum: 0, description: 'Working days from receipt to answer, over the questions answered; null when none was.' }));

export const QuestionFiguresSchema = Type.Object(
  {
    received: Type.Integer({ minimum: 0, description: 'Questions received in the window that the unit held at its end: answered by it by then, else assigned to it then, else (the Office) still with it. The Department’s report counts every question.' }),
    answered: Type.Integer({ minimum: 0, description: 'Of them, answered by the window’s end.' }),
    answeredOnTime: Type.Integer({ minimum: 0, description: 'Of those, answered by their due date.' }),
    overdue: Type.Integer({ minimum: 0, description: 'Unanswered, not closed and past their due date at the window’s end, whenever received (a backlog stays in the figures).' }),
    published: Type.Integer({ minimum: 0, description: 'Published by the window’s end.' }),
    responseDays: Type.Object({ median: ResponseDays, p90: ResponseDays }, { additionalProperties: false, description: 'The median (interpolated) and the 90th percentile (one of the values: 90 % of the questions took no longer) of the response time in working days.' }),
  },
  { $id: 'QuestionFigures', additionalProperties: false, description: 'Citizens’ questions in the window, as they stood at its end.' },
);
export type QuestionFigures = Static<typeof QuestionFiguresSchema>;

export const questionSchemas = [
  QuestionFiguresSchema,
  AskerSchema,
  QuestionSchema,
  QuestionCreateSchema,
  QuestionUpdateSchema,
  QuestionAssignSchema,
  ReasonSchema,
  QuestionAnswerSchema,
  QuestionPublishSchema,
  QuestionPageSchema,
  NonWorkingDaySchema,
  NonWorkingDayCreateSchema,
  NonWorkingDayUpdateSchema,
  NonWorkingDayPageSchema,
];
