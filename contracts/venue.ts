// The venue model: Atrium's compact form of a mall's indoor map, converted from IMDF (OGC 20-094) by the importer
// (hq-sim/src/map/), published by HQ with the catalog, stored by the kiosk and drawn by the page. Coordinates are
// local metres (x east, y north) from the venue's origin; every feature keeps its IMDF id, so a route can be handed
// back in the map's own terms (ids and longitude/latitude).
import { z } from 'zod';
import { LocalizedText } from './members.ts';

/** An IMDF feature id (a UUID in conforming archives; any short id in exports). */
export const FeatureId = z.string().regex(/^[A-Za-z0-9_.:-]{1,64}$/, 'feature ids are 1-64 characters: letters, digits, _ . : -');
export type FeatureId = z.infer<typeof FeatureId>;

const Metres = z.number().finite().min(-100_000).max(100_000);
/** [x, y] in metres east and north of the venue origin. */
export const Point = z.tuple([Metres, Metres]);
export type Point = z.infer<typeof Point>;
/** A closed ring (first point repeated last). */
export const Ring = z.array(Point).min(4);
/** Outer ring first, then holes. */
export const Polygon = z.array(Ring).min(1);
export type Polygon = z.infer<typeof Polygon>;
/** [longitude, latitude], WGS84 degrees. */
export const LngLat = z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]);
export type LngLat = z.infer<typeof LngLat>;

export const VenueLevel = z.object({
  id: FeatureId,
  /** IMDF ordinal: 0 is the ground floor, -1 the first basement. */
  ordinal: z.number().int().min(-20).max(200),
  name: LocalizedText,
  /** Short label for the level switcher: B1, 1F, 5F. */
  shortName: LocalizedText,
  /** The level's outline (multipolygon): a route never leaves it. */
  outline: z.array(Polygon).min(1),
});
export type VenueLevel = z.infer<typeof VenueLevel>;

/** IMDF unit categories the kiosk treats specially; any other IMDF category is kept as it is. */
export const WALKABLE_UNIT_CATEGORIES = ['walkway', 'lobby', 'room', 'parking', 'restroom', 'ramp', 'elevator', 'escalator', 'stairs', 'steps'] as const;
export const BLOCKED_UNIT_CATEGORIES = ['nonpublic', 'structure', 'opentobelow', 'shaft', 'void', 'column', 'unenclosedarea.nonpublic'] as const;

export const VenueUnit = z.object({
  id: FeatureId,
  levelId: FeatureId,
  category: z.string().min(1).max(64),
  name: LocalizedText.nullable(),
  polygons: z.array(Polygon).min(1),
  /** Where to put a label or a route's end inside the unit. */
  displayPoint: Point,
});
export type VenueUnit = z.infer<typeof VenueUnit>;

export const VenueOpening = z.object({
  id: FeatureId,
  levelId: FeatureId,
  category: z.string().min(1).max(64),
  /** The opening as a line on a unit boundary (two or more points). */
  line: z.array(Point).min(2),
});
export type VenueOpening = z.infer<typeof VenueOpening>;

export const VenueAmenity = z.object({
  id: FeatureId,
  levelId: FeatureId,
  /** IMDF amenity category, e.g. restroom, restroom.female, babychanging, atm, information, elevator. */
  category: z.string().min(1).max(64),
  name: LocalizedText.nullable(),
  point: Point,
  unitIds: z.array(FeatureId).default([]),
});
export type VenueAmenity = z.infer<typeof VenueAmenity>;

export const VenueOccupant = z.object({
  id: FeatureId,
  name: LocalizedText,
  category: z.string().min(1).max(64),
  unitId: FeatureId,
  /** The anchor the occupant points through (IMDF occupant -> anchor -> unit). */
  anchorId: FeatureId,
  point: Point,
});
export type VenueOccupant = z.infer<typeof VenueOccupant>;

export const VenueKiosk = z.object({
  id: FeatureId,
  levelId: FeatureId,
  name: LocalizedText.nullable(),
  point: Point,
});
export type VenueKiosk = z.infer<typeof VenueKiosk>;

