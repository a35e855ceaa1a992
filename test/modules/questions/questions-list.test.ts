// GET /api/v1/questions: the filters (status, channel, the unit assigned, the Vietnam dates of
// receipt, overdue as of a day, words), the order (newest received first), keyset paging, and what
// each kind of key is shown.
import t from 'tap';
import { assertProblem } from '../../helpers/app.js';
import { ASKER, questionWorld } from './fixtures.js';

const QUESTIONS = '/api/v1/questions';
const w = await questionWorld(t);

// Nine questions, received from Sunday 7 March 2021 (late, Vietnam time) to Monday 15 March. With no
// non-working days, each is due five working days after its day of receipt.
async function ask(fields: Record<string, unknown>) {
  return (await w.ask(fields)) as { id: string; receivedAt: string; dueOn: string };
}
const q = {
  // Sunday 23:59:59 in Vietnam: still 7 March there. Received, due Friday 12 March.
  q1: await ask({ channel: 'qa', receivedAt: '2021-03-07T16:59:59Z', subject: 'Lịch thi tốt nghiệp THPT năm 2021', question: 'Xin hỏi lịch thi tốt nghiệp THPT năm 2021?' }),
  // 18:30 UTC on 7 March is 01:30 on Monday 8 March in Vietnam. Assigned to GDTRH, due 15 March.
  q2: await ask({ channel: 'hotline', receivedAt: '2021-03-07T18:30:00Z', subject: 'Học phí năm học 2021-2022', question: 'Mức học phí THPT năm học mới là bao nhiêu?' }),
  // Monday 8 March. Received, due 15 March.
  q3: await ask({ channel: 'qa', receivedAt: '2021-03-08T02:15:00Z', subject: 'Thủ tục chuyển trường cho học sinh THPT', question: 'Con tôi học lớp 11, xin hỏi hồ sơ gồm những gì?' }),
  // Monday 8 March. Answered (today) by the Office, due 15 March.
  q4: await ask({ channel: 'email', receivedAt: '2021-03-08T05:00:00Z', subject: 'Cấp lại bằng tốt nghiệp', question: 'Tôi bị mất bằng tốt nghiệp, xin cấp lại thế nào?' }),
  // Wednesday 10 March. Assigned to TCCB, answered by it and published (edited), due 17 March.
  q5: await ask({
    channel: 'in_person',
    receivedAt: '2021-03-10T03:00:00Z',
    subject: 'Tuyển dụng giáo viên hợp đồng',
    question: 'Tôi dạy hợp đồng ở trường THCS thị xã Ngã Năm, xin hỏi khi nào có đợt tuyển dụng?',
  }),
  // Thursday 11 March, both at the same instant: the order falls back on the id. Received, due 18 March.
  q6: await ask({ channel: 'qa', receivedAt: '2021-03-11T03:00:00Z', subject: 'Sách giáo khoa lớp 1', question: 'Năm nay lớp 1 dùng bộ sách nào?' }),
  q7: await ask({ channel: 'qa', receivedAt: '2021-03-11T03:00:00Z', subject: 'Sách giáo khoa lớp 6', question: 'Năm nay lớp 6 dùng bộ sách nào?' }),
  // Friday 12 March. Closed (today), due 19 March.
  q8: await ask({ channel: 'qa', receivedAt: '2021-03-12T03:00:00Z', subject: 'Chuyển trường giữa năm học', question: 'Có được chuyển trường giữa học kỳ không?' }),
  // Monday 15 March, another asker. Received, due 22 March.
  q9: await ask({
    channel: 'hotline',
    receivedAt: '2021-03-15T03:00:00Z',
    subject: 'Miễn giảm học phí',
    question: 'Gia đình tôi thuộc hộ nghèo, con có được miễn học phí không?',
    asker: { name: 'Phạm Xuân Quỳnh', phone: '+84987654321', email: 'quynh.pham@example.vn' },
  }),
};
type Name = keyof typeof q;
const nameOf = new Map(Object.entries(q).map(([name, question]) => [question.id, name as Name]));

