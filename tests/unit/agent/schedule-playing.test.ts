// The agent's schedule filter and attract rotation (edge-agent/src/catalog/playing.ts), with tables: dayparts in
// Asia/Shanghai across a UTC day boundary, date range edges, targeting by role, device id and zone tags, weights
// 1:2:3 over a cycle, the playlist overriding all of it, and campaigns without a schedule playing as before; then the
// same through the SQLite catalog (promotionsNow), where the cards stay unique and the rotation names only them.
import { beforeEach, describe, expect, it } from 'vitest';
import type { Campaign } from '../../../contracts/catalog.ts';
import type { Schedule } from '../../../contracts/content.ts';
import { choosePlaying, cycle, type ScheduleScope } from '../../../edge-agent/src/catalog/playing.ts';
import { promotionsNow, registerFloorRank, replaceCatalog } from '../../../edge-agent/src/catalog/repo.ts';
import { openDatabase, type Db } from '../../../edge-agent/src/db/open.ts';
import { demoCatalog } from '../../../common/demo/catalog.ts';
import { freshDataDir } from '../../support/agent-process.ts';

const TZ = 'Asia/Shanghai';
// 2026-11-23 is a Monday; 16:00Z that day is Tuesday 00:00 in Shanghai.
const NOW = new Date('2026-11-23T12:00:00Z');
const kiosk: ScheduleScope = { timeZone: TZ, device: { id: 'kiosk-7', role: 'guide', zones: ['1F', 'north-atrium'] } };

function campaign(id: string, priority: number, schedule?: Partial<Schedule>): Campaign {
  return {
    id, title: { zh: id }, subtitle: { zh: id }, storeId: null, couponIds: [], colours: ['#000000', '#ffffff'], priority,
    startsAt: '2026-01-01T00:00:00Z', endsAt: '2027-01-01T00:00:00Z',
    ...(schedule ? { schedule: { dayparts: [], weight: 1, ...schedule } } : {}),
  };
}

const ids = (cs: readonly Campaign[]) => cs.map((c) => c.id);
const play = (running: Campaign[], now: Date, scope: ScheduleScope | null = kiosk, playlist: string[] | null = null, limit = 50) =>
  choosePlaying(running, { now, limit, playlist, scope });

describe('choosePlaying: time', () => {
  // Breakfast 07:00-09:00 in Shanghai is 23:00-01:00 UTC: the UTC date (Monday) is not the mall's (Tuesday).
  const breakfastTue = campaign('breakfast', 50, { dayparts: [{ days: [2], from: '07:00', to: '09:00' }] });
  const breakfastMon = campaign('breakfast-mon', 50, { dayparts: [{ days: [1], from: '07:00', to: '09:00' }] });
  const lateNight = campaign('late', 50, { dayparts: [{ days: [1], from: '22:00', to: '02:00' }] });
  it.each([
    ['Tue 06:59 Shanghai (Mon 22:59Z)', '2026-11-23T22:59:00Z', []],
    ['Tue 07:00 Shanghai (Mon 23:00Z): the mall\'s Tuesday, the UTC Monday', '2026-11-23T23:00:00Z', ['breakfast']],
    ['Tue 08:59 Shanghai (Tue 00:59Z)', '2026-11-24T00:59:00Z', ['breakfast']],
    ['Tue 09:00 Shanghai: `to` is exclusive', '2026-11-24T01:00:00Z', []],
    ['Mon 23:30 Shanghai: Monday\'s 22:00-02:00', '2026-11-23T15:30:00Z', ['late']],
    ['Tue 01:59 Shanghai: still Monday\'s late-night part', '2026-11-23T17:59:00Z', ['late']],
    ['Tue 02:00 Shanghai: over', '2026-11-23T18:00:00Z', []],
  ])('dayparts: %s', (_name, at, expected) => {
    expect(ids(play([breakfastTue, breakfastMon, lateNight], new Date(at)).campaigns)).toEqual(expected);
  });

  const dated = campaign('dated', 50, { dateFrom: '2026-11-24', dateTo: '2026-11-25' });
  it.each([
    ['the day before, 23:59:59 local', '2026-11-23T15:59:59Z', false],
    ['the first day, 00:00 local (still the 23rd in UTC)', '2026-11-23T16:00:00Z', true],
    ['the last day, 23:59 local', '2026-11-25T15:59:00Z', true],
    ['the day after, 00:00 local', '2026-11-25T16:00:00Z', false],
  ])('date range: %s', (_name, at, plays) => {
    expect(ids(play([dated], new Date(at)).campaigns)).toEqual(plays ? ['dated'] : []);
  });
});

