// The camera sees the same QR code in frame after frame: each code is sent to the agent once, then not again
// for `windowMs` (a refused code would otherwise be re-sent ten times a second). Pure.

/** Code → time it was last sent. */
export type RecentCodes = ReadonlyMap<string, number>;

export const noRecentCodes: RecentCodes = new Map();

export const CAMERA_RESEND_MS = 4000;

export function sentRecently(recent: RecentCodes, code: string, now: number, windowMs: number = CAMERA_RESEND_MS): boolean {
  const at = recent.get(code);
  return at !== undefined && now - at < windowMs;
}

/** Remembers `code` as sent at `now`, dropping entries older than the window so the map stays small. */
export function rememberSent(recent: RecentCodes, code: string, now: number, windowMs: number = CAMERA_RESEND_MS): RecentCodes {
  const next = new Map<string, number>();
  for (const [c, at] of recent) if (now - at < windowMs) next.set(c, at);
  next.set(code, now);
  return next;
}
