// `content remove`'s rule (hq-sim/src/content-catalog.ts removeContentChange), HQ's own snapshot after a delta that
// removes an asset (delta.ts), and HQ counting proof of play, each item or hourly roll-ups (upstream.ts), once per event.
import { describe, expect, it } from 'vitest';
import type { Asset } from '../../../contracts/content.ts';
import { CatalogSnapshot } from '../../../contracts/mqtt.ts';
import { removeContentChange } from '../../../hq-sim/src/content-catalog.ts';
import { applyDeltaToSnapshot, buildDelta } from '../../../hq-sim/src/delta.ts';
import { demoCatalogFor, openHqData } from '../../../hq-sim/src/hq-data.ts';
import { parseInbound } from '../../../hq-sim/src/inbound.ts';
import { silentLog } from '../../../hq-sim/src/log.ts';
import { handleUpstream, type HqCounters } from '../../../hq-sim/src/upstream.ts';
import { freshDataDir } from '../../support/agent-process.ts';

const now = new Date('2026-12-07T10:00:00Z');
const sha = (c: string) => c.repeat(64);
const asset = (c: string): Asset => ({ sha256: sha(c), bytes: 100, mime: 'image/png', width: 10, height: 10, url: `http://127.0.0.1:1/content/${sha(c)}` });

function catalog(): CatalogSnapshot {
  const base = demoCatalogFor('demo-mall', now);
  return CatalogSnapshot.parse({
    ...base, version: 4, publishedAt: now.toISOString(), assets: [asset('a'), asset('b'), asset('c'), asset('d')],
    campaigns: base.campaigns.map((c, i) => (i === 0 ? { ...c, creatives: [{ id: 'cr-a', orientation: 'portrait', asset: sha('a') }, { id: 'cr-b', orientation: 'portrait', asset: sha('b') }] } : c)),
    stores: base.stores.map((s, i) => (i === 0 ? { ...s, logo: sha('c') } : s)),
    wallArtwork: [{ id: 'w', orientation: 'landscape', asset: sha('d') }],
  });
}

describe('content remove: the rule', () => {
  it('removes an unused asset: a delta with remove.assets, and HQ\'s snapshot without it', () => {
    const snap = CatalogSnapshot.parse({ ...catalog(), assets: [...catalog().assets!, asset('e')] });
    const { change, detached } = removeContentChange(snap, sha('e'), false);
    expect(detached).toEqual([]);
    const delta = buildDelta(snap, change, now);
    expect(delta.remove.assets).toEqual([sha('e')]);
    expect(delta.upsert.campaigns).toEqual([]);
    expect(applyDeltaToSnapshot(snap, delta).assets?.map((a) => a.sha256)).toEqual([sha('a'), sha('b'), sha('c'), sha('d')]);
  });

  it('refuses an unknown sha256, one a creative or logo names (unless --force), and the wall artwork always', () => {
    const snap = catalog();
    const campaign = snap.campaigns[0]!.id;
    expect(() => removeContentChange(snap, sha('f'), false)).toThrow(`no asset ${sha('f')} in demo-mall's catalog`);
    expect(() => removeContentChange(snap, sha('a'), false)).toThrow(`asset ${sha('a')} is still used by ${campaign} (portrait); remove those first, or pass --force`);
    expect(() => removeContentChange(snap, sha('c'), false)).toThrow(/still used by logo of /);
    expect(() => removeContentChange(snap, sha('d'), true)).toThrow(/is the wall's artwork, which only a new snapshot changes/);
  });

  it('--force detaches it: the campaign keeps its other creatives, the store loses its logo', () => {
    const snap = catalog();
    const forced = removeContentChange(snap, sha('a'), true);
    expect(forced.detached).toEqual([`${snap.campaigns[0]!.id} (portrait)`]);
    const next = applyDeltaToSnapshot(snap, buildDelta(snap, forced.change, now));
    expect(next.campaigns.find((c) => c.id === snap.campaigns[0]!.id)?.creatives?.map((c) => c.id)).toEqual(['cr-b']);
    expect(next.assets?.some((a) => a.sha256 === sha('a'))).toBe(false);
    const logo = removeContentChange(next, sha('c'), true);
    const after = applyDeltaToSnapshot(next, buildDelta(next, logo.change, now));
    expect(after.stores.find((s) => s.id === snap.stores[0]!.id)?.logo).toBeUndefined();
    expect(after.stores).toHaveLength(snap.stores.length);
  });
});

describe('HQ counts proof of play', () => {
  it('each item and each hourly roll-up with the items it stands for, once per event id', () => {
    const data = openHqData(freshDataDir('atrium-hq-plays-'), 'demo-mall', now);
    try {
      const counters = { eventsNew: 0, eventsDuplicate: 0, playedItems: 0, playedHourlyEvents: 0, playedHourlyItems: 0 } as HqCounters;
      const deps = { mall: 'demo-mall', data, log: silentLog, counters, waiters: new Map(), queue: null, now, publish: async () => {}, ensureDesiredConfig: async () => { throw new Error('not used'); } };
      const topic = 'atrium/v1/demo-mall/devices/kiosk-1/events';
      const send = (eventId: string, type: string, payload: object) => {
        const body = Buffer.from(JSON.stringify({ eventId, type, deviceId: 'kiosk-1', mallId: 'demo-mall', ts: now.toISOString(), payload }));
        const msg = parseInbound(topic, body, 'demo-mall');
        expect(msg.kind).toBe('event');
        handleUpstream(deps, msg, { topic, payload: body } as never);
      };
      const display = { role: 'guide', orientation: 'portrait' };
      send('ev-00000001', 'content.played', { campaignId: 'c', creativeId: null, sha256: null, display, startedAt: now.toISOString(), durationMs: 7000, outcome: 'completed', detail: null });
      const hourly = { hour: '2026-12-07T09:00:00.000Z', display, campaignId: 'c', creativeId: 'cr', sha256: sha('a'), counts: { completed: 5, cut: 2, error: 1 }, totalDurationMs: 50_000 };
      send('ev-00000002', 'content.played.hourly', hourly);
      send('ev-00000002', 'content.played.hourly', hourly); // a resend after a lost PUBACK
      expect(counters).toMatchObject({ eventsNew: 2, eventsDuplicate: 1, playedItems: 1, playedHourlyEvents: 1, playedHourlyItems: 8 });
    } finally {
      data.close();
    }
  });
});
