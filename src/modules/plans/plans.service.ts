// Plans: a draft is written freely; issuing gives it the next number of its issuer's sequence for
// the calendar year of the issue date and freezes its content; then it is closed, or cancelled.
import type { Kysely, Transaction } from 'kysely';
import { zeroCounts } from '../../domain/counts.js';
import type { Database } from '../../db/schema.js';
import type { NumberedType, PlanRow, PlanRowUpdate, PlanStatus } from './plans.table.js';
import { lockNamed } from '../../db/locks.js';
import { deleteVersioned, updateVersioned } from '../../db/versioned.js';
import { documentSymbol, writtenNumberOrNull } from '../../domain/document-number.js';
import { Conflict, InvalidInput, notFound, StaleVersion } from '../../domain/errors.js';
import { vietnamToday } from '../../domain/periods.js';
import { containsPattern, searchKey } from '../../domain/text.js';
import { decodeCursor, type Page, toPage } from '../../db/cursor.js';
import { readChanges, readsChanges } from '../../db/sync.js';
import type { Actor } from '../../domain/actor.js';
import { type Change, recordChange } from '../audit/audit.service.js';
import { getUnit, unitIdOfCode } from '../units/units.service.js';
import { checkPlanReferences, planColumns, planContent } from './plans.content.js';
import {
  countPlanTasks,
  findPlans,
  findPlanState,
  planWithReader,
  findPlansCiting,
  insertPlan,
  lockPlan,
  nextDocumentNumber,
  type PlanRecord,
  replaceObligations,
  type TasksByProgress,
} from './plans.repository.js';
import type { Obligation, Plan, PlanCreate, PlanDetail, PlanListQuery, PlanUpdate } from './plans.schemas.js';
import { appendTasks, planTasks, planTasksColumn, tasksOfColumn } from '../tasks/tasks.service.js';
import { makePlanParts } from '../tasks/parts.service.js';
import { PROGRESS } from '../tasks/tasks.table.js';
import type { Task } from '../tasks/tasks.schemas.js';

type Db = Kysely<Database> | Transaction<Database>;

// Which states each action starts from, for the 409 that says so.
const TRANSITIONS = {
  edit: ['draft'],
  delete: ['draft'],
  issue: ['draft'],
  close: ['issued'],
  cancel: ['draft', 'issued'],
} as const satisfies Record<string, readonly PlanStatus[]>;

