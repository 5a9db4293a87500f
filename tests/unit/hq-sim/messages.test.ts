// HQ's pure message logic: parsing what kiosks send, answering look-ups, building and applying catalog deltas.
import { describe, expect, it } from 'vitest';
import { CatalogDelta, CatalogSnapshot, MemberLookupResponse, topics, type Heartbeat } from '../../../contracts/mqtt.ts';
import { demoMembers } from '../../../common/demo/catalog.ts';
import { cardHash } from '../../../common/node/card-hash.ts';
import { newCommand, isFinalStatus } from '../../../hq-sim/src/commands.ts';
import { applyDeltaToSnapshot, buildDelta, exampleDelta } from '../../../hq-sim/src/delta.ts';
import { demoCardNumber } from '../../../hq-sim/src/demo-people.ts';
import { demoCatalogFor } from '../../../hq-sim/src/hq-data.ts';
import { parseInbound } from '../../../hq-sim/src/inbound.ts';
import { answerLookup, lookupReplyTarget, type MemberDirectory } from '../../../hq-sim/src/lookup.ts';
import { attractItems, buildSnapshot } from '../../../hq-sim/src/snapshot.ts';

const now = new Date('2026-11-23T12:00:00Z');
const mall = 'demo-mall';
const salt = 'a1b2c3d4';
const json = (v: unknown) => Buffer.from(JSON.stringify(v));

const members = demoMembers(now).map(({ note: _n, ...m }) => m);
const directory: MemberDirectory = {
  memberById: (id) => members.find((m) => m.id === id) ?? null,
  memberByCardHash: (h) => members.find((m) => cardHash(salt, demoCardNumber(m.id)) === h) ?? null,
  cardHashOf: (id) => (members.some((m) => m.id === id) ? cardHash(salt, demoCardNumber(id)) : null),
};

describe('answerLookup', () => {
  it('finds a member by id and by card hash, with the contract shape', () => {
    const byId = answerLookup({ by: 'memberId', memberId: 'M1003' }, directory);
    expect(MemberLookupResponse.parse(byId)).toEqual(byId);
    expect(byId).toMatchObject({ found: true, member: { id: 'M1003', tier: 'gold', segment: 'dormant' } });
    const byCard = answerLookup({ by: 'cardHash', cardHash: cardHash(salt, '6200000000001004') }, directory);
    expect(byCard).toMatchObject({ found: true, member: { id: 'M1004', tier: 'diamond' } });
  });

  it('answers with the member`s card hash, so the kiosk can cache the answer for card reads', () => {
    expect(answerLookup({ by: 'memberId', memberId: 'M1003' }, directory).cardHash).toBe(cardHash(salt, '6200000000001003'));
    expect(answerLookup({ by: 'cardHash', cardHash: cardHash(salt, '6200000000001004') }, directory).cardHash).toBe(cardHash(salt, '6200000000001004'));
    const { cardHashOf: _none, ...withoutHook } = directory;
    expect(answerLookup({ by: 'memberId', memberId: 'M1003' }, withoutHook).cardHash).toBeNull();
  });

  it('answers found:false for an unknown id or card', () => {
    expect(answerLookup({ by: 'memberId', memberId: 'M9999' }, directory)).toEqual({ found: false, member: null, cardHash: null });
    expect(answerLookup({ by: 'cardHash', cardHash: cardHash('another-mall', '6200000000001004') }, directory)).toEqual({ found: false, member: null, cardHash: null });
  });
});