describe('choosePlaying: targeting', () => {
  it.each([
    ['no targeting', {}, true],
    ['role guide', { roles: ['guide'] }, true],
    ['role wall only', { roles: ['wall'] }, false],
    ['this device', { devices: ['kiosk-1', 'kiosk-7'] }, true],
    ['another device', { devices: ['kiosk-1'] }, false],
    ['a zone this kiosk carries', { zones: ['food-court', 'north-atrium'] }, true],
    ['zones this kiosk does not carry', { zones: ['food-court'] }, false],
    ['role and zone both match', { roles: ['guide'], zones: ['1F'] }, true],
    ['role matches, zone does not (AND)', { roles: ['guide'], zones: ['2F'] }, false],
    ['empty lists do not restrict', { roles: [], devices: [], zones: [] }, true],
  ] as [string, Partial<Schedule>, boolean][])('%s', (_name, schedule, plays) => {
    expect(ids(play([campaign('c', 50, schedule)], NOW).campaigns)).toEqual(plays ? ['c'] : []);
  });

  it('a kiosk without zone tags plays no zone-targeted campaign', () => {
    const bare: ScheduleScope = { timeZone: TZ, device: { ...kiosk.device, zones: [] } };
    expect(ids(play([campaign('z', 50, { zones: ['1F'] }), campaign('any', 40)], NOW, bare).campaigns)).toEqual(['any']);
  });
});

describe('choosePlaying: share of voice', () => {
  const a = campaign('a', 90, { weight: 1 });
  const b = campaign('b', 80, { weight: 2 });
  const c = campaign('c', 70, { weight: 3 });
  const count = (list: string[]) => Object.fromEntries(['a', 'b', 'c'].map((id) => [id, list.filter((x) => x === id).length]));

  it('weights 1:2:3 give 1, 2 and 3 slots a cycle, spread out, while the cards stay unique in priority order', () => {
    const r = play([a, b, c], NOW);
    expect(ids(r.campaigns)).toEqual(['a', 'b', 'c']);
    expect(r.rotation).toHaveLength(6);
    expect(count(r.rotation)).toEqual({ a: 1, b: 2, c: 3 });
    // Spread evenly: within the cycle no campaign plays twice in a row.
    expect(r.rotation.some((id, i) => i > 0 && id === r.rotation[i - 1])).toBe(false);
  });

  it('is the same order for the same device, and may differ between devices', () => {
    expect(cycle([a, b, c], 'kiosk-7')).toEqual(cycle([a, b, c], 'kiosk-7'));
    const orders = new Set(['k1', 'k2', 'k3', 'k4', 'k5', 'k6'].map((id) => cycle([a, b, c], id).join()));
    expect(orders.size).toBeGreaterThan(1);
  });

  it('only campaigns playing now share the cycle', () => {
    const off = campaign('off', 99, { weight: 5, dayparts: [{ days: [1, 2, 3, 4, 5, 6, 7], from: '03:00', to: '04:00' }] });
    const r = play([off, a, b, c], NOW);
    expect(r.rotation).not.toContain('off');
    expect(count(r.rotation)).toEqual({ a: 1, b: 2, c: 3 });
  });

  it('equal weights keep the priority order, each once', () => {
    const r = play([campaign('x', 90, { weight: 2 }), campaign('y', 80, { weight: 2 })], NOW);
    expect(r.rotation).toEqual(['x', 'y']);
  });
});

