// The whole demo data, read back through the API: the year 2021 of the seed plan as it went (the
// activities, the units' parts, THPT-HD's own plan), what compliance and progress make of it, and
// that loading it again adds nothing.
import type { Kysely } from 'kysely';
import t from 'tap';
import type { Database } from '../src/db/schema.js';
import { seedDemo } from '../src/demo.js';
import type { Report, Rollup } from '../src/modules/reports/reports.schemas.js';
import { CLI_ACTOR } from '../src/domain/actor.js';
import type { Activity } from '../src/modules/activities/activities.schemas.js';
import type { PlanCompliance } from '../src/modules/compliance/compliance.schemas.js';
import type { Plan } from '../src/modules/plans/plans.schemas.js';
import type { Question } from '../src/modules/questions/questions.schemas.js';
import type { TaskPart } from '../src/modules/tasks/parts.schemas.js';
import type { PlanProgress, Task } from '../src/modules/tasks/tasks.schemas.js';
import { setupApp } from './helpers/app.js';

const ctx = await setupApp(t);
const firstLoad = await seedDemo(ctx.db, CLI_ACTOR);

async function getJson<T>(url: string): Promise<T> {
  const res = await ctx.request({ url });
  if (res.statusCode !== 200) throw new Error(`GET ${url}: ${res.statusCode} ${res.body}`);
  return res.json();
}

