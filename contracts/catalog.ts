// Catalog shapes: what HQ publishes for a mall and what the kiosk shows. Declared once, parsed on receipt.
import { z } from 'zod';
import { Experiment, LocalizedText, MemberTier, OfferRule } from './members.ts';
import { AssetList, Creative, liftRefusedAssets, Schedule, Sha256 } from './content.ts';
import { FeatureId } from './venue.ts';

/** Text in both UI languages; Chinese is required, English falls back to Chinese when missing. */
export { LocalizedText, MemberTier };
export type LocalizedText = z.infer<typeof LocalizedText>;

export type MemberTier = z.infer<typeof MemberTier>;

export const StoreCategory = z.enum([
  'fashion', 'beauty', 'dining', 'cafe', 'kids', 'sports', 'electronics', 'home', 'jewelry', 'services', 'supermarket', 'cinema',
]);
export type StoreCategory = z.infer<typeof StoreCategory>;

const Id = z.string().regex(/^[A-Za-z0-9_.:-]{1,64}$/, 'ids are 1-64 characters: letters, digits, _ . : -');
/** Hex colour like #C8102E, used for brand accents and promotion art. */
const Colour = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'colours are #RRGGBB');

export const Store = z.object({
  id: Id,
  name: LocalizedText,
  category: StoreCategory,
  floor: z.string().regex(/^(B[1-3]|[1-9]F)$/, 'floors are B1-B3 or 1F-9F'),
  unit: z.string().min(1).max(16),
  hours: z.string().max(32).optional(),
  phone: z.string().max(32).optional(),
  keywords: z.array(z.string().max(32)).max(20).default([]),
  logoColour: Colour,
  /**
   * Where the store is on the mall's map (contracts/venue.ts): its IMDF occupant, or the unit it is in. Absent: the
   * kiosk looks for the unit named like the store's unit number on its floor.
   */
  mapRef: z.object({ occupantId: FeatureId.optional(), unitId: FeatureId.optional() }).strict().optional(),
  /** The store's logo (an asset's sha256); absent: the coloured initial. */
  logo: Sha256.optional(),
  /** A restaurant that hands out queue tickets at the kiosk (contracts/queue.ts); absent: it does not. */
  queuing: z.boolean().optional(),
});
export type Store = z.infer<typeof Store>;

export const CouponKind = z.enum(['discount', 'birthday', 'winback', 'points-exchange', 'gift']);

export const Coupon = z.object({
  id: Id,
  storeId: Id.nullable(),
  kind: CouponKind,
  title: LocalizedText,
  /** Spend threshold and amount off for 满减 coupons, in fen (1/100 yuan). */
  minSpendFen: z.number().int().nonnegative().default(0),
  valueFen: z.number().int().nonnegative(),
  pointsCost: z.number().int().nonnegative().default(0),
  stock: z.number().int().nonnegative(),
  perMemberLimit: z.number().int().positive().default(1),
  tiers: z.array(MemberTier).min(1),
  validFrom: z.iso.datetime({ offset: true }),
  validTo: z.iso.datetime({ offset: true }),
});
export type Coupon = z.infer<typeof Coupon>;

export const Campaign = z.object({
  id: Id,
  title: LocalizedText,
  subtitle: LocalizedText,
  storeId: Id.nullable(),
  couponIds: z.array(Id).default([]),
  colours: z.tuple([Colour, Colour]),
  startsAt: z.iso.datetime({ offset: true }),
  endsAt: z.iso.datetime({ offset: true }),
  /** Higher shows first in the attract loop and on the home screen. */
  priority: z.number().int().min(0).max(100).default(50),
  /** Images or video per orientation (contracts/content.ts); none, or none ready on the kiosk: the colour card. */
  creatives: z.array(Creative).max(20).optional(),
  /** Dayparts, dates, share of voice and targeting; absent: always, anywhere, weight 1. */
  schedule: Schedule.optional(),
});
export type Campaign = z.infer<typeof Campaign>;

export const Member = z.object({
  id: Id,
  name: z.string().min(1).max(64),
  tier: MemberTier,
  points: z.number().int().nonnegative(),
  birthMonth: z.number().int().min(1).max(12).nullable(),
  lastVisit: z.iso.datetime({ offset: true }).nullable(),
  segment: z.string().max(32).nullable(),
  tags: z.array(z.string().max(32)).max(32).default([]),
  /** Points that expire soon and the day they do (YYYY-MM-DD), or null. */
  expiringPoints: z.object({ points: z.number().int().positive(), on: z.iso.date() }).nullable().default(null),
});
export type Member = z.infer<typeof Member>;

/** The catalog's fields as sent; `Catalog` is what they parse to (CatalogSnapshot extends these). */
export const CatalogFields = z.object({
  mallId: Id,
  version: z.number().int().nonnegative(),
  mallName: LocalizedText,
  stores: z.array(Store).max(5000),
  campaigns: z.array(Campaign).max(1000),
  coupons: z.array(Coupon).max(50000),
  /** HQ's rules for which coupons to offer whom (the decision engine's input), and running A/B tests. */
  offerRules: z.array(OfferRule).max(5000).default([]),
  experiments: z.array(Experiment).max(20).default([]),
  /**
   * Every asset creatives, logos and the wall's artwork name, content-addressed (contracts/content.ts). Parsed one by
   * one: a bad asset does not refuse the catalog; it is left out and listed in `refusedAssets` with its reason.
   */
  assets: AssetList.optional(),
  /** The interactive wall's own artwork (shown behind its promotions and play screen). */
  wallArtwork: z.array(Creative).max(20).optional(),
});

/**
 * A parsed catalog: `assets` holds the good ones; `refusedAssets` (output only, absent when none) each refused one with
 * its reason. Creatives naming a refused asset stay, and show their colour card, as for any asset not ready.
 */
export const Catalog = CatalogFields.transform(liftRefusedAssets);
export type Catalog = z.infer<typeof Catalog>;