export const ConnectorKind = z.enum(['elevator', 'escalator', 'stairs', 'ramp']);
export type ConnectorKind = z.infer<typeof ConnectorKind>;

/** A way between levels: from an IMDF relationship (traversal) or from connector units overlapping on adjacent levels. */
export const VenueConnector = z.object({
  id: FeatureId,
  kind: ConnectorKind,
  /** Where it stops, lowest level first. */
  stops: z.array(z.object({ levelId: FeatureId, unitId: FeatureId, point: Point })).min(2),
  /** Escalators often run one way; lifts, stairs and ramps both. */
  direction: z.enum(['both', 'up', 'down']).default('both'),
  source: z.enum(['relationship', 'overlap']),
});
export type VenueConnector = z.infer<typeof VenueConnector>;

export const Venue = z.object({
  id: FeatureId,
  name: LocalizedText,
  /** The point the local metres are measured from (the venue's display point or centroid). */
  origin: z.object({ lng: z.number().min(-180).max(180), lat: z.number().min(-90).max(90) }),
  levels: z.array(VenueLevel).min(1).max(200),
  units: z.array(VenueUnit).max(50_000),
  openings: z.array(VenueOpening).max(50_000),
  amenities: z.array(VenueAmenity).max(20_000),
  occupants: z.array(VenueOccupant).max(20_000),
  kiosks: z.array(VenueKiosk).max(5_000),
  connectors: z.array(VenueConnector).max(5_000),
});
export type Venue = z.infer<typeof Venue>;

/** The map as HQ publishes it (retained, per mall): versioned like the catalog, and hashed so a kiosk can tell it has it. */
export const VenueMap = z.object({
  mallId: z.string().regex(/^[A-Za-z0-9_-]{1,48}$/),
  version: z.number().int().positive(),
  /** sha256 (hex) of JSON.stringify(venue) as published. */
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  publishedAt: z.iso.datetime({ offset: true }),
  venue: Venue,
});
export type VenueMap = z.infer<typeof VenueMap>;

// ---- routes (local API map.route) ----

/** Kinds of place `nearest:<kind>` finds. */
export const NearestKind = z.enum(['restroom', 'nursing', 'atm', 'service', 'elevator']);
export type NearestKind = z.infer<typeof NearestKind>;

/**
 * A place a route starts or ends at: `here` (this kiosk), a catalog store id, an IMDF unit, occupant, amenity or kiosk
 * id, or `nearest:<kind>` (only as a destination).
 */
export const PlaceRef = z.string().min(1).max(80);

export const RouteParams = z.object({ from: PlaceRef.default('here'), to: PlaceRef, accessible: z.boolean().default(false) });

export const RouteStep = z.object({
  kind: z.enum(['walk', 'turn-left', 'turn-right', 'connector', 'arrive']),
  levelId: FeatureId,
  text: LocalizedText,
  metres: z.number().nonnegative(),
});
export type RouteStep = z.infer<typeof RouteStep>;

export const RouteLeg = z.object({
  levelId: FeatureId,
  ordinal: z.number().int(),
  /** The path in local metres (for drawing) and in the map's own longitude/latitude. */
  path: z.array(Point).min(1),
  lngLat: z.array(LngLat).min(1),
  metres: z.number().nonnegative(),
  /** The connector taken at the end of this leg, if any. */
  connector: z.object({ id: FeatureId, kind: ConnectorKind, toLevelId: FeatureId }).nullable(),
});
export type RouteLeg = z.infer<typeof RouteLeg>;

export const RoutePlace = z.object({ ref: z.string(), name: LocalizedText.nullable(), levelId: FeatureId, point: Point });

export const Route = z.object({
  from: RoutePlace,
  to: RoutePlace,
  accessible: z.boolean(),
  legs: z.array(RouteLeg).min(1),
  /** IMDF ids of the connectors used, in order. */
  connectors: z.array(FeatureId),
  metres: z.number().nonnegative(),
  /** Walking time plus connector time (escalator ride, lift wait), in seconds. */
  seconds: z.number().nonnegative(),
  steps: z.array(RouteStep),
});
export type Route = z.infer<typeof Route>;