async function stepOrThrow(id: string, action: string, body: object, key?: string) {
  const res = await w.step(id, action, body, key);
  if (res.statusCode !== 200) throw new Error(`${action}: ${res.body}`);
  return res.json();
}
await stepOrThrow(q.q2.id, 'assign', { unitId: w.division.id });
await stepOrThrow(q.q4.id, 'answer', { answer: 'Hồ sơ gồm đơn đề nghị và bản sao giấy khai sinh, nộp tại Sở.' });
await stepOrThrow(q.q5.id, 'assign', { unitId: w.otherDivision.id });
await stepOrThrow(q.q5.id, 'answer', { answer: 'Sở sẽ tổ chức tuyển dụng vào tháng 7.' }, w.keys.otherDivision);
await stepOrThrow(q.q5.id, 'publish', { question: 'Khi nào có đợt tuyển dụng giáo viên?', url: 'https://sgddt.example.vn/hoi-dap/5' });
await stepOrThrow(q.q8.id, 'close', { reason: 'Trùng với câu hỏi đã trả lời.' });

/** Everything newest received first: by receivedAt, then id, both descending. */
const NEWEST_FIRST = (Object.keys(q) as Name[]).sort((a, b) => {
  const [x, y] = [q[a], q[b]];
  if (x.receivedAt !== y.receivedAt) return x.receivedAt < y.receivedAt ? 1 : -1;
  return x.id < y.id ? 1 : -1;
});
/** The names in the order a list gives them. */
const ordered = (...names: Name[]) => NEWEST_FIRST.filter((n) => names.includes(n));

async function list(query: string, key?: string) {
  const res = await w.request({ url: `${QUESTIONS}${query ? `?${query}` : ''}`, ...(key ? { key } : {}) });
  if (res.statusCode !== 200) throw new Error(`${query}: ${res.statusCode} ${res.body}`);
  return res.json() as { items: Array<Record<string, any>>; nextCursor: string | null };
}
/** The names of the questions a list shows, in its order (one page, up to 200). */
async function names(query: string, key?: string): Promise<string[]> {
  const page = await list(query ? `${query}&limit=200` : 'limit=200', key);
  return page.items.map((item) => nameOf.get(item.id) ?? `unknown ${item.id}`);
}
const pointers = (problem: { errors?: Array<{ pointer?: string }> }) => (problem.errors ?? []).map((e) => e.pointer);

t.test('the world is as the tests below assume', async (t) => {
  t.strictSame(
    Object.fromEntries(Object.entries(q).map(([name, question]) => [name, question.dueOn])),
    { q1: '2021-03-12', q2: '2021-03-15', q3: '2021-03-15', q4: '2021-03-15', q5: '2021-03-17', q6: '2021-03-18', q7: '2021-03-18', q8: '2021-03-19', q9: '2021-03-22' },
    'due five working days after the Vietnam day of receipt',
  );
  const all = await list('limit=200');
  t.equal(all.items.length, 9);
  t.equal(all.nextCursor, null, 'one page holds them all');
  t.strictSame(
    Object.fromEntries(all.items.map((i) => [nameOf.get(i.id), i.status])),
    { q1: 'received', q2: 'assigned', q3: 'received', q4: 'answered', q5: 'published', q6: 'received', q7: 'received', q8: 'closed', q9: 'received' },
  );
});

t.test('newest received first, ties by id', async (t) => {
  const all = await names('');
  t.strictSame(all, NEWEST_FIRST);
  t.strictSame(all.filter((n) => n !== 'q6' && n !== 'q7'), ['q9', 'q8', 'q5', 'q4', 'q3', 'q2', 'q1'], 'by the instant of receipt');
  const received = (await list('limit=200')).items.map((i) => i.receivedAt as string);
  t.strictSame(received, [...received].sort().reverse(), 'receivedAt never increases down the list');
});

t.test('status and channel: one or more of each', async (t) => {
  t.strictSame(await names('status=received&status=assigned'), ordered('q1', 'q2', 'q3', 'q6', 'q7', 'q9'), 'received or assigned');
  t.strictSame(await names('status=closed'), ['q8'], 'closed alone');
  t.strictSame(await names('status=answered&status=published'), ['q5', 'q4']);
  t.strictSame(await names('channel=hotline&channel=email'), ordered('q2', 'q4', 'q9'), 'hotline or email');
  t.strictSame(await names('channel=in_person'), ['q5']);
  t.strictSame(await names('status=received&channel=hotline'), ['q9'], 'both filters at once');
  t.strictSame(await names('status=closed&channel=hotline'), [], 'nothing matches both');

  const bad = assertProblem(t, await w.request({ url: `${QUESTIONS}?status=pending` }), 400, 'an unknown status');
  t.match(pointers(bad), [/^\/query\/status/]);
  t.match(bad.errors?.[0]?.message, /must be one of: received, assigned, answered, published, closed/);
  const badChannel = assertProblem(t, await w.request({ url: `${QUESTIONS}?channel=qa&channel=zalo` }), 400, 'an unknown channel among known ones');
  t.match(pointers(badChannel), [/^\/query\/channel/]);
});

