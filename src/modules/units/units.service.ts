// Units: the tree of the Department, its divisions and affiliated units. Rules: codes are unique,
// the tree has no cycles, a unit is deactivated (never deleted once referenced), and editors may
// change only their own unit's web addresses.
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';
import { selfAndAncestorIds } from '../../db/ancestry.js';
import { lockNamed } from '../../db/locks.js';
import { deleteVersioned, updateVersioned } from '../../db/versioned.js';
import type { UnitKind, UnitRow, UnitRowUpdate } from '../../db/tables/units.js';
import { staleVersion } from '../../http/etag.js';
import { Conflict, Forbidden, InvalidFields, notFound } from '../../http/errors.js';
import { decodeCursor, type Page, toPage } from '../../http/pagination.js';
import type { Actor } from '../../http/principal.js';
import { containsPattern, searchKey } from '../../domain/text.js';
import { recordChange } from '../audit/audit.service.js';
import {
  findUnit,
  findUnits,
  findUnitsByCodes,
  findUnitsByIds,
  insertUnit,
  isNamedInPlans,
} from './units.repository.js';
import type { Unit, UnitCreate, UnitGroup, UnitListQuery, UnitUpdate } from './units.schemas.js';

type Db = Kysely<Database> | Transaction<Database>;

const GROUP_KINDS: Record<UnitGroup, UnitKind[]> = {
  divisions: ['division'],
  affiliated: ['affiliated'],
  all_units: ['division', 'affiliated'],
};

const EDITOR_FIELDS = new Set(['websiteUrl', 'cchcSectionUrl']);

export function toUnit(row: UnitRow): Unit {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    shortName: row.shortName,
    kind: row.kind,
    parentId: row.parentId,
    active: row.active,
    successorId: row.successorId,
    electronicId: row.electronicId,
    websiteUrl: row.websiteUrl,
    cchcSectionUrl: row.cchcSectionUrl,
    documentAbbreviation: row.documentAbbreviation,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export async function unitExists(db: Db, id: string): Promise<boolean> {
  return (await findUnit(db, id)) !== undefined;
}

/** The groups a unit belongs to now: none once it is inactive. */
export async function groupsOfUnit(db: Db, id: string): Promise<UnitGroup[]> {
  const row = await findUnit(db, id);
  if (!row?.active) return [];
  return (Object.keys(GROUP_KINDS) as UnitGroup[]).filter((group) => GROUP_KINDS[group].includes(row.kind));
}

/** The ids among `ids` that name no unit. */
export async function missingUnitIds(db: Db, ids: string[]): Promise<string[]> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return [];
  const found = new Set((await findUnitsByIds(db, unique)).map((row) => row.id));
  return unique.filter((id) => !found.has(id));
}

/** Unit codes → ids, for the codes that name a unit. */
export async function unitIdsByCode(db: Db, codes: string[]): Promise<Map<string, string>> {
  return new Map((await findUnitsByCodes(db, [...new Set(codes)])).map((row) => [row.code, row.id]));
}

/** Unit ids → codes, for the ids that name a unit. */
export async function unitCodesById(db: Db, ids: string[]): Promise<Map<string, string>> {
  return new Map((await findUnitsByIds(db, [...new Set(ids)])).map((row) => [row.id, row.code]));
}

async function requireUnit(db: Db, id: string): Promise<UnitRow> {
  const row = await findUnit(db, id);
  if (!row) throw notFound('Unit', id);
  return row;
}

async function checkReference(db: Db, id: string | null | undefined, pointer: string): Promise<void> {
  if (id && !(await unitExists(db, id))) throw new InvalidFields([{ pointer, message: 'names no unit' }]);
}

export async function createUnit(db: Kysely<Database>, actor: Actor, input: UnitCreate): Promise<Unit> {
  return db.transaction().execute(async (trx) => {
    await checkReference(trx, input.parentId, '/body/parentId');
    const row = await insertUnit(trx, {
      code: input.code,
      name: input.name,
      shortName: input.shortName ?? null,
      kind: input.kind,
      parentId: input.parentId ?? null,
      successorId: null,
      electronicId: input.electronicId ?? null,
      websiteUrl: input.websiteUrl ?? null,
      cchcSectionUrl: input.cchcSectionUrl ?? null,
      documentAbbreviation: input.documentAbbreviation ?? null,
      searchKey: searchKey(input.code, input.name, input.shortName),
    });
    const unit = toUnit(row);
    await recordChange(trx, actor, { action: 'create', entityType: 'unit', entityId: row.id, before: null, after: unit });
    return unit;
  });
}

export async function getUnit(db: Db, id: string): Promise<Unit> {
  return toUnit(await requireUnit(db, id));
}

