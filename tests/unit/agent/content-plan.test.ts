// The content manager's pure parts, with tables: what the catalog refers to and wants now, refusals, the retry
// schedule, which files the quota evicts, byte ranges both ways, and the bandwidth cap's token bucket.
import { describe, expect, it } from 'vitest';
import { backoffDelay } from '../../../contracts/backoff.ts';
import type { Campaign } from '../../../contracts/catalog.ts';
import { MAX_ASSET_BYTES } from '../../../contracts/content.ts';
import { chooseEvictions, contentBackoff, nextAttemptAt, planContent, playWindow, refusal, type StoredFile } from '../../../edge-agent/src/content/plan.ts';
import { parseContentRange, parseRange } from '../../../edge-agent/src/content/range.ts';
import { TokenBucket } from '../../../edge-agent/src/content/throttle.ts';

const NOW = Date.parse('2025-06-01T12:00:00Z');
const H = 3_600_000;
const sha = (c: string) => c.repeat(64);

function campaign(id: string, asset: string, startH: number, endH: number, schedule?: Campaign['schedule']): Campaign {
  return {
    id, title: { zh: id }, subtitle: { zh: id }, storeId: null, couponIds: [], colours: ['#000000', '#ffffff'], priority: 50,
    startsAt: new Date(NOW + startH * H).toISOString(), endsAt: new Date(NOW + endH * H).toISOString(),
    creatives: [{ id: `${id}-p`, orientation: 'portrait', asset, playback: 'once' }], ...(schedule ? { schedule } : {}),
  };
}

describe('planContent', () => {
  it('refers to running and future campaigns, logos and wall artwork; wants what starts within the prefetch window', () => {
    const plan = planContent({
      campaigns: [
        campaign('running', sha('a'), -2, 5),
        campaign('soon', sha('b'), 10, 30),
        campaign('later', sha('c'), 30, 40),
        campaign('ended', sha('d'), -10, -1),
      ],
      stores: [{ logo: sha('e') }, {}],
      wallArtwork: [{ id: 'w', orientation: 'landscape', asset: sha('f'), playback: 'loop' }],
    }, NOW, 24, 'Asia/Shanghai');
    expect([...plan.referenced].sort()).toEqual([sha('a'), sha('b'), sha('c'), sha('e'), sha('f')]);
    expect([...plan.wanted.keys()].sort()).toEqual([sha('a'), sha('b'), sha('e'), sha('f')]);
    expect(plan.wanted.get(sha('a'))).toBe(NOW);
    expect(plan.wanted.get(sha('b'))).toBe(NOW + 10 * H);
  });

  it('keeps a dated campaign from its earliest possible day anywhere (UTC+14) to its latest (UTC-12)', () => {
    const c = campaign('dated', sha('a'), -100, 1000, { dateFrom: '2025-06-03', dateTo: '2025-06-05', dayparts: [], weight: 1 });
    expect(playWindow(c)).toEqual({ start: Date.parse('2025-06-02T10:00:00Z'), end: Date.parse('2025-06-06T11:59:59.999Z') });
    const past = campaign('past', sha('b'), -100, 1000, { dateTo: '2025-05-30', dayparts: [], weight: 1 });
    expect(planContent({ campaigns: [past], stores: [], wallArtwork: [] }, NOW, 24, 'Asia/Shanghai').referenced.size).toBe(0);
  });

  // NOW is 2025-06-01 (a Sunday) 20:00 in Shanghai, 14:00 in Berlin. Each row: schedule, zone, prefetch hours, when
  // the asset is first wanted (hours after NOW) or null when not within the window.
  const dated = { dateFrom: '2025-06-03', dayparts: [], weight: 1 };
  const evening = { dayparts: [{ days: [1, 2, 3, 4, 5], from: '18:00', to: '22:00' }], weight: 1 };
  it.each([
    ['date in Shanghai: 2025-06-03 00:00 +08 is 28 h away', dated, 'Asia/Shanghai', 24, null],
    ['the same date, 48 h window', dated, 'Asia/Shanghai', 48, 28],
    ['the same date in Berlin: 00:00 +02 is 34 h away', dated, 'Europe/Berlin', 48, 34],
    ['a weekday evening daypart, Sunday 20:00 Shanghai: Monday 18:00 is 22 h away', evening, 'Asia/Shanghai', 24, 22],
    ['the same with a 12-hour window', evening, 'Asia/Shanghai', 12, null],
    ['playing now: wanted now', { dayparts: [{ from: '19:00', to: '21:00' }], weight: 1 }, 'Asia/Shanghai', 0, 0],
  ] as const)('prefetch in the mall\'s zone: %s', (_name, schedule, zone, hours, wantedAfterH) => {
    const c = campaign('c', sha('a'), -100, 1000, { ...schedule, dayparts: schedule.dayparts.map((d) => ({ days: [1, 2, 3, 4, 5, 6, 7], ...d })) });
    const plan = planContent({ campaigns: [c], stores: [], wallArtwork: [] }, NOW, hours, zone);
    expect(plan.referenced.has(sha('a'))).toBe(true);
    expect(plan.wanted.get(sha('a')) ?? null).toBe(wantedAfterH === null ? null : NOW + wantedAfterH * H);
  });
});

