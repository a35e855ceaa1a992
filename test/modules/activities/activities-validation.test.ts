// Bad input to POST and PATCH /activities: each refused with a problem naming the field (400 for what
// the schema refuses, 422 for what breaks a rule), and nothing written.
import t, { type Test } from 'tap';
import type { Activity } from '../../../src/modules/activities/activities.schemas.js';
import { vietnamToday } from '../../../src/domain/periods.js';
import { assertProblem } from '../../helpers/app.js';
import { ACTIVITIES, pointers, setupActivities } from './fixtures.js';

const f = await setupActivities(t);
const { ctx, unit } = f;
const [task1, task2] = f.issued.tasks;
const [draftTask] = f.draft.tasks;

const deactivated = await ctx.request({ method: 'POST', url: `/api/v1/units/${unit.KHTC}/deactivate` });
if (deactivated.statusCode !== 200) throw new Error(deactivated.body);

const tomorrow = new Date(Date.parse(`${vietnamToday()}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
const auditCount = async () => (await ctx.request({ url: '/api/v1/audit?entityType=activity&limit=200' })).json().items.length;

/** Asserts the refusal: its status, the pointers and messages of its errors, and that no row or audit event was added. */
async function refused(t: Test, body: object, status: number, expected: Array<[string, RegExp | string]>, what: string) {
  const [rows, events] = [await f.rowCount(), await auditCount()];
  const problem = assertProblem(t, await f.record(body), status, what);
  t.same(pointers(problem), expected.map(([pointer]) => pointer), `${what}: pointers`);
  expected.forEach(([, message], i) => t.match(problem.errors?.[i]?.message, message, `${what}: message`));
  t.equal(await f.rowCount(), rows, `${what}: no activity written`);
  t.equal(await auditCount(), events, `${what}: no audit event`);
}

t.test('evidence URLs: absolute http(s) only, required for website_post and video', async (t) => {
  const post = (evidenceUrl: unknown, form = 'website_post') => f.body('TCCB', { form, evidenceUrl });
  await refused(t, post('javascript:alert(document.cookie)'), 400, [['/body/evidenceUrl', /wrong format/]], 'javascript:');
  await refused(t, post('JavaScript:alert(1)'), 400, [['/body/evidenceUrl', /wrong format/]], 'JavaScript: in capitals');
  // Neither a URI nor of the http(s) pattern: both are said.
  // Not a URI at all: told that alone (the pattern, which narrows URIs to http(s) ones, is not reported too).
  const neither: Array<[string, RegExp]> = [['/body/evidenceUrl', /must be a valid uri/]];
  await refused(t, post('data:text/html,<script>alert(1)</script>'), 400, neither, 'data:');
  await refused(t, post('/cchc/bai-viet'), 400, neither, 'a relative URL');
  await refused(t, post('sgddt.soctrang.gov.vn/cchc'), 400, neither, 'no scheme');
  await refused(t, post('ftp://sgddt.soctrang.gov.vn/video.mp4'), 400, [['/body/evidenceUrl', /wrong format/]], 'ftp');
  await refused(t, post('http://'), 400, [['/body/evidenceUrl', /wrong format/]], 'no host');
  await refused(t, post(`https://sgddt.soctrang.gov.vn/${'a'.repeat(2000)}`), 400, [['/body/evidenceUrl', /2000/]], 'over 2000 characters');
  await refused(t, f.body('TCCB', { form: 'website_post' }), 422, [['/body/evidenceUrl', 'is required for a website_post activity: the URL where it can be seen']], 'a post without its URL');
  await refused(t, post(null, 'video'), 422, [['/body/evidenceUrl', /required for a video activity/]], 'a video with a null URL');
  t.equal((await f.record(post('http://sgddt.soctrang.gov.vn/cchc?id=1#top'))).statusCode, 201, 'http is fine');
  t.equal((await f.record(f.body('TCCB', { form: 'meeting' }))).statusCode, 201, 'a meeting needs none');
});

