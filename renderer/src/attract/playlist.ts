// What the attract loop plays, as pure rules: which way the screen is, which creative a campaign shows on it (or its
// colour card), how long each item stays, which comes next, and the proof-of-play report for an item that ended.
import type { PromotionCard, ReadyCreative } from '../../../contracts/api.ts';
import type { DeviceRole } from '../../../contracts/config.ts';
import type { ContentPlayed, Orientation } from '../../../contracts/content.ts';

export type OrientationSetting = 'auto' | Orientation;

/** The display's orientation setting when it names one; else portrait when the window is taller than wide. */
export function screenOrientation(setting: OrientationSetting, width: number, height: number): Orientation {
  if (setting !== 'auto') return setting;
  return height > width ? 'portrait' : 'landscape';
}

export type MediaKind = 'image' | 'video';

/** One item of the loop: a campaign's creative for this screen, or its colour card. */
export type PlayItem =
  | { kind: 'card'; campaignId: string; slotMs: number }
  | { kind: MediaKind; campaignId: string; slotMs: number; creative: ReadyCreative };

/** A campaign's first ready creative for `orientation` that has not failed to decode here; null: its colour card. */
export function pickCreative(card: PromotionCard, orientation: Orientation, failed: ReadonlySet<string> = new Set()): ReadyCreative | null {
  return card.creatives?.find((c) => c.orientation === orientation && !failed.has(c.sha256)) ?? null;
}

export function mediaKind(mime: ReadyCreative['mime']): MediaKind {
  return mime.startsWith('video/') ? 'video' : 'image';
}

/**
 * Time on screen: an image or a looping video its `durationSec` (else the display's interval); a play-once video
 * until it ends, with a generous cap so a stalled video cannot stop the loop.
 */
export const ONCE_VIDEO_CAP_MS = 10 * 60_000;

export function slotMsFor(creative: ReadyCreative | null, intervalSec: number): number {
  if (creative && mediaKind(creative.mime) === 'video' && creative.playback === 'once') return ONCE_VIDEO_CAP_MS;
  return (creative?.durationSec ?? intervalSec) * 1000;
}

/**
 * The items of one cycle. `rotation` (the agent's share of voice: campaign ids, a campaign of weight w w times, spread
 * evenly) gives the order, each id looked up in `promotions` (ids not found are skipped); empty or absent: one item
 * per campaign in the list's order (the agent applies priority and the attract playlist).
 */
export function buildPlaylist(
  promotions: readonly PromotionCard[],
  orientation: Orientation,
  intervalSec: number,
  failed: ReadonlySet<string> = new Set(),
  rotation: readonly string[] = [],
): PlayItem[] {
  const byId = new Map(promotions.map((p) => [p.campaignId, p]));
  const ordered = rotation.map((id) => byId.get(id)).filter((p) => p !== undefined);
  return (ordered.length ? ordered : promotions).map((p) => {
    const creative = pickCreative(p, orientation, failed);
    const slotMs = slotMsFor(creative, intervalSec);
    return creative ? { kind: mediaKind(creative.mime), campaignId: p.campaignId, slotMs, creative } : { kind: 'card', campaignId: p.campaignId, slotMs };
  });
}

/** Where the loop is: the position in the cycle last prepared and its campaign (a campaign may hold several). */
export type Cursor = { index: number; campaignId: string };

/**
 * The position after `after` and its item: the next slot when `after` still names the same campaign at its index;
 * else after the campaign's first slot (the list changed); the first when `after` is null or its campaign is no
 * longer listed. null for an empty list.
 */
export function positionAfter(items: readonly PlayItem[], after: Cursor | string | null): { index: number; item: PlayItem } | null {
  if (items.length === 0) return null;
  let i = -1;
  if (typeof after === 'string') i = items.findIndex((it) => it.campaignId === after);
  else if (after !== null) i = items[after.index]?.campaignId === after.campaignId ? after.index : items.findIndex((it) => it.campaignId === after.campaignId);
  const index = (i + 1) % items.length;
  return { index, item: items[index]! };
}

/** The item after campaign `after` (the first when `after` is null or no longer listed); null for an empty list. */
export function itemAfter(items: readonly PlayItem[], after: Cursor | string | null): PlayItem | null {
  return positionAfter(items, after)?.item ?? null;
}

export type PlayDisplay = { role: DeviceRole; orientation: Orientation };

export function playedReport(item: PlayItem, display: PlayDisplay, startedAt: number, endedAt: number, outcome: ContentPlayed['outcome'], detail: string | null = null): ContentPlayed {
  const creative = item.kind === 'card' ? null : item.creative;
  return {
    campaignId: item.campaignId,
    creativeId: creative?.id ?? null,
    sha256: creative?.sha256 ?? null,
    display,
    startedAt: new Date(startedAt).toISOString(),
    durationMs: Math.max(0, Math.round(endedAt - startedAt)),
    outcome,
    detail: detail === null ? null : detail.slice(0, 300),
  };
}