describe('choosePlaying: playlist and no schedule', () => {
  const always = campaign('always', 90);
  const other = campaign('other', 80);
  const wallOnly = campaign('wall-only', 70, { roles: ['wall'] });
  const night = campaign('night', 60, { weight: 4, dayparts: [{ days: [1, 2, 3, 4, 5, 6, 7], from: '02:00', to: '03:00' }] });
  const heavy = campaign('heavy', 50, { weight: 3 });

  it.each([
    ['the playlist decides, schedule or not, in its order, each once', ['night', 'wall-only', 'always'], ['night', 'wall-only', 'always'], ['night', 'wall-only', 'always']],
    ['unknown and repeated ids are skipped', ['gone', 'heavy', 'heavy', 'other'], ['heavy', 'other'], ['heavy', 'other']],
    ['a playlist of which nothing runs: the schedule decides', ['gone'], ['always', 'other', 'heavy'], null],
    ['no playlist: the schedule decides', null, ['always', 'other', 'heavy'], null],
  ] as [string, string[] | null, string[], string[] | null][])('%s', (_name, playlist, campaigns, rotation) => {
    const r = play([always, other, wallOnly, night, heavy], NOW, kiosk, playlist);
    expect(ids(r.campaigns)).toEqual(campaigns);
    if (rotation) expect(r.rotation).toEqual(rotation);
    else expect([...r.rotation].sort()).toEqual(['always', 'heavy', 'heavy', 'heavy', 'other']);
  });

  it('campaigns without a schedule play as before: all, by priority, each once', () => {
    const r = play([always, other, campaign('third', 10)], NOW);
    expect(ids(r.campaigns)).toEqual(['always', 'other', 'third']);
    expect(r.rotation).toEqual(['always', 'other', 'third']);
  });

  it('the limit applies before the rotation; scope null (the staff picker) ignores schedules', () => {
    expect(play([always, other, heavy], NOW, kiosk, null, 2).rotation).toEqual(['always', 'other']);
    expect(ids(play([always, wallOnly, night], NOW, null).campaigns)).toEqual(['always', 'wall-only', 'night']);
  });
});

describe('promotionsNow on the SQLite catalog', () => {
  let db: Db;
  beforeEach(() => {
    db = openDatabase(freshDataDir());
    registerFloorRank(db);
  });

  it('the demo catalog (no schedules) plays as before; scheduled campaigns are filtered and weighted', () => {
    const demo = demoCatalog(NOW);
    replaceCatalog(db, demo);
    const before = promotionsNow(db, { now: NOW, limit: 50, scope: kiosk });
    expect(before.promotions).toHaveLength(7);
    expect(before.rotation).toEqual(before.promotions.map((p) => p.campaignId));

    const [first, second, ...rest] = demo.campaigns;
    const scheduled = {
      ...demo, version: 2,
      campaigns: [
        { ...first!, schedule: { dayparts: [], weight: 3 } },
        { ...second!, schedule: { dayparts: [], weight: 1, zones: ['food-court'] } },
        ...rest,
      ],
    };
    replaceCatalog(db, scheduled);
    const after = promotionsNow(db, { now: NOW, limit: 50, scope: kiosk });
    const cards = after.promotions.map((p) => p.campaignId);
    expect(cards).toHaveLength(6);
    expect(cards).not.toContain(second!.id);
    expect(new Set(cards).size).toBe(cards.length); // the home shelf gets no duplicates
    expect(after.rotation).toHaveLength(8);
    expect(after.rotation.filter((id) => id === first!.id)).toHaveLength(3);
    expect(after.rotation.every((id) => cards.includes(id))).toBe(true);
  });
});
