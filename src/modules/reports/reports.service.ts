// Reports: a unit's six-month or annual report answers to the Department's plan of its year. A draft
// is written freely by the unit (its figures computed on every read); submitting freezes the figures,
// numbers it in the unit's yearly sequence (BC) and judges it late or not; the Department accepts
// it (read-only from then on) or returns it to draft with a reason. Each write is audited.
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';
import { decodeCursor, type Page, toPage } from '../../db/cursor.js';
import { deleteVersioned, updateVersioned } from '../../db/versioned.js';
import type { Actor } from '../../domain/actor.js';
import { documentSymbol, writtenNumber, writtenNumberOrNull } from '../../domain/document-number.js';
import { Conflict, Forbidden, InvalidInput, notFound, StaleVersion } from '../../domain/errors.js';
import { vietnamToday } from '../../domain/periods.js';
import { isLate, reportWindow } from '../../domain/report-window.js';
import { asciiFileName } from '../../domain/text.js';
import { type Change, recordChange } from '../audit/audit.service.js';
import { findDepartmentPlan, nextDocumentNumberFor, planNamesUnit } from '../plans/plans.service.js';
import { getUnit, unitIdOfCode, unitExists } from '../units/units.service.js';
import { reportToDocx } from './reports.docx.js';
import { computeFigures } from './reports.figures.js';
import { findReport, findReportOf, findReports, insertReport, lockReport, type ReportRecord } from './reports.repository.js';
import { computeRollup, NO_DEPARTMENT_PLAN } from './reports.rollup.js';
import type { Report, ReportCreate, ReportFigures, ReportListQuery, ReportUpdate } from './reports.schemas.js';
import { NARRATIVE_FIELDS, type NarrativeField, type ReportHistoryEntry, type ReportKind, type ReportRowUpdate, type ReportStatus } from './reports.table.js';
import { reportToXlsx } from './reports.xlsx.js';

type Db = Kysely<Database> | Transaction<Database>;

// Which states each action starts from, for the 409 that says so.
const TRANSITIONS = {
  edit: ['draft'],
  delete: ['draft'],
  submit: ['draft'],
  accept: ['submitted'],
  return: ['submitted'],
} as const satisfies Record<string, readonly ReportStatus[]>;

type Action = keyof typeof TRANSITIONS;

const TRANSITION_TEXT: Record<Action, string> = {
  edit: 'A report can be edited',
  delete: 'A report can be deleted',
  submit: 'A report can be submitted',
  accept: 'A report can be accepted',
  return: 'A report can be returned',
};

/** What a draft holds of a submission: nothing (the database's checks hold a draft to it). */
const UNSUBMITTED = { figures: null, submittedAt: null, late: null, numberSequence: null, numberYear: null, symbol: null } as const;

const KIND_TEXT: Record<ReportKind, string> = { six_month: 'six-month', annual: 'annual' };

