// The query parameters and answer of a cursor-paged list: `limit` and an opaque `cursor` in,
// `{ items, nextCursor }` out (db/cursor.ts makes the pages).
import { type TSchema, Type } from 'typebox';
import { Nullable, ref, TombstoneSchema } from './schemas.js';

/**
 * A parameter with a default: optional to the caller (not `required` in the schema), yet always
 * there once validated, as Ajv's useDefaults fills it in; so its static type is not optional.
 */
function Defaulted<T extends TSchema>(schema: T): T {
  return Type.Optional(schema) as TSchema as T;
}

export const PageQuery = {
  limit: Defaulted(Type.Integer({ minimum: 1, maximum: 200, default: 50, description: 'Items per page (1–200).' })),
  cursor: Type.Optional(Type.String({ minLength: 1, maxLength: 512, description: 'The nextCursor of the previous page.' })),
};

/** The parameters of a list a mirror syncs (db/sync.ts reads them): changes since a token or an instant. */
export const ChangeQuery = {
  updatedSince: Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: 512,
      description:
        'Changes since: the nextUpdatedSince of the previous call, or an RFC 3339 instant to start from. The list then comes in the order the changes were made ' +
        '(not with cursor), and no change can be missed: a call returns only what no transaction still in flight could precede.',
      examples: ['2021-01-01T00:00:00Z'],
    }),
  ),
  includeDeleted: Type.Optional(Type.Boolean({ description: 'With updatedSince: removals too, as tombstones.' })),
};

const nextCursor = Nullable(Type.String({ description: 'Pass as ?cursor= for the next page; null on the last one (and with updatedSince).' }));

/** The named page schema of a list: `{ items: T[], nextCursor }`. */
export function PageOf<T extends TSchema & { $id?: string }>(item: T) {
  if (!item.$id) throw new Error('PageOf() needs a schema with an $id');
  return Type.Object({ items: Type.Array(ref(item)), nextCursor }, { $id: `${item.$id}Page`, additionalProperties: false });
}

/** The page of a list a mirror syncs (ChangeQuery): with updatedSince, also the removals and the next token. */
export function ChangePageOf<T extends TSchema & { $id?: string }>(item: T) {
  if (!item.$id) throw new Error('ChangePageOf() needs a schema with an $id');
  return Type.Object(
    {
      items: Type.Array(ref(item)),
      nextCursor,
      tombstones: Type.Optional(Type.Array(ref(TombstoneSchema), { description: 'With includeDeleted: the rows removed in this stretch of changes.' })),
      nextUpdatedSince: Type.Optional(
        Type.String({ description: 'With updatedSince: pass it as ?updatedSince= next time. When the page is full, more changes are waiting; otherwise this is where the next poll starts.' }),
      ),
    },
    { $id: `${item.$id}Page`, additionalProperties: false },
  );
}
