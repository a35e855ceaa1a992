// GET /activities: newest first with ties by id, cursor paging across pages, every filter (unit by id
// or code, group, repeated form, task, plan, dates and periods, words without diacritics, the key
// that recorded it), the refusals of bad filters, and a task's evidence under its plan.
import t from 'tap';
import type { Activity } from '../../../src/modules/activities/activities.schemas.js';
import { assertProblem } from '../../helpers/app.js';
import { ACTIVITIES, pointers, setupActivities } from './fixtures.js';

const f = await setupActivities(t);
const { ctx, unit } = f;
const [task1, task2] = f.issued.tasks;
const tccbKey = await ctx.keyFor('editor', unit.TCCB);
const tccbKeyId = (await ctx.request({ url: '/api/v1/me', key: tccbKey })).json().keyId as string;

const url = (n: number) => `https://sgddt.soctrang.gov.vn/cchc/${n}`;
const a = {
  chiSo: await f.made(f.body('TCCB', { form: 'website_post', title: 'Công bố Chỉ số CCHC năm 2020', occurredOn: '2021-04-20', evidenceUrl: url(1), taskId: task1.id }), tccbKey),
  dangTin: await f.made(f.body('THPT-HD', { form: 'website_post', title: 'Đăng tin về Kế hoạch CCHC', occurredOn: '2021-04-20', evidenceUrl: url(2), taskId: task1.id })),
  video: await f.made(f.body('CNTT', { form: 'video', title: 'Video hướng dẫn dịch vụ công trực tuyến', occurredOn: '2021-05-15', evidenceUrl: url(3), taskId: task2.id })),
  hoiNghi: await f.made(f.body('GDTX', { form: 'meeting', title: 'Hội nghị quán triệt', summary: 'Phổ biến đường dây nóng của Sở', occurredOn: '2021-01-10' })),
  duongDay: await f.made(f.body('SGDDT', { form: 'hotline', title: 'ĐƯỜNG DÂY NÓNG CCHC', occurredOn: '2021-07-01' })),
  khaoSat: await f.made(f.body('SNV', { form: 'survey', title: 'Khảo sát mức độ hài lòng 50% đơn vị', occurredOn: '2020-12-31' })),
  hoiDap: await f.made(f.body('VP', { form: 'qa', title: 'Hỏi đáp về thủ tục hành chính', occurredOn: '2021-10-05' })),
  hoiThi: await f.made(f.body('TCCB', { form: 'contest', title: 'Hội thi tìm hiểu CCHC', occurredOn: '2022-03-01' }), tccbKey),
};
const removed = await f.made(f.body('TCCB', { title: 'Hội nghị đã xóa', occurredOn: '2021-04-20' }));
const gone = await ctx.request({ method: 'DELETE', url: `${ACTIVITIES}/${removed.id}`, headers: { 'if-match': '"1"' } });
if (gone.statusCode !== 204) throw new Error(gone.body);
// VP is deactivated after recording: its activity still happened, and its group still finds it.
const deactivated = await ctx.request({ method: 'POST', url: `/api/v1/units/${unit.VP}/deactivate` });
if (deactivated.statusCode !== 200) throw new Error(deactivated.body);

async function list(query: string): Promise<{ items: Activity[]; nextCursor: string | null }> {
  const res = await ctx.request({ url: `${ACTIVITIES}?${query}` });
  if (res.statusCode !== 200) throw new Error(`GET ?${query}: ${res.statusCode} ${res.body}`);
  return res.json();
}
const ids = async (query: string) => (await list(query)).items.map((x) => x.id);
const byId = (...xs: Activity[]) => xs.map((x) => x.id);
/** The activities in the list's order: occurredOn newest first, then id. */
const ordered = (...xs: Activity[]) => byId(...[...xs].sort((x, y) => (x.occurredOn === y.occurredOn ? (x.id < y.id ? -1 : 1) : x.occurredOn > y.occurredOn ? -1 : 1)));
const all = Object.values(a);

