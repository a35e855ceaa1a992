// Who may change which part of a task, in the one place that decides it. The parts come from the
// schema (TASK_PATCH_PARTS), so a field added to TaskUpdate is governed as soon as it exists.
import type { Actor } from '../../domain/actor.js';
import { Forbidden, InvalidInput } from '../../domain/errors.js';
import type { Change } from '../audit/audit.service.js';
import type { PlanStatus } from '../plans/plans.table.js';
import { TASK_PATCH_PARTS, type TaskUpdate } from './tasks.schemas.js';

export type TaskPart = keyof typeof TASK_PATCH_PARTS;

interface PartRule {
  /** The plan states in which this part may change, and how the 409 says it. */
  planStatuses: readonly PlanStatus[];
  what: string;
  /** Editors (of a unit the task names) may change it; admins always may. */
  editors: boolean;
  refusal: string;
  action: Change['action'];
}

const RULES: Record<TaskPart, PartRule> = {
  content: {
    planStatuses: ['draft'],
    what: 'What a task says changes',
    editors: false,
    refusal: 'Only an admin changes what a task says; an editor records its progress.',
    action: 'update',
  },
  progress: {
    planStatuses: ['issued'],
    what: 'Progress is recorded',
    editors: true,
    refusal: 'An editor may record progress only on tasks its unit leads or coordinates.',
    action: 'progress',
  },
};

/** The one part a patch changes, with its rule. Refused: a part the actor's role may never change (403), and both parts at once. */
export function partOf(actor: Actor, patch: TaskUpdate): PartRule & { part: TaskPart } {
  const touched = (Object.keys(TASK_PATCH_PARTS) as TaskPart[]).filter((part) => Object.keys(TASK_PATCH_PARTS[part]).some((f) => f in patch));
  const closed = touched.find((part) => !RULES[part].editors && actor.role !== 'admin');
  if (closed) throw new Forbidden(RULES[closed].refusal);
  if (touched.length !== 1) {
    throw new InvalidInput([{ path: '', message: 'changes what the task says (on a draft plan) and its progress (on an issued one): send them apart' }]);
  }
  const part = touched[0]!;
  return { part, ...RULES[part] };
}

/** An editor changes a part open to editors only on tasks its unit is named on (`takesPart`, groups included). */
export async function authorizeTaskChange(actor: Actor, rule: PartRule, takesPart: (unitId: string) => Promise<boolean>): Promise<void> {
  if (actor.role === 'admin') return;
  if (!actor.unitId || !(await takesPart(actor.unitId))) throw new Forbidden(rule.refusal);
}
