// A report as a Word document or an Excel workbook, chosen by Accept on GET /reports/{id}: the
// media type, the download's name (its number, or bao-cao-<id> while a draft), the heading the
// service supplies (the parent authority, the unit, the configured place), the preference among
// Accept's media types, and a 406 for an Accept naming none. (The files' content: reports-docx and
// reports-xlsx.)
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import t from 'tap';
import { preferredMediaType } from '../../../src/http/negotiate.js';
import { assertProblem } from '../../helpers/app.js';
import { DOCX, REPORTS, setupReports, XLSX } from './fixtures.js';

const f = await setupReports(t);
const { ctx, unit } = f;
const draft = await f.made({ unitId: unit['THPT-HD'], year: 2021, kind: 'six_month', results: 'Đăng tải 04 tin, bài trên chuyên mục CCHC.' });
const dept = await f.made({ unitId: unit.SGDDT, year: 2021, kind: 'six_month' });
await f.moved(dept.id, 'submit');
const get = (id: string, accept?: string, key?: string) => ctx.request({ url: `${REPORTS}/${id}`, ...(accept ? { headers: { accept } } : {}), ...(key ? { key } : {}) });

async function documentText(body: Buffer): Promise<string> {
  const zip = await JSZip.loadAsync(body);
  const xml = await zip.file('word/document.xml')!.async('string');
  return [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
}

t.test('Word: a draft downloads as bao-cao-<id>.docx, headed by the parent authority, the unit and the place', async (t) => {
  const res = await get(draft.id, DOCX);
  t.equal(res.statusCode, 200, res.body.slice(0, 200));
  t.equal(res.headers['content-type'], DOCX);
  t.equal(res.headers['content-disposition'], `attachment; filename="bao-cao-${draft.id}.docx"; filename*=UTF-8''bao-cao-${draft.id}.docx`);
  t.notOk(res.headers.etag, 'no ETag: it is no version of the JSON');
  t.equal(res.rawPayload.subarray(0, 2).toString(), 'PK', 'a zip (OOXML) file');
  const text = await documentText(res.rawPayload);
  t.match(text, 'Sở Giáo dục và Đào tạo tỉnh Sóc Trăng'.toLocaleUpperCase('vi'), 'the parent authority');
  t.match(text, 'Trường THPT Hoàng Diệu'.toLocaleUpperCase('vi'), 'the unit');
  t.match(text, /Sóc Trăng, ngày/, 'the place');
  t.match(text, 'Đăng tải 04 tin, bài trên chuyên mục CCHC.', 'the narrative, Vietnamese intact');
});

t.test('Word: a submitted report is named after its number, in ASCII and in UTF-8', async (t) => {
  const res = await get(dept.id, DOCX);
  t.equal(res.statusCode, 200);
  t.equal(res.headers['content-disposition'], `attachment; filename="01-BC-SGDDT.docx"; filename*=UTF-8''01-BC-SGDDT.docx`);
  t.match(await documentText(res.rawPayload), /01\/BC-SGDĐT/, 'the number in the document');
});

t.test('Excel: the same report as a workbook', async (t) => {
  const res = await get(dept.id, XLSX);
  t.equal(res.statusCode, 200);
  t.equal(res.headers['content-type'], XLSX);
  t.equal(res.headers['content-disposition'], `attachment; filename="01-BC-SGDDT.xlsx"; filename*=UTF-8''01-BC-SGDDT.xlsx`);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  t.ok(book.worksheets.length >= 1, `${book.worksheets.length} sheets`);
  const draftBook = await get(draft.id, XLSX);
  t.equal(draftBook.headers['content-disposition'], `attachment; filename="bao-cao-${draft.id}.xlsx"; filename*=UTF-8''bao-cao-${draft.id}.xlsx`);
});

t.test('JSON unless Accept prefers a document; a 406 when it names none of the three', async (t) => {
  for (const accept of [undefined, 'application/json', '*/*', 'application/*', 'text/html, */*;q=0.1', `${DOCX};q=0.5, application/json`, 'application/json; charset=utf-8']) {
    const res = await get(dept.id, accept);
    t.equal(res.statusCode, 200, `${accept}`);
    t.match(res.headers['content-type'], /^application\/json/, `${accept}: JSON`);
    t.equal(res.headers.etag, '"2"', `${accept}: its ETag`);
  }
  t.equal((await get(dept.id, `application/json;q=0.2, ${XLSX}`)).headers['content-type'], XLSX, 'the workbook preferred');
  t.equal((await get(dept.id, `${DOCX}, ${XLSX}`)).headers['content-type'], DOCX, 'a tie: the first the operation offers');
  for (const accept of ['text/csv', 'application/pdf', 'application/json;q=0', 'image/*']) {
    const problem = assertProblem(t, await get(dept.id, accept), 406, accept);
    t.match(problem.detail, /names no media type this operation answers in/);
  }
  const reader = await ctx.keyFor('reader');
  assertProblem(t, await get(draft.id, DOCX, reader), 404, 'a reader gets no draft’s document');
  assertProblem(t, await get('00000000-0000-4000-8000-000000000000', XLSX), 404);
});

t.test('preferredMediaType: quality, specificity, order', async (t) => {
  const offered = ['application/json', DOCX, XLSX] as const;
  t.equal(preferredMediaType(undefined, offered), 'application/json');
  t.equal(preferredMediaType('  ', offered), 'application/json');
  t.equal(preferredMediaType(`${DOCX}`, offered), DOCX);
  t.equal(preferredMediaType(`*/*;q=0.5, ${XLSX}`, offered), XLSX);
  t.equal(preferredMediaType(`application/*;q=0.5, ${DOCX};q=0`, offered), 'application/json', 'q=0 refuses the type its more specific range names');
  t.equal(preferredMediaType(`APPLICATION/VND.OPENXMLFORMATS-OFFICEDOCUMENT.SPREADSHEETML.SHEET`, offered), XLSX, 'case does not matter');
  t.equal(preferredMediaType('text/csv, garbage, ;q=1', offered), null);
  t.equal(preferredMediaType('application/json;q=abc', offered), null, 'a quality that is no number');
});
