// Content negotiation for operations that answer in more than one media type (a report as JSON,
// Word or Excel): the Accept header's preference among what the operation produces (RFC 9110 §12.5.1).

interface Range {
  type: string;
  subtype: string;
  q: number;
}

function parseAccept(header: string): Range[] {
  return header.split(',').flatMap((part) => {
    const [range = '', ...params] = part.split(';').map((p) => p.trim().toLowerCase());
    const [type, subtype] = range.split('/');
    if (!type || !subtype) return [];
    const q = params.find((p) => p.startsWith('q='));
    const quality = q ? Number(q.slice(2)) : 1;
    return Number.isFinite(quality) ? [{ type, subtype, q: quality }] : [];
  });
}

/** The quality the ranges give a media type: that of the most specific range matching it (type/subtype, then type/*, then *\/*), 0 if none. */
function qualityOf(mediaType: string, ranges: Range[]): number {
  const [type, subtype] = mediaType.split('/');
  let best: { specificity: number; q: number } = { specificity: -1, q: 0 };
  for (const r of ranges) {
    const specificity = r.type === type && r.subtype === subtype ? 2 : r.type === type && r.subtype === '*' ? 1 : r.type === '*' && r.subtype === '*' ? 0 : -1;
    if (specificity > best.specificity) best = { specificity, q: r.q };
  }
  return best.q;
}

/**
 * The media type of `offered` the Accept header prefers (the first offered on a tie; the first when
 * there is no Accept), or null when it accepts none of them.
 */
export function preferredMediaType<T extends string>(accept: string | undefined, offered: readonly [T, ...T[]]): T | null {
  if (!accept?.trim()) return offered[0];
  const ranges = parseAccept(accept);
  let chosen: { type: T; q: number } | null = null;
  for (const type of offered) {
    const q = qualityOf(type, ranges);
    if (q > 0 && (!chosen || q > chosen.q)) chosen = { type, q };
  }
  return chosen?.type ?? null;
}
