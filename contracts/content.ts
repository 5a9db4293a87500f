// Signage content: the mall's images and video, content-addressed, as HQ's catalog lists them (issue 13). An asset is
// identified by its sha256 (the kiosk stores it under that name and checks it before use); creatives say which asset a
// campaign shows in which orientation and how; a schedule says when, how often and where a campaign plays.
import { z } from 'zod';
import { DeviceRole, ZoneTag } from './config.ts';
import { formatZodError } from './zod-errors.ts';

export const Sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'a sha256 in lowercase hex');

/** What the kiosk plays: still images and two video containers (README: which codecs Chromium and Electron play). */
export const AssetMime = z.enum(['image/jpeg', 'image/png', 'image/webp', 'video/mp4', 'video/webm']);
export type AssetMime = z.infer<typeof AssetMime>;

/** Largest asset a kiosk accepts (a 1080p spot of a minute or two); bigger ones are refused with the reason. */
export const MAX_ASSET_BYTES = 512 * 1024 * 1024;

export const Asset = z.object({
  sha256: Sha256,
  bytes: z.number().int().positive().max(MAX_ASSET_BYTES),
  mime: AssetMime,
  width: z.number().int().min(1).max(8192),
  height: z.number().int().min(1).max(8192),
  /** Video only: its length in milliseconds. */
  durationMs: z.number().int().positive().max(3_600_000).optional(),
  /** Where HQ's content host serves it (HTTPS in production; http on loopback for the simulator and tests). */
  url: z.url({ protocol: /^https?$/ }),
}).refine((a) => a.mime.startsWith('video/') === (a.durationMs !== undefined), { message: 'durationMs is given for video and only for video', path: ['durationMs'] });
export type Asset = z.infer<typeof Asset>;

/** An asset a receiver refused (unknown MIME type, oversized, malformed): its sha256 when it had a valid one, and why. */
export const RefusedAsset = z.object({
  sha256: Sha256.nullable(),
  /** Worded by formatZodError (contracts/zod-errors.ts): `path: message; ...`. */
  reason: z.string().max(300),
});
export type RefusedAsset = z.infer<typeof RefusedAsset>;

/** The good assets of a list and one refusal per bad one. */
export type PartitionedAssets = { assets: Asset[]; refused: RefusedAsset[] };

/**
 * Splits a list of would-be assets: each item is parsed on its own, so one bad asset (a type the kiosk does not play,
 * over MAX_ASSET_BYTES, a missing field) is refused with its reason and the others are kept. HQ may add a type before
 * its kiosks learn it; refusing the whole catalog for it would stop every other change reaching them.
 */
export function partitionAssets(items: readonly unknown[]): PartitionedAssets {
  const out: PartitionedAssets = { assets: [], refused: [] };
  for (const item of items) {
    const parsed = Asset.safeParse(item);
    if (parsed.success) {
      out.assets.push(parsed.data);
      continue;
    }
    const sha = Sha256.safeParse((item as { sha256?: unknown } | null)?.sha256);
    out.refused.push({ sha256: sha.success ? sha.data : null, reason: formatZodError(parsed.error).slice(0, 300) });
  }
  return out;
}

/** A catalog's asset list (up to 5000), parsed item by item with partitionAssets. */
export const AssetList = z.array(z.unknown()).max(5000).transform(partitionAssets);

/**
 * For an object holding an AssetList under `assets`: the good assets back under `assets` and the refusals beside them
 * under `refusedAssets` (absent when there are none, so a clean catalog parses to exactly what was sent).
 */
export function liftRefusedAssets<T extends { assets?: PartitionedAssets | undefined }>(o: T): Omit<T, 'assets'> & { assets?: Asset[]; refusedAssets?: RefusedAsset[] } {
  // Key order kept (assets where they were sent), so a published catalog reads the same after a parse.
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(o)) {
    if (key !== 'assets') out[key] = value;
    else if (value !== undefined) {
      const list = value as PartitionedAssets;
      out.assets = list.assets;
      if (list.refused.length) out.refusedAssets = list.refused;
    }
  }
  return out as Omit<T, 'assets'> & { assets?: Asset[]; refusedAssets?: RefusedAsset[] };
}

