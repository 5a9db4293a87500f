// The content manager's decisions as pure functions (tested with tables in tests/unit/agent/content-plan.test.ts):
// which assets the catalog refers to and which must be on disk now (prefetch window), why an asset is refused,
// when a failed one is tried again, and which files to evict to make room under the quota.
import type { Backoff } from '../../../contracts/backoff.ts';
import { backoffDelay } from '../../../contracts/backoff.ts';
import type { Campaign, Store } from '../../../contracts/catalog.ts';
import { AssetMime, MAX_ASSET_BYTES, type Creative } from '../../../contracts/content.ts';
import { nextStartWithin } from '../../../common/schedule.ts';

/** Retries of a failed download: from seconds for a cut connection up to ten minutes for a host that is gone. */
export const contentBackoff: Backoff = { initialMs: 2000, maxMs: 10 * 60_000, factor: 2, jitter: 0.2 };

export type CatalogRefs = { campaigns: readonly Campaign[]; stores: readonly Pick<Store, 'logo'>[]; wallArtwork: readonly Creative[] };

export type ContentPlan = {
  /** Named by a campaign that has not ended, a store logo or the wall artwork: never evicted. */
  referenced: Set<string>;
  /** To be on disk now, with when it is first needed (ms since epoch; earlier downloads first). */
  wanted: Map<string, number>;
};

/**
 * For what the store keeps (`referenced`): a schedule's dates are mall-local days, taken here to start at their
 * earliest instant anywhere (UTC+14) and end at their latest (UTC-12), so an asset is never dropped early whatever
 * zone the mall is in. What to fetch now (`wanted`) is exact: common/schedule.ts in the mall's time zone.
 */
function dayStart(date: string): number {
  return Date.parse(`${date}T00:00:00+14:00`);
}
function dayEnd(date: string): number {
  return Date.parse(`${date}T23:59:59.999-12:00`);
}

/** The window in which a campaign can play: its startsAt/endsAt narrowed by its schedule's dates. */
export function playWindow(c: Campaign): { start: number; end: number } {
  let start = Date.parse(c.startsAt);
  let end = Date.parse(c.endsAt);
  if (c.schedule?.dateFrom) start = Math.max(start, dayStart(c.schedule.dateFrom));
  if (c.schedule?.dateTo) end = Math.min(end, dayEnd(c.schedule.dateTo));
  return { start, end };
}

/**
 * `timeZone`: the mall's (the agent's `timeZone` setting), in which schedule dates and dayparts are judged. A campaign
 * is wanted from when it next starts playing (its window, dates and dayparts) if that is within `prefetchHours`.
 * Targeting is not checked: a staff playlist may show a campaign aimed at other kiosks.
 */
export function planContent(refs: CatalogRefs, nowMs: number, prefetchHours: number, timeZone: string): ContentPlan {
  const referenced = new Set<string>();
  const wanted = new Map<string, number>();
  const want = (sha: string, at: number) => wanted.set(sha, Math.min(wanted.get(sha) ?? Infinity, at));
  for (const c of refs.campaigns) {
    const { start, end } = playWindow(c);
    if (end <= nowMs || start >= end || !c.creatives?.length) continue;
    const next = nextStartWithin(c.schedule, new Date(nowMs), prefetchHours, timeZone, { startsAt: c.startsAt, endsAt: c.endsAt });
    for (const creative of c.creatives) {
      referenced.add(creative.asset);
      if (next) want(creative.asset, next.getTime());
    }
  }
  for (const s of refs.stores) {
    if (!s.logo) continue;
    referenced.add(s.logo);
    want(s.logo, nowMs);
  }
  for (const creative of refs.wallArtwork) {
    referenced.add(creative.asset);
    want(creative.asset, nowMs);
  }
  return { referenced, wanted };
}

export type RefusalInput = { bytes: number; mime: string; url: string };

/**
 * Why an asset will not be downloaded at all (no retry until the catalog or the quota changes), or null. Checked
 * before any request: the kiosk plays only known types, never takes more than MAX_ASSET_BYTES or its whole quota,
 * and fetches over http(s) only.
 */
export function refusal(a: RefusalInput, quotaBytes: number): string | null {
  if (!(AssetMime.options as readonly string[]).includes(a.mime)) {
    return `unknown MIME type ${JSON.stringify(a.mime)}; the kiosk plays ${AssetMime.options.join(', ')}`;
  }
  if (a.bytes > MAX_ASSET_BYTES) return `asset of ${a.bytes} bytes is over the largest a kiosk accepts (${MAX_ASSET_BYTES} bytes)`;
  if (a.bytes > quotaBytes) return `asset of ${a.bytes} bytes is larger than the content quota (${quotaBytes} bytes)`;
  let protocol: string;
  try {
    protocol = new URL(a.url).protocol;
  } catch {
    return `not a URL: ${JSON.stringify(a.url.slice(0, 100))}`;
  }
  if (protocol !== 'http:' && protocol !== 'https:') return `not an http(s) URL (${protocol}); the kiosk downloads over http(s) only`;
  return null;
}

/** When to try a failed download again: capped exponential backoff with jitter on the number of failures so far. */
export function nextAttemptAt(failures: number, nowMs: number, backoff: Backoff = contentBackoff, random: () => number = Math.random): number {
  return nowMs + backoffDelay(failures, backoff, random);
}

export type StoredFile = { sha256: string; bytesOnDisk: number; ready: boolean; lastUsedAt: string | null; readyAt: string | null };

/**
 * Which ready files to delete so `needBytes` more fit under `quotaBytes`: only files nothing refers to and not in use
 * (`busy`: being served or downloaded), least recently used first (never used before any used). null: even evicting
 * every such file would not make room, so nothing is evicted.
 */
export function chooseEvictions(
  files: readonly StoredFile[], usedBytes: number, needBytes: number, quotaBytes: number,
  referenced: ReadonlySet<string>, busy: ReadonlySet<string> = new Set(),
): string[] | null {
  let over = usedBytes + needBytes - quotaBytes;
  if (over <= 0) return [];
  const candidates = files
    .filter((f) => f.ready && f.bytesOnDisk > 0 && !referenced.has(f.sha256) && !busy.has(f.sha256))
    .sort((a, b) => (a.lastUsedAt ?? a.readyAt ?? '').localeCompare(b.lastUsedAt ?? b.readyAt ?? '') || a.sha256.localeCompare(b.sha256));
  const chosen: string[] = [];
  for (const f of candidates) {
    if (over <= 0) break;
    chosen.push(f.sha256);
    over -= f.bytesOnDisk;
  }
  return over <= 0 ? chosen : null;
}

/** Longest a served file may still be on screen after it was last fetched: the longest slot, and the minute last_used_at is rounded to. */
export const ON_SCREEN_GRACE_MS = 120_000 + 60_000;

/**
 * When a file that left the catalog may be deleted (ms since epoch): at once if it was never served; else once it can no
 * longer be on screen, i.e. `graceMs` (or a video's length plus a minute, when longer) after it was last served or
 * became ready (last_used_at). The page stops getting it at once (readyAssets), so the item showing it finishes its slot and is not shown again.
 */
export function removeWhen(row: { last_used_at: string | null; duration_ms: number | null }, nowMs: number, graceMs = ON_SCREEN_GRACE_MS): number {
  if (!row.last_used_at) return nowMs;
  return Date.parse(row.last_used_at) + (row.duration_ms === null ? graceMs : Math.max(graceMs, row.duration_ms + 60_000));
}
