// The appendix as CSV, both ways: UTF-8 with a BOM (so Excel shows Vietnamese right), one task per
// row, units by code and groups by name (`TCCB;CNTT`, `affiliated`); or, for people, in Vietnamese
// (tasks.labels.ts). Importing checks every row and reports each problem by line and column;
// nothing is stored unless every row is good.
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { NOT_A_PERIOD, periodRange } from '../../domain/periods.js';
import { asCellText, fromCellText } from '../../domain/spreadsheet.js';
import { type InputProblem, InvalidInput, RuleViolation, Unreadable } from '../../domain/errors.js';
import { UNIT_GROUPS, type UnitGroup } from '../units/units.table.js';
import { COLUMNS_VI, FORMS_VI, GROUPS_VI, PROGRESS_VI, spreadsheetText, TIMELINESS_VI } from './tasks.labels.js';
import type { Assignee, CsvLabels, Task, TaskCreate } from './tasks.schemas.js';
import { FORMS, type Form } from './tasks.table.js';

export const CSV_COLUMNS = [
  'ordinal', 'content', 'forms', 'formNote', 'lead', 'coordinators', 'duePeriod', 'targetCount', 'targetUnit', 'note', 'progressNote', 'progress', 'completedOn', 'timeliness',
] as const;
type Column = (typeof CSV_COLUMNS)[number];
const REQUIRED = ['content', 'forms', 'lead', 'duePeriod'];
// The same bounds as a JSON appendix (PlanCreate.tasks, TaskCreate.assignees).
const MAX_ROWS = 500;
const MAX_ASSIGNEES = 50;
// Written on export for people to read; an import into a draft starts every task afresh.
const EXPORT_ONLY = new Set(['ordinal', 'progressNote', 'progress', 'completedOn', 'timeliness']);


/** How each kind of value is written: as the API writes it (and import reads it), or in Vietnamese for people. */
interface Writing {
  header: (column: Column) => string;
  assignee: (a: Task['assignees'][number]) => string;
  form: (form: Form) => string;
  period: (period: string) => string;
  progress: (progress: Task['progress']) => string;
  timeliness: (timeliness: NonNullable<Task['timeliness']>) => string;
  separator: string;
}

const WRITINGS: Record<CsvLabels, Writing> = {
  en: {
    header: (column) => column,
    assignee: (a) => a.group ?? a.code ?? a.unitId!,
    form: (form) => form,
    period: (period) => period,
    progress: (progress) => progress,
    timeliness: (timeliness) => timeliness,
    separator: ';',
  },
  vi: {
    header: (column) => COLUMNS_VI[column],
    assignee: (a) => (a.group ? GROUPS_VI[a.group] : asCellText(a.name ?? a.unitId!)),
    form: (form) => FORMS_VI[form],
    period: spreadsheetText,
    progress: (progress) => PROGRESS_VI[progress],
    timeliness: (timeliness) => TIMELINESS_VI[timeliness],
    separator: '; ',
  },
};

export function tasksToCsv(tasks: Task[], labels: CsvLabels = 'en'): string {
  const w = WRITINGS[labels];
  const assignees = (t: Task, role: Assignee['role']) => t.assignees.filter((a) => a.role === role).map(w.assignee).join(w.separator);
  const rows = tasks.map((t) => [
    t.ordinal, asCellText(t.content), t.forms.map(w.form).join(w.separator), asCellText(t.formNote ?? ''), assignees(t, 'lead'), assignees(t, 'coordinator'),
    w.period(t.duePeriod), t.target?.count ?? '', asCellText(t.target?.unit ?? ''), asCellText(t.note ?? ''), asCellText(t.progressNote ?? ''), w.progress(t.progress), t.completedOn ?? '',
    t.timeliness ? w.timeliness(t.timeliness) : '',
  ]);
  return '\uFEFF' + stringify([CSV_COLUMNS.map(w.header), ...rows], { record_delimiter: '\r\n', quoted_match: /[\r\n]/ });
}

function readRecords(text: string): Array<{ record: string[]; line: number }> {
  try {
    return (parse(text, { bom: true, skip_empty_lines: true, trim: true, relax_quotes: true, info: true }) as unknown as Array<{ record: string[]; info: { lines: number } }>).map(
      ({ record, info }) => ({ record, line: info.lines }),
    );
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    throw new Unreadable(`The CSV cannot be read${line ? ` near line ${line}` : ''}: check its quotes and that every row has as many cells as the header.`);
  }
}

