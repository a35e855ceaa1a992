// An example roll-up for the contract: two schools of the Department's plan at the six-month report
// of 2021, one submitted late and short in the first quarter, one that has not reported.
import type { Rollup, RollupRow } from './reports.schemas.js';

const HD = { id: '3f0b6f8e-6a57-4c1e-9b7a-2d4c5e6f7a81', code: 'THPT-HD', name: 'Trường THPT Hoàng Diệu' };
const LLQ = { id: '5b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e', code: 'THPT-LLQ', name: 'Trường THPT Lê Lợi' };
const byForm = (websitePosts: number, meetings: number) => ({
  website_post: websitePosts, video: 0, meeting: meetings, contest: 0, procedure_listing: 0, survey: 0, qa: 0, hotline: 0,
});

const noQuestions = { received: 0, answered: 0, answeredOnTime: 0, overdue: 0, published: 0, responseDays: { median: null, p90: null } };

const ROWS: RollupRow[] = [
  {
    unit: HD,
    window: { from: '2020-12-15', to: '2021-06-14' },
    reportId: '6c7d8e9f-0a1b-4c2d-8e3f-4a5b6c7d8e9f',
    status: 'submitted',
    submittedAt: '2021-06-22T02:15:00.000Z',
    late: true,
    tasksDone: 3,
    tasksOverdue: 1,
    activitiesByForm: byForm(4, 2),
    quartersCompliant: 0,
    quartersDue: 1,
    nonCompliantQuarters: ['2021-Q1'],
    ownPlan: { id: '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d', number: '03/KH-THPTHD', issuedOn: '2021-02-20' },
    questions: { received: 2, answered: 2, answeredOnTime: 1, overdue: 0, published: 1, responseDays: { median: 4.5, p90: 6.3 } },
  },
  {
    unit: LLQ,
    window: { from: '2020-12-15', to: '2021-06-14' },
    reportId: null,
    status: 'missing',
    submittedAt: null,
    late: null,
    tasksDone: 2,
    tasksOverdue: 0,
    activitiesByForm: byForm(3, 0),
    quartersCompliant: 1,
    quartersDue: 1,
    nonCompliantQuarters: [],
    ownPlan: null,
    questions: noQuestions,
  },
];

export const ROLLUP_EXAMPLE: Rollup = {
  year: 2021,
  kind: 'six_month',
  planId: '7d2e8f3b-9c4a-4e5f-8b6c-3d4e5f6a7b8c',
  window: { from: '2020-12-15', to: '2021-06-14' },
  rows: ROWS,
  notSubmitted: [LLQ],
  late: [HD],
  nonCompliant: [{ unit: HD, quarters: ['2021-Q1'] }],
  totals: {
    units: 2,
    submitted: 1,
    late: 1,
    tasksDone: 5,
    tasksOverdue: 1,
    activitiesByForm: byForm(7, 2),
    ownPlans: 1,
    questions: { received: 14, answered: 12, answeredOnTime: 10, overdue: 1, published: 9, responseDays: { median: 3, p90: 6.7 } },
  },
};
