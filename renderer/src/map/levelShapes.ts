// What one level looks like, worked out once per level, language and bearing: each unit's path and fill, the shop
// labels, and the icons (amenities and the lifts, escalators and stairs). Pure data for LevelDrawing.tsx.
import type { UiLanguage } from '../../../contracts/config.ts';
import type { Point, Venue } from '../../../contracts/venue.ts';
import { localized } from '../i18n/translate.ts';
import { chooseLabel, type Label } from './labels.ts';
import { polygonsToPath, tint, toMap } from './mapGeometry.ts';
import type { MapData } from './mapData.ts';
import type { Vec } from './mapTransform.ts';

export type IconKind = 'restroom' | 'nursing' | 'atm' | 'service' | 'elevator' | 'escalator' | 'stairs';
export type UnitShape = { id: string; d: string; fill: string; kind: 'shop' | 'walk' | 'blocked' | 'facility' | 'void' | 'room' };
export type LevelShapes = { outline: string; units: UnitShape[]; labels: Array<Label & { id: string; storeId: string | null }>; icons: Array<{ id: string; kind: IconKind; at: Vec }> };

const WALK = new Set(['walkway', 'lobby', 'ramp', 'parking']);
const BLOCKED = new Set(['nonpublic', 'structure', 'shaft', 'column', 'unenclosedarea.nonpublic']);
const VOID = new Set(['opentobelow', 'void']);
const CONNECTOR_ICON: Record<string, IconKind> = { elevator: 'elevator', escalator: 'escalator', stairs: 'stairs', steps: 'stairs' };

/** IMDF amenity categories to the few icons a shopper looks for; anything else gets no icon. */
export function amenityIcon(category: string): IconKind | null {
  if (category === 'restroom' || category.startsWith('restroom.')) return 'restroom';
  if (category === 'babychanging' || category === 'nursing' || category.startsWith('mothersroom') || category === 'lactation') return 'nursing';
  if (category === 'atm' || category === 'bank.atm') return 'atm';
  if (category === 'information' || category === 'customerservice' || category === 'guestservices') return 'service';
  return null;
}

export const MAP_COLOURS = {
  outline: '#e6dfd3',
  walk: '#fdfbf7',
  room: '#f0e9de',
  occupant: '#eadfcb',
  facility: '#dde6ee',
  blocked: '#cbc4ba',
  void: '#eef1f3',
} as const;

export function levelShapes(venue: Venue, levelId: string, storeByFeature: MapData['storeByFeature'], lang: UiLanguage, bearingDeg: number): LevelShapes {
  const level = venue.levels.find((l) => l.id === levelId);
  const occupantByUnit = new Map(venue.occupants.map((o) => [o.unitId, o]));
  const units: UnitShape[] = [];
  const labels: LevelShapes['labels'] = [];
  const icons: LevelShapes['icons'] = [];
  const iconAt = (id: string, kind: IconKind, p: Point) => icons.push({ id, kind, at: toMap(p) });

  for (const u of venue.units) {
    if (u.levelId !== levelId) continue;
    const store = storeByFeature.get(u.id) ?? null;
    const occupant = occupantByUnit.get(u.id);
    let shape: UnitShape;
    if (store) shape = { id: u.id, d: '', fill: tint(store.logoColour), kind: 'shop' };
    else if (occupant) shape = { id: u.id, d: '', fill: MAP_COLOURS.occupant, kind: 'shop' };
    else if (WALK.has(u.category)) shape = { id: u.id, d: '', fill: MAP_COLOURS.walk, kind: 'walk' };
    else if (BLOCKED.has(u.category)) shape = { id: u.id, d: '', fill: MAP_COLOURS.blocked, kind: 'blocked' };
    else if (VOID.has(u.category)) shape = { id: u.id, d: '', fill: MAP_COLOURS.void, kind: 'void' };
    else if (u.category in CONNECTOR_ICON || u.category === 'restroom') shape = { id: u.id, d: '', fill: MAP_COLOURS.facility, kind: 'facility' };
    else shape = { id: u.id, d: '', fill: MAP_COLOURS.room, kind: 'room' };
    shape.d = polygonsToPath(u.polygons);
    units.push(shape);

    const name = store ? localized(store.name, lang) : occupant ? localized(occupant.name, lang) : null;
    if (name) {
      const label = chooseLabel(name, u.polygons, occupant?.point ?? u.displayPoint, bearingDeg);
      if (label) labels.push({ ...label, id: u.id, storeId: store?.id ?? null });
    }
    const connectorIcon = CONNECTOR_ICON[u.category];
    if (connectorIcon) iconAt(u.id, connectorIcon, u.displayPoint);
  }
  for (const a of venue.amenities) {
    if (a.levelId !== levelId) continue;
    const kind = amenityIcon(a.category);
    if (kind) iconAt(a.id, kind, a.point);
  }
  return { outline: level ? polygonsToPath(level.outline) : '', units, labels, icons };
}

/** The unit a route ends in (a store's, an occupant's, or the unit itself), to highlight it; null for a bare point. */
export function destinationUnit(venue: Venue, storeByFeature: MapData['storeByFeature'], ref: string): Venue['units'][number] | null {
  let unitId = ref;
  for (const [featureId, store] of storeByFeature) if (store.id === ref) { unitId = featureId; break; }
  const occupant = venue.occupants.find((o) => o.id === unitId);
  if (occupant) unitId = occupant.unitId;
  return venue.units.find((u) => u.id === unitId) ?? null;
}
