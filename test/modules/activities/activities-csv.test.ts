// Activities as CSV, by Accept: text/csv on GET /activities or by GET /activities.csv: every match
// (no paging), UTF-8 with a BOM, CRLF rows, the columns in order, Vietnamese intact, quoting, and
// free text that starts like a formula written so that a spreadsheet shows it instead of running it.
import { parse } from 'csv-parse/sync';
import t from 'tap';
import { activitiesToCsv, CSV_COLUMNS } from '../../../src/modules/activities/activities.csv.js';
import { ACTIVITY_EXAMPLE, CSV_EXAMPLE } from '../../../src/modules/activities/activities.examples.js';
import { assertProblem } from '../../helpers/app.js';
import { ACTIVITIES, setupActivities } from './fixtures.js';

const f = await setupActivities(t);
const { ctx } = f;
const [task1] = f.issued.tasks;
const HEADER = 'id,occurredOn,unitCode,unitName,form,title,summary,evidenceUrl,planNumber,taskOrdinal,participants,respondents,views,recordedBy';
const TRICKY = 'Hội nghị "Quán triệt CCHC", năm 2021\nvà tiêu chí chấm điểm';

const namedKey = (await ctx.request({ method: 'POST', url: '/api/v1/api-keys', payload: { name: '=cmd|calc', role: 'editor', unitId: f.unit.TCCB } })).json().key as string;
const post = await f.made(
  f.body('TCCB', { form: 'website_post', title: 'Công bố Chỉ số CCHC năm 2020', evidenceUrl: 'https://sgddt.soctrang.gov.vn/cchc/1', taskId: task1.id, occurredOn: '2021-04-20', figures: { views: 350 } }),
  namedKey,
);
const meeting = await f.made(f.body('THPT-HD', { title: TRICKY, summary: '=HYPERLINK("http://evil.example","bấm vào")', occurredOn: '2021-03-05', figures: { participants: 120, respondents: 0 } }));
const formulas = await f.made(f.body('GDTX', { form: 'qa', title: '+84 299 3822 000', summary: '-5 điểm', occurredOn: '2021-02-01' }));
const at = await f.made(f.body('CNTT', { form: 'hotline', title: '@CCHC đường dây nóng', summary: '\tthụt lề', occurredOn: '2020-12-31' }));

const rows = (csv: string): string[][] => parse(csv, { bom: true });
const csvOf = (query = '', key?: string) => ctx.request({ url: `${ACTIVITIES}${query}`, headers: { accept: 'text/csv' }, ...(key ? { key } : {}) });