t.test('dates: real ones, not after today in Vietnam, not before 2000', async (t) => {
  await refused(t, f.body('TCCB', { occurredOn: tomorrow }), 422, [['/body/occurredOn', `must not be after today (${vietnamToday()} in Vietnam)`]], 'tomorrow');
  await refused(t, f.body('TCCB', { occurredOn: '2099-01-01' }), 422, [['/body/occurredOn', /after today/]], 'years ahead');
  await refused(t, f.body('TCCB', { occurredOn: '1999-12-31' }), 422, [['/body/occurredOn', 'must not be before 2000-01-01']], 'before 2000');
  await refused(t, f.body('TCCB', { occurredOn: '2021-02-30' }), 400, [['/body/occurredOn', /real date/]], 'no such day');
  await refused(t, f.body('TCCB', { occurredOn: '20/04/2021' }), 400, [['/body/occurredOn', /YYYY-MM-DD/]], 'written the Vietnamese way');
  await refused(t, f.body('TCCB', { occurredOn: '2021-04-20T08:00:00+07:00' }), 400, [['/body/occurredOn', /real date/]], 'an instant');
  t.equal((await f.record(f.body('TCCB', { occurredOn: vietnamToday() }))).statusCode, 201, 'today is fine');
  t.equal((await f.record(f.body('TCCB', { occurredOn: '2000-01-01' }))).statusCode, 201, 'and so is 2000-01-01');
});

t.test('figures: whole numbers from 0', async (t) => {
  await refused(t, f.body('TCCB', { figures: { participants: -1 } }), 400, [['/body/figures/participants', /must be >= 0/]], 'negative');
  await refused(t, f.body('TCCB', { figures: { views: 1.5 } }), 400, [['/body/figures/views', /integer/]], 'fractional');
  await refused(t, f.body('TCCB', { figures: { respondents: '12' } }), 400, [['/body/figures/respondents', /integer/]], 'a number as text');
  await refused(t, f.body('TCCB', { figures: { views: 2147483648 } }), 400, [['/body/figures/views', /2147483647/]], 'beyond what is stored');
  await refused(t, f.body('TCCB', { figures: { likes: 3 } }), 400, [['/body/figures/likes', 'is not a known property']], 'an unknown figure');
  const zero = await f.made(f.body('TCCB', { figures: { participants: 0, respondents: null, views: 2147483647 } }));
  t.same(zero.figures, { participants: 0, respondents: null, views: 2147483647 }, '0, null and the largest are fine');
});

t.test('the form, the title, the summary, unknown fields and NUL bytes', async (t) => {
  await refused(t, f.body('TCCB', { form: 'podcast' }), 400, [['/body/form', /must be one of: website_post, video/]], 'an unknown form');
  await refused(t, f.body('TCCB', { title: 'T'.repeat(501) }), 400, [['/body/title', /500/]], 'a title over 500 characters');
  await refused(t, f.body('TCCB', { title: '   ' }), 400, [['/body/title', /wrong format/]], 'a blank title');
  await refused(t, f.body('TCCB', { summary: 'S'.repeat(4001) }), 400, [['/body/summary', /4000/]], 'a summary over 4000 characters');
  await refused(t, f.body('TCCB', { title: 'Hội nghị\u0000' }), 400, [['/body/title', /NUL/]], 'a NUL byte');
  await refused(t, f.body('TCCB', { recordedBy: { name: 'someone else' } }), 400, [['/body/recordedBy', 'is not a known property']], 'recordedBy is read-only');
  await refused(t, { form: 'meeting', title: 'Không có đơn vị', occurredOn: '2021-04-20' }, 400, [['/body/unitId', 'is required']], 'no unitId');
  t.equal((await f.record(f.body('TCCB', { title: 'T'.repeat(500) }))).statusCode, 201, '500 characters are fine');
});

t.test('the unit: one that exists and is active', async (t) => {
  await refused(t, f.body('TCCB', { unitId: '0b8f5a1e-0000-4000-8000-000000000000' }), 422, [['/body/unitId', 'names no unit']], 'no such unit');
  await refused(t, f.body('KHTC'), 422, [['/body/unitId', /^is inactive: KHTC has been deactivated, so no activity is recorded under it now$/]], 'an inactive unit');
  await refused(t, f.body('KHTC', { taskId: task1.id }), 422, [['/body/unitId', /^is inactive/]], 'its task is not judged for an inactive unit');
});

