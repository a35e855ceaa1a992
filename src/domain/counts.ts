// Counts keyed by the values of an enum (progress, timeliness, forms, statuses), every value present.
// Counting in SQL, they come back as arrays in the enum's order: the camel-case plugin would rename
// the snake_case keys of a JSON object (not_started → notStarted), not the items of an array.

/** Every key at zero, to count into. */
export function zeroCounts<const K extends readonly string[]>(keys: K): Record<K[number], number> {
  return Object.fromEntries(keys.map((k) => [k, 0])) as Record<K[number], number>;
}

/** The counts `cells` holds in the order of `keys`, from `offset` on, keyed by them. */
export function countsByKey<const K extends readonly string[]>(keys: K, cells: readonly number[], offset = 0): Record<K[number], number> {
  return Object.fromEntries(keys.map((k, i) => [k, cells[offset + i]!])) as Record<K[number], number>;
}
