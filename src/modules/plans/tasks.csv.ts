// The appendix as CSV, both ways: UTF-8 with a BOM (so Excel shows Vietnamese right), one task per
// row, units by code and groups by name (`TCCB;CNTT`, `affiliated`). Importing checks every row
// and reports each problem by line and column; nothing is stored unless every row is good.
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { periodRange } from '../../domain/periods.js';
import { BadRequest, type FieldError, InvalidFields } from '../../http/errors.js';
import { UNIT_GROUPS, type UnitGroup } from '../units/units.schemas.js';
import { type Assignee, FORMS, type Form, type Task, type TaskCreate } from './tasks.schemas.js';

export const CSV_COLUMNS = ['ordinal', 'content', 'forms', 'formNote', 'lead', 'coordinators', 'duePeriod', 'targetCount', 'targetUnit', 'note', 'progress', 'completedOn', 'timeliness'] as const;
const REQUIRED = ['content', 'forms', 'lead', 'duePeriod'];
// The same bounds as a JSON appendix (PlanCreate.tasks, TaskCreate.assignees).
const MAX_ROWS = 500;
const MAX_ASSIGNEES = 50;
// Written on export for people to read; an import into a draft starts every task afresh.
const EXPORT_ONLY = new Set(['ordinal', 'progress', 'completedOn', 'timeliness']);

function assigneeCell(task: Task, role: Assignee['role'], codes: Map<string, string>): string {
  return task.assignees
    .filter((a) => a.role === role)
    .map((a) => a.group ?? codes.get(a.unitId!) ?? a.unitId)
    .join(';');
}

export function tasksToCsv(tasks: Task[], codes: Map<string, string>): string {
  const rows = tasks.map((t) => [
    t.ordinal, t.content, t.forms.join(';'), t.formNote ?? '', assigneeCell(t, 'lead', codes), assigneeCell(t, 'coordinator', codes),
    t.duePeriod, t.target?.count ?? '', t.target?.unit ?? '', t.note ?? '', t.progress, t.completedOn ?? '', t.timeliness,
  ]);
  return '\uFEFF' + stringify([[...CSV_COLUMNS], ...rows], { record_delimiter: '\r\n', quoted_match: /[\r\n]/ });
}

function readRecords(text: string): Array<{ record: string[]; line: number }> {
  try {
    return (parse(text, { bom: true, skip_empty_lines: true, trim: true, relax_quotes: true, info: true }) as unknown as Array<{ record: string[]; info: { lines: number } }>).map(
      ({ record, info }) => ({ record, line: info.lines }),
    );
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    throw new BadRequest(`The CSV cannot be read${line ? ` near line ${line}` : ''}: check its quotes and that every row has as many cells as the header.`);
  }
}

const split = (value: string | undefined) => (value ?? '').split(';').map((s) => s.trim()).filter(Boolean);

/** Tasks from CSV text; `unitIdsByCode` looks up the unit codes its lead and coordinators name. */
export async function csvToTasks(text: string, unitIdsByCode: (codes: string[]) => Promise<Map<string, string>>): Promise<TaskCreate[]> {
  const [header, ...rows] = readRecords(text);
  if (!header || rows.length === 0) throw new BadRequest('The CSV needs a header row and at least one task row.');
  if (rows.length > MAX_ROWS) throw new InvalidFields([{ pointer: '/body', message: `has ${rows.length} task rows; one upload takes at most ${MAX_ROWS}` }]);
  const errors: FieldError[] = [];
  const at = (line: number, column: string, message: string) => errors.push({ pointer: `/body/${line}/${column}`, message: `line ${line}, column ${column}: ${message}` });
  const columns = header.record;
  for (const name of columns) if (!(CSV_COLUMNS as readonly string[]).includes(name)) at(header.line, name, `is not a column of the appendix (${CSV_COLUMNS.join(', ')})`);
  for (const name of REQUIRED) if (!columns.includes(name)) at(header.line, name, 'is a required column');
  if (errors.length) throw new InvalidFields(errors, 400);

  const unitColumns = ['lead', 'coordinators'].map((name) => columns.indexOf(name)).filter((i) => i >= 0);
  for (const { record, line } of rows) {
    const named = unitColumns.reduce((n, i) => n + split(record[i]).length, 0);
    if (named > MAX_ASSIGNEES) at(line, 'lead', `with coordinators names ${named} units or groups; a task takes at most ${MAX_ASSIGNEES}`);
  }
  if (errors.length) throw new InvalidFields(errors);
  const unitIds = await unitIdsByCode(rows.flatMap(({ record }) => unitColumns.flatMap((i) => split(record[i]))));
  const tasks: TaskCreate[] = [];
  for (const { record, line } of rows) {
    const cell = (name: string) => {
      const i = columns.indexOf(name);
      return i < 0 || EXPORT_ONLY.has(name) ? '' : (record[i] ?? '').normalize('NFC');
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
    if (!periodRange(duePeriod)) at(line, 'duePeriod', 'must be a period such as 2021, 2021-H1, 2021-Q2, 2021-03 or 2021-03-01/2021-04-15');
    const lead = assignees('lead', 'lead');
    if (list('lead').length === 0) at(line, 'lead', 'is required: a unit code or a group');
    const coordinators = assignees('coordinators', 'coordinator');
    const [count, unit] = [cell('targetCount'), cell('targetUnit')];
    if (count && (!/^[1-9]\d{0,4}$/.test(count) || !unit)) at(line, 'targetCount', 'must be a whole number from 1, with targetUnit saying what it counts');
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
  if (errors.length) throw new InvalidFields(errors, 422);
  return tasks;
}
