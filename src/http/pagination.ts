// The query parameters and answer of a cursor-paged list: `limit` and an opaque `cursor` in,
// `{ items, nextCursor }` out (db/cursor.ts makes the pages).
import { type TSchema, Type } from 'typebox';
import { Nullable, ref } from './schemas.js';

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

/** The named page schema of a list: `{ items: T[], nextCursor }`. */
export function PageOf<T extends TSchema & { $id?: string }>(item: T) {
  if (!item.$id) throw new Error('PageOf() needs a schema with an $id');
  return Type.Object(
    {
      items: Type.Array(ref(item)),
      nextCursor: Nullable(Type.String({ description: 'Pass as ?cursor= for the next page; null on the last one.' })),
    },
    { $id: `${item.$id}Page`, additionalProperties: false },
  );
}