t.test('newest first, ties by id; removed activities are never listed', async (t) => {
  const { items, nextCursor } = await list('');
  t.same(items.map((x) => x.id), ordered(...all));
  t.equal(items[0]!.id, a.hoiThi.id);
  t.equal(items.at(-1)!.id, a.khaoSat.id);
  t.equal(nextCursor, null);
  t.same(items.find((x) => x.id === a.chiSo.id), a.chiSo, 'items are whole activities');
  t.notOk(items.some((x) => x.id === removed.id));
});

t.test('paging walks every activity once, across pages, ties included', async (t) => {
  const sameDay = [];
  for (let i = 0; i < 9; i++) sameDay.push(await f.made(f.body('GDTH', { title: `Phân trang ${i}`, occurredOn: '2021-06-01' })));
  const seen: string[] = [];
  const sizes: number[] = [];
  let cursor: string | null = null;
  do {
    const page: { items: Activity[]; nextCursor: string | null } = await list(`limit=4${cursor ? `&cursor=${cursor}` : ''}`);
    seen.push(...page.items.map((x) => x.id));
    sizes.push(page.items.length);
    cursor = page.nextCursor;
  } while (cursor);
  t.same(seen, ordered(...all, ...sameDay), 'in order, none twice, none left out');
  t.same(sizes, [4, 4, 4, 4, 1]);
  const filtered = await list('q=phan%20trang&limit=5');
  t.equal(filtered.items.length, 5);
  t.same((await list(`q=phan%20trang&limit=5&cursor=${filtered.nextCursor}`)).items.map((x) => x.id), ordered(...sameDay).slice(5), 'the cursor keeps the filter’s order');
  for (const x of sameDay) await ctx.request({ method: 'DELETE', url: `${ACTIVITIES}/${x.id}`, headers: { 'if-match': '"1"' } });
});

t.test('by unit: id or code, not both', async (t) => {
  t.same(await ids(`unitId=${unit.TCCB}`), ordered(a.chiSo, a.hoiThi));
  t.same(await ids('unitCode=TCCB'), ordered(a.chiSo, a.hoiThi));
  t.same(await ids('unitCode=GDTH'), [], 'a unit without activities');
  const both = assertProblem(t, await ctx.request({ url: `${ACTIVITIES}?unitId=${unit.TCCB}&unitCode=TCCB` }), 400);
  t.same(pointers(both), ['/query/unitCode']);
  const unknown = assertProblem(t, await ctx.request({ url: `${ACTIVITIES}?unitCode=NOPE` }), 400);
  t.same(pointers(unknown), ['/query/unitCode']);
  t.match(unknown.errors?.[0]?.message, /names no unit/);
  t.same(pointers(assertProblem(t, await ctx.request({ url: `${ACTIVITIES}?unitCode=tccb` }), 400)), ['/query/unitCode'], 'codes are upper case');
});

t.test('by group: the units of its kinds, deactivated ones included', async (t) => {
  t.same(await ids('group=divisions'), ordered(a.chiSo, a.video, a.hoiDap, a.hoiThi));
  t.same(await ids('group=affiliated'), ordered(a.dangTin, a.hoiNghi));
  t.same(await ids('group=all_units'), ordered(a.chiSo, a.video, a.hoiDap, a.hoiThi, a.dangTin, a.hoiNghi), 'neither the department nor outside bodies');
  t.same(await ids('group=affiliated&unitCode=TCCB'), [], 'with a unit of another kind: nothing');
  t.same(pointers(assertProblem(t, await ctx.request({ url: `${ACTIVITIES}?group=schools` }), 400)), ['/query/group']);
});

