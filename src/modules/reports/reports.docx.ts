// A report as the Word document people sign and file, laid out as Nghị định 30/2020/NĐ-CP
// (appendix I) lays out an administrative report: the issuer and the national motto side by side,
// number and place-and-date on one line under them, the title, the figures (part I, see
// reports.docx-figures.ts), the narrative, then recipients and signer side by side.
import { AlignmentType, Document, Packer, Paragraph, type Table } from 'docx';
import { figuresSection } from './reports.docx-figures.js';
import { body, CONTENT_WIDTH, centred, FONT, heading, layoutCell, layoutTable, mm, PAGE, pt, rule, run } from './reports.docx-parts.js';
import { periodTitle, vietnamWallClock } from './reports.labels.js';
import type { Report } from './reports.schemas.js';

export interface DocumentHeader {
  /** The parent authority, top left above the issuer (SỞ GD&ĐT SÓC TRĂNG); null when there is none. */
  authority: string | null;
  /** The issuing unit's name (TRƯỜNG THPT HOÀNG DIỆU). */
  issuer: string;
  /** The place before the date (Sóc Trăng). */
  place: string;
  /** The issuer's abbreviation (THPTHD), for a draft's number: `Số:      /BC-THPTHD`; the number itself once submitted. */
  abbreviation?: string | null;
}

// The left block is as wide as leaves the national name's 12 pt line (about 90 mm) room on the right.
const LEFT = mm(70);
const RIGHT = CONTENT_WIDTH - LEFT;
const MOTTO = 'Độc lập - Tự do - Hạnh phúc';
/** How wide the motto prints in 13 pt bold Times New Roman: its rule is as long as the line. */
const MOTTO_WIDTH = mm(56);

/** A rough printed width of an upper-case bold line (twips), for a rule a third to half its length. */
function upperWidth(text: string, points: number): number {
  return Math.min(LEFT, text.length * points * 0.68 * 20);
}

/** Days below 10 and the months 1 and 2 take a leading zero (the decree, so that no one can add a digit). */
function dateLine(place: string, year: number, submittedAt: string | null): string {
  if (!submittedAt) return `${place}, ngày ... tháng ... năm ${year}`;
  const date = vietnamWallClock(submittedAt);
  const day = date.getUTCDate();
  const month = date.getUTCMonth() + 1;
  return `${place}, ngày ${String(day).padStart(2, '0')} tháng ${month < 3 ? `0${month}` : month} năm ${date.getUTCFullYear()}`;
}

function numberLine(report: Report, header: DocumentHeader): string {
  if (report.number) return `Số: ${report.number}`;
  // A draft has no number yet: the space is left for the clerk to write it in by hand.
  return `Số:${'\u00a0'.repeat(10)}/BC${header.abbreviation ? `-${header.abbreviation}` : ''}`;
}

function documentHeader(report: Report, header: DocumentHeader): Table {
  const issuer = header.issuer.toLocaleUpperCase('vi');
  const left = [
    ...(header.authority ? [centred(header.authority.toLocaleUpperCase('vi'), { size: pt(13) })] : []),
    centred(issuer, { size: pt(13), bold: true }),
    rule(Math.round(upperWidth(issuer, 13) * 0.4), LEFT),
  ];
  const right = [
    centred('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', { size: pt(12), bold: true }),
    centred(MOTTO, { size: pt(13), bold: true }),
    rule(MOTTO_WIDTH, RIGHT),
  ];
  const spaced = (p: Paragraph[]) => [...p, centred('')];
  return layoutTable(
    [LEFT, RIGHT],
    [
      [layoutCell(LEFT, spaced(left)), layoutCell(RIGHT, spaced(right))],
      [
        layoutCell(LEFT, [centred(numberLine(report, header), { size: pt(13) })]),
        layoutCell(RIGHT, [centred(dateLine(header.place, report.year, report.submittedAt), { size: pt(14), italics: true })]),
      ],
    ],
  );
}

