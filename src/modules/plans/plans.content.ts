// A plan's content as columns: the parts of the document normalised so that every stored object
// has all its keys, and the references inside it checked (units and plans that must exist).
import type { Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { PlanRowUpdate } from './plans.table.js';
import { type InputProblem, InvalidInput } from '../../domain/errors.js';
import { missingUnitIds } from '../units/units.service.js';
import { selfAndAncestorIds } from '../../db/ancestry.js';
import { findObligations, findPlanIds, type PlanRecord } from './plans.repository.js';
import type { Obligation, Plan, PlanUpdate } from './plans.schemas.js';

export function planColumns(input: PlanUpdate): PlanRowUpdate {
  const c: PlanRowUpdate = {};
  if (input.issuerUnitId !== undefined) c.issuerUnitId = input.issuerUnitId;
  if (input.year !== undefined) c.year = input.year;
  if (input.title !== undefined) c.title = input.title;
  if (input.documentType !== undefined) c.documentType = input.documentType;
  if (input.parentPlanId !== undefined) c.parentPlanId = input.parentPlanId;
  if (input.audience !== undefined) c.audience = input.audience;
  if (input.scope !== undefined) c.scope = input.scope;
  if (input.fundingSource !== undefined) c.fundingSource = input.fundingSource;
  if (input.objectives !== undefined) c.objectives = JSON.stringify(input.objectives);
  if (input.requirements !== undefined) c.requirements = JSON.stringify(input.requirements);
  if (input.contents !== undefined) c.contents = JSON.stringify(input.contents);
  if (input.signer !== undefined) {
    c.signerName = input.signer?.name ?? null;
    c.signerTitle = input.signer?.title ?? null;
  }
  if (input.legalBases !== undefined) {
    c.legalBases = JSON.stringify(input.legalBases.map((b) => ({ number: b.number, date: b.date ?? null, issuer: b.issuer ?? null, title: b.title ?? null, planId: b.planId ?? null })));
  }
  if (input.forms !== undefined) c.forms = JSON.stringify(input.forms.map((f) => ({ form: f.form, description: f.description ?? null })));
  if (input.recipients !== undefined) c.recipients = JSON.stringify(input.recipients.map((r) => ({ text: r.text, unitId: r.unitId ?? null })));
  return c;
}

/** The content of a plan row as the API shows it. */
export function planContent(row: PlanRecord): Omit<Plan, 'id' | 'number' | 'issuedOn' | 'status' | 'cancelReason' | 'taskCount' | 'tasksByProgress' | 'version' | 'createdAt' | 'updatedAt'> {
  return {
    issuerUnitId: row.issuerUnitId,
    year: row.year,
    title: row.title,
    documentType: row.documentType,
    parentPlanId: row.parentPlanId,
    legalBases: row.legalBases as Plan['legalBases'],
    objectives: row.objectives,
    requirements: row.requirements,
    audience: row.audience,
    scope: row.scope,
    contents: row.contents,
    forms: row.forms as Plan['forms'],
    fundingSource: row.fundingSource,
    recipients: row.recipients as Plan['recipients'],
    signer: row.signerName !== null && row.signerTitle !== null ? { name: row.signerName, title: row.signerTitle } : null,
    obligations: row.obligations,
  };
}

/** An obligation's id must be one of this plan's, given once: an id keeps an obligation, it never moves one between plans. */
async function obligationIdProblems(trx: Transaction<Database>, obligations: Obligation[], planId?: string): Promise<InputProblem[]> {
  const own = new Set(planId ? (await findObligations(trx, planId)).map((o) => o.id) : []);
  const seen = new Set<string>();
  const problems: InputProblem[] = [];
  obligations.forEach((o, i) => {
    if (!o.id) return;
    if (!own.has(o.id)) problems.push({ path: `/obligations/${i}/id`, message: 'names no obligation of this plan: leave it out for a new one' });
    else if (seen.has(o.id)) problems.push({ path: `/obligations/${i}/id`, message: 'is given twice' });
    seen.add(o.id);
  });
  return problems;
}

/** Every reference in the content that names nothing. */
export async function checkPlanReferences(trx: Transaction<Database>, input: PlanUpdate, planId?: string): Promise<void> {
  const errors: InputProblem[] = [];
  const units: Array<{ id: string; path: string }> = [];
  const plans: Array<{ id: string; path: string }> = [];
  if (input.issuerUnitId) units.push({ id: input.issuerUnitId, path: '/issuerUnitId' });
  if (input.parentPlanId) plans.push({ id: input.parentPlanId, path: '/parentPlanId' });
  if (planId && input.parentPlanId && (await selfAndAncestorIds(trx, { table: 'plans', parentColumn: 'parent_plan_id' }, input.parentPlanId)).includes(planId)) {
    errors.push({ path: '/parentPlanId', message: 'would make the plan its own ancestor' });
  }
  input.legalBases?.forEach((b, i) => {
    if (planId && b.planId === planId) errors.push({ path: `/legalBases/${i}/planId`, message: 'cannot be the plan itself' });
    else if (b.planId) plans.push({ id: b.planId, path: `/legalBases/${i}/planId` });
  });
  input.recipients?.forEach((r, i) => r.unitId && units.push({ id: r.unitId, path: `/recipients/${i}/unitId` }));
  input.obligations?.forEach((o, i) => o.unitId && units.push({ id: o.unitId, path: `/obligations/${i}/unitId` }));
  if (input.obligations) errors.push(...(await obligationIdProblems(trx, input.obligations, planId)));
  const missingUnits = new Set(await missingUnitIds(trx, units.map((u) => u.id)));
  const foundPlans = new Set(await findPlanIds(trx, plans.map((p) => p.id)));
  for (const u of units) if (missingUnits.has(u.id)) errors.push({ path: u.path, message: 'names no unit' });
  for (const p of plans) if (!foundPlans.has(p.id)) errors.push({ path: p.path, message: 'names no plan' });
  if (errors.length) throw new InvalidInput(errors);
}
