// The IMDF importer's conversion (pure half): levels, labels, units, openings, amenities, occupants, kiosks and
// connectors on a tiny hand-made map, then each repair and refusal one at a time: the report names the feature id
// and the reason, and the rest of the map still imports. Last, it never throws and never returns half a map.
import { describe, expect, it } from 'vitest';
import { Venue } from '../../../contracts/venue.ts';
import { importImdf, type ImportResult } from '../../../common/node/imdf/imdf-import.ts';
import { byId, ll, rect, tinyMap, type F } from './tiny-map.ts';

const problem = (r: ImportResult, id: string) => r.problems.find((p) => p.id === id);
/** The rest of the tiny map is still there: 2 levels and at least 5 of its 6 units. */
function expectRestImported(r: ImportResult) {
  expect(r.venue).not.toBeNull();
  expect(r.venue!.levels).toHaveLength(2);
  expect(r.venue!.units.length).toBeGreaterThanOrEqual(5);
}

describe('importImdf on a clean map', () => {
  it('converts every feature type, keeping ids, with levels by ordinal and local metres', () => {
    const r = importImdf(tinyMap());
    expect(r.problems).toEqual([]);
    const v = r.venue!;
    expect(Venue.safeParse(v).success).toBe(true);
    expect(v.id).toBe('v');
    expect(v.name).toEqual({ zh: '小馆', en: 'Tiny' });
    expect(v.levels.map((l) => [l.id, l.ordinal, l.shortName.zh, l.name.zh, l.name.en])).toEqual([['L0', 0, '1F', '1层', 'Level 1'], ['L1', 1, '2F', '2层', 'Level 2']]);
    expect(v.units.map((u) => u.id).sort()).toEqual(['lift0', 'lift1', 'shop0', 'shop1', 'walk0', 'walk1']);
    const shop = v.units.find((u) => u.id === 'shop0')!;
    expect(shop.displayPoint[0]).toBeCloseTo(5, 3);
    expect(shop.displayPoint[1]).toBeCloseTo(15, 3);
    expect(v.openings[0]!.line[0]![0]).toBeCloseTo(4, 3);
    expect(v.occupants[0]).toMatchObject({ id: 'occ0', unitId: 'shop0', anchorId: 'anchor0', name: { zh: '店0', en: 'Store 0' } });
    expect(v.amenities[0]).toMatchObject({ id: 'wc0', levelId: 'L0', category: 'restroom', unitIds: ['walk0'] });
    expect(v.kiosks[0]!.levelId).toBe('L0');
    expect(v.kiosks[0]!.point[0]).toBeCloseTo(1.5, 3);
    expect(r.counts).toMatchObject({ venue: 1, level: 2, unit: 6, opening: 2, anchor: 2, occupant: 2, amenity: 2, kiosk: 1 });
  });

  it('makes a lift connector from overlapping elevator units when there is no relationship', () => {
    const [c, ...more] = importImdf(tinyMap()).venue!.connectors;
    expect(more).toHaveLength(0);
    expect(c).toMatchObject({ kind: 'elevator', source: 'overlap', direction: 'both' });
    expect(c!.stops.map((s) => s.unitId)).toEqual(['lift0', 'lift1']);
  });

  it('takes the connector from a traversal relationship when there is one (and infers none for its units)', () => {
    const v = importImdf(tinyMap({ relationship: true })).venue!;
    expect(v.connectors).toEqual([expect.objectContaining({ id: 'rel-lift', kind: 'elevator', source: 'relationship', direction: 'both' })]);
    const features = tinyMap({ relationship: true });
    Object.assign(byId(features, 'rel-lift').properties, { direction: 'directed', origin: { id: 'lift1' }, destination: { id: 'lift0' } });
    expect(importImdf(features).venue!.connectors[0]).toMatchObject({ direction: 'down', stops: [{ unitId: 'lift0' }, { unitId: 'lift1' }] });
  });

  it('pairs each escalator with the nearest overlapping escalator on the next level', () => {
    const features = tinyMap();
    for (const n of [0, 1]) {
      features.push(
        { type: 'Feature', id: `escA${n}`, feature_type: 'unit', geometry: rect(10, 10, 14, 16), properties: { category: 'escalator', level_id: `L${n}` } },
        { type: 'Feature', id: `escB${n}`, feature_type: 'unit', geometry: rect(13, 10, 17, 16), properties: { category: 'escalator', level_id: `L${n}` } },
      );
    }
    const escalators = importImdf(features).venue!.connectors.filter((c) => c.kind === 'escalator');
    expect(escalators.map((c) => c.stops.map((s) => s.unitId))).toEqual([['escA0', 'escA1'], ['escB0', 'escB1']]);
  });

  it('maps language tags: zh-Hans, zh and zh-CN to zh; en to en; English alone becomes zh too', () => {
    const features = tinyMap();
    byId(features, 'shop0').properties.name = { zh: '鞋店', en: 'Shoes' };
    byId(features, 'shop1').properties.name = { 'zh-Hans': '书店' };
    const v = importImdf(features).venue!;
    expect(v.units.find((u) => u.id === 'shop0')!.name).toEqual({ zh: '鞋店', en: 'Shoes' });
    expect(v.units.find((u) => u.id === 'shop1')!.name).toEqual({ zh: '书店' });
    expect(v.levels[0]!.shortName).toEqual({ zh: '1F', en: '1F' });
  });
});

