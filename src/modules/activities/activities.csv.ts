// Activities as CSV for spreadsheets: UTF-8 with a BOM (so Excel shows Vietnamese right), CRLF rows,
// one activity per row, the task as people cite it (its plan's number and its ordinal).
import { stringify } from 'csv-stringify/sync';
import { asCellText } from '../../domain/spreadsheet.js';
import type { Activity } from './activities.schemas.js';

export const CSV_COLUMNS = [
  'id', 'occurredOn', 'unitCode', 'unitName', 'form', 'title', 'summary', 'evidenceUrl', 'planNumber', 'taskOrdinal', 'participants', 'respondents', 'views', 'recordedBy',
] as const;

export const CSV_FILE_NAME = 'activities.csv';

const asText = (value: string | null) => (value === null ? '' : asCellText(value));
const count = (value: number | null) => value ?? '';

export function activitiesToCsv(activities: Activity[]): string {
  const rows = activities.map((a) => [
    a.id, a.occurredOn, a.unitCode, asText(a.unitName), a.form, asText(a.title), asText(a.summary), asText(a.evidenceUrl), asText(a.task?.planNumber ?? null),
    a.task?.ordinal ?? '', count(a.figures.participants), count(a.figures.respondents), count(a.figures.views), asText(a.recordedBy.name),
  ]);
  return '\uFEFF' + stringify([[...CSV_COLUMNS], ...rows], { record_delimiter: '\r\n', quoted_match: /[\r\n]/ });
}
