// Plans: a draft is written freely; issuing gives it the next number of its issuer's sequence for
// the calendar year of the issue date and freezes its content; then it is closed, or cancelled.
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { PlanRow, PlanRowUpdate, PlanStatus } from '../../db/tables/plans.js';
import { lockNamed } from '../../db/locks.js';
import { deleteVersioned, updateVersioned } from '../../db/versioned.js';
import { documentSymbol, writtenNumber } from '../../domain/document-number.js';
import { vietnamToday } from '../../domain/periods.js';
import { containsPattern, searchKey } from '../../domain/text.js';
import { staleVersion } from '../../http/etag.js';
import { Conflict, InvalidFields, notFound } from '../../http/errors.js';
import { decodeCursor, type Page, toPage } from '../../http/pagination.js';
import type { Actor } from '../../http/principal.js';
import { recordChange } from '../audit/audit.service.js';
import { getUnit } from '../units/units.service.js';
import { checkPlanReferences, planColumns, planContent } from './plans.content.js';
import { findPlan, findPlans, findPlansCiting, insertPlan, nextDocumentNumber } from './plans.repository.js';
import { lockPlanIn } from './plans.state.js';
import type { Plan, PlanCreate, PlanDetail, PlanListQuery, PlanUpdate } from './plans.schemas.js';
import { appendTasks, planTasks } from './tasks.service.js';

type Db = Kysely<Database> | Transaction<Database>;

// Which states each action starts from, for the 409 that says so.
const TRANSITIONS = {
  edit: ['draft'],
  delete: ['draft'],
  issue: ['draft'],
  close: ['issued'],
  cancel: ['draft', 'issued'],
} as const satisfies Record<string, readonly PlanStatus[]>;

export function toPlan(row: PlanRow): Plan {
  return {
    id: row.id,
    ...planContent(row),
    number: row.numberSequence !== null && row.symbol !== null ? writtenNumber(row.numberSequence, row.symbol) : null,
    issuedOn: row.issuedOn,
    status: row.status,
    cancelReason: row.cancelReason,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

function planSearchKey(row: Pick<PlanRow, 'title' | 'numberSequence' | 'symbol'>): string {
  return searchKey(row.title, row.numberSequence !== null && row.symbol ? writtenNumber(row.numberSequence, row.symbol) : null);
}

async function detail(db: Db, row: PlanRow, asOf?: string): Promise<PlanDetail> {
  return { ...toPlan(row), tasks: await planTasks(db, row.id, asOf) };
}

const TRANSITION_TEXT: Record<keyof typeof TRANSITIONS, string> = {
  edit: 'A plan can be edited',
  delete: 'A plan can be deleted',
  issue: 'A plan can be issued',
  close: 'A plan can be closed',
  cancel: 'A plan can be cancelled',
};

function requirePlanFor(trx: Transaction<Database>, id: string, action: keyof typeof TRANSITIONS): Promise<PlanRow> {
  return lockPlanIn(trx, id, TRANSITIONS[action], TRANSITION_TEXT[action]);
}

async function write(trx: Transaction<Database>, actor: Actor, action: string, before: PlanRow, version: number | null, changes: PlanRowUpdate): Promise<Plan> {
  const row = await updateVersioned(trx, 'plans', before.id, version, changes);
  if (!row) throw staleVersion(version ?? before.version);
  const plan = toPlan(row);
  await recordChange(trx, actor, { action, entityType: 'plan', entityId: row.id, before: toPlan(before), after: plan });
  return plan;
}

/** The plan and its appendix in one transaction: any invalid task and nothing is stored. */
export async function createPlan(db: Kysely<Database>, actor: Actor, input: PlanCreate): Promise<PlanDetail> {
  return db.transaction().execute(async (trx) => {
    await checkPlanReferences(trx, input);
    const columns = planColumns({ documentType: 'KH', ...input });
    const row = await insertPlan(trx, {
      legalBases: '[]', objectives: '[]', requirements: '[]', contents: '[]', forms: '[]', recipients: '[]', obligations: '[]',
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
    if (input.tasks?.length) await appendTasks(trx, actor, row.id, input.tasks, (i) => `/body/tasks/${i}`);
    const plan = await detail(trx, row);
    await recordChange(trx, actor, { action: 'create', entityType: 'plan', entityId: row.id, before: null, after: plan });
    return plan;
  });
}

export async function getPlan(db: Kysely<Database>, id: string, asOf?: string): Promise<PlanDetail> {
  const row = await findPlan(db, id);
  if (!row) throw notFound('Plan', id);
  return detail(db, row, asOf);
}

export async function listPlans(db: Kysely<Database>, q: PlanListQuery): Promise<Page<Plan>> {
  const after = q.cursor ? (decodeCursor(q.cursor, ['int', 'uuid']) as [number, string]) : undefined;
  const rows = await findPlans(db, { ...q, searchPattern: q.q ? containsPattern(q.q) : undefined, after });
  return toPage(rows, q.limit, toPlan, (row) => [row.year, row.id]);
}

export async function updatePlan(db: Kysely<Database>, actor: Actor, id: string, version: number | null, patch: PlanUpdate): Promise<Plan> {
  return db.transaction().execute(async (trx) => {
    const before = await requirePlanFor(trx, id, 'edit');
    if (patch.parentPlanId) await lockNamed(trx, 'plans.tree');
    await checkPlanReferences(trx, patch, id);
    return write(trx, actor, 'update', before, version, { ...planColumns(patch), searchKey: planSearchKey({ ...before, ...patch }) });
  });
}

export async function deletePlan(db: Kysely<Database>, actor: Actor, id: string, version: number | null): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const before = await requirePlanFor(trx, id, 'delete');
    const citing = await findPlansCiting(trx, id);
    if (citing.length) throw new Conflict(`The plan is cited as a legal basis by "${citing[0]!.title}"; remove that link first, or cancel this plan instead.`);
    const snapshot = await detail(trx, before, vietnamToday());
    if (!(await deleteVersioned(trx, 'plans', id, version))) throw staleVersion(version ?? before.version);
    await recordChange(trx, actor, { action: 'delete', entityType: 'plan', entityId: id, before: snapshot, after: null });
  });
}

export async function issuePlan(db: Kysely<Database>, actor: Actor, id: string, version: number | null, issuedOn: string): Promise<Plan> {
  return db.transaction().execute(async (trx) => {
    const before = await requirePlanFor(trx, id, 'issue');
    const issuedYear = Number(issuedOn.slice(0, 4));
    if (Math.abs(issuedYear - before.year) > 1) {
      throw new InvalidFields([{ pointer: '/body/issuedOn', message: `is too far from the plan year ${before.year}: a plan is issued within a year of it` }]);
    }
    const issuer = await getUnit(trx, before.issuerUnitId);
    const numberSequence = await nextDocumentNumber(trx, before.issuerUnitId, before.documentType, issuedYear);
    const symbol = documentSymbol(before.documentType, issuer.documentAbbreviation ?? issuer.code);
    return write(trx, actor, 'issue', before, version, {
      status: 'issued',
      issuedOn,
      numberSequence,
      numberYear: issuedYear,
      symbol,
      searchKey: planSearchKey({ title: before.title, numberSequence, symbol }),
    });
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