t.test('the task: one of an issued plan that names the unit', async (t) => {
  await refused(t, f.body('TCCB', { taskId: draftTask.id }), 422, [['/body/taskId', 'is a task of a draft plan: activities carry out the tasks of issued plans']], 'a draft plan’s task');
  await refused(t, f.body('TCCB', { taskId: task2.id }), 422, [['/body/taskId', /not assigned to/]], 'a task the unit is not named on');
  await refused(t, f.body('THPT-HD', { taskId: task2.id }), 422, [['/body/taskId', /not assigned to/]], 'a school on a task of CNTT alone');
  await refused(t, f.body('TCCB', { taskId: '0b8f5a1e-0000-4000-8000-000000000000' }), 422, [['/body/taskId', 'names no task']], 'no such task');
  await refused(t, f.body('TCCB', { taskId: 'task-1' }), 400, [['/body/taskId', /uuid/]], 'not an id');
  t.equal((await f.record(f.body('THPT-HD', { taskId: task1.id }))).statusCode, 201, 'a school through the affiliated group');
});

t.test('every problem of a request at once', async (t) => {
  await refused(
    t, f.body('TCCB', { form: 'video', occurredOn: tomorrow, taskId: draftTask.id }), 422,
    [['/body/occurredOn', /after today/], ['/body/evidenceUrl', /required/], ['/body/taskId', /draft plan/]], 'three rules broken',
  );
});

t.test('PATCH: the same rules, and nothing changes when refused', async (t) => {
  const post = await f.made(f.body('TCCB', { form: 'website_post', evidenceUrl: 'https://sgddt.soctrang.gov.vn/cchc/1', taskId: task1.id }));
  const meeting = await f.made(f.body('TCCB'));
  const cases: Array<[string, Activity, object, number, string, RegExp | string]> = [
    ['nulling a post’s URL', post, { evidenceUrl: null }, 422, '/body/evidenceUrl', /required for a website_post/],
    ['making a meeting a video without a URL', meeting, { form: 'video' }, 422, '/body/evidenceUrl', /required for a video/],
    ['a javascript: URL', meeting, { evidenceUrl: 'javascript:alert(1)' }, 400, '/body/evidenceUrl', /wrong format/],
    ['a future date', meeting, { occurredOn: tomorrow }, 422, '/body/occurredOn', /after today/],
    ['not a date', meeting, { occurredOn: 'yesterday' }, 400, '/body/occurredOn', /real date/],
    ['a negative figure', meeting, { figures: { participants: -5 } }, 400, '/body/figures/participants', />= 0/],
    ['an unknown form', meeting, { form: 'radio' }, 400, '/body/form', /must be one of/],
    ['a draft plan’s task', meeting, { taskId: draftTask.id }, 422, '/body/taskId', /draft plan/],
    ['a task the unit is not on', meeting, { taskId: task2.id }, 422, '/body/taskId', /not assigned/],
    ['a unit that does not exist', meeting, { unitId: '0b8f5a1e-0000-4000-8000-000000000000' }, 422, '/body/unitId', 'names no unit'],
    ['an inactive unit', meeting, { unitId: unit.KHTC }, 422, '/body/unitId', /^is inactive/],
    ['a unit the task does not name', post, { unitId: unit.CNTT }, 422, '/body/taskId', /not assigned/],
    ['an over-long title', meeting, { title: 'x'.repeat(501) }, 400, '/body/title', /500/],
    ['a NUL byte', meeting, { summary: 'a\u0000b' }, 400, '/body/summary', /NUL/],
    ['read-only fields', meeting, { unitCode: 'TCCB' }, 400, '/body/unitCode', 'is not a known property'],
    ['nothing to change', meeting, {}, 400, '/body', /fewer than 1/],
  ];
  for (const [what, activity, payload, status, pointer, message] of cases) {
    const events = await auditCount();
    const res = await ctx.request({ method: 'PATCH', url: `${ACTIVITIES}/${activity.id}`, payload, headers: { 'if-match': '"1"' } });
    const problem = assertProblem(t, res, status, what);
    t.same(pointers(problem), [pointer], `${what}: pointer`);
    t.match(problem.errors?.[0]?.message, message, `${what}: message`);
    t.same(await f.read(activity.id), activity, `${what}: unchanged`);
    t.equal(await auditCount(), events, `${what}: no audit event`);
  }
  const unchanged = await ctx.request({ method: 'PATCH', url: `${ACTIVITIES}/${post.id}`, payload: { title: 'Bài viết mới' }, headers: { 'if-match': '"1"' } });
  t.equal(unchanged.statusCode, 200, 'a change that keeps the URL of a post is fine');
});