t.test('the unit assigned: by id or by code, not both', async (t) => {
  t.strictSame(await names(`assignedUnitId=${w.division.id}`), ['q2']);
  t.strictSame(await names(`assignedUnitId=${w.otherDivision.id}`), ['q5'], 'answered and published, still assigned to TCCB');
  t.strictSame(await names('assignedUnitCode=TCCB'), ['q5'], 'by code');
  t.strictSame(await names('assignedUnitCode=GDTRH'), ['q2']);
  t.strictSame(await names('assignedUnitCode=VP'), [], 'no question is assigned to the Office');
  t.strictSame(await names(`assignedUnitId=${w.school.id}`), [], 'nor to the school');

  const both = assertProblem(t, await w.request({ url: `${QUESTIONS}?assignedUnitId=${w.division.id}&assignedUnitCode=GDTRH` }), 400, 'both at once');
  t.strictSame(pointers(both), ['/query/assignedUnitCode']);
  t.match(both.errors?.[0]?.message, /not with it/);
  const unknown = assertProblem(t, await w.request({ url: `${QUESTIONS}?assignedUnitCode=XYZ` }), 400, 'a code of no unit');
  t.strictSame(pointers(unknown), ['/query/assignedUnitCode']);
  t.match(unknown.errors?.[0]?.message, /^names no unit: XYZ/);
  const malformed = assertProblem(t, await w.request({ url: `${QUESTIONS}?assignedUnitId=GDTRH` }), 400, 'a code given as the id');
  t.strictSame(pointers(malformed), ['/query/assignedUnitId']);
});

t.test('from and to: the Vietnam date of receipt', async (t) => {
  t.strictSame(await names('from=2021-03-08&to=2021-03-08'), ordered('q2', 'q3', 'q4'), 'Monday 8 March in Vietnam, q2 included though received on the 7th in UTC');
  t.strictSame(await names('to=2021-03-07'), ['q1'], 'Sunday 7 March: q1 only, received at 23:59:59 there');
  t.strictSame(await names('from=2021-03-11'), ordered('q6', 'q7', 'q8', 'q9'), 'from is inclusive');
  t.strictSame(await names('to=2021-03-11'), ordered('q1', 'q2', 'q3', 'q4', 'q5', 'q6', 'q7'), 'to is inclusive');
  t.strictSame(await names('from=2021-03-09&to=2021-03-09'), [], 'a day with none');
  t.strictSame(await names('from=2021-03-10&to=2021-03-12&status=received'), ordered('q6', 'q7'), 'with another filter');

  const reversed = assertProblem(t, await w.request({ url: `${QUESTIONS}?from=2021-03-09&to=2021-03-08` }), 400, 'from after to');
  t.strictSame(pointers(reversed), ['/query/to']);
  t.match(reversed.errors?.[0]?.message, /must not be before from \(2021-03-09\)/);
  const notADate = assertProblem(t, await w.request({ url: `${QUESTIONS}?from=08/03/2021` }), 400, 'a date written the Vietnamese way');
  t.strictSame(pointers(notADate), ['/query/from']);
  const noSuchDay = assertProblem(t, await w.request({ url: `${QUESTIONS}?to=2021-02-30` }), 400, 'no such day');
  t.strictSame(pointers(noSuchDay), ['/query/to']);
});

