// The 2021 seed plan (shared/seed), as the demo data loads it, read back through the API and checked
// against the document: its 12 tasks, assignees and months, legal bases, signer, recipients and the
// obligations of section IV; every text NFC and as the document writes it; loading twice adds nothing.
// The units and the plan only, as written, before any work on it: test/demo.test.ts has the year 2021.
import { readFileSync } from 'node:fs';
import t from 'tap';
import { CLI_ACTOR } from '../../../src/domain/actor.js';
import { seedDemoPlan } from '../../../src/modules/plans/plans.demo.js';
import type { Plan, PlanDetail } from '../../../src/modules/plans/plans.schemas.js';
import { seedDemoUnits } from '../../../src/modules/units/units.demo.js';
import type { Unit } from '../../../src/modules/units/units.schemas.js';
import { setupApp } from '../../helpers/app.js';

const SEED_FILE = new URL('../../fixtures/seed-plan-2021.txt', import.meta.url);
const TITLE = 'Tuyên truyền cải cách hành chính năm 2021';

const ctx = await setupApp(t);
const seedUnitsAndPlan = async () => ({ units: await seedDemoUnits(ctx.db, CLI_ACTOR), plans: await seedDemoPlan(ctx.db, CLI_ACTOR) });
const firstLoad = await seedUnitsAndPlan();

async function getJson<T>(url: string): Promise<T> {
  const res = await ctx.request({ url });
  if (res.statusCode !== 200) throw new Error(`GET ${url}: ${res.statusCode} ${res.body}`);
  return res.json();
}

/** The id of the unit with this code, found through the units list. */
async function unitId(code: string): Promise<string> {
  const { items } = await getJson<{ items: Unit[] }>(`/api/v1/units?q=${encodeURIComponent(code)}&limit=200`);
  const found = items.filter((u) => u.code === code);
  if (found.length !== 1) throw new Error(`expected one unit ${code}, found ${found.length}`);
  return found[0]!.id;
}
const ids = Object.fromEntries(await Promise.all(['SGDDT', 'VP', 'TCCB', 'CNTT', 'SNV'].map(async (c) => [c, await unitId(c)] as const)));

const listed = await getJson<{ items: Plan[] }>('/api/v1/plans?year=2021');
const summary = listed.items.find((p) => p.title === TITLE);
if (!summary) throw new Error('the seed plan is not listed for 2021');
const plan = await getJson<PlanDetail>(`/api/v1/plans/${summary.id}`);

t.test('the plan: issuer, title, issued 03/02/2021 as 01/KH-SGDĐT', async (t) => {
  t.same(firstLoad, { units: 12, plans: 1 }, 'the demo data loaded 12 units and the seed plan');
  t.equal(listed.items.length, 1, 'the only 2021 plan');
  t.match(plan, { issuerUnitId: ids.SGDDT, year: 2021, title: TITLE, documentType: 'KH', status: 'issued', issuedOn: '2021-02-03', number: '01/KH-SGDĐT', parentPlanId: null, cancelReason: null });
  t.same(plan.signer, { name: 'Châu Tuấn Hồng', title: 'GIÁM ĐỐC' });
  t.same(
    plan.legalBases.map((b) => [b.number, b.date]),
    [['19/KH-UBND', '2021-01-26'], ['49/KH-SGDĐT', '2020-01-14']],
    'based on 19/KH-UBND of 26/01/2021 and 49/KH-SGDĐT of 14/01/2020',
  );
  t.equal(plan.legalBases[0]!.issuer, 'Ủy ban nhân dân tỉnh Sóc Trăng');
  t.equal(plan.objectives.length, 3);
  t.equal(plan.requirements.length, 3);
  t.equal(plan.contents.length, 3);
  t.same(plan.forms.map((f) => f.form), ['website_post', 'video', 'meeting', 'contest', 'procedure_listing', 'survey', 'qa', 'hotline'], 'the forms of section III.2');
  t.match(plan.fundingSource, /kinh phí hoạt động thường xuyên/);
});

t.test('recipients: four, the first linked to Sở Nội vụ', async (t) => {
  t.equal(plan.recipients.length, 4);
  t.same(plan.recipients[0], { text: 'Sở Nội vụ (để báo cáo);', unitId: ids.SNV });
  t.same(plan.recipients.map((r) => r.text), ['Sở Nội vụ (để báo cáo);', 'Các đơn vị thuộc và trực thuộc;', 'Tổ CNTT (đăng website);', 'Lưu: VT, TCCB.']);
  t.equal(plan.recipients[1]!.unitId, null, 'a group of units as written, not one unit');
  t.equal(plan.recipients[2]!.unitId, ids.CNTT);
});

t.test('obligations of section IV, as data', async (t) => {
  t.match(
    plan.obligations.find((o) => o.kind === 'publish' && o.group === 'affiliated'),
    { group: 'affiliated', forms: ['website_post'], minCount: 1, per: 'quarter' },
    'every affiliated unit posts at least 1 news item or article per quarter',
  );
  t.match(plan.obligations.find((o) => o.kind === 'own_plan'), { group: 'affiliated' }, 'every affiliated unit builds its own plan');
  t.match(plan.obligations.find((o) => o.kind === 'report'), { group: 'affiliated', per: 'half_year' }, 'reports every six months');
  t.match(plan.obligations.find((o) => o.kind === 'answer_inquiries'), { unitId: ids.VP, forms: ['hotline', 'qa'] }, 'the Office answers the hotline and Q&A');
});

