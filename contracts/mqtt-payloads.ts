// The payloads of the HQ <-> kiosk MQTT 5 contract (zod schemas, types inferred from them). Which topic carries
// which payload, in which direction, with which QoS and retain flag is mqtt-routes.ts; device events by type are
// events.ts; contracts/mqtt.ts re-exports all three as the one import for the agent, HQ and third parties.
import { z } from 'zod';
import { AssetList, liftRefusedAssets, RefusedAsset, Sha256 } from './content.ts';
import { Campaign, CatalogFields, Coupon, Member, Store } from './catalog.ts';
import { DisplayConfig, DisplayConfigPatch } from './config.ts';
import { OfferRule } from './members.ts';
import { PrinterStatus } from './queue.ts';

/** A single topic level naming a mall, a device or a staff member: 1-48 of A-Z a-z 0-9 _ - (no / + #). */
export const Segment = z.string().regex(/^[A-Za-z0-9_-]{1,48}$/);

export const Timestamp = z.iso.datetime({ offset: true });

// ---- device -> HQ ----

export const DeviceStatus = z.object({
  online: z.boolean(),
  ts: Timestamp,
  deviceId: Segment,
  mallId: Segment,
  /** birth: sent after every (re)connect; will: set by the broker when the kiosk vanishes; shutdown: clean stop. */
  reason: z.enum(['birth', 'will', 'shutdown']),
  agentVersion: z.string().max(32).optional(),
});
export type DeviceStatus = z.infer<typeof DeviceStatus>;

/** How many refused assets the heartbeat lists (the count covers them all). */
export const MAX_REFUSED_REPORTED = 20;

/**
 * The kiosk's content cache at a glance (edge-agent/src/content/): assets on disk and verified, still to fetch, being
 * fetched, failed (or refused: the reason is in lastError), the bytes they take and the quota.
 */
export const ContentSummary = z.object({
  ready: z.number().int().nonnegative(),
  missing: z.number().int().nonnegative(),
  downloading: z.number().int().nonnegative(),
  failed: z.number().int().nonnegative(),
  bytesOnDisk: z.number().int().nonnegative(),
  quotaBytes: z.number().int().nonnegative(),
  lastError: z.string().max(500).nullable(),
  /**
   * Assets of HQ's catalog this kiosk refused (unknown MIME type, oversized, malformed), the latest first, at most
   * MAX_REFUSED_REPORTED; `refusedCount` counts them all. Absent from agents that do not report them.
   */
  refused: z.array(RefusedAsset).max(MAX_REFUSED_REPORTED).optional(),
  refusedCount: z.number().int().nonnegative().optional(),
});
export type ContentSummary = z.infer<typeof ContentSummary>;

export const Heartbeat = z.object({
  ts: Timestamp,
  deviceId: Segment,
  uptimeSec: z.number().nonnegative(),
  outboxDepth: z.number().int().nonnegative(),
  lastSyncAt: Timestamp.nullable(),
  catalogVersion: z.number().int().nonnegative(),
  configVersion: z.number().int().nonnegative(),
  rssMb: z.number().nonnegative(),
  heapUsedMb: z.number().nonnegative(),
  lastError: z.string().max(500).nullable(),
  /** The content cache; absent from agents older than issue 13. */
  content: ContentSummary.optional(),
  /** The queue-ticket receipt printer as last found (contracts/queue.ts); absent from agents older than issue 14. */
  printer: PrinterStatus.optional(),
});
export type Heartbeat = z.infer<typeof Heartbeat>;

/**
 * What every upstream event carries around its payload; `eventId` is stable across retries so HQ can de-duplicate.
 * The type-specific payloads and the union `DeviceEvent` are in events.ts. HQ's store keeps events in this shape (an
 * older HQ database may hold types this version no longer knows), and the kiosk reads outbox rows into it first.
 */
export const DeviceEventEnvelope = z.object({
  eventId: z.string().min(8).max(64),
  type: z.string().regex(/^[a-z][a-z0-9_.-]{1,63}$/),
  deviceId: Segment,
  mallId: Segment,
  ts: Timestamp,
  payload: z.record(z.string(), z.unknown()),
});
export type DeviceEventEnvelope = z.infer<typeof DeviceEventEnvelope>;

export const ReportedConfig = z.object({
  ts: Timestamp,
  /** Version of the last desired config applied (0 = none yet). */
  desiredVersion: z.number().int().nonnegative(),
  effective: DisplayConfig,
  /** Settings a person changed on the kiosk that override HQ's desired value. */
  localOverrides: z.array(z.string()),
});
export type ReportedConfig = z.infer<typeof ReportedConfig>;

// ---- HQ -> device ----

export const DesiredConfig = z.object({
  version: z.number().int().positive(),
  issuedAt: Timestamp,
  config: DisplayConfigPatch,
});
export type DesiredConfig = z.infer<typeof DesiredConfig>;