describe('lookupReplyTarget', () => {
  const own = topics.lookupResponse(mall, 'kiosk-1');
  const corr = Buffer.from('0b0e1c9a-7d7e-4c59-8d1e-1d2c3b4a5f60');
  it('replies on the asking device`s own response topic with its correlation data', () => {
    expect(lookupReplyTarget(mall, 'kiosk-1', { responseTopic: own, correlationData: corr })).toEqual({ ok: true, responseTopic: own, correlationData: corr });
  });
  it.each([
    ['no properties (MQTT 3.1.1)', undefined, /no responseTopic/],
    ['another device`s topic', { responseTopic: topics.lookupResponse(mall, 'kiosk-2'), correlationData: corr }, /not the device's own/],
    ['a topic outside the tree', { responseTopic: 'atrium/v1/demo-mall/catalog/snapshot', correlationData: corr }, /not the device's own/],
    ['no correlation data', { responseTopic: own }, /no correlationData/],
    ['oversized correlation data', { responseTopic: own, correlationData: Buffer.alloc(300) }, /longer than 256/],
  ])('refuses %s', (_why, props, reason) => {
    const r = lookupReplyTarget(mall, 'kiosk-1', props);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(reason);
  });
});

describe('parseInbound', () => {
  const hb: Heartbeat = { ts: now.toISOString(), deviceId: 'kiosk-1', uptimeSec: 5, outboxDepth: 0, lastSyncAt: null, catalogVersion: 2, configVersion: 1, rssMb: 80, heapUsedMb: 20, lastError: null };
  // (a claim event's payload must be a whole ClaimEventPayload: events are a union by type, each with its payload schema)
  const claim = { claimId: 'claim-0000000001', memberId: 'M1001', couponId: 'c-1', via: 'claim', pointsCost: 0, ruleId: null, experiment: null, claimedAt: now.toISOString() };
  const event = { eventId: 'e-0000000001', type: 'coupon.claimed', deviceId: 'kiosk-1', mallId: mall, ts: now.toISOString(), payload: claim };

  it('recognises each device topic and parses its payload with the contract', () => {
    expect(parseInbound(topics.heartbeat(mall, 'kiosk-1'), json(hb), mall)).toEqual({ kind: 'heartbeat', device: 'kiosk-1', data: hb });
    expect(parseInbound(topics.events(mall, 'kiosk-1'), json(event), mall)).toEqual({ kind: 'event', device: 'kiosk-1', data: event });
    expect(parseInbound(topics.status(mall, 'kiosk-1'), json({ online: true, ts: now.toISOString(), deviceId: 'kiosk-1', mallId: mall, reason: 'birth' }), mall).kind).toBe('status');
    expect(parseInbound(topics.commandResults(mall, 'kiosk-1'), json({ id: 'cmd-00000001', status: 'done', ts: now.toISOString() }), mall))
      .toEqual({ kind: 'commandResult', device: 'kiosk-1', data: { id: 'cmd-00000001', status: 'done', detail: null, data: null, ts: now.toISOString() } });
    expect(parseInbound(topics.lookupRequest(mall, 'kiosk-1'), json({ by: 'memberId', memberId: 'M1001' }), mall).kind).toBe('lookup');
  });

  it.each([
    ['not JSON', topics.heartbeat(mall, 'kiosk-1'), Buffer.from('{oops'), /^not JSON$/],
    ['a wrong field', topics.heartbeat(mall, 'kiosk-1'), json({ ...hb, outboxDepth: -1 }), /wrong schema: outboxDepth/],
    ['a missing field', topics.events(mall, 'kiosk-1'), json({ ...event, eventId: undefined }), /wrong schema: eventId/],
    ['another device`s identity', topics.events(mall, 'kiosk-1'), json({ ...event, deviceId: 'kiosk-2' }), /deviceId kiosk-2 does not match/],
    ['another mall in the payload', topics.events(mall, 'kiosk-1'), json({ ...event, mallId: 'other-mall' }), /mallId other-mall does not match/],
    ['a bad look-up', topics.lookupRequest(mall, 'kiosk-1'), json({ by: 'name', name: 'x' }), /wrong schema/],
    ['a non-device topic', 'atrium/v1/demo-mall/catalog/snapshot', json({}), /not a device topic/],
    ['an event of an unknown type', topics.events(mall, 'kiosk-1'), json({ ...event, type: 'bench.ping' }), /^wrong schema: type: unknown event type bench.ping$/],
    ['an event whose payload does not fit its type', topics.events(mall, 'kiosk-1'), json({ ...event, payload: { couponId: 'c-1' } }), /^wrong schema: payload.claimId: /],
  ])('refuses %s with a reason', (_why, topic, payload, reason) => {
    const r = parseInbound(topic, payload, mall);
    expect(r.kind).toBe('refused');
    if (r.kind === 'refused') expect(r.reason).toMatch(reason);
  });

  it('hands back a refused claim event with its envelope, so HQ can still answer a usable claim id', () => {
    const bad = { ...event, payload: { ...claim, memberId: undefined } };
    expect(parseInbound(topics.events(mall, 'kiosk-1'), json(bad), mall)).toMatchObject({ kind: 'refused', reason: /payload.memberId/, claim: { eventId: event.eventId, type: 'coupon.claimed' } });
    // not for another device's identity, nor for an event that is no claim
    expect(parseInbound(topics.events(mall, 'kiosk-1'), json({ ...bad, deviceId: 'kiosk-2' }), mall)).not.toHaveProperty('claim');
    expect(parseInbound(topics.events(mall, 'kiosk-1'), json({ ...bad, type: 'feedback.given' }), mall)).not.toHaveProperty('claim');
  });

  it('ignores other malls, cleared retained messages and HQ`s own downstream topics', () => {
    expect(parseInbound(topics.heartbeat('other-mall', 'kiosk-1'), json(hb), mall).kind).toBe('ignored');
    expect(parseInbound(topics.status(mall, 'kiosk-1'), Buffer.alloc(0), mall).kind).toBe('ignored');
    expect(parseInbound(topics.commands(mall, 'kiosk-1'), json({}), mall).kind).toBe('ignored');
  });
});

describe('snapshots and deltas', () => {
  const snapshot = buildSnapshot({ catalog: demoCatalogFor(mall, now), version: 2, publishedAt: now, hqKeys: [], staff: [], cardSalt: null });

  it('builds a valid snapshot with one attract item per running campaign, highest priority first', () => {
    expect(CatalogSnapshot.parse(snapshot)).toEqual(snapshot);
    expect(snapshot.attract.map((a) => a.campaignId)).toEqual(['cp-winter-sale', 'cp-hotpot-night', 'cp-coffee-bogo', 'cp-run-club', 'cp-beauty-gold', 'cp-movie-points', 'cp-kids-fun', null]);
    const later = new Date(now.getTime() + 90 * 86_400_000); // every demo campaign has ended
    expect(attractItems(snapshot.campaigns, later).map((a) => a.kind)).toEqual(['announcement']);
  });

  it('example delta: one version on, a new coupon and a store rename that toggles back', () => {
    const d1 = exampleDelta(snapshot, now);
    expect(CatalogDelta.parse(d1)).toEqual(d1);
    expect([d1.fromVersion, d1.toVersion]).toEqual([2, 3]);
    expect(d1.upsert.coupons.map((c) => c.id)).toEqual(['c-flash-v3']);
    expect(d1.upsert.stores[0]!.name).toEqual({ zh: '茶语轩·旗舰店', en: 'Tea Whisper Flagship' });
    const s3 = applyDeltaToSnapshot(snapshot, d1);
    expect(s3.version).toBe(3);
    expect(s3.coupons).toHaveLength(snapshot.coupons.length + 1);
    expect(s3.stores).toHaveLength(snapshot.stores.length);
    expect(s3.stores.find((s) => s.id === 's-bubbletea')!.name.zh).toBe('茶语轩·旗舰店');
    const s4 = applyDeltaToSnapshot(s3, exampleDelta(s3, now));
    expect(s4.stores.find((s) => s.id === 's-bubbletea')!.name).toEqual({ zh: '茶语轩', en: 'Tea Whisper' });
    expect(s4.coupons.map((c) => c.id)).toContain('c-flash-v4');
  });

  it('applies removals and keeps keys, staff and attract as they were', () => {
    const d = buildDelta(snapshot, { remove: { stores: ['s-ktv'], coupons: ['c-diamond-lounge'] } }, now);
    const next = applyDeltaToSnapshot(snapshot, d);
    expect(next.stores.map((s) => s.id)).not.toContain('s-ktv');
    expect(next.coupons.map((c) => c.id)).not.toContain('c-diamond-lounge');
    expect(next.attract).toEqual(snapshot.attract);
  });

  it('refuses a delta that does not start at the snapshot`s version or is for another mall', () => {
    const d = exampleDelta(snapshot, now);
    expect(() => applyDeltaToSnapshot(applyDeltaToSnapshot(snapshot, d), d)).toThrow(/from version 2 applied to version 3/);
    expect(() => applyDeltaToSnapshot({ ...snapshot, mallId: 'other' }, d)).toThrow(/mall/);
  });
});

describe('commands', () => {
  it('carry an id, the issue time and an expiry', () => {
    const c = newCommand('reload-ui', {}, now, 60);
    expect(c.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(c.issuedAt).toBe(now.toISOString());
    expect(c.expiresAt).toBe('2026-11-23T12:01:00.000Z');
    expect(newCommand('sync-now', {}, now, -5).expiresAt < c.issuedAt).toBe(true);
    expect(['accepted', 'done', 'failed', 'rejected', 'expired'].map((s) => isFinalStatus(s as never))).toEqual([false, true, true, true, true]);
  });
});
