// Units: the tree of the Department, its divisions and affiliated units. Rules: codes are unique,
// the tree has no cycles, a unit is deactivated (never deleted once referenced), and editors may
// change only their own unit's web addresses.
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';
import { selfAndAncestorIds } from '../../db/ancestry.js';
import { lockNamed } from '../../db/locks.js';
import { deleteVersioned, updateVersioned } from '../../db/versioned.js';
import { GROUP_KINDS, type UnitGroup, type UnitKind, type UnitRow, type UnitRowUpdate } from './units.table.js';
import { Conflict, Forbidden, InvalidInput, notFound, StaleVersion } from '../../domain/errors.js';
import { decodeCursor, type Page, toPage } from '../../db/cursor.js';
import { readChanges, readsChanges } from '../../db/sync.js';
import type { Actor } from '../../domain/actor.js';
import { containsPattern, searchKey } from '../../domain/text.js';
import { type Change, recordChange } from '../audit/audit.service.js';
import {
  findUnit,
  findUnitByCode,
  findUnits,
  findUnitsByCodes,
  findUnitsByIds,
  insertUnit,
} from './units.repository.js';
import type { Unit, UnitCreate, UnitListQuery, UnitUpdate } from './units.schemas.js';

type Db = Kysely<Database> | Transaction<Database>;

// Other modules' queries find the units an assignee or obligation names with this expression.
export { namedBySql } from './units.repository.js';

/** The kinds of unit a group stands for (its active units are its members). */
export function kindsOfGroup(group: UnitGroup): UnitKind[] {
  return GROUP_KINDS[group];
}

const UNIT_TREE = { table: 'units', parentColumn: 'parent_id' };

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
    reportCutoffDay: row.reportCutoffDay,
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

/**
 * Why the unit cannot take new work (record an activity, answer a question), `consequence` saying
 * what follows for the caller: none, or it does not exist, or it is inactive.
 */
export async function activeUnitProblem(db: Db, id: string, consequence = ''): Promise<string | null> {
  const row = await findUnit(db, id);
  if (!row) return 'names no unit';
  return row.active ? null : `is inactive: ${row.code} has been deactivated${consequence}`;
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

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A unit by its id or its code (`/units/THPT-HD`): a code is at most 32 characters, an id 36, so they never meet. */
async function requireUnit(db: Db, idOrCode: string): Promise<UnitRow> {
  const row = UUID.test(idOrCode) ? await findUnit(db, idOrCode) : await findUnitByCode(db, idOrCode);
  if (!row) throw notFound('Unit', idOrCode);
  return row;
}

/** The id of the unit a filter names by code (`?unitCode=THPT-HD`); a code that names no unit is malformed input at `path`. */
export async function unitIdOfCode(db: Db, code: string, path: string): Promise<string> {
  const row = await findUnitByCode(db, code);
  if (!row) throw new InvalidInput([{ path, message: `names no unit: ${code} is not a unit code (codes are upper case, e.g. THPT-HD; GET /api/v1/units lists them)` }], true);
  return row.id;
}

async function checkReference(db: Db, id: string | null | undefined, path: string): Promise<void> {
  if (id && !(await unitExists(db, id))) throw new InvalidInput([{ path, message: 'names no unit' }]);
}

export async function createUnit(db: Kysely<Database>, actor: Actor, input: UnitCreate): Promise<Unit> {
  return db.transaction().execute(async (trx) => {
    await checkReference(trx, input.parentId, '/parentId');
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
      ...(input.reportCutoffDay !== undefined ? { reportCutoffDay: input.reportCutoffDay } : {}),
      searchKey: searchKey(input.code, input.name, input.shortName),
    });
    const unit = toUnit(row);
    await recordChange(trx, actor, { action: 'create', entityType: 'unit', entityId: row.id, before: null, after: unit });
    return unit;
  });
}

/** A unit by its id or its code. */
export async function getUnit(db: Db, idOrCode: string): Promise<Unit> {
  return toUnit(await requireUnit(db, idOrCode));
}

