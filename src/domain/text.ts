// Vietnamese text: stored NFC; searched through a key without case or diacritics ('đ' → 'd').

/** Every string inside a parsed JSON value, NFC-normalised (some keyboards and files send NFD). */
export function normalizeDeep<T>(value: T): T {
  if (typeof value === 'string') return value.normalize('NFC') as T;
  if (Array.isArray(value)) return value.map(normalizeDeep) as T;
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) out[key] = normalizeDeep(inner);
    return out as T;
  }
  return value;
}

/** The search key of a text: lower case, diacritics removed, spaces collapsed. */
export function searchKey(...parts: Array<string | null | undefined>): string {
  return parts
    .filter((p): p is string => typeof p === 'string' && p !== '')
    .join(' ')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** ASCII for a file name: diacritics dropped, đ → d, / and anything else outside [A-Za-z0-9._-] → -. */
export function asciiFileName(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** A LIKE pattern that finds the query's search key anywhere, its own % and _ taken literally. */
export function containsPattern(query: string): string {
  return `%${searchKey(query).replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