/** The report as stored, with the figures given (a draft's computed, a submitted one's frozen). */
function toReport<F extends ReportFigures | null>(row: ReportRecord, figures: F): Omit<Report, 'figures'> & { figures: F } {
  return {
    id: row.id,
    unit: { id: row.unitId, code: row.unitCode, name: row.unitName },
    year: row.year,
    kind: row.kind,
    window: { kind: row.windowKind, from: row.windowFrom, to: row.windowTo },
    dueOn: row.dueOn,
    planId: row.planId,
    status: row.status,
    number: writtenNumberOrNull(row.numberSequence, row.symbol),
    submittedAt: row.submittedAt?.toISOString() ?? null,
    late: row.late,
    acceptedAt: row.acceptedAt?.toISOString() ?? null,
    narrative: Object.fromEntries(NARRATIVE_FIELDS.map((f) => [f, row[f]])) as Report['narrative'],
    signer: row.signerTitle !== null && row.signerName !== null ? { title: row.signerTitle, name: row.signerName } : null,
    recipients: row.recipients,
    figures,
    history: row.history,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** The frozen figures of a submitted report; null for a draft. */
function storedFigures(row: ReportRecord): ReportFigures | null {
  return row.figuresJson === null ? null : (JSON.parse(row.figuresJson) as ReportFigures);
}

/**
 * What the audit trail keeps of a report: what is stored. A draft's figures are computed on read,
 * never stored, so they are null there (recomputing them, the roll-up included, for each write's
 * before and after would cost more than the write).
 */
function audited(row: ReportRecord) {
  return toReport(row, storedFigures(row));
}

/** The figures from the data as it stands; the Department's own report adds its units' roll-up. */
async function liveFigures(db: Db, row: ReportRecord): Promise<ReportFigures> {
  const department = row.unitKind === 'department';
  const figures = await computeFigures(db, { unitId: row.unitId, planId: row.planId, window: { from: row.windowFrom, to: row.windowTo }, department });
  if (!department) return figures;
  // The plan and window the report itself answers to: a later or cancelled plan does not move them.
  const rollup = await computeRollup(db, { year: row.year, kind: row.kind }, { planId: row.planId, window: { from: row.windowFrom, to: row.windowTo } });
  return { ...figures, rollup };
}

async function present(db: Db, row: ReportRecord): Promise<Report> {
  return toReport(row, storedFigures(row) ?? (await liveFigures(db, row)));
}

/** Drafts are the unit's working papers: only its editors and admins see them; every key reads submitted and accepted reports. */
function visibleTo(actor: Actor, row: Pick<ReportRecord, 'status' | 'unitId'>): boolean {
  return row.status !== 'draft' || actor.role === 'admin' || (actor.role === 'editor' && actor.unitId === row.unitId);
}

/** Editors make, edit, delete and submit their own unit's reports only. */
function authorizeWrite(actor: Actor, unitId: string): void {
  if (actor.role !== 'admin' && actor.unitId !== unitId) throw new Forbidden('An editor makes, edits and submits only the reports of its own unit.');
}

/**
 * The report, locked for the rest of the transaction, that the actor may act on and that is in a
 * state the action starts from: 404 if the actor may not see it, 403 if it may not write it, 409
 * naming the states the action starts from, 412 if If-Match names another version.
 */
async function requireReportFor(trx: Transaction<Database>, actor: Actor, id: string, action: Action, version: number | null): Promise<ReportRecord> {
  const row = await lockReport(trx, id);
  if (!row || !visibleTo(actor, row)) throw notFound('Report', id);
  authorizeWrite(actor, row.unitId);
  const allowed: readonly ReportStatus[] = TRANSITIONS[action];
  if (!allowed.includes(row.status)) throw new Conflict(`${TRANSITION_TEXT[action]} only when it is ${allowed.join(' or ')}; this report is ${row.status}.`);
  // Checked before the figures are computed and a number taken; the write checks it again.
  if (version !== null && version !== row.version) throw new StaleVersion(version);
  return row;
}

async function write(trx: Transaction<Database>, actor: Actor, action: Change['action'], before: ReportRecord, version: number | null, changes: ReportRowUpdate): Promise<Report> {
  if (!(await updateVersioned(trx, 'reports', before.id, version, changes))) throw new StaleVersion(version ?? before.version);
  const row = (await findReport(trx, before.id))!;
  await recordChange(trx, actor, { action, entityType: 'report', entityId: row.id, before: audited(before), after: audited(row) });
  return present(trx, row);
}

function historyWith(before: ReportRecord, actor: Actor, action: ReportHistoryEntry['action'], at: Date, detail: Pick<ReportHistoryEntry, 'reason' | 'number'> = {}): string {
  const entry: ReportHistoryEntry = { action, at: at.toISOString(), by: { keyId: actor.keyId, name: actor.name }, ...detail };
  return JSON.stringify([...before.history, entry]);
}

/** The columns a create or edit sets: the narrative, signer and recipients given; an absent one left as it is. */
function textColumns(input: ReportUpdate): Pick<ReportRowUpdate, NarrativeField | 'signerTitle' | 'signerName' | 'recipients'> {
  const columns: ReturnType<typeof textColumns> = {};
  for (const f of NARRATIVE_FIELDS) if (input[f] !== undefined) columns[f] = input[f];
  if (input.signer !== undefined) Object.assign(columns, { signerTitle: input.signer?.title ?? null, signerName: input.signer?.name ?? null });
  if (input.recipients !== undefined) columns.recipients = JSON.stringify(input.recipients);
  return columns;
}

export async function createReport(db: Kysely<Database>, actor: Actor, input: ReportCreate): Promise<Report> {
  authorizeWrite(actor, input.unitId);
  return db.transaction().execute(async (trx) => {
    if (!(await unitExists(trx, input.unitId))) throw new InvalidInput([{ path: '/unitId', message: 'names no unit' }]);
    const plan = await findDepartmentPlan(trx, input.year);
    if (!plan) throw new InvalidInput([{ path: '/year', message: `${NO_DEPARTMENT_PLAN}: a report answers to the Department’s issued (or closed) plan of its year` }]);
    const unit = await getUnit(trx, input.unitId);
    if (!(await planNamesUnit(trx, plan.id, unit.id))) {
      throw new InvalidInput([{ path: '/unitId', message: `names ${unit.code}, which the Department’s plan of ${input.year} does not name in its tasks or obligations (directly or through a group): it owes no report` }]);
    }
    const first = await findReportOf(trx, unit.id, input.year, input.kind);
    if (first) throw new Conflict(`${unit.code} already has a ${KIND_TEXT[input.kind]} report for ${input.year}: ${first.id}. A unit makes one report per year and kind; edit that one.`);
    const windowKind = input.window ?? 'cutoff';
    // The window turns on the issuer's cut-off day: the Department's, whose plan the report answers to.
    const issuer = await getUnit(trx, plan.issuerUnitId);
    const window = reportWindow(input.kind, windowKind, input.year, issuer.reportCutoffDay);
    const id = await insertReport(trx, {
      unitId: unit.id,
      year: input.year,
      kind: input.kind,
      windowKind,
      windowFrom: window.from,
      windowTo: window.to,
      dueOn: window.dueOn,
      planId: plan.id,
      results: null,
      shortcomings: null,
      causes: null,
      difficulties: null,
      proposals: null,
      nextPeriodTasks: null,
      signerTitle: null,
      signerName: null,
      recipients: '[]',
      ...UNSUBMITTED,
      acceptedAt: null,
      history: '[]',
      ...textColumns(input),
    });
    const row = (await findReport(trx, id))!;
    await recordChange(trx, actor, { action: 'create', entityType: 'report', entityId: id, before: null, after: audited(row) });
    return present(trx, row);
  });
}

export async function getReport(db: Kysely<Database>, actor: Actor, id: string): Promise<Report> {
  const row = await findReport(db, id);
  if (!row || !visibleTo(actor, row)) throw notFound('Report', id);
  return present(db, row);
}

export type ReportFormat = 'docx' | 'xlsx';

/**
 * The report as a file to sign and file: a Word document headed by its unit's parent authority,
 * the unit and the place, or an Excel workbook. Named after its number (12/BC-THPTHD →
 * 12-BC-THPTHD.docx), or bao-cao-<id> while it has none.
 */
export async function reportDocument(db: Kysely<Database>, actor: Actor, id: string, format: ReportFormat, place: string): Promise<{ fileName: string; body: Buffer }> {
  const report = await getReport(db, actor, id);
  const stem = report.number ? asciiFileName(report.number) : `bao-cao-${report.id}`;
  if (format === 'xlsx') return { fileName: `${stem}.xlsx`, body: await reportToXlsx(report) };
  const unit = await getUnit(db, report.unit.id);
  const authority = unit.parentId ? (await getUnit(db, unit.parentId)).name : null;
  return { fileName: `${stem}.docx`, body: await reportToDocx(report, { authority, issuer: unit.name, place, abbreviation: unit.documentAbbreviation ?? unit.code }) };
}

export async function listReports(db: Kysely<Database>, actor: Actor, q: ReportListQuery): Promise<Page<Report>> {
  const after = q.cursor ? (decodeCursor(q.cursor, ['int', 'text', 'text', 'uuid']) as [number, string, string, string]) : undefined;
  if (q.unitId && q.unitCode) throw new InvalidInput([{ path: '/unitCode', message: 'is given instead of unitId, not with it: they name the same unit' }], true);
  const unitId = q.unitCode ? await unitIdOfCode(db, q.unitCode, '/unitCode') : q.unitId;
  const drafts = actor.role === 'admin' ? 'all' : actor.role === 'editor' && actor.unitId ? { unitId: actor.unitId } : 'none';
  const rows = await findReports(db, { year: q.year, kind: q.kind, status: q.status, unitId, drafts, after, limit: q.limit });
  const page = toPage(rows, q.limit, (row) => row, (row) => [row.year, row.kind, row.unitCode, row.id]);
  // One at a time: a page's drafts each compute their figures, and the embedded engine has one connection.
  const items: Report[] = [];
  for (const row of page.items) items.push(await present(db, row));
  return { items, nextCursor: page.nextCursor };
}

export async function updateReport(db: Kysely<Database>, actor: Actor, id: string, version: number | null, patch: ReportUpdate): Promise<Report> {
  return db.transaction().execute(async (trx) => write(trx, actor, 'update', await requireReportFor(trx, actor, id, 'edit', version), version, textColumns(patch)));
}

/** Only a draft goes (a submitted report is a document the Department holds); the audit trail keeps it. */
export async function deleteReport(db: Kysely<Database>, actor: Actor, id: string, version: number | null): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const before = await requireReportFor(trx, actor, id, 'delete', version);
    if (!(await deleteVersioned(trx, 'reports', id, version))) throw new StaleVersion(version ?? before.version);
    await recordChange(trx, actor, { action: 'delete', entityType: 'report', entityId: id, before: audited(before), after: null });
  });
}