t.test('overdue, as of a day', async (t) => {
  // Due 12 March: the only one overdue on the 15th.
  t.strictSame(await names('overdue=true&asOf=2021-03-15'), ['q1'], 'as of 15 March, the day q2–q4 are due, only q1');
  t.strictSame(await names('overdue=false&asOf=2021-03-15'), ordered('q2', 'q3', 'q4', 'q5', 'q6', 'q7', 'q8', 'q9'), 'and the rest are not');
  // q4 was answered today: on 16 March it was still unanswered, so it was overdue then.
  t.strictSame(await names('overdue=true&asOf=2021-03-16'), ordered('q1', 'q2', 'q3', 'q4'), 'as of 16 March: the four due by the 15th, q4 among them (answered only later)');
  // q5 (answered today) and q8 (closed today) were still open on 22 March; q9 is due that day.
  t.strictSame(await names('overdue=true&asOf=2021-03-22'), ordered('q1', 'q2', 'q3', 'q4', 'q5', 'q6', 'q7', 'q8'), 'as of 22 March: all but q9, closed and answered ones included');
  t.strictSame(await names('overdue=true&asOf=2021-03-01'), [], 'before any was received, none');
  // As of today: answered, published and closed questions are not overdue.
  t.strictSame(await names('overdue=true'), ordered('q1', 'q2', 'q3', 'q6', 'q7', 'q9'), 'as of today: the unanswered ones');
  t.strictSame(await names('overdue=false'), ordered('q4', 'q5', 'q8'), 'as of today: answered, published or closed');

  const flags = async (query: string) => Object.fromEntries((await list(query)).items.map((i) => [nameOf.get(i.id), i.overdue]));
  t.strictSame(
    await flags('asOf=2021-03-16&limit=200'),
    { q1: true, q2: true, q3: true, q4: true, q5: false, q6: false, q7: false, q8: false, q9: false },
    'each item’s overdue as of 16 March',
  );
  t.strictSame(
    await flags('limit=200'),
    { q1: true, q2: true, q3: true, q4: false, q5: false, q6: true, q7: true, q8: false, q9: true },
    'each item’s overdue as of today',
  );

  const then = await w.request({ url: `${QUESTIONS}/${q.q4.id}?asOf=2021-03-16` });
  t.equal(then.json().overdue, true, 'GET of q4 as of 16 March: overdue');
  const now = await w.request({ url: `${QUESTIONS}/${q.q4.id}` });
  t.equal(now.json().overdue, false, 'GET of q4 as of today: answered');
  t.equal(now.json().answeredOnTime, false, 'answered after its due date');

  const bad = assertProblem(t, await w.request({ url: `${QUESTIONS}?overdue=maybe` }), 400, 'overdue neither true nor false');
  t.strictSame(pointers(bad), ['/query/overdue']);
  const badDay = assertProblem(t, await w.request({ url: `${QUESTIONS}?overdue=true&asOf=16/03/2021` }), 400, 'asOf not a date');
  t.strictSame(pointers(badDay), ['/query/asOf']);
});

t.test('q: words of the subject, question or answer, without case or diacritics', async (t) => {
  t.strictSame(await names('q=chuyen%20truong'), ordered('q3', 'q8'), 'chuyen truong finds chuyển trường');
  t.strictSame(await names(`q=${encodeURIComponent('CHUYỂN  TRƯỜNG')}`), ordered('q3', 'q8'), 'in capitals, with two spaces');
  t.strictSame(await names(`q=${encodeURIComponent('chuyển trường')}`), ordered('q3', 'q8'), 'with its diacritics');
  t.strictSame(await names('q=hoc%20phi'), ordered('q2', 'q9'), 'học phí in two subjects');
  t.strictSame(await names('q=ban%20sao%20giay%20khai%20sinh'), ['q4'], 'words of the answer');
  t.strictSame(await names(`q=${encodeURIComponent('ho ngheo')}`), ['q9'], 'words of the question');
  t.strictSame(await names(`q=${encodeURIComponent('Đợt tuyển dụng')}`), ['q5'], 'đ is d');
  t.strictSame(await names('q=lop%206'), ['q7']);

  t.strictSame(await names(`q=${encodeURIComponent('Nguyễn Thị Lan')}`), [], 'the asker’s name is not searched');
  t.strictSame(await names('q=xuan%20quynh'), [], 'nor the other asker’s');
  t.strictSame(await names('q=example.vn'), [], 'nor their e-mail');
  t.strictSame(await names('q=0987654321'), [], 'nor their phone');
  t.strictSame(await names(`q=${encodeURIComponent(ASKER.address)}`), [], 'nor their address');

  t.strictSame(await names('q=%25'), [], '% is taken literally');
  t.strictSame(await names('q=_'), [], 'and so is _');
  t.strictSame(await names('q=chuyen%20truong&status=closed'), ['q8'], 'with another filter');

  const blank = assertProblem(t, await w.request({ url: `${QUESTIONS}?q=%20%20` }), 400, 'a blank q');
  t.strictSame(pointers(blank), ['/query/q']);
});

