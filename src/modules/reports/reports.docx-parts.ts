// The pieces a report's Word document is built from, in the type Nghị định 30/2020/NĐ-CP
// (appendix I) sets: Times New Roman, body 14 pt justified with a 1 cm first-line indent and 6 pt
// between paragraphs, tables in 12 pt, on A4 with the decree's margins.
import {
  AlignmentType,
  BorderStyle,
  type IRunOptions,
  LineRuleType,
  Paragraph,
  type ParagraphChild,
  Table,
  TableBorders,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
} from 'docx';

export const FONT = 'Times New Roman';
/**
 * Millimetres to twips, rounded: docx's convertMillimetersToTwip truncates, which makes A4
 * 11905 × 16837 where Word writes (and recognises as A4) 11906 × 16838.
 */
export const mm = (millimetres: number): number => Math.round((millimetres * 1440) / 25.4);
/** docx sizes are half-points. */
export const pt = (points: number): number => points * 2;

/** Top and bottom 20 mm, left 30 mm, right 15 mm: the decree's minimums, the most room for text. */
export const PAGE = { width: 210, height: 297, top: 20, bottom: 20, left: 30, right: 15 } as const;
export const CONTENT_WIDTH = mm(PAGE.width - PAGE.left - PAGE.right);

type RunStyle = Omit<IRunOptions, 'text' | 'children'>;
type Align = (typeof AlignmentType)[keyof typeof AlignmentType];

/** A run of text; stored text may come decomposed (NFD), and Word shows its combining marks apart. */
export function run(text: string, style: RunStyle = {}): TextRun {
  return new TextRun({ text: text.normalize('NFC'), ...style });
}

/** One line centred (header blocks, title, signature), spaced tight. */
export function centred(text: string, style: RunStyle = {}): Paragraph {
  return new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: 0, after: 0 }, children: [run(text, style)] });
}

/** A body paragraph: justified, first line indented 1 cm, 6 pt after. */
export function body(children: string | ParagraphChild[]): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.JUSTIFIED,
    indent: { firstLine: mm(10) },
    spacing: { before: 0, after: 120, line: 276, lineRule: LineRuleType.AUTO },
    children: typeof children === 'string' ? [run(children)] : children,
  });
}

/** A heading inside the body (I., 1.): bold, indented like the body, kept with what follows. */
export function heading(text: string): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.JUSTIFIED,
    indent: { firstLine: mm(10) },
    spacing: { before: 120, after: 120 },
    keepNext: true,
    children: [run(text, { bold: true })],
  });
}

/**
 * A short horizontal rule centred in a block of `within` twips: an empty paragraph of hairline
 * height whose bottom border is cut to `width` by its indents, as the decree draws the lines under
 * the issuer's name, the motto and the title.
 */
export function rule(width: number, within: number): Paragraph {
  const side = Math.max(0, Math.round((within - width) / 2));
  return new Paragraph({
    indent: { left: side, right: side },
    spacing: { before: 0, after: 0, line: 40, lineRule: LineRuleType.EXACT },
    border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 1 } },
    run: { size: 2 },
    children: [],
  });
}

/** A cell of a borderless layout table (document header, signature block). */
export function layoutCell(width: number, children: Paragraph[]): TableCell {
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    margins: { left: 0, right: 0, top: 0, bottom: 0 },
    children,
  });
}

/** A borderless table laying blocks side by side at fixed widths (twips). */
export function layoutTable(widths: number[], rows: TableCell[][]): Table {
  return new Table({
    width: { size: widths.reduce((a, b) => a + b, 0), type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    borders: TableBorders.NONE,
    rows: rows.map((cells) => new TableRow({ children: cells, cantSplit: true })),
  });
}

export interface Column {
  header: string;
  /** Millimetres; the columns of a table add up to the text width (165 mm). */
  width: number;
  align?: Align;
}

function dataCell(text: string, width: number, align: Align, bold: boolean, size: number): TableCell {
  return new TableCell({
    width: { size: mm(width), type: WidthType.DXA },
    verticalAlign: VerticalAlignTable.CENTER,
    margins: { left: 80, right: 80, top: 20, bottom: 20 },
    children: [new Paragraph({ alignment: align, spacing: { before: 0, after: 0 }, children: [run(text, { size: pt(size), bold })] })],
  });
}

/**
 * A bordered table of figures: a bold centred header row repeated on each page, numbers centred;
 * `totals` sets the last row in bold, `size` (points, 12 by default) fits a wide table.
 */
export function dataTable(columns: Column[], rows: Array<Array<string | number>>, { totals = false, size = 12 } = {}): Table {
  const header = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: columns.map((c) => dataCell(c.header, c.width, AlignmentType.CENTER, true, size)),
  });
  const lines = rows.map(
    (values, i) =>
      new TableRow({
        cantSplit: true,
        children: columns.map((c, j) =>
          dataCell(String(values[j] ?? ''), c.width, c.align ?? (typeof values[j] === 'number' ? AlignmentType.CENTER : AlignmentType.LEFT), totals && i === rows.length - 1, size),
        ),
      }),
  );
  return new Table({
    width: { size: CONTENT_WIDTH, type: WidthType.DXA },
    columnWidths: columns.map((c) => mm(c.width)),
    layout: TableLayoutType.FIXED,
    rows: [header, ...lines],
  });
}

/** Space after a table, before the next paragraph. */
export function gap(): Paragraph {
  return new Paragraph({ spacing: { before: 0, after: 120 }, children: [] });
}