/**
 * Freezes the figures as they stand now, numbers the report in its unit's sequence of BC documents
 * for the calendar year of submission (a Vietnam date), and judges it late against its due date.
 */
export async function submitReport(db: Kysely<Database>, actor: Actor, id: string, version: number | null, now = new Date()): Promise<Report> {
  return db.transaction().execute(async (trx) => {
    const before = await requireReportFor(trx, actor, id, 'submit', version);
    const figures = await liveFigures(trx, before);
    const submittedOn = vietnamToday(now);
    const numberYear = Number(submittedOn.slice(0, 4));
    const unit = await getUnit(trx, before.unitId);
    const numberSequence = await nextDocumentNumberFor(trx, unit.id, 'BC', numberYear);
    const symbol = documentSymbol('BC', unit.documentAbbreviation ?? unit.code);
    return write(trx, actor, 'submit', before, version, {
      status: 'submitted',
      figures: JSON.stringify(figures),
      submittedAt: now,
      late: isLate(submittedOn, before.dueOn),
      numberSequence,
      numberYear,
      symbol,
      // The number stays in the history: a return gives it up, but it may be on a signed copy already.
      history: historyWith(before, actor, 'submit', now, { number: writtenNumber(numberSequence, symbol) }),
    });
  });
}

export async function acceptReport(db: Kysely<Database>, actor: Actor, id: string, version: number | null, now = new Date()): Promise<Report> {
  return db.transaction().execute(async (trx) => {
    const before = await requireReportFor(trx, actor, id, 'accept', version);
    return write(trx, actor, 'accept', before, version, { status: 'accepted', acceptedAt: now, history: historyWith(before, actor, 'accept', now) });
  });
}

/**
 * Back to draft with the reason kept in its history: the snapshot is dropped (the figures are live
 * again) and the number given up, so a later submission takes a new one.
 */
export async function returnReport(db: Kysely<Database>, actor: Actor, id: string, version: number | null, reason: string, now = new Date()): Promise<Report> {
  return db.transaction().execute(async (trx) => {
    const before = await requireReportFor(trx, actor, id, 'return', version);
    return write(trx, actor, 'return', before, version, {
      status: 'draft',
      ...UNSUBMITTED,
      history: historyWith(before, actor, 'return', now, { reason }),
    });
  });
}