describe('refusal', () => {
  const ok = { bytes: 1000, mime: 'image/png', url: 'https://cdn.example/a.png' };
  it.each([
    [ok, null],
    [{ ...ok, mime: 'image/gif' }, /^unknown MIME type "image\/gif"/],
    [{ ...ok, bytes: MAX_ASSET_BYTES + 1 }, /over the largest a kiosk accepts/],
    [{ ...ok, bytes: 2001 }, /larger than the content quota \(2000 bytes\)/],
    [{ ...ok, url: 'ftp://cdn.example/a.png' }, /^not an http\(s\) URL \(ftp:\)/],
    [{ ...ok, url: 'file:///etc/passwd' }, /^not an http\(s\) URL/],
    [{ ...ok, url: 'no url' }, /^not a URL/],
  ])('%j -> %s', (input, expected) => {
    const r = refusal(input, 2000);
    if (expected === null) expect(r).toBeNull();
    else expect(r).toMatch(expected);
  });
});

describe('retry schedule', () => {
  it('doubles from 2 s to a 10 minute cap, with 20% jitter either way', () => {
    const mid = [1, 2, 3, 4, 5, 8, 9, 10, 20].map((n) => backoffDelay(n, contentBackoff, () => 0.5));
    expect(mid).toEqual([2000, 4000, 8000, 16_000, 32_000, 256_000, 512_000, 600_000, 600_000]);
    expect(nextAttemptAt(1, NOW, contentBackoff, () => 0)).toBe(NOW + 1600);
    expect(nextAttemptAt(1, NOW, contentBackoff, () => 1)).toBe(NOW + 2400);
    expect(nextAttemptAt(30, NOW, contentBackoff, () => 1)).toBe(NOW + 600_000);
  });
});

describe('chooseEvictions', () => {
  const file = (c: string, bytes: number, lastUsedAt: string | null, ready = true): StoredFile => ({ sha256: sha(c), bytesOnDisk: bytes, ready, lastUsedAt, readyAt: '2025-01-01T00:00:00Z' });
  const files = [
    file('a', 100, '2025-05-01T00:00:00Z'),
    file('b', 100, '2025-04-01T00:00:00Z'),
    file('c', 100, null),
    file('d', 100, '2025-03-01T00:00:00Z'),
    file('e', 100, '2020-01-01T00:00:00Z', false),
  ];
  it('evicts nothing when it fits', () => {
    expect(chooseEvictions(files, 400, 100, 500, new Set())).toEqual([]);
  });
  it('evicts least recently used first (never used counts by when it became ready), skipping referenced and busy files', () => {
    expect(chooseEvictions(files, 500, 100, 500, new Set())).toEqual([sha('c')]);
    expect(chooseEvictions(files, 500, 150, 500, new Set())).toEqual([sha('c'), sha('d')]);
    expect(chooseEvictions(files, 500, 150, 500, new Set([sha('c')]))).toEqual([sha('d'), sha('b')]);
    expect(chooseEvictions(files, 500, 100, 500, new Set([sha('c')]), new Set([sha('d')]))).toEqual([sha('b')]);
  });
  it('evicts nothing when even every candidate would not make room (no partial eviction)', () => {
    expect(chooseEvictions(files, 500, 300, 500, new Set([sha('a'), sha('b')]))).toBeNull();
    expect(chooseEvictions(files, 500, 100, 500, new Set([sha('a'), sha('b'), sha('c'), sha('d')]))).toBeNull();
  });
});

describe('parseRange', () => {
  it.each([
    [undefined, { kind: 'whole' }],
    ['bytes=0-99', { kind: 'part', start: 0, end: 99 }],
    ['bytes=900-', { kind: 'part', start: 900, end: 999 }],
    ['bytes=900-5000', { kind: 'part', start: 900, end: 999 }],
    ['bytes=-100', { kind: 'part', start: 900, end: 999 }],
    ['bytes=-5000', { kind: 'part', start: 0, end: 999 }],
    ['bytes=0-1,5-6', { kind: 'whole' }],
    ['bytes=1000-', { kind: 'unsatisfiable' }],
    ['bytes=5-4', { kind: 'unsatisfiable' }],
    ['bytes=-0', { kind: 'unsatisfiable' }],
    ['bytes=-', { kind: 'unsatisfiable' }],
    ['bytes=a-b', { kind: 'unsatisfiable' }],
    ['items=0-1', { kind: 'unsatisfiable' }],
  ])('%s of 1000 bytes -> %j', (header, expected) => {
    expect(parseRange(header, 1000)).toEqual(expected);
  });

  it('reads a content host Content-Range', () => {
    expect(parseContentRange('bytes 100-999/1000')).toEqual({ start: 100, end: 999, total: 1000 });
    expect(parseContentRange('bytes 100-999/*')).toEqual({ start: 100, end: 999, total: null });
    expect(parseContentRange('bytes */1000')).toBeNull();
    expect(parseContentRange(null)).toBeNull();
  });
});

describe('TokenBucket', () => {
  it('lets a burst through, then makes readers wait the debt off at the rate', () => {
    let t = 0;
    const b = new TokenBucket(1000, 1000, () => t);
    expect(b.reserve(1000)).toBe(0);
    expect(b.reserve(500)).toBe(500);
    t = 500;
    expect(b.reserve(500)).toBe(500);
    t = 5000;
    expect(b.reserve(200)).toBe(0); // refilled, but never above the burst
    expect(b.reserve(900)).toBe(100);
  });
});
