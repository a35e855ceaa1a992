// The question figures of the reports: a unit's report counts the questions it answered or holds
// (received in its window, as they stood at its end), the Department's report every question, and
// the roll-up a row per unit and the whole window in its totals; response times in working days
// with their median and 90th percentile.
import t from 'tap';
import { CLI_ACTOR } from '../../../src/domain/actor.js';
import type { Report, Rollup } from '../../../src/modules/reports/reports.schemas.js';
import { createQuestion, deleteQuestion, viewerOf } from '../../../src/modules/questions/questions.service.js';
import { computeQuestionFigures } from '../../../src/modules/questions/questions.figures.js';
import { answerQuestion, assignQuestion, closeQuestion, publishQuestion, returnQuestion } from '../../../src/modules/questions/questions.workflow.js';
import { setupReports } from '../reports/fixtures.js';

const f = await setupReports(t);
const { db } = f.ctx;
const settings = { officeUnitCode: 'VP', responseDays: 5 };
const viewer = await viewerOf(db, CLI_ACTOR, settings);
const at = (date: string) => new Date(`${date}T02:00:00.000Z`);

/** A question received on the day, moved through the steps, each on its date. */
async function question(on: string, steps: Array<['assign', string, string] | ['answer', string] | ['publish', string] | ['close', string] | ['delete', string]> = []) {
  const { id } = await createQuestion(db, CLI_ACTOR, settings, { channel: 'qa', receivedAt: at(on).toISOString(), subject: `Câu hỏi ngày ${on}`, question: 'Nội dung', asker: { name: 'Người hỏi' } });
  for (const step of steps) {
    if (step[0] === 'assign') await assignQuestion(db, viewer, id, null, { unitId: f.unit[step[2]]! }, at(step[1]));
    else if (step[0] === 'answer') await answerQuestion(db, viewer, id, null, 'Trả lời', at(step[1]));
    else if (step[0] === 'publish') await publishQuestion(db, viewer, id, null, {}, at(step[1]));
    else if (step[0] === 'close') await closeQuestion(db, viewer, id, null, 'Không công khai', at(step[1]));
    else await deleteQuestion(db, viewer, id, null, at(step[1]));
  }
}

// Received Monday 1 March 2021 and after: due five working days on (1 March → 8 March).
await question('2021-03-01', [['assign', '2021-03-01', 'TCCB'], ['answer', '2021-03-03'], ['publish', '2021-03-04']]); // 2 working days, on time
await question('2021-03-01', [['assign', '2021-03-01', 'TCCB'], ['answer', '2021-03-12']]); // 9 working days, late
await question('2021-03-02', [['assign', '2021-03-02', 'TCCB']]); // never answered: overdue
await question('2021-03-03', [['assign', '2021-03-03', 'TCCB'], ['answer', '2021-07-01']]); // answered after the window: overdue at its end
await question('2021-03-02', [['answer', '2021-03-02']]); // the Office, the same day: 0 working days
await question('2021-04-01', [['assign', '2021-04-01', 'TCCB'], ['close', '2021-04-02']]); // closed: not overdue
await question('2021-04-05', [['delete', '2021-04-05']]); // removed: not counted
await question('2021-07-05', [['assign', '2021-07-05', 'TCCB']]); // after the window

// The median interpolated (2 and 9 → 5.5), the 90th percentile one of the values (90 % took no longer).
const TCCB = { received: 5, answered: 2, answeredOnTime: 1, overdue: 2, published: 1, responseDays: { median: 5.5, p90: 9 } };
const EVERY = { received: 6, answered: 3, answeredOnTime: 2, overdue: 2, published: 1, responseDays: { median: 2, p90: 9 } };

const tccb: Report = await f.made({ unitId: f.unit.TCCB, year: 2021, kind: 'six_month', window: 'calendar' });
const department: Report = await f.made({ unitId: f.unit.SGDDT, year: 2021, kind: 'six_month', window: 'calendar' });

t.test('a unit’s report: the questions it answered or holds, received in its window', async (t) => {
  t.same(tccb.figures.questions, TCCB);
  const school = await f.made({ unitId: f.unit['THPT-HD'], year: 2021, kind: 'six_month', window: 'calendar' });
  t.same(school.figures.questions, { received: 0, answered: 0, answeredOnTime: 0, overdue: 0, published: 0, responseDays: { median: null, p90: null } }, 'none for a unit without questions');
  const office = await db.selectFrom('questions').select('id').where('answeredByUnitId', '=', f.unit.VP!).execute();
  t.equal(office.length, 1, 'the Office answered one itself');
});

t.test('the Department’s report counts every question; the roll-up has each unit’s and the whole window’s', async (t) => {
  t.same(department.figures.questions, EVERY);
  const rollup = department.figures.rollup!;
  t.same(rollup.rows.find((r) => r.unit.code === 'TCCB')?.questions, TCCB, 'the TCCB row');
  t.same(rollup.totals.questions, EVERY, 'the totals: every question of the window, not a sum of the rows');
  const read: Rollup = (await f.ctx.request({ url: '/api/v1/reports/rollup?year=2021&kind=six_month' })).json();
  t.same(read.totals.questions, EVERY, 'GET /reports/rollup says the same');
});

t.test('a submitted report keeps its question figures; a draft’s move with the data', async (t) => {
  const submitted = await f.moved(tccb.id, 'submit');
  t.same(submitted.figures.questions, TCCB);
  await question('2021-05-03', [['assign', '2021-05-03', 'TCCB']]);
  const frozen = await f.read(tccb.id);
  t.same((frozen as Report).figures.questions, TCCB, 'frozen at submission');
  const draft = (await f.read(department.id)) as Report;
  t.equal(draft.figures.questions.received, EVERY.received + 1, 'the Department’s draft counts the new question');
});

t.test('each question counts for the unit that held it at the window’s end; a backlog stays overdue', async (t) => {
  const H1_2022 = { from: '2022-01-01', to: '2022-06-30' };
  await question('2022-06-28', [['assign', '2022-07-04', 'TCCB']]); // still with the Office on 30 June
  await question('2022-06-01', [['assign', '2022-06-01', 'TCCB']]);
  const returned = await db.selectFrom('questions').select('id').where('receivedOn', '=', '2022-06-01').executeTakeFirstOrThrow();
  await returnQuestion(db, viewer, returned.id, null, 'Không thuộc thẩm quyền', at('2022-06-02')); // back with the Office
  await question('2021-12-20'); // received the year before, never answered
  t.match(await computeQuestionFigures(db, f.unit.VP!, H1_2022), { received: 2, answered: 0, overdue: 2 }, 'the Office: both of the window, and the backlog overdue');
  // TCCB's backlog: three questions of 2021 assigned to it and never answered.
  t.match(await computeQuestionFigures(db, f.unit.TCCB!, H1_2022), { received: 0, overdue: 3 }, 'TCCB: neither June question (one assigned after the window, one given back), its backlog');
  t.match(await computeQuestionFigures(db, f.unit.TCCB!, { from: '2022-07-01', to: '2022-07-31' }), { received: 0, overdue: 4 }, 'at the end of July TCCB holds the question of 28 June too, overdue');
});