/** Apply `breakIt` to a fresh tiny map and import it. */
const broken = (breakIt: (features: F[]) => void, opts?: { relationship?: boolean }) => {
  const features = tinyMap(opts);
  breakIt(features);
  return importImdf(features);
};

describe('importImdf repairs and refusals', () => {
  it('repairs a unit polygon with no feature_type (category + level_id) and says so', () => {
    const r = broken((fs) => void delete byId(fs, 'shop1').feature_type);
    expect(problem(r, 'shop1')).toMatchObject({ severity: 'repaired', featureType: 'unit', reason: expect.stringContaining('feature_type missing; taken as a unit') });
    expect(r.venue!.units.some((u) => u.id === 'shop1')).toBe(true);
  });

  it('skips a feature with no feature_type that does not look like a unit', () => {
    const r = broken((fs) => void delete byId(fs, 'door1').feature_type);
    expect(problem(r, 'door1')).toMatchObject({ severity: 'skipped', reason: expect.stringContaining('feature_type missing') });
    expectRestImported(r);
    expect(r.venue!.openings.map((o) => o.id)).toEqual(['door0']);
  });

  it('skips an unknown feature_type', () => {
    const r = broken((fs) => void (byId(fs, 'door1').feature_type = 'portal'));
    expect(problem(r, 'door1')).toMatchObject({ severity: 'skipped', featureType: 'portal', reason: 'unknown feature_type "portal"' });
    expectRestImported(r);
  });

  it.each([
    ['empty geometry', { type: 'Polygon', coordinates: [] }, 'geometry is empty'],
    ['no geometry', null, 'geometry is missing'],
    ['the wrong geometry type', { type: 'Point', coordinates: [121.5, 31.2] }, 'geometry is a Point, expected a Polygon or MultiPolygon'],
    ['too few points', { type: 'Polygon', coordinates: [[[121.5, 31.2], [121.5001, 31.2], [121.5, 31.2]]] }, 'a ring has 3 points; a polygon ring needs at least 4'],
    ['a non-finite coordinate', { type: 'Polygon', coordinates: [[[Number.NaN, 31.2], [121.5001, 31.2], [121.5001, 31.2001], [Number.NaN, 31.2]]] }, 'a coordinate is not finite'],
    ['an out-of-range coordinate', { type: 'Polygon', coordinates: [[[121.5, 31.2], [221.5, 31.2], [121.5, 31.3], [121.5, 31.2]]] }, 'coordinate out of range'],
    ['coordinates far from the venue', { type: 'Polygon', coordinates: [[[100, 10], [100.1, 10], [100.1, 10.1], [100, 10]]] }, 'more than 100 km from the venue origin'],
  ])('skips a unit with %s', (_what, geometry, reason) => {
    const r = broken((fs) => void (byId(fs, 'shop1').geometry = geometry));
    expect(problem(r, 'shop1')).toMatchObject({ severity: 'skipped', featureType: 'unit', reason: expect.stringContaining(reason) });
    expectRestImported(r);
    expect(r.venue!.units.some((u) => u.id === 'shop1')).toBe(false);
    // The shop's occupant went with it, by the anchor that now points nowhere: reported too.
    expect(problem(r, 'anchor1')).toMatchObject({ severity: 'skipped', reason: 'unit_id shop1 points to no unit' });
    expect(problem(r, 'occ1')).toMatchObject({ severity: 'skipped', reason: 'anchor_id anchor1 points to no usable anchor' });
  });

  it('closes an unclosed ring and says so', () => {
    const r = broken((fs) => void (byId(fs, 'shop1').geometry = { type: 'Polygon', coordinates: [[ll([0, 10]), ll([10, 10]), ll([10, 20]), ll([0, 20])]] }));
    expect(problem(r, 'shop1')).toMatchObject({ severity: 'repaired', reason: 'a polygon ring was not closed; closed it' });
    expect(r.venue!.units.find((u) => u.id === 'shop1')!.polygons[0]![0]).toHaveLength(5);
  });

  it('skips features whose level_id, anchor_id or unit_id points nowhere, and drops an amenity\'s dangling unit id', () => {
    const r = broken((fs) => {
      byId(fs, 'door1').properties.level_id = 'L9';
      byId(fs, 'occ0').properties.anchor_id = 'nowhere';
      byId(fs, 'anchor1').properties.unit_id = 'gone';
      byId(fs, 'wc1').properties.unit_ids = ['walk1', 'ghost'];
    });
    expect(problem(r, 'door1')).toMatchObject({ severity: 'skipped', featureType: 'opening', reason: 'level_id L9 points to no level' });
    expect(problem(r, 'occ0')).toMatchObject({ severity: 'skipped', featureType: 'occupant', reason: 'anchor_id nowhere points to no anchor' });
    expect(problem(r, 'anchor1')).toMatchObject({ severity: 'skipped', featureType: 'anchor', reason: 'unit_id gone points to no unit' });
    expect(problem(r, 'wc1')).toMatchObject({ severity: 'repaired', reason: 'unit_id ghost points to no unit; dropped' });
    expectRestImported(r);
    expect(r.venue!.amenities.find((a) => a.id === 'wc1')!.unitIds).toEqual(['walk1']);
  });

  it('ignores an address_id that points nowhere, and keeps the feature', () => {
    const r = broken((fs) => void (byId(fs, 'v').properties.address_id = 'addr-x'));
    expect(problem(r, 'v')).toMatchObject({ severity: 'repaired', featureType: 'venue', reason: 'address_id addr-x points to no address; ignored' });
    expect(r.venue!.id).toBe('v');
  });

  it('takes a plain-string name as zh and says so', () => {
    const r = broken((fs) => void (byId(fs, 'shop0').properties.name = '鞋店'));
    expect(problem(r, 'shop0')).toMatchObject({ severity: 'repaired', featureType: 'unit', reason: 'name given as a plain string; taken as zh' });
    expect(r.venue!.units.find((u) => u.id === 'shop0')!.name).toEqual({ zh: '鞋店' });
  });

  it('skips the second feature with an id already used', () => {
    const r = broken((fs) => fs.push({ ...byId(fs, 'shop0'), geometry: rect(10, 10, 20, 20) }));
    expect(problem(r, 'shop0')).toMatchObject({ severity: 'skipped', reason: 'duplicate id: already used by a unit; this one left out' });
    expect(r.venue!.units.filter((u) => u.id === 'shop0')).toHaveLength(1);
    expect(r.venue!.units.find((u) => u.id === 'shop0')!.displayPoint[0]).toBeCloseTo(5, 3);
  });

  it('skips a feature with no usable id', () => {
    const r = broken((fs) => void (byId(fs, 'door1').id = 'has spaces in it'));
    expect(r.problems).toContainEqual(expect.objectContaining({ id: null, severity: 'skipped', reason: expect.stringContaining('no usable id ("has spaces in it")') }));
    expectRestImported(r);
  });

  it('skips a level with no integer ordinal, and its units with it', () => {
    const r = broken((fs) => void (byId(fs, 'L1').properties.ordinal = '2'));
    expect(problem(r, 'L1')).toMatchObject({ severity: 'skipped', reason: expect.stringContaining('ordinal missing or not an integer') });
    expect(problem(r, 'shop1')).toMatchObject({ severity: 'skipped', reason: 'level_id L1 points to no usable level' });
    expect(r.venue!.levels).toHaveLength(1);
  });
});