t.test('by form: one, or several by repeating the parameter', async (t) => {
  t.same(await ids('form=video'), byId(a.video), 'a single value');
  t.same(await ids('form=video&form=meeting&form=hotline'), ordered(a.video, a.hoiNghi, a.duongDay), 'repeated');
  t.same(await ids('form=website_post&unitCode=THPT-HD'), byId(a.dangTin), 'with another filter');
  const bad = assertProblem(t, await ctx.request({ url: `${ACTIVITIES}?form=video&form=podcast` }), 400);
  t.same(pointers(bad), ['/query/form/1']);
  t.match(bad.errors?.[0]?.message, /must be one of/);
  t.same(pointers(assertProblem(t, await ctx.request({ url: `${ACTIVITIES}?form=video,meeting` }), 400)), ['/query/form/0'], 'not a comma list');
});

t.test('by task and by plan', async (t) => {
  t.same(await ids(`taskId=${task1.id}`), ordered(a.chiSo, a.dangTin));
  t.same(await ids(`taskId=${task2.id}`), byId(a.video));
  t.same(await ids(`planId=${f.issued.id}`), ordered(a.chiSo, a.dangTin, a.video));
  t.same(await ids(`planId=${f.draft.id}`), []);
  t.same(await ids(`planId=${f.issued.id}&form=video`), byId(a.video));
});

t.test('by dates: from and to inclusive, periods, together', async (t) => {
  t.same(await ids('from=2021-04-20&to=2021-05-15'), ordered(a.chiSo, a.dangTin, a.video), 'both bounds included');
  t.same(await ids('from=2021-10-05'), ordered(a.hoiDap, a.hoiThi));
  t.same(await ids('to=2020-12-31'), byId(a.khaoSat));
  t.same(await ids('period=2021'), ordered(a.chiSo, a.dangTin, a.video, a.hoiNghi, a.duongDay, a.hoiDap));
  t.same(await ids('period=2021-H1'), ordered(a.chiSo, a.dangTin, a.video, a.hoiNghi));
  t.same(await ids('period=2021-Q2'), ordered(a.chiSo, a.dangTin, a.video));
  t.same(await ids('period=2021-05'), byId(a.video));
  t.same(await ids('period=2020-12-01/2021-01-31'), ordered(a.khaoSat, a.hoiNghi), 'a date range');
  t.same(await ids('period=2021-H1&from=2021-05-01'), byId(a.video), 'from narrows the period');
  t.same(await ids('period=2021-Q2&to=2021-04-30'), ordered(a.chiSo, a.dangTin), 'to narrows it too');
  t.same(await ids('period=2021-Q2&from=2020-01-01&to=2030-12-31'), ordered(a.chiSo, a.dangTin, a.video), 'wider bounds do not widen it');
  for (const period of ['2021-13', '2021-Q5', '21', 'Q2-2021', '2021-02-30/2021-03-01', '2021-05-01/2021-04-01']) {
    const problem = assertProblem(t, await ctx.request({ url: `${ACTIVITIES}?period=${period}` }), 400, `period=${period}`);
    t.same(pointers(problem), ['/query/period'], `period=${period}: pointer`);
  }
  const reversed = assertProblem(t, await ctx.request({ url: `${ACTIVITIES}?from=2021-06-01&to=2021-05-01` }), 400, 'from after to');
  t.same(pointers(reversed), ['/query/to']);
  t.same(pointers(assertProblem(t, await ctx.request({ url: `${ACTIVITIES}?from=2021-02-30` }), 400)), ['/query/from']);
});

t.test('q: words of the title or summary, without case or diacritics', async (t) => {
  t.same(await ids('q=cong%20bo'), byId(a.chiSo), 'cong bo finds Công bố');
  t.same(await ids(`q=${encodeURIComponent('CÔNG BỐ CHỈ SỐ')}`), byId(a.chiSo), 'in capitals with diacritics');
  t.same(await ids('q=duong%20day%20nong'), ordered(a.duongDay, a.hoiNghi), 'đ is d; the summary counts');
  t.same(await ids(`q=${encodeURIComponent('đường dây')}`), ordered(a.duongDay, a.hoiNghi));
  t.same(await ids('q=50%25'), byId(a.khaoSat), '% is taken literally');
  t.same(await ids('q=5_%25'), [], 'and so is _');
  t.same(await ids(`q=${encodeURIComponent('Ho\u0300i thi')}`), byId(a.hoiThi), 'a decomposed query');
  t.same(await ids('q=nothing%20like%20it'), []);
  t.same(pointers(assertProblem(t, await ctx.request({ url: `${ACTIVITIES}?q=%20%20` }), 400)), ['/query/q'], 'a blank q');
});