t.test('the appendix: 12 tasks, months 1..12, leads and coordinators as the document assigns them', async (t) => {
  const tasks = plan.tasks;
  t.equal(tasks.length, 12);
  t.same(tasks.map((x) => x.ordinal), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
  t.same(tasks.map((x) => x.duePeriod), Array.from({ length: 12 }, (_, i) => `2021-${String(i + 1).padStart(2, '0')}`), 'one month each, in order');
  t.equal(tasks[11]!.duePeriod, '2021-12', 'task 12 is due December 2021');
  t.match(tasks[11], { dueFrom: '2021-12-01', dueTo: '2021-12-31' });
  const who = (task: (typeof tasks)[number], role: 'lead' | 'coordinator') =>
    task.assignees.filter((a) => a.role === role).map((a) => a.group ?? Object.keys(ids).find((c) => ids[c] === a.unitId) ?? a.unitId);
  t.same(who(tasks[1]!, 'lead'), ['divisions'], 'task 2 led by all professional divisions');
  t.same(who(tasks[3]!, 'coordinator'), ['affiliated'], 'task 4 coordinated by all affiliated units');
  t.same(tasks[5]!.assignees.filter((a) => a.role === 'lead'), [{ role: 'lead', unitId: ids.VP, code: 'VP', name: 'Văn phòng Sở' }], 'task 6 led by VP');
  t.same(who(tasks[8]!, 'coordinator'), ['all_units'], 'task 9 coordinated by every division and affiliated unit');
  const table = tasks.map((x) => [who(x, 'lead').join(), who(x, 'coordinator').join()]);
  t.same(table, [
    ['TCCB', 'CNTT'], ['divisions', 'CNTT'], ['TCCB', 'CNTT'], ['TCCB', 'affiliated'], ['TCCB', 'CNTT'], ['VP', 'CNTT'],
    ['TCCB', 'CNTT'], ['TCCB', 'CNTT'], ['TCCB', 'all_units'], ['TCCB', 'CNTT'], ['divisions', 'CNTT'], ['TCCB', 'CNTT'],
  ], 'every row of the appendix: lead, coordinator');
  t.same(tasks.map((x) => x.forms), [
    ['website_post'], ['meeting', 'website_post'], ['website_post'], ['website_post'], ['website_post', 'video'], ['procedure_listing'],
    ['website_post'], ['video'], ['contest'], ['survey', 'website_post'], ['meeting', 'website_post'], ['website_post'],
  ]);
  t.ok(tasks.every((x) => x.progress === 'not_started'), 'nothing is done yet');
});

t.test('every string is NFC, and the text is the document’s own', async (t) => {
  const strings: string[] = [];
  const walk = (v: unknown): void => {
    if (typeof v === 'string') strings.push(v);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  walk(plan);
  const vietnamese = strings.filter((s) => /[^\x00-\x7f]/.test(s));
  t.ok(vietnamese.length > 50, `there is Vietnamese text to check (${vietnamese.length} strings)`);
  t.same(strings.filter((s) => s !== s.normalize('NFC')), [], 'no string is decomposed');

  // The seed file's lines are wrapped: compare with runs of whitespace collapsed.
  const seed = readFileSync(SEED_FILE, 'utf8').normalize('NFC').replace(/\s+/g, ' ');
  const verbatim = (s: string | null | undefined) => typeof s === 'string' && seed.includes(s.replace(/\s+/g, ' '));
  t.ok(verbatim(plan.title), 'the title');
  for (const task of plan.tasks) {
    t.ok(verbatim(task.content), `task ${task.ordinal}: ${task.content.slice(0, 40)}…`);
    t.ok(verbatim(task.formNote), `task ${task.ordinal} form as written: ${task.formNote}`);
  }
  const parts = [...plan.objectives, ...plan.requirements, ...plan.contents, plan.audience, plan.scope, plan.fundingSource];
  t.same(parts.filter((s) => !verbatim(s)), [], 'objectives, requirements, contents, audience, scope, funding');
  t.same(plan.forms.map((f) => f.description).filter((s) => !verbatim(s)), [], 'the forms as section III.2 writes them');
  t.same(plan.recipients.map((r) => r.text).filter((s) => !verbatim(s)), [], 'the recipients');
  t.same(plan.obligations.map((o) => o.description).filter((s) => !verbatim(s)), [], 'the obligations as section IV writes them');
  t.ok(verbatim(`${plan.signer!.title} ${plan.signer!.name}`), 'the signer');
  t.notOk(verbatim('Tuyên truyền cải cách hành chính năm 2022'), 'the check can tell text that is not there');
});

t.test('loading the demo units and plan again adds nothing', async (t) => {
  t.same(await seedUnitsAndPlan(), { units: 0, plans: 0 });
  const again = await getJson<{ items: Plan[] }>('/api/v1/plans?year=2021');
  t.same(again.items.map((p) => p.id), [plan.id], 'still the one plan');
  const units = await getJson<{ items: Unit[] }>('/api/v1/units?limit=200');
  t.equal(units.items.length, 12, 'still twelve units');
  const read = await getJson<PlanDetail>(`/api/v1/plans/${plan.id}`);
  t.equal(read.tasks.length, 12, 'still twelve tasks');
  t.match(read, { number: '01/KH-SGDĐT', version: plan.version }, 'not renumbered or changed');
});
