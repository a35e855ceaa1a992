// The report as a Word document (issue 9, item 4): opened back up (word/document.xml), it has the
// decree's header, number, place and date, title, figures, narrative, recipients and signer, in
// Times New Roman on A4 with the decree's margins, and its Vietnamese text intact.
import JSZip from 'jszip';
import t from 'tap';
import { type DocumentHeader, reportToDocx } from '../../../src/modules/reports/reports.docx.js';
import type { Report } from '../../../src/modules/reports/reports.schemas.js';
import { departmentReport, draftReport, report } from './report-fixture.js';

const SCHOOL: DocumentHeader = { authority: 'Sở Giáo dục và Đào tạo Sóc Trăng', issuer: 'Trường THPT Hoàng Diệu', place: 'Sóc Trăng', abbreviation: 'THPTHD' };

interface Opened {
  xml: string;
  styles: string;
  /** Each paragraph's text, in document order (table cells' paragraphs included). */
  paragraphs: string[];
}

const unescape = (text: string) => text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');

async function open(r: Report, header: DocumentHeader = SCHOOL): Promise<Opened> {
  const zip = await JSZip.loadAsync(await reportToDocx(r, header));
  const xml = await zip.file('word/document.xml')!.async('string');
  const styles = await zip.file('word/styles.xml')!.async('string');
  const paragraphs = [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((p) =>
    [...p[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>|<w:br\/>/g)].map((m) => (m[1] === undefined ? '\n' : unescape(m[1]))).join(''),
  );
  return { xml, styles, paragraphs: paragraphs.filter((p) => p.length > 0) };
}

/** The run properties of the run holding exactly `text`. */
function runProps(xml: string, text: string): string {
  const match = new RegExp(`<w:r>(<w:rPr>(?:(?!</w:rPr>).)*</w:rPr>)?<w:t[^>]*>${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}</w:t></w:r>`).exec(xml);
  if (!match) throw new Error(`no run "${text}"`);
  return match[1] ?? '';
}

const after = (paragraphs: string[], text: string) => paragraphs[paragraphs.indexOf(text) + 1];

t.test('a submitted report: header, number, place and date, title', async (t) => {
  const { xml, paragraphs } = await open(report());
  t.same(paragraphs.slice(0, 7), [
    'SỞ GIÁO DỤC VÀ ĐÀO TẠO SÓC TRĂNG',
    'TRƯỜNG THPT HOÀNG DIỆU',
    'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
    'Độc lập - Tự do - Hạnh phúc',
    'Số: 12/BC-THPTHD',
    'Sóc Trăng, ngày 14 tháng 6 năm 2021',
    'BÁO CÁO',
  ], 'left block, right block, then number and date on one row');
  t.equal(paragraphs[7], 'Kết quả thực hiện công tác tuyên truyền cải cách hành chính\n6 tháng đầu năm 2021');
  t.notMatch(runProps(xml, 'SỞ GIÁO DỤC VÀ ĐÀO TẠO SÓC TRĂNG'), /<w:b\/>/, 'the authority is not bold');
  t.match(runProps(xml, 'TRƯỜNG THPT HOÀNG DIỆU'), /<w:b\/>/, 'the issuer is bold');
  t.match(runProps(xml, 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM'), /<w:b\/>/);
  t.match(runProps(xml, 'Độc lập - Tự do - Hạnh phúc'), /<w:b\/>/);
  t.match(runProps(xml, 'Sóc Trăng, ngày 14 tháng 6 năm 2021'), /<w:i\/>/, 'place and date in italics');
  t.match(runProps(xml, 'BÁO CÁO'), /<w:b\/>.*<w:sz w:val="28"\/>/);
  t.equal((xml.match(/<w:pBdr><w:bottom w:val="single"/g) ?? []).length, 3, 'rules under the issuer, the motto and the title');
  t.match(xml.slice(0, xml.indexOf('BÁO CÁO')), /<w:tblBorders><w:top w:val="none"/, 'the header table has no borders');
});

t.test('the date is the submission day in Vietnam, with the decree’s leading zeros', async (t) => {
  const date = async (submittedAt: string) => (await open(report({ submittedAt }))).paragraphs[5];
  t.equal(await date('2021-06-13T18:00:00.000Z'), 'Sóc Trăng, ngày 14 tháng 6 năm 2021', '01:00 on the 14th in Vietnam');
  t.equal(await date('2021-02-04T03:00:00.000Z'), 'Sóc Trăng, ngày 04 tháng 02 năm 2021', 'days below 10 and months 1–2 padded');
  t.equal(await date('2021-12-09T03:00:00.000Z'), 'Sóc Trăng, ngày 09 tháng 12 năm 2021');
});

t.test('a draft: space for the number, dots for the date, nothing written yet', async (t) => {
  const { paragraphs } = await open(draftReport());
  t.equal(paragraphs[4], `Số:${'\u00a0'.repeat(10)}/BC-THPTHD`);
  t.equal(paragraphs[5], 'Sóc Trăng, ngày ... tháng ... năm 2021');
  t.equal(paragraphs.filter((p) => p === 'Không có.').length, 6, 'each narrative section says so');
  t.equal(paragraphs.at(-1), 'Nơi nhận:', 'no recipients and nobody signing');
  const noAbbreviation = await open(draftReport(), { ...SCHOOL, abbreviation: null });
  t.equal(noAbbreviation.paragraphs[4], `Số:${'\u00a0'.repeat(10)}/BC`);
});

t.test('figures as sentences and tables', async (t) => {
  const { paragraphs } = await open(report());
  const has = (text: string) => t.ok(paragraphs.includes(text), text);
  has('I. SỐ LIỆU THỰC HIỆN');
  has('Tính đến ngày 14/06/2021, đơn vị được giao 9 nhiệm vụ theo Kế hoạch số 01/KH-SGDĐT của Sở: hoàn thành 3, đang thực hiện 3, chưa bắt đầu 2, hủy 1; trong đó 2 nhiệm vụ quá hạn.');
  t.same(paragraphs.slice(paragraphs.indexOf('Tình trạng'), paragraphs.indexOf('Tình trạng') + 6), ['Tình trạng', 'Số nhiệm vụ', 'Đúng hạn', '2', 'Trễ hạn', '1']);
  t.same(paragraphs.slice(paragraphs.indexOf('Tuyên truyền Kế hoạch CCHC trên bảng tin nhà trường') - 1).slice(0, 4), ['3', 'Tuyên truyền Kế hoạch CCHC trên bảng tin nhà trường', '31/03/2021', 'Chủ trì']);
  has('Trong kỳ báo cáo, đơn vị đã thực hiện 17 hoạt động tuyên truyền cải cách hành chính, trong đó 11 hoạt động thực hiện nhiệm vụ của kế hoạch.');
  const forms: Array<[string, string]> = [['Tin, bài đăng trên website', '6'], ['Video clip', '3'], ['Hội nghị, cuộc họp', '4'], ['Niêm yết TTHC', '1'], ['Đường dây nóng', '3']];
  for (const [form, count] of forms) {
    t.equal(after(paragraphs, form), count, form);
  }
  t.equal(after(paragraphs, 'Tháng 12/2020'), '1');
  t.equal(after(paragraphs, 'Tháng 3/2021'), '5');
  has('Đơn vị đạt yêu cầu 1/1 kỳ đã đến hạn.');
  t.same(paragraphs.slice(paragraphs.indexOf('01/01/2021 – 31/03/2021'), paragraphs.indexOf('01/01/2021 – 31/03/2021') + 4), ['01/01/2021 – 31/03/2021', '3', '4', 'Đạt']);
  has('Đơn vị đã ban hành Kế hoạch số 05/KH-THPTHD ngày 10/03/2021.');
  t.notOk(paragraphs.includes('6. Tổng hợp báo cáo của các đơn vị'), 'a school’s report has no roll-up');

  const none = await open(report({ figures: { ...report().figures, ownPlan: null, tasks: { ...report().figures.tasks, overdue: [] } } }));
  t.ok(none.paragraphs.includes('Không có nhiệm vụ quá hạn.'));
  t.ok(none.paragraphs.includes('Đơn vị chưa ban hành kế hoạch tuyên truyền cải cách hành chính của đơn vị.'));
});

t.test('citizens’ questions: a sentence and a table, after the own plan and before the narrative', async (t) => {
  const { paragraphs } = await open(report());
  const from = paragraphs.indexOf('5. Tiếp nhận, trả lời câu hỏi, kiến nghị của người dân');
  t.ok(from > paragraphs.indexOf('4. Kế hoạch tuyên truyền của đơn vị'), 'after the own plan');
  t.same(paragraphs.slice(from, paragraphs.indexOf('II. KẾT QUẢ ĐẠT ĐƯỢC')), [
    '5. Tiếp nhận, trả lời câu hỏi, kiến nghị của người dân',
    'Trong kỳ báo cáo, đơn vị tiếp nhận 19 câu hỏi, kiến nghị của người dân; đã trả lời 18 câu hỏi, trong đó 16 câu hỏi đúng hạn; 11 câu hỏi quá hạn chưa trả lời; 15 câu hỏi đã được công khai.',
    'Chỉ tiêu', 'Số liệu',
    'Tiếp nhận', '19',
    'Đã trả lời', '18',
    'Trả lời đúng hạn', '16',
    'Quá hạn chưa trả lời', '11',
    'Đã công khai', '15',
    'Thời gian trả lời (ngày làm việc): trung vị', '12,5',
    'Thời gian trả lời (ngày làm việc): 90% số câu hỏi không quá', '14,8',
  ]);

  const base = report().figures;
  const unanswered = await open(report({ figures: { ...base, questions: { ...base.questions, answered: 0, answeredOnTime: 0, responseDays: { median: null, p90: null } } } }));
  t.equal(after(unanswered.paragraphs, 'Thời gian trả lời (ngày làm việc): trung vị'), '–', 'no answer, no response time');
  t.equal(after(unanswered.paragraphs, 'Thời gian trả lời (ngày làm việc): 90% số câu hỏi không quá'), '–');
});

t.test('the narrative: its sections in order, paragraphs split on blank lines, "Không có." for an empty one', async (t) => {
  const { paragraphs } = await open(report());
  const from = paragraphs.indexOf('II. KẾT QUẢ ĐẠT ĐƯỢC');
  t.same(paragraphs.slice(from, paragraphs.indexOf('Nơi nhận:')), [
    'II. KẾT QUẢ ĐẠT ĐƯỢC',
    'Đơn vị đã đăng tải 04 tin, bài trên chuyên mục CCHC.',
    'Tổ chức 02 cuộc họp lồng ghép tuyên truyền CCHC cho cán bộ, giáo viên.',
    'III. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN',
    '1. Tồn tại, hạn chế',
    'Một số tin, bài đăng chưa kịp thời.',
    '2. Nguyên nhân',
    'Không có.',
    'IV. KHÓ KHĂN, VƯỚNG MẮC',
    'Thiếu nhân sự phụ trách website.',
    'V. ĐỀ XUẤT, KIẾN NGHỊ',
    'Đề nghị Sở tổ chức tập huấn viết tin, bài.',
    'VI. NHIỆM VỤ KỲ TỚI',
    'Tiếp tục đăng tin, bài hằng tháng.',
    'Tổ chức Hội thi tìm hiểu CCHC.',
  ]);
});

t.test('recipients bottom left, the signer bottom right', async (t) => {
  const { xml, paragraphs } = await open(report());
  const from = paragraphs.indexOf('Nơi nhận:');
  t.same(paragraphs.slice(from), ['Nơi nhận:', '- Sở GDĐT (để báo cáo);', '- Lưu: VT.', 'HIỆU TRƯỞNG', 'Nguyễn Văn Ánh']);
  t.match(runProps(xml, 'Nơi nhận:'), /<w:b\/>.*<w:i\/>.*<w:sz w:val="24"\/>/, 'bold italic 12 pt');
  t.match(runProps(xml, '- Lưu: VT.'), /<w:sz w:val="22"\/>/, '11 pt');
  t.match(runProps(xml, 'HIỆU TRƯỞNG'), /<w:b\/>/);
  t.match(runProps(xml, 'Nguyễn Văn Ánh'), /<w:b\/>/);
  const signature = xml.slice(xml.indexOf('HIỆU TRƯỞNG'), xml.indexOf('Nguyễn Văn Ánh'));
  t.ok((signature.match(/<w:p>/g) ?? []).length >= 4, 'room to sign between title and name');
});

t.test('the Department’s annual report: its roll-up, a two-line title for the signer, no authority', async (t) => {
  const { paragraphs } = await open(departmentReport(), { authority: null, issuer: 'Sở Giáo dục và Đào tạo', place: 'Sóc Trăng' });
  t.same(paragraphs.slice(0, 5), ['SỞ GIÁO DỤC VÀ ĐÀO TẠO', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', 'Số: 03/BC-SGDĐT', 'Sóc Trăng, ngày 05 tháng 12 năm 2021']);
  t.equal(paragraphs[6], 'Kết quả thực hiện công tác tuyên truyền cải cách hành chính\nnăm 2021');
  const questions = paragraphs.indexOf('5. Tiếp nhận, trả lời câu hỏi, kiến nghị của người dân');
  t.ok(questions > 0 && questions < paragraphs.indexOf('6. Tổng hợp báo cáo của các đơn vị'), 'the questions, then the roll-up');
  t.equal(after(paragraphs, 'Tiếp nhận'), '19', 'the Department’s own questions');
  t.ok(paragraphs.includes('Có 2/3 đơn vị đã gửi báo cáo, trong đó 1 đơn vị gửi trễ hạn; 1 đơn vị đã ban hành kế hoạch của đơn vị.'));
  const row = paragraphs.indexOf('Trường THPT Lê Văn Tám');
  t.same(paragraphs.slice(row - 1, row + 8), ['2', 'Trường THPT Lê Văn Tám', 'Đã gửi (muộn)', '23/06/2021', '3', '2', '11', '1/2', 'Không'], 'submitted 00:30 on 23 June in Vietnam');
  t.same(paragraphs.slice(paragraphs.indexOf('Tổng cộng', row), paragraphs.indexOf('Tổng cộng', row) + 6), ['Tổng cộng', '2/3 đã gửi', '8', '7', '11', '1/3'], 'the totals row (empty cells have no text)');
  t.equal(
    paragraphs[paragraphs.indexOf('Tổng cộng', row) + 6],
    'Câu hỏi, kiến nghị của người dân gửi đến Sở và các đơn vị: tiếp nhận 29, đã trả lời 28 (đúng hạn 26), quá hạn chưa trả lời 21, đã công khai 25; ' +
      'thời gian trả lời (ngày làm việc): trung vị 22,5; 90% số câu hỏi không quá 24,8.',
    'the roll-up’s questions under its table',
  );
  t.ok(paragraphs.includes('Đơn vị chưa gửi báo cáo: Trường THPT Năng khiếu.'));
  t.ok(paragraphs.includes('Đơn vị gửi báo cáo trễ hạn: Trường THPT Lê Văn Tám.'));
  t.ok(paragraphs.includes('Đơn vị chưa đạt yêu cầu đăng tin, bài: Trường THPT Lê Văn Tám (Quý II/2021); Trường THPT Năng khiếu (Quý I/2021, Quý II/2021).'));
  t.same(paragraphs.slice(-3), ['KT. GIÁM ĐỐC', 'PHÓ GIÁM ĐỐC', 'Trần Thị Bình']);
});

t.test('Vietnamese text comes out composed (NFC), whatever form it came in', async (t) => {
  const nfd = (s: string) => s.normalize('NFD');
  const r = report({ narrative: { ...report().narrative, results: nfd('Đơn vị đã đăng tải tin, bài.') }, signer: { title: nfd('Hiệu trưởng'), name: nfd('Nguyễn Văn Ánh') } });
  const { xml, paragraphs } = await open(r, { ...SCHOOL, issuer: nfd('Trường THPT Hoàng Diệu'), place: nfd('Sóc Trăng') });
  t.ok(paragraphs.includes('Đơn vị đã đăng tải tin, bài.'));
  t.ok(paragraphs.includes('TRƯỜNG THPT HOÀNG DIỆU'));
  t.ok(paragraphs.includes('Nguyễn Văn Ánh'));
  t.equal(xml, xml.normalize('NFC'), 'no decomposed text anywhere');
  t.notMatch(xml, /\p{M}/u, 'no loose combining marks');
});

t.test('A4, the decree’s margins, Times New Roman 14 pt', async (t) => {
  const { xml, styles } = await open(report());
  const twips = (name: string, attr: string) => Number(new RegExp(`<w:${name} [^>]*w:${attr}="(\\d+)"`).exec(xml)![1]);
  const mm = (value: number) => (value * 25.4) / 1440;
  t.equal(twips('pgSz', 'w'), 11906, 'A4 width as Word writes it');
  t.equal(twips('pgSz', 'h'), 16838, 'A4 height');
  const within = (value: number, [min, max]: [number, number], side: string) => t.ok(value >= min - 0.1 && value <= max + 0.1, `${side}: ${value.toFixed(1)} mm`);
  within(mm(twips('pgMar', 'top')), [20, 25], 'top');
  within(mm(twips('pgMar', 'bottom')), [20, 25], 'bottom');
  within(mm(twips('pgMar', 'left')), [30, 35], 'left');
  within(mm(twips('pgMar', 'right')), [15, 20], 'right');
  t.match(styles, /<w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:cs="Times New Roman" w:eastAsia="Times New Roman" w:hAnsi="Times New Roman"\/><w:sz w:val="28"\/>/);
  t.notMatch(xml, /<w:rFonts/, 'no run asks for another font');
  // Runs only: the rules are empty paragraphs whose mark is 1 pt, to keep them hairline-thin.
  const runs = xml.replace(/<w:pPr>[\s\S]*?<\/w:pPr>/g, '');
  const sizes = new Set([...runs.matchAll(/<w:sz w:val="(\d+)"\/>/g)].map((m) => Number(m[1]) / 2));
  t.ok([...sizes].every((s) => s >= 11 && s <= 14), `font sizes ${[...sizes].join(', ')} pt`);
});