async function rowCounts(db: Kysely<Database>) {
  const count = async (table: 'activities' | 'plans' | 'tasks' | 'taskParts' | 'auditEvents' | 'units' | 'reports' | 'questions' | 'nonWorkingDays') =>
    Number((await db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const partVersions = await db.selectFrom('taskParts').select((eb) => eb.fn.sum<number>('version').as('v')).executeTakeFirstOrThrow();
  return {
    activities: await count('activities'),
    plans: await count('plans'),
    tasks: await count('tasks'),
    parts: await count('taskParts'),
    partVersions: Number(partVersions.v),
    audit: await count('auditEvents'),
    units: await count('units'),
    reports: await count('reports'),
    questions: await count('questions'),
    nonWorkingDays: await count('nonWorkingDays'),
  };
}

const plans = (await getJson<{ items: Plan[] }>('/api/v1/plans?year=2021')).items;
const seed = plans.find((p) => p.number === '01/KH-SGDĐT')!;
const own = plans.find((p) => p.parentPlanId === seed?.id)!;
const questions = (await getJson<{ items: Question[] }>('/api/v1/questions?limit=200')).items;
const publications = new Set(questions.flatMap((q) => (q.publication?.activityId ? [q.publication.activityId] : [])));
// The activities the demo records; the published answers add theirs (checked with the questions).
const activities = (await getJson<{ items: Activity[] }>('/api/v1/activities?period=2021&limit=200')).items.filter((a) => !publications.has(a.id));
const compliance = await getJson<PlanCompliance>(`/api/v1/compliance?planId=${seed.id}&period=2021&asOf=2021-12-31`);
const publishRows = (code: string) => compliance.items.filter((r) => r.code === code && r.kind === 'publish');

t.test('what it loads: 12 units, the seed plan and THPT-HD’s own, 44 activities', async (t) => {
  t.same(firstLoad, { units: 12, plans: 2, activities: 44, questions: 12, reports: 5 });
  t.equal(plans.length, 2, 'two plans for 2021');
  t.match(own, { issuerUnitId: (await getJson<{ id: string }>('/api/v1/units/THPT-HD')).id, status: 'issued', issuedOn: '2021-03-01', number: '01/KH-THPT-HD', year: 2021 });
  t.equal(activities.length, 44, 'every activity happened in 2021');
  const byUnit = (code: string) => activities.filter((a) => a.unitCode === code).length;
  t.same(
    ['TCCB', 'CNTT', 'VP', 'GDTRH', 'GDTH', 'THPT-HD', 'THPT-NTMK', 'THPT-LLQ', 'GDTX'].map(byUnit),
    [13, 2, 3, 2, 2, 7, 6, 4, 5],
    'by unit: five divisions and four affiliated units',
  );
  const linked = activities.filter((a) => a.task !== null);
  t.ok(linked.length >= 30, `most are linked to a task (${linked.length})`);
  const evidence = activities.filter((a) => a.form === 'website_post' || a.form === 'video').map((a) => a.evidenceUrl);
  t.ok(evidence.every((url) => url !== null && url.startsWith('https://') && url.includes('/cchc/')), 'posts and videos point at a CCHC section over https');
  t.ok(activities.filter((a) => a.form === 'meeting' || a.form === 'contest').every((a) => (a.figures.participants ?? 0) > 0), 'meetings and contests count participants');
  t.ok(activities.filter((a) => a.form === 'survey').every((a) => (a.figures.respondents ?? 0) > 0), 'surveys count respondents');
  t.same(activities.filter((a) => a.title !== a.title.normalize('NFC')), [], 'every title NFC');
});

t.test('compliance for 2021 as of 31/12/2021', async (t) => {
  const missed = (code: string) => publishRows(code).filter((r) => r.status === 'missed').map((r) => r.window.from);
  t.same(missed('THPT-LLQ'), ['2021-04-01', '2021-07-01'], 'THPT-LLQ missed the second and third quarters, and only those');
  t.equal(publishRows('THPT-LLQ').length, 4, 'four quarters each');
  const allFour = ['THPT-HD', 'THPT-NTMK', 'GDTX'].filter((code) => publishRows(code).every((r) => r.status === 'met'));
  t.same(allFour, ['THPT-HD', 'THPT-NTMK', 'GDTX'], 'the other schools posted every quarter');
  t.same([...new Set(compliance.items.filter((r) => r.kind === 'publish' && r.status === 'missed').map((r) => r.code))], ['THPT-LLQ'], 'no one else missed a quarter');
  const ownPlanRow = compliance.items.find((r) => r.code === 'THPT-HD' && r.kind === 'own_plan');
  t.match(ownPlanRow, { status: 'met', ownPlan: { id: own.id, number: '01/KH-THPT-HD', issuedOn: '2021-03-01' } }, 'THPT-HD issued its own plan');
  t.equal(compliance.items.find((r) => r.code === 'THPT-LLQ' && r.kind === 'own_plan')?.ownPlan, null, 'THPT-LLQ did not');
  t.match(compliance.items.find((r) => r.code === 'TCCB'), { kind: 'publish', status: 'met' }, 'TCCB posted beyond its tasks');
});

t.test('progress of the seed plan: tasks 1–10 done, 11 and 12 not; evidence for eleven', async (t) => {
  const now = await getJson<PlanProgress>(`/api/v1/plans/${seed.id}/progress`);
  t.ok(now.tasksWithEvidence >= 8, `tasks with evidence: ${now.tasksWithEvidence}`);
  t.match(now, { total: 12, byProgress: { done: 10, in_progress: 2 }, byTimeliness: { done_on_time: 8, done_late: 2, overdue: 2 }, tasksWithEvidence: 11 });
  const midYear = await getJson<PlanProgress>(`/api/v1/plans/${seed.id}/progress?asOf=2021-06-30`);
  t.match(midYear, { byProgress: { done: 6 }, byTimeliness: { done_on_time: 5, done_late: 1, in_progress: 6, overdue: 0 } }, 'by mid-2021 the first six were done, task 1 late');
  const tasks = (await getJson<{ tasks: Task[] }>(`/api/v1/plans/${seed.id}`)).tasks;
  const parts = (await getJson<{ items: TaskPart[] }>(`/api/v1/plans/${seed.id}/tasks/${tasks[3]!.id}/parts?role=coordinator&limit=200`)).items;
  t.same(parts.filter((p) => p.progress === 'done').map((p) => p.code).sort(), ['GDTX', 'THPT-HD', 'THPT-NTMK'], 'task 4: three schools recorded their part');
  t.match(tasks[3], { progress: 'done', completedOn: '2021-04-15' }, 'task 4 done on its lead’s date');
  const ownProgress = await getJson<PlanProgress>(`/api/v1/plans/${own.id}/progress`);
  t.match(ownProgress, { total: 2, byProgress: { done: 2 }, tasksWithEvidence: 2 }, 'THPT-HD’s own plan is done, with evidence');
});

t.test('the reports: every case the Department meets in 2021', async (t) => {
  const rollup = await getJson<Rollup>('/api/v1/reports/rollup?year=2021&kind=six_month');
  const row = (code: string) => rollup.rows.find((r) => r.unit.code === code);
  t.match(row('THPT-HD'), { status: 'accepted', late: false }, 'THPT-HD: submitted on time, accepted');
  t.match(row('THPT-NTMK'), { status: 'submitted', late: true }, 'THPT-NTMK: submitted after the 20th of June');
  t.match(row('GDTX'), { status: 'draft', late: null }, 'GDTX: returned, a draft again');
  t.match(row('THPT-LLQ'), { status: 'missing', reportId: null }, 'THPT-LLQ: nothing yet');
  t.same(rollup.notSubmitted.map((u) => u.code), ['GDTX', 'THPT-LLQ']);
  t.same(rollup.late.map((u) => u.code), ['THPT-NTMK']);
  const reports = (await getJson<{ items: Report[] }>('/api/v1/reports?year=2021&limit=200')).items;
  const gdtx = reports.find((r) => r.unit.code === 'GDTX' && r.kind === 'six_month')!;
  t.match(gdtx.history.map((h) => h.action), ['submit', 'return']);
  t.match(gdtx.history[1], { reason: /Bổ sung số liệu/ }, 'the return keeps its reason');
  t.match(reports.find((r) => r.unit.code === 'THPT-HD' && r.kind === 'annual'), { status: 'draft', number: null }, 'one annual draft');
  const department = reports.find((r) => r.unit.code === 'SGDDT')!;
  t.match(department, { status: 'submitted', number: '01/BC-SGDĐT', late: true }, 'submitted on 30 June, after the schools’ moves it reports on');
  t.same(department.figures.rollup?.rows.map((r) => r.unit.code), ['GDTX', 'THPT-HD', 'THPT-LLQ', 'THPT-NTMK'], 'the Department’s own report holds the roll-up of its units');
});

t.test('the citizens’ questions of 2021: every state, two overdue, one erased, the publications as activities', async (t) => {
  t.equal(questions.length, 12);
  const byStatus = (status: string) => questions.filter((q) => q.status === status).map((q) => q.subject);
  t.same([byStatus('published').length, byStatus('answered').length, byStatus('assigned').length, byStatus('received').length, byStatus('closed').length], [7, 1, 1, 1, 2]);
  t.same(questions.filter((q) => q.overdue).map((q) => q.status).sort(), ['assigned', 'received'], 'the two left unanswered are overdue');
  t.same(questions.filter((q) => q.personalDataErasedAt !== null).map((q) => [q.subject, q.asker]), [['Học trực tuyến trong thời gian giãn cách', null]], 'one asker erased');
  const tet = questions.find((q) => q.receivedAt.startsWith('2021-02-08'))!;
  t.match(tet, { dueOn: '2021-02-22', answeredOnTime: true, responseWorkingDays: 5 }, 'received before Tết, due and answered after it');
  t.match(questions.find((q) => q.receivedAt.startsWith('2021-03-15')), { answeredOnTime: false, answeredBy: { code: 'TCCB' } }, 'one answered late, after a return');
  t.equal((await getJson<{ items: unknown[] }>('/api/v1/calendar/non-working-days?year=2021')).items.length, 11, 'the weekdays off of 2021');
  const published = (await getJson<{ items: Activity[] }>('/api/v1/activities?period=2021&form=qa&form=hotline&limit=200')).items;
  t.same(published.map((a) => a.id).sort(), [...publications].sort(), 'each publication is a qa or hotline activity');
  const department = (await getJson<{ items: Report[] }>('/api/v1/reports?year=2021&unitCode=SGDDT')).items[0]!;
  // Received from 15/12/2020 to 14/6/2021: eight; the one received on 7 June was not due yet.
  t.match(department.figures.questions, { received: 8, answered: 5, answeredOnTime: 4, overdue: 1, published: 4 }, 'the Department’s six-month report counts the questions of its window');
});

t.test('loading the demo data again adds nothing and changes nothing', async (t) => {
  const before = await rowCounts(ctx.db);
  t.same(await seedDemo(ctx.db, CLI_ACTOR), { units: 0, plans: 0, activities: 0, questions: 0, reports: 0 });
  t.same(await rowCounts(ctx.db), before, 'the same rows, part versions and audit trail');
});