export async function listUnits(db: Kysely<Database>, q: UnitListQuery): Promise<Page<Unit>> {
  if (q.group && q.active === false) {
    throw new InvalidInput([{ path: '/active', message: 'cannot be false with group: a group is its active units' }], true);
  }
  const changes = readsChanges(q);
  const afterCode = q.cursor ? (decodeCursor(q.cursor, ['text'])[0] as string) : undefined;
  const kinds = q.group ? GROUP_KINDS[q.group].filter((k) => !q.kind || k === q.kind) : q.kind ? [q.kind] : undefined;
  const filter = {
    kinds,
    parentId: q.parentId,
    // A group means the units it resolves to: the active ones.
    active: q.group ? true : q.active,
    searchPattern: q.q ? containsPattern(q.q) : undefined,
    limit: q.limit,
  };
  if (changes) return readChanges(db, 'unit', q, (trx, scan) => findUnits(trx, { ...filter, changes: scan }), toUnit);
  return toPage(await findUnits(db, { ...filter, afterCode }), q.limit, toUnit, (row) => [row.code]);
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
  action: Change['action'],
  before: UnitRow,
  version: number | null,
  changes: UnitRowUpdate,
): Promise<Unit> {
  const row = await updateVersioned(trx, 'units', before.id, version, changes);
  if (!row) throw new StaleVersion(version ?? before.version);
  const unit = toUnit(row);
  await recordChange(trx, actor, { action, entityType: 'unit', entityId: row.id, before: toUnit(before), after: unit });
  return unit;
}

export async function updateUnit(db: Kysely<Database>, actor: Actor, idOrCode: string, version: number | null, patch: UnitUpdate): Promise<Unit> {
  return db.transaction().execute(async (trx) => {
    const before = await requireUnit(trx, idOrCode);
    const id = before.id;
    authorizeUpdate(actor, before, patch);
    if (patch.parentId) {
      await lockNamed(trx, 'units.tree');
      await checkReference(trx, patch.parentId, '/parentId');
      if ((await selfAndAncestorIds(trx, UNIT_TREE, patch.parentId)).includes(id)) {
        throw new InvalidInput([{ path: '/parentId', message: 'the unit would become its own ancestor' }]);
      }
    }
    const next = { ...before, ...patch };
    return writeUnit(trx, actor, 'update', before, version, {
      ...patch,
      searchKey: searchKey(next.code, next.name, next.shortName),
    });
  });
}

export async function deactivateUnit(db: Kysely<Database>, actor: Actor, idOrCode: string, version: number | null, successorId: string | null): Promise<Unit> {
  return db.transaction().execute(async (trx) => {
    const before = await requireUnit(trx, idOrCode);
    if (!before.active) throw new Conflict('The unit is already inactive; activate it first to change its successor.');
    if (successorId === before.id) throw new InvalidInput([{ path: '/successorId', message: 'cannot be the unit itself' }]);
    if (successorId) {
      const successor = await findUnit(trx, successorId);
      if (!successor) throw new InvalidInput([{ path: '/successorId', message: 'names no unit' }]);
      if (!successor.active) throw new InvalidInput([{ path: '/successorId', message: 'names an inactive unit' }]);
    }
    return writeUnit(trx, actor, 'deactivate', before, version, { active: false, successorId });
  });
}

export async function activateUnit(db: Kysely<Database>, actor: Actor, idOrCode: string, version: number | null): Promise<Unit> {
  return db.transaction().execute(async (trx) => {
    const before = await requireUnit(trx, idOrCode);
    if (before.active) throw new Conflict('The unit is already active.');
    return writeUnit(trx, actor, 'activate', before, version, { active: true, successorId: null });
  });
}

/** Only a unit nothing refers to can go: the foreign keys and the modules' triggers say so (their constraint sentences explain). */
export async function deleteUnit(db: Kysely<Database>, actor: Actor, idOrCode: string, version: number | null): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const before = await requireUnit(trx, idOrCode);
    if (!(await deleteVersioned(trx, 'units', before.id, version))) throw new StaleVersion(version ?? before.version);
    await recordChange(trx, actor, { action: 'delete', entityType: 'unit', entityId: before.id, before: toUnit(before), after: null });
  });
}
