// HQ's store on a real SQLite file: durability settings, event de-duplication, fleet status, members, catalog.
import { describe, expect, it } from 'vitest';
import { CatalogSnapshot, type DeviceEventEnvelope, type DeviceStatus } from '../../../contracts/mqtt.ts';
import { demoOfferRules } from '../../../common/demo/catalog.ts';
import { cardHash } from '../../../common/node/card-hash.ts';
import { currentSnapshot, FIRST_HQ_CATALOG_VERSION, openHqData } from '../../../hq-sim/src/hq-data.ts';
import { openHqStore } from '../../../hq-sim/src/store.ts';
import { freshDataDir } from '../../support/agent-process.ts';

const now = new Date('2026-11-23T12:00:00Z');
const event = (id: string, o: Partial<DeviceEventEnvelope> = {}): DeviceEventEnvelope => ({
  eventId: id, type: 'coupon.claimed', deviceId: 'kiosk-1', mallId: 'demo-mall', ts: now.toISOString(), payload: { couponId: 'c-1' }, ...o,
});
const status = (online: boolean, reason: DeviceStatus['reason'], ts: string): DeviceStatus => ({ online, reason, ts, deviceId: 'kiosk-1', mallId: 'demo-mall', agentVersion: '0.1.0' });

describe('HqStore', () => {
  it('uses WAL with synchronous=FULL', () => {
    const store = openHqStore(freshDataDir('atrium-hq-'));
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.db.pragma('synchronous', { simple: true })).toBe(2);
    store.close();
  });

  it('records an event once per eventId and counts repeats', () => {
    const store = openHqStore(freshDataDir('atrium-hq-'));
    expect(store.recordEvent(event('e-00000001'), now)).toBe('new');
    expect(store.recordEvent(event('e-00000001'), now)).toBe('duplicate');
    expect(store.recordEvent(event('e-00000001', { payload: { changed: true } }), now)).toBe('duplicate');
    expect(store.recordEvent(event('e-00000002'), now)).toBe('new');
    const rows = store.events({ deviceId: 'kiosk-1' });
    expect(rows).toHaveLength(2);
    expect(rows.find((e) => e.eventId === 'e-00000001')).toMatchObject({ duplicates: 2, payload: { couponId: 'c-1' } });
    store.recordStatus(status(true, 'birth', now.toISOString()));
    expect(store.fleet('demo-mall')[0]).toMatchObject({ deviceId: 'kiosk-1', eventsReceived: 2, duplicates: 2 });
    store.close();
  });

  it('keeps the status that arrived last, even when a will carries an older ts than the birth', () => {
    const store = openHqStore(freshDataDir('atrium-hq-'));
    store.recordStatus(status(true, 'birth', '2026-11-23T12:00:00.000Z'));
    // The will's payload was fixed when the kiosk connected, so its ts is older than the birth it replaces.
    store.recordStatus(status(false, 'will', '2026-11-23T11:59:59.000Z'));
    expect(store.fleet('demo-mall')[0]).toMatchObject({ online: false, statusReason: 'will' });
    store.close();
  });

  it('keeps command results once per (id, status)', () => {
    const store = openHqStore(freshDataDir('atrium-hq-'));
    const r = { id: 'cmd-00000001', status: 'accepted' as const, detail: null, data: null, ts: now.toISOString() };
    expect(store.recordCommandResult('demo-mall', 'kiosk-1', r)).toBe(true);
    expect(store.recordCommandResult('demo-mall', 'kiosk-1', r)).toBe(false);
    expect(store.recordCommandResult('demo-mall', 'kiosk-1', { ...r, status: 'done' })).toBe(true);
    expect(store.commandResults('cmd-00000001').map((x) => x.status)).toEqual(['accepted', 'done']);
    store.close();
  });

  it('moves published catalog versions only forward', () => {
    const data = openHqData(freshDataDir('atrium-hq-'), 'demo-mall', now);
    const { snapshot } = currentSnapshot(data, now);
    expect(() => data.store.savePublishedSnapshot({ ...snapshot, version: snapshot.version - 1 })).toThrow(/older than the published/);
    data.close();
  });
});