export function toPlan(row: PlanRecord, tasksByProgress: TasksByProgress): Plan {
  return {
    id: row.id,
    ...planContent(row),
    number: writtenNumberOrNull(row.numberSequence, row.symbol),
    issuedOn: row.issuedOn,
    status: row.status,
    cancelReason: row.cancelReason,
    taskCount: PROGRESS.reduce((n, p) => n + tasksByProgress[p], 0),
    tasksByProgress,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

function planSearchKey(row: Pick<PlanRow, 'title' | 'numberSequence' | 'symbol'>): string {
  return searchKey(row.title, writtenNumberOrNull(row.numberSequence, row.symbol));
}

function byProgress(tasks: Task[]): TasksByProgress {
  const counts = zeroCounts(PROGRESS);
  for (const task of tasks) counts[task.progress]++;
  return counts;
}

/** The plan with its appendix, counted from the tasks it shows. */
async function detail(db: Db, row: PlanRecord, asOf?: string): Promise<PlanDetail> {
  const tasks = await planTasks(db, row.id, asOf);
  return { ...toPlan(row, byProgress(tasks)), tasks };
}

const TRANSITION_TEXT: Record<keyof typeof TRANSITIONS, string> = {
  edit: 'A plan can be edited',
  delete: 'A plan can be deleted',
  issue: 'A plan can be issued',
  close: 'A plan can be closed',
  cancel: 'A plan can be cancelled',
};

/** The plan, locked for the rest of the transaction, in a state the action starts from (409 saying which do). */
async function requirePlanFor(trx: Transaction<Database>, id: string, action: keyof typeof TRANSITIONS): Promise<PlanRecord> {
  const row = await lockPlan(trx, id);
  if (!row) throw notFound('Plan', id);
  const allowed: readonly PlanStatus[] = TRANSITIONS[action];
  if (!allowed.includes(row.status)) throw new Conflict(`${TRANSITION_TEXT[action]} only when the plan is ${allowed.join(' or ')}; this plan is ${row.status}.`);
  return row;
}

async function write(
  trx: Transaction<Database>,
  actor: Actor,
  action: Change['action'],
  before: PlanRecord,
  version: number | null,
  changes: PlanRowUpdate,
  obligations?: Obligation[],
): Promise<Plan> {
  const updated = await updateVersioned(trx, 'plans', before.id, version, changes);
  if (!updated) throw new StaleVersion(version ?? before.version);
  const row = { ...updated, obligations: obligations ? await replaceObligations(trx, before.id, obligations) : before.obligations };
  // The plan is locked (requirePlanFor): its tasks are the same before and after.
  const tasks = (await countPlanTasks(trx, row.id))!;
  const plan = toPlan(row, tasks);
  await recordChange(trx, actor, { action, entityType: 'plan', entityId: row.id, before: toPlan(before, tasks), after: plan });
  return plan;
}

/** The plan and its appendix in one transaction: any invalid task and nothing is stored. */
export async function createPlan(db: Kysely<Database>, actor: Actor, input: PlanCreate): Promise<PlanDetail> {
  return db.transaction().execute(async (trx) => {
    await checkPlanReferences(trx, input);
    const columns = planColumns({ documentType: 'KH', ...input });
    const inserted = await insertPlan(trx, {
      legalBases: '[]', objectives: '[]', requirements: '[]', contents: '[]', forms: '[]', recipients: '[]',
      audience: null, scope: null, fundingSource: null, signerName: null, signerTitle: null, parentPlanId: null,
      ...columns,
      issuerUnitId: input.issuerUnitId,
      year: input.year,
      title: input.title,
      documentType: input.documentType ?? 'KH',
      numberSequence: null,
      numberYear: null,
      symbol: null,
      issuedOn: null,
      cancelReason: null,
      searchKey: searchKey(input.title),
    });
    const row = { ...inserted, obligations: await replaceObligations(trx, inserted.id, input.obligations ?? []) };
    if (input.tasks?.length) await appendTasks(trx, actor, row.id, input.tasks, (i) => ({ path: `/tasks/${i}` }));
    const plan = await detail(trx, row);
    await recordChange(trx, actor, { action: 'create', entityType: 'plan', entityId: row.id, before: null, after: plan });
    return plan;
  });
}

const findPlanWithTasks = planWithReader(planTasksColumn);

/** One statement: the plan, its obligations and its tasks. */
export async function getPlan(db: Kysely<Database>, id: string, asOf = vietnamToday()): Promise<PlanDetail> {
  const row = await findPlanWithTasks(db, id, asOf);
  if (!row) throw notFound('Plan', id);
  const { with: json, ...plan } = row;
  const tasks = tasksOfColumn(json);
  return { ...toPlan(plan, byProgress(tasks)), tasks };
}

/** The next number of the unit's yearly sequence of a type, for the documents other modules number (reports, BC). */
export async function nextDocumentNumberFor(trx: Transaction<Database>, issuerUnitId: string, documentType: NumberedType, year: number): Promise<number> {
  return nextDocumentNumber(trx, issuerUnitId, documentType, year);
}

// What reports and compliance ask of plans: a unit's own plan (a subquery, shown with ownPlanOf), the
// Department's plan of a year, and whether a plan names a unit.
export { departmentPlanIdSql, findDepartmentPlan, ownPlanSql, planNamesUnit } from './plans.repository.js';

/** A unit's own plan as reports and compliance show it, from ownPlanSql's columns; null when it has none. */
export function ownPlanOf(row: { ownPlanId: string | null; ownPlanSequence: number | null; ownPlanSymbol: string | null; ownPlanIssuedOn: string | null }) {
  const number = writtenNumberOrNull(row.ownPlanSequence, row.ownPlanSymbol);
  return row.ownPlanId && number && row.ownPlanIssuedOn ? { id: row.ownPlanId, number, issuedOn: row.ownPlanIssuedOn } : null;
}

/** The plan's status and year, or a 404: for modules that judge work against a plan. */
export async function planState(db: Db, id: string): Promise<{ status: PlanStatus; year: number }> {
  const row = await findPlanState(db, id);
  if (!row) throw notFound('Plan', id);
  return row;
}

export async function listPlans(db: Kysely<Database>, q: PlanListQuery): Promise<Page<Plan>> {
  const after = q.cursor ? (decodeCursor(q.cursor, ['int', 'uuid']) as [number, string]) : undefined;
  if (q.issuerUnitId && q.issuerUnitCode) {
    throw new InvalidInput([{ path: '/issuerUnitCode', message: 'is given instead of issuerUnitId, not with it: they name the same unit' }], true);
  }
  const issuerUnitId = q.issuerUnitCode ? await unitIdOfCode(db, q.issuerUnitCode, '/issuerUnitCode') : q.issuerUnitId;
  const filter = { ...q, issuerUnitId, searchPattern: q.q ? containsPattern(q.q) : undefined };
  if (readsChanges(q)) return readChanges(db, 'plan', q, (trx, changes) => findPlans(trx, { ...filter, changes }), (row) => toPlan(row, row.tasksByProgress));
  const rows = await findPlans(db, { ...filter, after });
  return toPage(rows, q.limit, (row) => toPlan(row, row.tasksByProgress), (row) => [row.year, row.id]);
}

export async function updatePlan(db: Kysely<Database>, actor: Actor, id: string, version: number | null, patch: PlanUpdate): Promise<Plan> {
  return db.transaction().execute(async (trx) => {
    const before = await requirePlanFor(trx, id, 'edit');
    if (patch.parentPlanId) await lockNamed(trx, 'plans.tree');
    await checkPlanReferences(trx, patch, id);
    return write(trx, actor, 'update', before, version, { ...planColumns(patch), searchKey: planSearchKey({ ...before, ...patch }) }, patch.obligations);
  });
}

export async function deletePlan(db: Kysely<Database>, actor: Actor, id: string, version: number | null): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const before = await requirePlanFor(trx, id, 'delete');
    const citing = await findPlansCiting(trx, id);
    if (citing.length) throw new Conflict(`The plan is cited as a legal basis by "${citing[0]!.title}"; remove that link first, or cancel this plan instead.`);
    const snapshot = await detail(trx, before, vietnamToday());
    if (!(await deleteVersioned(trx, 'plans', id, version))) throw new StaleVersion(version ?? before.version);
    await recordChange(trx, actor, { action: 'delete', entityType: 'plan', entityId: id, before: snapshot, after: null });
  });
}

