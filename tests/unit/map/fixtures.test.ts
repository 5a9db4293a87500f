// Both fixtures import to a valid venue with the expected counts: the generated Galaxy Plaza demo archive (zip,
// walkway-style, connectors from relationships and overlap) and the committed small-building export (one
// FeatureCollection, rooms and openings only, five broken features).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Venue } from '../../../contracts/venue.ts';
import { demoCatalog } from '../../../common/demo/catalog.ts';
import { DEMO_KIOSK_ID, demoMapZip, occupantIdForStore, spaceAmenityId, unitIdForStore } from '../../../common/node/imdf/demo-map.ts';
import { importImdfBytes, importImdfPath } from '../../../common/node/imdf/imdf-read.ts';
import { smallBuilding } from '../../fixtures/imdf/make-small-building.ts';

const SMALL = fileURLToPath(new URL('../../fixtures/imdf/small-building.geojson', import.meta.url));

describe('the Galaxy Plaza demo map', () => {
  const bytes = demoMapZip();
  const r = importImdfBytes('galaxy-plaza.zip', bytes);
  const v = r.venue!;

  it('imports from its zip with no problems, to a valid venue', () => {
    expect(r.problems).toEqual([]);
    expect(r.kind).toBe('zip');
    expect(Venue.safeParse(v).success).toBe(true);
    expect(v.name).toEqual({ zh: '星河广场', en: 'Galaxy Plaza' });
  });

  it('has 8 levels B2 (the car park) and B1-6F by ordinal, and the expected counts', () => {
    expect(v.levels.map((l) => `${l.ordinal}:${l.shortName.zh}`)).toEqual(['-2:B2', '-1:B1', '0:1F', '1:2F', '2:3F', '3:4F', '4:5F', '5:6F']);
    expect({ units: v.units.length, openings: v.openings.length, amenities: v.amenities.length, occupants: v.occupants.length, kiosks: v.kiosks.length, connectors: v.connectors.length })
      .toEqual({ units: 207, openings: 149, amenities: 66, occupants: 36, kiosks: 1, connectors: 16 });
    const amenityCategories = v.amenities.map((a) => a.category).sort();
    expect(amenityCategories.filter((c) => c === 'restroom')).toHaveLength(14);
    expect(amenityCategories.filter((c) => c === 'parking')).toHaveLength(48);
    expect(amenityCategories.filter((c) => c !== 'restroom' && c !== 'parking')).toEqual(['atm', 'babychanging', 'babychanging', 'information']);
  });

  it('has the car park\'s 48 spaces B2-101 to B2-148 as parking amenities on B2, each with its id', () => {
    const b2 = v.levels.find((l) => l.shortName.zh === 'B2')!;
    const space = v.amenities.find((a) => a.id === spaceAmenityId('B2-118'))!;
    expect(space).toMatchObject({ category: 'parking', levelId: b2.id, name: { zh: '车位 B2-118', en: 'Space B2-118' } });
    expect(v.units.find((u) => u.id === space.unitIds[0])?.category).toBe('parking');
  });

  it('has lifts from traversal relationships (all 8 levels) and escalators and stairs from overlap', () => {
    const lifts = v.connectors.filter((c) => c.kind === 'elevator');
    expect(lifts.map((c) => [c.source, c.stops.length])).toEqual([['relationship', 8], ['relationship', 8]]);
    const escalators = v.connectors.filter((c) => c.kind === 'escalator');
    expect(escalators).toHaveLength(12);
    expect(escalators.every((c) => c.source === 'overlap' && c.stops.length === 2)).toBe(true);
    expect(v.connectors.filter((c) => c.kind === 'stairs').map((c) => [c.source, c.stops.length])).toEqual([['overlap', 8], ['overlap', 8]]);
  });

  it('puts every catalog store in a unit on its floor, as an occupant with the store\'s name and a known id', () => {
    const stores = demoCatalog(new Date('2026-01-01T00:00:00Z')).stores;
    expect(stores).toHaveLength(36);
    for (const store of stores) {
      const occupant = v.occupants.find((o) => o.id === occupantIdForStore(store.id));
      expect(occupant, store.id).toBeDefined();
      expect(occupant!.name).toEqual(store.name);
      expect(occupant!.unitId).toBe(unitIdForStore(store.id));
      const unit = v.units.find((u) => u.id === occupant!.unitId)!;
      expect(unit.name?.zh).toBe(store.unit);
      expect(v.levels.find((l) => l.id === unit.levelId)!.shortName.zh).toBe(store.floor);
    }
  });

  it('has the directory kiosk at the 1F entrance, inside the lobby', () => {
    const kiosk = v.kiosks.find((k) => k.id === DEMO_KIOSK_ID)!;
    expect(v.levels.find((l) => l.id === kiosk.levelId)!.shortName.zh).toBe('1F');
    const lobby = v.units.find((u) => u.category === 'lobby')!;
    expect(lobby.levelId).toBe(kiosk.levelId);
  });

  it('is the same bytes every time', () => {
    expect(Buffer.from(demoMapZip()).equals(Buffer.from(bytes))).toBe(true);
  });
});

describe('the small-building export', () => {
  it('is what its script writes', () => {
    const body = smallBuilding().map((x) => JSON.stringify(x)).join(',\n');
    expect(readFileSync(SMALL, 'utf8')).toBe(`{"type":"FeatureCollection","features":[\n${body}\n]}\n`);
  });

  it('imports to a valid rooms-and-openings venue, repairing 2 features and skipping 3', () => {
    const r = importImdfPath(SMALL);
    const v = r.venue!;
    expect(Venue.safeParse(v).success).toBe(true);
    expect(r.kind).toBe('file');
    expect(v.levels.map((l) => l.ordinal)).toEqual([0, 1, 2]);
    expect({ units: v.units.length, openings: v.openings.length, amenities: v.amenities.length, occupants: v.occupants.length, connectors: v.connectors.length })
      .toEqual({ units: 24, openings: 25, amenities: 3, occupants: 2, connectors: 2 });
    expect(v.units.some((u) => u.category === 'walkway')).toBe(false);
    expect(v.connectors.map((c) => [c.kind, c.source, c.stops.length]).sort()).toEqual([['elevator', 'overlap', 3], ['stairs', 'overlap', 3]]);
    expect(r.problems.map((p) => [p.severity, p.id, p.reason])).toEqual([
      ['repaired', 'hah-3-r6', 'feature_type missing; taken as a unit (a polygon with a unit category and a level_id)'],
      ['skipped', 'hah-1-r3', 'duplicate id: already used by a unit; this one left out'],
      ['repaired', 'hah-2-r4', 'name given as a plain string; taken as zh'],
      ['skipped', 'hah-2-empty', 'geometry is empty'],
      ['skipped', 'hah-9-door', 'level_id hah-level-9 points to no level'],
    ]);
    expect(v.units.find((u) => u.id === 'hah-2-r4')!.name).toEqual({ zh: 'Reading Room' });
  });
});