const split = (value: string | undefined) => (value ?? '').split(';').map((s) => s.trim()).filter(Boolean);

/** Tasks from CSV text; `unitIdsByCode` looks up the unit codes its lead and coordinators name. */
export async function csvToTasks(text: string, unitIdsByCode: (codes: string[]) => Promise<Map<string, string>>): Promise<TaskCreate[]> {
  const [header, ...rows] = readRecords(text);
  if (!header || rows.length === 0) throw new Unreadable('The CSV needs a header row and at least one task row.');
  if (rows.length > MAX_ROWS) throw new RuleViolation(`The CSV has ${rows.length} task rows; one upload takes at most ${MAX_ROWS}.`);
  const errors: InputProblem[] = [];
  const at = (line: number, column: string, message: string) => errors.push({ line, column, message });
  const columns = header.record;
  const vietnamese = new Set<string>(Object.values(COLUMNS_VI));
  for (const name of columns) {
    if ((CSV_COLUMNS as readonly string[]).includes(name)) continue;
    if (vietnamese.has(name)) at(header.line, name, 'is a column of the Vietnamese export (labels=vi), which is for people to read: import the appendix as exported without labels');
    else at(header.line, name, `is not a column of the appendix (${CSV_COLUMNS.join(', ')})`);
  }
  for (const name of REQUIRED) if (!columns.includes(name)) at(header.line, name, 'is a required column');
  if (errors.length) throw new InvalidInput(errors, true);

  const unitColumns = ['lead', 'coordinators'].map((name) => columns.indexOf(name)).filter((i) => i >= 0);
  for (const { record, line } of rows) {
    const named = unitColumns.reduce((n, i) => n + split(record[i]).length, 0);
    if (named > MAX_ASSIGNEES) at(line, 'lead', `with coordinators names ${named} units or groups; a task takes at most ${MAX_ASSIGNEES}`);
  }
  if (errors.length) throw new InvalidInput(errors);
  const unitIds = await unitIdsByCode(rows.flatMap(({ record }) => unitColumns.flatMap((i) => split(record[i]))));
  const tasks: TaskCreate[] = [];
  for (const { record, line } of rows) {
    const cell = (name: string) => {
      const i = columns.indexOf(name);
      return i < 0 || EXPORT_ONLY.has(name) ? '' : fromCellText((record[i] ?? '').normalize('NFC'));
    };
    const list = (name: string) => split(cell(name));
    const assignees = (name: string, role: Assignee['role']): Assignee[] =>
      list(name).flatMap((token): Assignee[] => {
        if ((UNIT_GROUPS as readonly string[]).includes(token)) return [{ role, group: token as UnitGroup }];
        const unitId = unitIds.get(token);
        if (!unitId) at(line, name, `${token} is neither a unit code nor a group (${UNIT_GROUPS.join(', ')})`);
        return unitId ? [{ role, unitId }] : [];
      });

    const content = cell('content');
    if (!content) at(line, 'content', 'is required');
    if (content.length > 4000) at(line, 'content', 'is longer than 4000 characters');
    const forms = list('forms');
    if (forms.length === 0) at(line, 'forms', `is required: one or more of ${FORMS.join(', ')}, separated by ;`);
    for (const form of forms) if (!(FORMS as readonly string[]).includes(form)) at(line, 'forms', `${form} is not one of ${FORMS.join(', ')}`);
    const duePeriod = cell('duePeriod');
    if (!periodRange(duePeriod)) at(line, 'duePeriod', NOT_A_PERIOD);
    const lead = assignees('lead', 'lead');
    if (list('lead').length === 0) at(line, 'lead', 'is required: a unit code or a group');
    const coordinators = assignees('coordinators', 'coordinator');
    const [count, unit] = [cell('targetCount'), cell('targetUnit')];
    if (count && (!/^[1-9][0-9]{0,4}$/.test(count) || !unit)) at(line, 'targetCount', 'must be a whole number from 1, with targetUnit saying what it counts');
    if (unit && !count) at(line, 'targetUnit', 'needs a targetCount');

    tasks.push({
      content,
      forms: [...new Set(forms)] as Form[],
      formNote: cell('formNote') || null,
      assignees: [...lead, ...coordinators],
      duePeriod,
      target: count && unit ? { count: Number(count), unit } : null,
      note: cell('note') || null,
    });
  }
  if (errors.length) throw new InvalidInput(errors);
  return tasks;
}