/** Issues the draft on `issuedOn`, today in Vietnam when not given. */
export async function issuePlan(db: Kysely<Database>, actor: Actor, id: string, version: number | null, issuedOn = vietnamToday()): Promise<Plan> {
  return db.transaction().execute(async (trx) => {
    const before = await requirePlanFor(trx, id, 'issue');
    const issuedYear = Number(issuedOn.slice(0, 4));
    if (Math.abs(issuedYear - before.year) > 1) {
      throw new InvalidInput([{ path: '/issuedOn', message: `is too far from the plan year ${before.year}: a plan is issued within a year of it` }]);
    }
    const issuer = await getUnit(trx, before.issuerUnitId);
    const numberSequence = await nextDocumentNumber(trx, before.issuerUnitId, before.documentType, issuedYear);
    const symbol = documentSymbol(before.documentType, issuer.documentAbbreviation ?? issuer.code);
    const plan = await write(trx, actor, 'issue', before, version, {
      status: 'issued',
      issuedOn,
      numberSequence,
      numberYear: issuedYear,
      symbol,
      searchKey: planSearchKey({ title: before.title, numberSequence, symbol }),
    });
    await makePlanParts(trx, id);
    return plan;
  });
}

export async function closePlan(db: Kysely<Database>, actor: Actor, id: string, version: number | null): Promise<Plan> {
  return db.transaction().execute(async (trx) => write(trx, actor, 'close', await requirePlanFor(trx, id, 'close'), version, { status: 'closed' }));
}

export async function cancelPlan(db: Kysely<Database>, actor: Actor, id: string, version: number | null, reason: string): Promise<Plan> {
  return db.transaction().execute(async (trx) =>
    write(trx, actor, 'cancel', await requirePlanFor(trx, id, 'cancel'), version, { status: 'cancelled', cancelReason: reason }),
  );
}