describe('importImdf refuses a whole map rather than half of one', () => {
  it('returns no venue and a fatal problem for a map with 0 levels', () => {
    const r = importImdf(tinyMap().filter((f) => f.feature_type !== 'level'));
    expect(r.venue).toBeNull();
    expect(r.problems).toContainEqual({ id: null, featureType: null, severity: 'fatal', reason: 'the map has no level features' });
  });

  it('returns no venue when every level is broken, or there are no units', () => {
    const noLevels = broken((fs) => fs.filter((f) => f.feature_type === 'level').forEach((f) => void (f.geometry = null)));
    expect(noLevels.venue).toBeNull();
    expect(noLevels.problems.at(-1)).toMatchObject({ severity: 'fatal', reason: 'none of the 2 level features is usable, so the map has no levels' });
    const noUnits = importImdf(tinyMap().filter((f) => f.feature_type !== 'unit'));
    expect(noUnits.venue).toBeNull();
    expect(noUnits.problems.at(-1)!.reason).toContain('no usable units');
  });

  it('returns no venue when the converted map fails the venue contract (201 levels)', () => {
    const features = tinyMap();
    for (let i = 2; i < 203; i++) features.push({ type: 'Feature', id: `x${i}`, feature_type: 'level', geometry: rect(0, 0, 30, 20), properties: { ordinal: i - 20, name: { en: `L${i}` }, short_name: { en: `L${i}` } } });
    const r = importImdf(features);
    expect(r.venue).toBeNull();
    expect(r.problems.at(-1)).toMatchObject({ severity: 'fatal', reason: expect.stringMatching(/^the converted map is not a valid venue: levels: /) });
  });

  it('never throws on random input, and returns either a valid venue or a fatal problem', () => {
    let seed = 12345;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const junk = (depth: number): unknown => {
      const k = Math.floor(rand() * 9);
      if (depth > 3 || k < 3) return [null, true, 0, -1, 1e308, 'unit', 'level', '', 'x'.repeat(70), Number.NaN][Math.floor(rand() * 10)];
      if (k < 5) return Array.from({ length: Math.floor(rand() * 4) }, () => junk(depth + 1));
      const keys = ['type', 'id', 'feature_type', 'geometry', 'properties', 'coordinates', 'category', 'level_id', 'ordinal', 'name', 'unit_ids', 'anchor_id', 'origin'];
      return Object.fromEntries(Array.from({ length: Math.floor(rand() * 5) }, () => [keys[Math.floor(rand() * keys.length)]!, junk(depth + 1)]));
    };
    for (let i = 0; i < 400; i++) {
      // Half pure junk, half the tiny map with one part of one feature replaced by junk.
      const features: unknown[] = i % 2 ? (Array.from({ length: Math.floor(rand() * 6) }, () => junk(0))) : tinyMap({ relationship: true });
      if (i % 2 === 0) {
        const f = features[Math.floor(rand() * features.length)] as Record<string, unknown>;
        const key = ['id', 'feature_type', 'geometry', 'properties'][Math.floor(rand() * 4)]!;
        f[key] = junk(0);
      }
      const r = importImdf(features);
      if (r.venue) expect(Venue.safeParse(r.venue).success).toBe(true);
      else expect(r.problems.some((p) => p.severity === 'fatal')).toBe(true);
    }
    for (const input of [null, undefined, 42, 'text', {}, [[]]]) expect(() => importImdf(input as unknown as unknown[])).not.toThrow();
  });
});