t.test('pages: limit=2 followed to the end, each question once, in order', async (t) => {
  for (const [limit, query] of [[2, ''], [3, ''], [2, '&status=received']] as const) {
    const seen: string[] = [];
    const sizes: number[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = await list(`limit=${limit}${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      sizes.push(page.items.length);
      seen.push(...page.items.map((i) => nameOf.get(i.id)!));
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor !== null && pages < 20);
    const expected = query ? ordered('q1', 'q3', 'q6', 'q7', 'q9') : NEWEST_FIRST;
    t.strictSame(seen, expected, `limit=${limit}${query}: every question once, newest first`);
    t.equal(new Set(seen).size, seen.length, `limit=${limit}${query}: none twice`);
    t.strictSame(sizes, [...Array(Math.ceil(expected.length / limit)).keys()].map((i) => Math.min(limit, expected.length - i * limit)), `limit=${limit}${query}: full pages then the rest`);
  }
  const exact = await list('limit=9');
  t.equal(exact.items.length, 9);
  t.equal(exact.nextCursor, null, 'a page that holds the last one has no next cursor');
});

t.test('a cursor the list did not give out is a 400', async (t) => {
  const forged = [
    ['not base64 JSON', 'abc'],
    ['a date instead of an instant', Buffer.from(JSON.stringify(['2021-03-08', q.q3.id])).toString('base64url')],
    ['no uuid', Buffer.from(JSON.stringify(['2021-03-08T02:15:00.000Z', "x' OR '1'='1"])).toString('base64url')],
    ['one value', Buffer.from(JSON.stringify(['2021-03-08T02:15:00.000Z'])).toString('base64url')],
    ['an object', Buffer.from(JSON.stringify({ receivedAt: '2021-03-08T02:15:00.000Z', id: q.q3.id })).toString('base64url')],
  ] as const;
  for (const [what, cursor] of forged) {
    const problem = assertProblem(t, await w.request({ url: `${QUESTIONS}?limit=2&cursor=${encodeURIComponent(cursor)}` }), 400, what);
    t.strictSame(pointers(problem), ['/query/cursor'], `${what}: pointer`);
    t.equal(problem.errors?.[0]?.message, 'is not a cursor this list gave out', `${what}: message`);
  }
  const made = Buffer.from(JSON.stringify([q.q3.receivedAt, q.q3.id])).toString('base64url');
  t.strictSame(await names(`cursor=${made}`), ordered('q1', 'q2'), 'a well-formed cursor continues after that question');
});

t.test('readers list the published questions only, in their public version', async (t) => {
  const page = await list('limit=200', w.keys.reader);
  t.strictSame(page.items.map((i) => nameOf.get(i.id)), ['q5']);
  const [item] = page.items;
  t.equal(item?.question, 'Khi nào có đợt tuyển dụng giáo viên?', 'the published question');
  t.equal(item?.answer, 'Sở sẽ tổ chức tuyển dụng vào tháng 7.');
  t.equal(item?.overdue, false);
  for (const field of ['asker', 'assignedUnit', 'history', 'receivedBy', 'recordedBy', 'publication', 'answeredByKey', 'closedReason']) {
    t.notOk(field in (item ?? {}), `no ${field}`);
  }
  t.strictSame(await names('status=received', w.keys.reader), [], 'filters cannot reach the rest');
  t.strictSame(await names('overdue=true&asOf=2021-03-16', w.keys.reader), [], 'nor can overdue');
  t.strictSame(await names('q=chuyen%20truong', w.keys.reader), [], 'nor words');
  t.strictSame(await names('q=tuyen%20dung', w.keys.reader), ['q5'], 'words of the published text find it');

  t.strictSame(await names('', w.keys.division), ordered('q2', 'q5'), 'a division: its own and the published');
  t.strictSame(await names('', w.keys.otherDivision), ['q5'], 'TCCB: the one it answered');
  t.strictSame(await names('', w.keys.school), ['q5'], 'a school: the published');
  t.strictSame(await names('', w.keys.office), NEWEST_FIRST, 'the Office: all');
  const own = (await list('limit=200', w.keys.division)).items.find((i) => i.id === q.q2.id);
  t.equal(own?.asker?.name, ASKER.name, 'a division sees the asker of its own question');
});

t.test(
  'readers’ words find only what was published',
  async (t) => {
    // The original question names the school (Ngã Năm); the published version does not.
    t.strictSame(await names(`q=${encodeURIComponent('Ngã Năm')}`), ['q5'], 'the Office finds it by its original words');
    t.strictSame(await names(`q=${encodeURIComponent('Ngã Năm')}`, w.keys.reader), [], 'a reader does not: they were never published');
    t.strictSame(await names(`q=${encodeURIComponent('Ngã Năm')}`, w.keys.school), [], 'nor does a school');
  },
);
