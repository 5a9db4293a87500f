// HTTP byte ranges, both ways: the Range header a page sends for video seeking (parseRange, RFC 9110 section 14.2)
// and the Content-Range a content host answers a resumed download with (parseContentRange). Pure functions.

export type RangeRequest =
  /** No Range header, or one this server ignores (several ranges): send the whole file with 200. */
  | { kind: 'whole' }
  /** One satisfiable range, inclusive bounds: send 206 with Content-Range. */
  | { kind: 'part'; start: number; end: number }
  /** A range beyond the file's end or not a byte range at all: 416 with Content-Range: bytes *\/size. */
  | { kind: 'unsatisfiable' };

/** The one range of `header` within a file of `size` bytes. Multi-range requests get the whole file (allowed by RFC 9110). */
export function parseRange(header: string | undefined, size: number): RangeRequest {
  if (header === undefined) return { kind: 'whole' };
  const m = /^bytes=(.*)$/i.exec(header.trim());
  if (!m) return { kind: 'unsatisfiable' };
  const spec = m[1]!.trim();
  if (spec.includes(',')) return { kind: 'whole' };
  const r = /^(\d*)-(\d*)$/.exec(spec);
  if (!r || (r[1] === '' && r[2] === '')) return { kind: 'unsatisfiable' };
  if (r[1] === '') {
    // A suffix: the last N bytes.
    const n = Number(r[2]);
    if (n === 0 || size === 0) return { kind: 'unsatisfiable' };
    return { kind: 'part', start: Math.max(0, size - n), end: size - 1 };
  }
  const start = Number(r[1]);
  const end = r[2] === '' ? size - 1 : Math.min(Number(r[2]), size - 1);
  if (!Number.isSafeInteger(start) || start >= size || end < start) return { kind: 'unsatisfiable' };
  return { kind: 'part', start, end };
}

/** `bytes <start>-<end>/<total|*>` of a 206 answer, or null when the header is missing or malformed. */
export function parseContentRange(header: string | null): { start: number; end: number; total: number | null } | null {
  if (!header) return null;
  const m = /^bytes (\d+)-(\d+)\/(\d+|\*)$/i.exec(header.trim());
  if (!m) return null;
  const start = Number(m[1]);
  const end = Number(m[2]);
  if (end < start) return null;
  return { start, end, total: m[3] === '*' ? null : Number(m[3]) };
}