describe('openHqData', () => {
  it('keeps demo members with salted card hashes, never card numbers', () => {
    const dir = freshDataDir('atrium-hq-');
    const data = openHqData(dir, 'demo-mall', now);
    const m = data.store.memberByCardHash(cardHash(data.cardSalt, '6200000000001003'));
    expect(m).toMatchObject({ id: 'M1003', tier: 'gold' });
    expect(data.store.memberById('M1005')).toMatchObject({ tier: 'silver' });
    const dump = JSON.stringify(data.store.db.prepare('SELECT * FROM members').all());
    expect(dump).not.toContain('6200000000001003');
    expect(data.store.members().map((r) => r.note)).toContain('gold tier, dormant (no visit in 200 days)');
    data.close();
  });

  it('publishes version 2 first (above the kiosk`s seeded demo version 1) and keeps it stable across restarts', () => {
    const dir = freshDataDir('atrium-hq-');
    const a = openHqData(dir, 'demo-mall', now);
    const first = currentSnapshot(a, now);
    expect(first).toMatchObject({ changed: true, snapshot: { version: FIRST_HQ_CATALOG_VERSION, mallId: 'demo-mall' } });
    expect(first.snapshot.hqKeys).toEqual([a.key.hqKey]);
    expect(first.snapshot.staff.map((s) => s.staffId)).toEqual(['mgr-zhao', 'staff-li', 'tech-chen']);
    a.close();
    const b = openHqData(dir, 'demo-mall', new Date(now.getTime() + 86_400_000));
    expect(b.cardSalt).toBe(a.cardSalt);
    const again = currentSnapshot(b);
    expect(again.changed).toBe(false);
    expect(again.snapshot).toEqual(first.snapshot);
    b.close();
  });

  it('publishes the card salt, HQ`s offer rules and experiments, and a valid snapshot', () => {
    const data = openHqData(freshDataDir('atrium-hq-'), 'demo-mall', now);
    const { snapshot } = currentSnapshot(data, now);
    expect(CatalogSnapshot.parse(snapshot)).toEqual(snapshot);
    expect(snapshot.cardSalt).toBe(data.cardSalt);
    expect(snapshot.cardSalt).toMatch(/^[0-9a-f]{32}$/);
    expect(snapshot.offerRules.map((r) => r.id)).toEqual(demoOfferRules().map((r) => r.id));
    expect(snapshot.experiments.map((x) => x.id)).toEqual(['x-offers-2026q4']);
    // every rule offers a coupon of the catalog
    for (const r of snapshot.offerRules) expect(snapshot.coupons.map((c) => c.id), r.id).toContain(r.couponId);
    // and the store answers look-ups with the member's card hash
    expect(data.store.cardHashOf('M1002')).toBe(cardHash(data.cardSalt, '6200000000001002'));
    expect(data.store.cardHashOf('M9999')).toBeNull();
    data.close();
  });

  it('moves on one version for a data folder published before card salts and offer rules existed', () => {
    const dir = freshDataDir('atrium-hq-');
    const data = openHqData(dir, 'demo-mall', now);
    const first = currentSnapshot(data, now).snapshot;
    data.store.savePublishedSnapshot(CatalogSnapshot.parse({ ...first, offerRules: [], experiments: [], cardSalt: null }));
    const next = currentSnapshot(data, now);
    expect(next).toMatchObject({ changed: true, snapshot: { version: first.version + 1, cardSalt: data.cardSalt } });
    expect(next.snapshot.offerRules).toHaveLength(demoOfferRules().length);
    expect(currentSnapshot(data, now).changed).toBe(false); // and then stays put
    data.close();
  });

  it('moves the catalog one version on when HQ`s staff changed since it was published', () => {
    const dir = freshDataDir('atrium-hq-');
    const data = openHqData(dir, 'demo-mall', now);
    const v = currentSnapshot(data, now).snapshot.version;
    data.store.replaceStaff(data.store.staff().slice(1));
    const next = currentSnapshot(data, now);
    expect(next.changed).toBe(true);
    expect(next.snapshot.version).toBe(v + 1);
    expect(next.snapshot.staff).toHaveLength(2);
    data.close();
  });
});