export const HqPublicKey = z.object({
  kid: z.string().regex(/^[A-Za-z0-9_-]{1,32}$/),
  alg: z.literal('Ed25519'),
  /** Raw 32-byte Ed25519 public key, base64url. */
  publicKey: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
  notAfter: Timestamp.nullable().default(null),
});
export type HqPublicKey = z.infer<typeof HqPublicKey>;

export const StaffCredential = z.object({
  staffId: Segment,
  name: z.string().min(1).max(64),
  role: z.enum(['staff', 'manager', 'technician']),
  /** scrypt$N$r$p$<salt b64url>$<hash b64url> */
  pinHash: z.string().regex(/^scrypt\$\d+\$\d+\$\d+\$[A-Za-z0-9_-]+\$[A-Za-z0-9_-]+$/),
  /** sha256 of the staff card number with the mall's salt, hex; null when the person has no card. */
  cardHash: z.string().regex(/^[0-9a-f]{64}$/).nullable(),
});
export type StaffCredential = z.infer<typeof StaffCredential>;

export const AttractItem = z.object({
  id: Segment,
  campaignId: Segment.nullable(),
  kind: z.enum(['campaign', 'announcement']),
  title: z.object({ zh: z.string().min(1).max(200), en: z.string().max(200).optional() }),
  durationSec: z.number().int().min(3).max(60).default(7),
});

export const CatalogSnapshot = CatalogFields.extend({
  publishedAt: Timestamp,
  attract: z.array(AttractItem).max(200).default([]),
  hqKeys: z.array(HqPublicKey).max(10).default([]),
  staff: z.array(StaffCredential).max(500).default([]),
  /** The mall's salt for card-number hashes (sha256(salt + normalised card number), hex); null when HQ hands out no cards. */
  cardSalt: z.string().regex(/^[0-9a-f]{32}$/).nullable().default(null),
}).transform(liftRefusedAssets);
export type CatalogSnapshot = z.infer<typeof CatalogSnapshot>;

export const CatalogDelta = z.object({
  mallId: Segment,
  fromVersion: z.number().int().nonnegative(),
  toVersion: z.number().int().positive(),
  publishedAt: Timestamp,
  upsert: z.object({
    stores: z.array(Store).default([]),
    campaigns: z.array(Campaign).default([]),
    coupons: z.array(Coupon).default([]),
    /** HQ's offer rules, by id (replacing a rule with the same id). */
    offerRules: z.array(OfferRule).default([]),
    /** Content assets (contracts/content.ts), by sha256, each parsed on its own (refusals in `refusedAssets`); absent in deltas that change none. */
    assets: AssetList.optional(),
  }).transform(liftRefusedAssets).default({ stores: [], campaigns: [], coupons: [], offerRules: [] }),
  remove: z.object({
    stores: z.array(z.string()).default([]),
    campaigns: z.array(z.string()).default([]),
    coupons: z.array(z.string()).default([]),
    offerRules: z.array(z.string()).default([]),
    /**
     * Assets leaving the catalog, by sha256 (absent in deltas that remove none). The kiosk stops showing them at once
     * and deletes each file once nothing names it and it has left the screen.
     */
    assets: z.array(Sha256).max(5000).optional(),
  }).default({ stores: [], campaigns: [], coupons: [], offerRules: [] }),
}).refine((d) => d.toVersion === d.fromVersion + 1, { message: 'a delta moves the catalog by exactly one version' });
export type CatalogDelta = z.infer<typeof CatalogDelta>;

export const CommandName = z.enum(['sync-now', 'reload-ui', 'restart-agent', 'set-config', 'capture-screenshot']);
export const Command = z.object({
  id: z.string().min(8).max(64),
  name: CommandName,
  args: z.record(z.string(), z.unknown()).default({}),
  issuedAt: Timestamp,
  expiresAt: Timestamp,
});
export type Command = z.infer<typeof Command>;

export const CommandResult = z.object({
  id: z.string().min(8).max(64),
  status: z.enum(['accepted', 'done', 'failed', 'rejected', 'expired']),
  detail: z.string().max(500).nullable().default(null),
  data: z.record(z.string(), z.unknown()).nullable().default(null),
  ts: Timestamp,
});
export type CommandResult = z.infer<typeof CommandResult>;

/** Member look-up: request on lookupRequest with MQTT 5 responseTopic + correlationData; answer on lookupResponse. */
export const MemberLookupRequest = z.union([
  z.object({ by: z.literal('memberId'), memberId: Segment }),
  z.object({ by: z.literal('cardHash'), cardHash: z.string().regex(/^[0-9a-f]{64}$/) }),
]);
export type MemberLookupRequest = z.infer<typeof MemberLookupRequest>;
export const MemberLookupResponse = z.object({
  found: z.boolean(),
  member: Member.nullable(),
  /** The member's card hash (mall salt), so the kiosk can cache the answer for card reads; null when none. */
  cardHash: z.string().regex(/^[0-9a-f]{64}$/).nullable().default(null),
});
export type MemberLookupResponse = z.infer<typeof MemberLookupResponse>;

/** Largest payload either side accepts; anything bigger is refused before parsing. */
export const MAX_PAYLOAD_BYTES = 8 * 1024 * 1024;