export const Orientation = z.enum(['portrait', 'landscape']);
export type Orientation = z.infer<typeof Orientation>;

export const Creative = z.object({
  id: z.string().regex(/^[A-Za-z0-9_.:-]{1,64}$/),
  orientation: Orientation,
  asset: Sha256,
  /** Video: loop for the slot's length, or play once and move on. Images ignore it. */
  playback: z.enum(['loop', 'once']).default('once'),
  /** Images (and looping video): seconds on screen; absent: the display's attract interval. */
  durationSec: z.number().int().min(3).max(120).optional(),
});
export type Creative = z.infer<typeof Creative>;

const TimeOfDay = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM, 00:00-23:59');

/** A time window on some weekdays (1 = Monday ... 7 = Sunday), in the mall's time zone; `to` before `from` crosses midnight. */
export const Daypart = z.object({
  days: z.array(z.number().int().min(1).max(7)).min(1).max(7).default([1, 2, 3, 4, 5, 6, 7]),
  from: TimeOfDay,
  to: TimeOfDay,
});
export type Daypart = z.infer<typeof Daypart>;

/** When, how often and where a campaign plays. Absent fields do not restrict. */
export const Schedule = z.object({
  /** Mall-local dates, inclusive (YYYY-MM-DD). */
  dateFrom: z.iso.date().optional(),
  dateTo: z.iso.date().optional(),
  dayparts: z.array(Daypart).max(20).default([]),
  /** Share of voice: a campaign of weight 2 gets twice the slots of one of weight 1 among those playing. */
  weight: z.number().int().min(1).max(100).default(1),
  roles: z.array(DeviceRole).optional(),
  devices: z.array(z.string().regex(/^[A-Za-z0-9_-]{1,48}$/)).max(1000).optional(),
  /** Zone tags a device carries (e.g. "1F", "north-atrium", "food-court"). */
  zones: z.array(ZoneTag).max(50).optional(),
});
export type Schedule = z.infer<typeof Schedule>;

/** Payload of the `content.played` event (proof of play): one item shown, how long, and how it ended. */
export const ContentPlayed = z.object({
  campaignId: z.string().max(64),
  creativeId: z.string().max(64).nullable(),
  /** The asset shown; null for the colour card a campaign falls back to. */
  sha256: Sha256.nullable(),
  display: z.object({ role: DeviceRole, orientation: Orientation }),
  startedAt: z.iso.datetime({ offset: true }),
  durationMs: z.number().int().nonnegative(),
  /** completed: played its slot; cut: a touch ended it early; error: it could not be decoded (and was skipped). */
  outcome: z.enum(['completed', 'cut', 'error']),
  detail: z.string().max(300).nullable().default(null),
});
export type ContentPlayed = z.infer<typeof ContentPlayed>;

/**
 * Payload of the `content.played.hourly` event (proof of play rolled up, display setting `proofOfPlay: 'hourly'`):
 * every item of one campaign creative (or its colour card) that started on this display in one UTC hour, counted by
 * outcome with their total time on screen. A play reported after its hour was sent comes in a later event with the
 * same key: HQ adds events up by (hour, display, campaignId, creativeId, sha256).
 */
export const ContentPlayedHourly = z.object({
  /** Start of the UTC hour the items started in. */
  hour: z.iso.datetime(),
  display: z.object({ role: DeviceRole, orientation: Orientation }),
  campaignId: z.string().max(64),
  creativeId: z.string().max(64).nullable(),
  sha256: Sha256.nullable(),
  counts: z.object({
    completed: z.number().int().nonnegative(),
    cut: z.number().int().nonnegative(),
    error: z.number().int().nonnegative(),
  }),
  /** Time on screen of all of them together. */
  totalDurationMs: z.number().int().nonnegative(),
});
export type ContentPlayedHourly = z.infer<typeof ContentPlayedHourly>;