t.test('Accept: text/csv: UTF-8 with BOM, CRLF, the header, one row per activity, newest first', async (t) => {
  const res = await csvOf();
  t.equal(res.statusCode, 200);
  t.match(res.headers['content-type'], /^text\/csv; charset=utf-8/);
  t.equal(res.headers['content-disposition'], 'attachment; filename="activities.csv"');
  t.same([...res.rawPayload.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'starts with the UTF-8 BOM');
  t.ok(res.body.startsWith(`\uFEFF${HEADER}\r\n`), 'then the header row, ended by CRLF');
  t.same(CSV_COLUMNS, HEADER.split(','));
  t.ok(res.body.endsWith('\r\n'));
  t.match(res.body, '"Hội nghị ""Quán triệt CCHC"", năm 2021\nvà tiêu chí chấm điểm"', 'commas, quotes and newlines quoted; the newline inside the cell kept');
  const [header, ...body] = rows(res.body);
  t.same(header, HEADER.split(','));
  t.same(body, [
    [post.id, '2021-04-20', 'TCCB', 'Phòng Tổ chức cán bộ', 'website_post', 'Công bố Chỉ số CCHC năm 2020', '', 'https://sgddt.soctrang.gov.vn/cchc/1', '01/KH-SGDĐT', '1', '', '', '350', "'=cmd|calc"],
    [meeting.id, '2021-03-05', 'THPT-HD', 'Trường THPT Hoàng Diệu', 'meeting', TRICKY, `'=HYPERLINK("http://evil.example","bấm vào")`, '', '', '', '120', '0', '', 'admin key for tests'],
    [formulas.id, '2021-02-01', 'GDTX', 'Trung tâm Giáo dục thường xuyên tỉnh', 'qa', "'+84 299 3822 000", "'-5 điểm", '', '', '', '', '', '', 'admin key for tests'],
    [at.id, '2020-12-31', 'CNTT', 'Tổ Công nghệ thông tin', 'hotline', "'@CCHC đường dây nóng", "'\tthụt lề", '', '', '', '', '', '', 'admin key for tests'],
  ], 'each cell as the API shows it; text that starts like a formula after an apostrophe');
});

t.test('every match: limit and cursor are ignored; the filters apply', async (t) => {
  const paged = await csvOf('?limit=1');
  t.equal(rows(paged.body).length, 5, 'all four activities despite limit=1');
  const cursor = (await ctx.request({ url: `${ACTIVITIES}?limit=1` })).json().nextCursor;
  t.equal(rows((await csvOf(`?limit=1&cursor=${cursor}`)).body).length, 5, 'and despite a cursor');
  const filtered = rows((await csvOf('?form=meeting&form=qa&period=2021-Q1')).body);
  t.same(filtered.slice(1).map((r) => r[0]), [meeting.id, formulas.id]);
  t.same(rows((await csvOf('?q=khong%20co')).body), [HEADER.split(',')], 'no match: the header alone');
  const bad = assertProblem(t, await csvOf('?period=2021-Q5'), 400, 'a bad filter is a problem, not a CSV');
  t.same(bad.errors?.map((e) => e.pointer), ['/query/period']);
});

t.test('GET /activities.csv gives the same, with the same filters', async (t) => {
  const res = await ctx.request({ url: `${ACTIVITIES}.csv` });
  t.equal(res.statusCode, 200);
  t.match(res.headers['content-type'], /^text\/csv; charset=utf-8/);
  t.equal(res.headers['content-disposition'], 'attachment; filename="activities.csv"');
  t.equal(res.body, (await csvOf()).body, 'the same bytes as Accept: text/csv');
  t.same(rows((await ctx.request({ url: `${ACTIVITIES}.csv?unitCode=THPT-HD` })).body).slice(1).map((r) => r[0]), [meeting.id]);
  t.same(rows((await ctx.request({ url: `${ACTIVITIES}.csv?planId=${f.issued.id}&limit=1&cursor=x` })).body).slice(1).map((r) => r[0]), [post.id], 'paging taken and ignored');
  t.same(rows((await ctx.request({ url: `${ACTIVITIES}.csv?group=affiliated&from=2021-03-01&to=2021-03-31` })).body).slice(1).map((r) => r[0]), [meeting.id], 'a group and dates');
  assertProblem(t, await ctx.request({ url: `${ACTIVITIES}.csv?unitId=${f.unit.TCCB}&unitCode=TCCB` }), 400, 'unitId and unitCode together');
  assertProblem(t, await ctx.request({ url: `${ACTIVITIES}.csv?format=xlsx` }), 400, 'an unknown parameter');
  assertProblem(t, await ctx.request({ url: `${ACTIVITIES}.csv?limit=500` }), 400, 'an ignored limit must still be one');
});

t.test('any key reads the CSV; no key is a 401', async (t) => {
  const reader = await ctx.keyFor('reader');
  t.equal((await csvOf('', reader)).statusCode, 200);
  t.equal((await ctx.request({ url: `${ACTIVITIES}.csv`, key: reader })).statusCode, 200);
  assertProblem(t, await ctx.request({ url: `${ACTIVITIES}.csv`, key: null }), 401);
  assertProblem(t, await ctx.request({ url: ACTIVITIES, headers: { accept: 'text/csv' }, key: null }), 401);
});

t.test('the contract’s CSV example is what the service writes for its JSON example', async (t) => {
  t.equal(activitiesToCsv([ACTIVITY_EXAMPLE]), CSV_EXAMPLE);
});