export async function listUnits(db: Kysely<Database>, q: UnitListQuery): Promise<Page<Unit>> {
  if (q.group && q.active === false) {
    throw new InvalidFields([{ pointer: '/query/active', message: 'cannot be false with group: a group is its active units' }], 400);
  }
  const afterCode = q.cursor ? (decodeCursor(q.cursor, ['text'])[0] as string) : undefined;
  const kinds = q.group ? GROUP_KINDS[q.group].filter((k) => !q.kind || k === q.kind) : q.kind ? [q.kind] : undefined;
  // A kind outside the group: nothing can match.
  if (kinds?.length === 0) return { items: [], nextCursor: null };
  const rows = await findUnits(db, {
    kinds,
    parentId: q.parentId,
    // A group means the units it resolves to: the active ones.
    active: q.group ? true : q.active,
    searchPattern: q.q ? containsPattern(q.q) : undefined,
    afterCode,
    limit: q.limit,
  });
  return toPage(rows, q.limit, toUnit, (row) => [row.code]);
}

function authorizeUpdate(actor: Actor, row: UnitRow, patch: UnitUpdate): void {
  if (actor.role === 'admin') return;
  if (actor.role !== 'editor' || actor.unitId !== row.id) throw new Forbidden('Only an admin, or an editor of this unit, may change it.');
  const other = Object.keys(patch).find((field) => !EDITOR_FIELDS.has(field));
  if (other) throw new Forbidden(`An editor may change only websiteUrl and cchcSectionUrl of its unit, not ${other}.`);
}

/** Versioned write with the audit row: 404 when missing, 412 when the version moved on. */
async function writeUnit(
  trx: Transaction<Database>,
  actor: Actor,
  action: string,
  before: UnitRow,
  version: number | null,
  changes: UnitRowUpdate,
): Promise<Unit> {
  const row = await updateVersioned(trx, 'units', before.id, version, changes);
  if (!row) throw staleVersion(version ?? before.version);
  const unit = toUnit(row);
  await recordChange(trx, actor, { action, entityType: 'unit', entityId: row.id, before: toUnit(before), after: unit });
  return unit;
}

export async function updateUnit(db: Kysely<Database>, actor: Actor, id: string, version: number | null, patch: UnitUpdate): Promise<Unit> {
  return db.transaction().execute(async (trx) => {
    const before = await requireUnit(trx, id);
    authorizeUpdate(actor, before, patch);
    if (patch.parentId) {
      await lockNamed(trx, 'units.tree');
      await checkReference(trx, patch.parentId, '/body/parentId');
      if ((await selfAndAncestorIds(trx, 'units', patch.parentId)).includes(id)) {
        throw new InvalidFields([{ pointer: '/body/parentId', message: 'the unit would become its own ancestor' }]);
      }
    }
    const next = { ...before, ...patch };
    return writeUnit(trx, actor, 'update', before, version, {
      ...patch,
      searchKey: searchKey(next.code, next.name, next.shortName),
    });
  });
}

export async function deactivateUnit(db: Kysely<Database>, actor: Actor, id: string, version: number | null, successorId: string | null): Promise<Unit> {
  return db.transaction().execute(async (trx) => {
    const before = await requireUnit(trx, id);
    if (!before.active) throw new Conflict('The unit is already inactive; activate it first to change its successor.');
    if (successorId === id) throw new InvalidFields([{ pointer: '/body/successorId', message: 'cannot be the unit itself' }]);
    if (successorId) {
      const successor = await findUnit(trx, successorId);
      if (!successor) throw new InvalidFields([{ pointer: '/body/successorId', message: 'names no unit' }]);
      if (!successor.active) throw new InvalidFields([{ pointer: '/body/successorId', message: 'names an inactive unit' }]);
    }
    return writeUnit(trx, actor, 'deactivate', before, version, { active: false, successorId });
  });
}

export async function activateUnit(db: Kysely<Database>, actor: Actor, id: string, version: number | null): Promise<Unit> {
  return db.transaction().execute(async (trx) => {
    const before = await requireUnit(trx, id);
    if (before.active) throw new Conflict('The unit is already active.');
    return writeUnit(trx, actor, 'activate', before, version, { active: true, successorId: null });
  });
}

/** Only a unit nothing refers to can go: the foreign keys say so (see database-errors.ts), and plans' JSON parts are asked. */
export async function deleteUnit(db: Kysely<Database>, actor: Actor, id: string, version: number | null): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const before = await requireUnit(trx, id);
    if (await isNamedInPlans(trx, id)) throw new Conflict('Plans name this unit as a recipient or in an obligation; deactivate it instead of deleting it.');
    if (!(await deleteVersioned(trx, 'units', id, version))) throw staleVersion(version ?? before.version);
    await recordChange(trx, actor, { action: 'delete', entityType: 'unit', entityId: id, before: toUnit(before), after: null });
  });
}