t.test('by the key that recorded it', async (t) => {
  t.same(await ids(`recordedBy=${tccbKeyId}`), ordered(a.chiSo, a.hoiThi));
  t.same(await ids(`recordedBy=${a.dangTin.recordedBy.keyId}&unitCode=THPT-HD`), byId(a.dangTin));
  t.same(pointers(assertProblem(t, await ctx.request({ url: `${ACTIVITIES}?recordedBy=admin` }), 400)), ['/query/recordedBy']);
});

t.test('paging and unknown parameters are checked', async (t) => {
  t.same(pointers(assertProblem(t, await ctx.request({ url: `${ACTIVITIES}?limit=201` }), 400)), ['/query/limit']);
  t.same(pointers(assertProblem(t, await ctx.request({ url: `${ACTIVITIES}?limit=0` }), 400)), ['/query/limit']);
  t.equal((await list('limit=200')).items.length, all.length);
  const tampered = Buffer.from(JSON.stringify(['2021-04-20', 'not-a-uuid'])).toString('base64url');
  t.same(pointers(assertProblem(t, await ctx.request({ url: `${ACTIVITIES}?cursor=${tampered}` }), 400)), ['/query/cursor']);
  t.same(pointers(assertProblem(t, await ctx.request({ url: `${ACTIVITIES}?cursor=abc` }), 400)), ['/query/cursor']);
  t.same(pointers(assertProblem(t, await ctx.request({ url: `${ACTIVITIES}?year=2021` }), 400)), ['/query/year'], 'an unknown filter');
});

t.test('a task’s evidence: the activities that carry it out, under its plan', async (t) => {
  const evidence = (planId: string, taskId: string, query = '') => ctx.request({ url: `/api/v1/plans/${planId}/tasks/${taskId}/activities${query}` });
  const res = await evidence(f.issued.id, task1.id);
  t.equal(res.statusCode, 200);
  t.same(res.json().items.map((x: Activity) => x.id), ordered(a.chiSo, a.dangTin));
  t.match(res.json().items[0], { task: { id: task1.id, planId: f.issued.id, ordinal: 1, planNumber: '01/KH-SGDĐT' } });
  const first = (await evidence(f.issued.id, task1.id, '?limit=1')).json();
  t.same(first.items.map((x: Activity) => x.id), ordered(a.chiSo, a.dangTin).slice(0, 1));
  const second = (await evidence(f.issued.id, task1.id, `?limit=1&cursor=${first.nextCursor}`)).json();
  t.same(second.items.map((x: Activity) => x.id), ordered(a.chiSo, a.dangTin).slice(1));
  t.equal(second.nextCursor, null);
  t.same((await evidence(f.draft.id, f.draft.tasks[0].id)).json().items, [], 'a task without evidence');
  t.match(assertProblem(t, await evidence(f.draft.id, task1.id), 404, 'a task of another plan').detail, new RegExp(`Task ${task1.id} does not exist`));
  assertProblem(t, await evidence('0b8f5a1e-0000-4000-8000-000000000000', task1.id), 404, 'no such plan');
  assertProblem(t, await evidence(f.issued.id, task1.id, '?q=x'), 400, 'no filters here');
  const reader = await ctx.keyFor('reader');
  t.equal((await ctx.request({ url: `/api/v1/plans/${f.issued.id}/tasks/${task1.id}/activities`, key: reader })).statusCode, 200, 'readers read it');
});