function title(report: Report): Paragraph[] {
  return [
    new Paragraph({ spacing: { before: 360, after: 0 }, children: [] }),
    centred('BÁO CÁO', { size: pt(14), bold: true }),
    // Broken before the period, so that the second line is not a lone "2021".
    new Paragraph({
      alignment: AlignmentType.CENTER,
      children: [
        run('Kết quả thực hiện công tác tuyên truyền cải cách hành chính', { size: pt(14), bold: true }),
        run(periodTitle(report.kind, report.year), { size: pt(14), bold: true, break: 1 }),
      ],
    }),
    rule(mm(50), CONTENT_WIDTH),
    new Paragraph({ spacing: { before: 0, after: 240 }, children: [] }),
  ];
}

/** Narrative text as paragraphs: a blank line separates them; a missing section says "Không có.". */
function paragraphs(text: string | null): Paragraph[] {
  const parts = (text ?? '').split(/\r?\n\s*\r?\n/).map((p) => p.replace(/\s*\r?\n\s*/g, ' ').trim()).filter((p) => p.length > 0);
  return (parts.length > 0 ? parts : ['Không có.']).map((p) => body(p));
}

function narrative(report: Report): Paragraph[] {
  const n = report.narrative;
  return [
    heading('II. KẾT QUẢ ĐẠT ĐƯỢC'),
    ...paragraphs(n.results),
    heading('III. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN'),
    heading('1. Tồn tại, hạn chế'),
    ...paragraphs(n.shortcomings),
    heading('2. Nguyên nhân'),
    ...paragraphs(n.causes),
    heading('IV. KHÓ KHĂN, VƯỚNG MẮC'),
    ...paragraphs(n.difficulties),
    heading('V. ĐỀ XUẤT, KIẾN NGHỊ'),
    ...paragraphs(n.proposals),
    heading('VI. NHIỆM VỤ KỲ TỚI'),
    ...paragraphs(n.nextPeriodTasks),
  ];
}

/** Recipients bottom left, the signer bottom right with room for the signature and seal. */
function signature(report: Report): Table {
  const leftWidth = mm(75);
  const rightWidth = CONTENT_WIDTH - leftWidth;
  const line = (text: string, size: number, style = {}) => new Paragraph({ spacing: { before: 0, after: 0 }, children: [run(text, { size: pt(size), ...style })] });
  const recipients = [line('Nơi nhận:', 12, { bold: true, italics: true }), ...report.recipients.map((r) => line(`- ${r}`, 11))];
  const signer = report.signer
    ? [
        // KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC: a title of several lines keeps its lines.
        ...report.signer.title.split(/\r?\n/).map((l) => centred(l.trim().toLocaleUpperCase('vi'), { size: pt(14), bold: true })),
        ...Array.from({ length: 5 }, () => centred('', { size: pt(14) })),
        centred(report.signer.name, { size: pt(14), bold: true }),
      ]
    : [centred('')];
  return layoutTable([leftWidth, rightWidth], [[layoutCell(leftWidth, recipients), layoutCell(rightWidth, signer)]]);
}

export async function reportToDocx(report: Report, header: DocumentHeader): Promise<Buffer> {
  const doc = new Document({
    creator: header.issuer.normalize('NFC'),
    title: `Báo cáo ${periodTitle(report.kind, report.year)}`.normalize('NFC'),
    styles: { default: { document: { run: { font: FONT, size: pt(14) } } } },
    sections: [
      {
        properties: {
          page: {
            size: { width: mm(PAGE.width), height: mm(PAGE.height) },
            margin: {
              top: mm(PAGE.top),
              bottom: mm(PAGE.bottom),
              left: mm(PAGE.left),
              right: mm(PAGE.right),
            },
          },
        },
        children: [
          documentHeader(report, header),
          ...title(report),
          ...figuresSection(report.figures),
          ...narrative(report),
          new Paragraph({ spacing: { before: 0, after: 240 }, children: [] }),
          signature(report),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}
