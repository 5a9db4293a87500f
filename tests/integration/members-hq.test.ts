// Members with HQ over real Mosquitto (MQTT 5, password file, per-device ACL) and the real agent process: card and
// token look-ups at HQ, a claim and an exchange made offline that reach HQ exactly once after reconnecting, and
// HQ's final word (ClaimResult) applied once, also when it waited in the broker for the kiosk to come back.
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiMethods } from '../../contracts/api.ts';
import type { Member } from '../../contracts/catalog.ts';
import { ClaimEventPayload, type ClaimResult } from '../../contracts/members.ts';
import { CatalogSnapshot, DeviceEvent, MemberLookupRequest, topics, type MemberLookupResponse } from '../../contracts/mqtt.ts';
import { demoCardNumber, demoMembers } from '../../common/demo/catalog.ts';
import { cardHash } from '../../common/node/card-hash.ts';
import { freshDataDir, startAgentProcess, type AgentProcess } from '../support/agent-process.ts';
import { dbDigest } from '../support/db-digest.ts';
import { TestHq, waitUntil } from '../support/hq-client.ts';
import { memberToken, newHqKey, prepareMemberDb, testCatalog, type HqTestKey } from '../support/member-fixture.ts';
import { startMosquitto, type Broker } from '../support/mosquitto.ts';
import { needs } from '../support/requirements.ts';

const MALL = 'demo-mall';
const DEV = 'kiosk-m';
const HQ_SALT = 'c0ffee00'.repeat(4);
let broker: Broker;
let hq: TestHq;
let agent: AgentProcess;
let key: HqTestKey;
let dataDir: string;
let configFile: string;
let silent = false;

// HQ's member directory: the demo members, plus one the kiosk has never seen.
const hqMembers = new Map<string, Member>(demoMembers().map(({ note: _n, ...m }) => [m.id, m]));
hqMembers.set('M2001', { id: 'M2001', name: '赵敏', tier: 'gold', points: 3000, birthMonth: null, lastVisit: new Date().toISOString(), segment: 'loyal', tags: [], expiringPoints: null });
const hqCardOf = (id: string) => cardHash(HQ_SALT, demoCardNumber(id));
const byCard = new Map([...hqMembers.keys()].map((id) => [hqCardOf(id), id]));

function answerLookups(h: TestHq) {
  h.client.on('message', (topic, payload, packet) => {
    if (topic !== topics.lookupRequest(MALL, DEV) || silent) return;
    const req = MemberLookupRequest.parse(JSON.parse(payload.toString()));
    const m = req.by === 'memberId' ? hqMembers.get(req.memberId) : hqMembers.get(byCard.get(req.cardHash) ?? '');
    const answer: MemberLookupResponse = { found: !!m, member: m ?? null, cardHash: m ? hqCardOf(m.id) : null };
    void h.client.publishAsync(packet.properties!.responseTopic!, JSON.stringify(answer), { qos: 1, properties: { correlationData: packet.properties!.correlationData! } });
  });
}

const health = async () => (await (await fetch(new URL('/health', agent.url))).json()) as { versions: { catalog: number }; sync: { state: string; outboxDepth: number } };
const startAgent = () => startAgentProcess({
  dataDir,
  args: ['--config', configFile],
  env: { ATRIUM_HQ_URL: broker.url, ATRIUM_MALL_ID: MALL, ATRIUM_DEVICE_ID: DEV, ATRIUM_MQTT_USERNAME: DEV, ATRIUM_MQTT_PASSWORD: 'dev-secret' },
});

async function identify(code: string, source: 'camera' | 'wedge' | 'card') {
  const r = await agent.call('member.identify', { source, code });
  expect(r.status).toBe(200);
  return apiMethods['member.identify'].result.parse(r.body.data);
}
const lookups = () => hq.on(`${DEV}/lookup`).map((s) => MemberLookupRequest.parse(s.json));
const claimEvents = () => hq.on(`${DEV}/events`).map((s) => DeviceEvent.parse(s.json)).filter((e) => e.type === 'coupon.claimed' || e.type === 'points.exchange.requested');
const home = async (memberSession: string) => apiMethods['member.home'].result.parse((await agent.call('member.home', { memberSession })).body.data).home;
const result = (r: Partial<ClaimResult> & Pick<ClaimResult, 'claimId' | 'status'>) => ({ detail: null, pointsBalance: null, redemptionCode: null, ts: new Date().toISOString(), ...r });
const logged = (text: string) => agent.logs.filter((l) => l.includes(text)).length;
/** Waits until the outbox has drained (its rows are deleted on PUBACK), so a digest taken next stays still. */
const drained = () => waitUntil(async () => (await health()).sync.outboxDepth === 0, 10_000, 'outbox drained');

describe('members with HQ over Mosquitto', needs('mosquitto'), () => {
  beforeAll(async () => {
    broker = await startMosquitto({ users: { hq: 'hq-secret', [DEV]: 'dev-secret' } });
    hq = await TestHq.connect(broker.url, { username: 'hq', password: 'hq-secret', subscribe: ['atrium/v1/#'] });
    answerLookups(hq);
    key = newHqKey('hq-live');
    dataDir = freshDataDir('atrium-members-hq-');
    prepareMemberDb(dataDir, key);
    configFile = path.join(dataDir, 'config.json');
    writeFileSync(configFile, JSON.stringify({ mqtt: { lookupTimeoutMs: 800 } }));
    const snap = CatalogSnapshot.parse({
      ...testCatalog(new Date(), 5), publishedAt: new Date().toISOString(), cardSalt: HQ_SALT,
      hqKeys: [{ kid: key.kid, alg: 'Ed25519', publicKey: key.publicKey }],
    });
    await hq.publish(topics.catalogSnapshot(MALL), snap, { retain: true });
    agent = await startAgent();
    await waitUntil(async () => (await health()).versions.catalog === 5 && (await health()).sync.state === 'online', 10_000, 'agent online with catalog v5');
  });

  afterAll(async () => {
    await agent?.stop();
    await hq?.end();
    await broker?.stop();
  });

  it('identifies a card at HQ by its hash (HQ\'s salt), caches it, and answers the next read locally', async () => {
    const number = demoCardNumber('M1004');
    const first = await identify(number, 'card');
    expect(first.status === 'identified' && first.home.freshness).toBe('hq');
    expect(lookups()).toContainEqual({ by: 'cardHash', cardHash: hqCardOf('M1004') });
    const asked = lookups().length;
    const second = await identify('6200 0000 0000 1004', 'card');
    expect(second.status === 'identified' && second.home.member.tier).toBe('diamond');
    // Served from the cache; HQ is asked only to refresh the member by id, in the background.
    await waitUntil(() => logged('member refreshed from HQ') > 0, 5000, 'background refresh');
    expect(lookups().slice(asked)).toEqual([{ by: 'memberId', memberId: 'M1004' }]);
  });

  it('refuses a card HQ does not know, and a token for a member HQ does not know, changing nothing', async () => {
    await drained();
    const before = dbDigest(dataDir);
    expect(await identify('6200000000007777', 'card')).toEqual({ status: 'refused', reason: 'unknown_card' });
    expect(await identify(memberToken(key, 'M9999', 'gold'), 'camera')).toEqual({ status: 'refused', reason: 'unknown_member' });
    expect(dbDigest(dataDir)).toBe(before);
  });

  it('identifies a member the kiosk never saw from HQ\'s answer and caches it (with the card hash)', async () => {
    const r = await identify(memberToken(key, 'M2001', 'gold'), 'wedge');
    expect(r.status === 'identified' && r.home.member).toMatchObject({ maskedName: '赵**', tier: 'gold', points: 3000 });
    const refreshed = logged('member refreshed from HQ');
    const card = await identify(demoCardNumber('M2001'), 'card');
    expect(card.status).toBe('identified');
    await waitUntil(() => logged('member refreshed from HQ') > refreshed, 5000, 'background refresh');
    expect(lookups().filter((l) => l.by === 'cardHash' && l.cardHash === hqCardOf('M2001'))).toEqual([]);
  });

  it('when HQ does not answer in time: a valid token still shows the member from the token; an uncached card is "offline"', async () => {
    silent = true;
    try {
      const t0 = Date.now();
      const r = await identify(memberToken(key, 'M2002', 'silver'), 'camera');
      expect(r.status === 'identified' && r.home).toMatchObject({ freshness: 'local', member: { maskedName: '会员', tier: 'silver', points: 0 } });
      expect(Date.now() - t0).toBeGreaterThanOrEqual(700);
      await drained();
      const before = dbDigest(dataDir);
      expect(await identify('6200000000002002', 'card')).toEqual({ status: 'refused', reason: 'offline' });
      expect(dbDigest(dataDir)).toBe(before);
    } finally {
      silent = false;
    }
  });

  let claimA = '';
  let claimB = '';
  let session = '';

  it('claims and exchanges while HQ is unreachable; after reconnecting HQ receives each exactly once', async () => {
    await broker.stop();
    await waitUntil(async () => (await health()).sync.state !== 'online', 10_000, 'agent offline');
    const r = await identify(memberToken(key, 'M1004', 'diamond'), 'camera');
    if (r.status !== 'identified') throw new Error(r.reason);
    expect(r.home.freshness).toBe('local');
    session = r.home.memberSession;
    claimA = randomBytes(16).toString('base64url');
    claimB = randomBytes(16).toString('base64url');
    const claim = async (couponId: string, claimId: string) => (await agent.call('member.claim', { memberSession: session, couponId, claimId })).body.data;
    expect((await claim('c-diamond-lounge', claimA)).status).toBe('claimed');
    expect((await claim('c-points-cinema', claimB)).status).toBe('claimed');
    // The page retries both (it never saw the answers, say): nothing new is written.
    expect((await claim('c-diamond-lounge', claimA)).status).toBe('claimed');
    const after = await claim('c-points-cinema', claimB);
    expect(after.home.member).toMatchObject({ points: 28100, pendingPoints: 500 });
    const seenBefore = claimEvents().length;

    await broker.start();
    await waitUntil(async () => (await health()).sync.state === 'online' && (await health()).sync.outboxDepth === 0, 30_000, 'outbox drained');
    await waitUntil(() => claimEvents().length >= seenBefore + 2, 5000, 'claim events at HQ');
    // A later event through the same outbox and connection (the member identified again, from the cache): once HQ
    // has it, any repeat of the claims sent before it has arrived too.
    const identified = () => hq.on(`${DEV}/events`).filter((s) => s.json?.type === 'member.identified').length;
    const identifiedBefore = identified();
    expect((await identify(memberToken(key, 'M1004', 'diamond'), 'camera')).status).toBe('identified');
    await waitUntil(() => identified() > identifiedBefore, 10_000, 'the later event at HQ');
    const mine = claimEvents().filter((e) => [claimA, claimB].includes(String(e.payload.claimId)));
    expect(mine.map((e) => e.type).sort()).toEqual(['coupon.claimed', 'points.exchange.requested']);
    const payloads = mine.map((e) => ClaimEventPayload.parse(e.payload));
    expect(payloads.find((p) => p.claimId === claimB)).toMatchObject({ memberId: 'M1004', couponId: 'c-points-cinema', via: 'exchange', pointsCost: 500 });
    expect(new Set(mine.map((e) => e.eventId)).size).toBe(2);
  });

  it('applies HQ\'s confirmations, including one that waited in the broker while the kiosk was down', async () => {
    await agent.stop();
    hqMembers.set('M1004', { ...hqMembers.get('M1004')!, points: 28100 }); // HQ spent the exchange's 500 points
    // HQ answers the exchange while the kiosk is away: the broker keeps it for the kiosk's persistent session.
    await hq.publish(topics.claimResults(MALL, DEV), result({ claimId: claimB, status: 'confirmed', pointsBalance: 28100, redemptionCode: `ATC1.hq-live.${claimB}.c2ln` }));
    agent = await startAgent();
    await waitUntil(() => logged('claim result applied') >= 1, 10_000, 'queued result applied');
    await hq.publish(topics.claimResults(MALL, DEV), result({ claimId: claimA, status: 'confirmed', pointsBalance: 28100, redemptionCode: `ATC1.hq-live.${claimA}.c2ln` }));
    await waitUntil(() => logged('claim result applied') >= 2, 5000, 'second result applied');
    // The agent restarted, so the old member session is gone; the member scans again.
    expect((await agent.call('member.home', { memberSession: session })).body.error.code).toBe('member_session_gone');
    const r = await identify(memberToken(key, 'M1004', 'diamond'), 'camera');
    if (r.status !== 'identified') throw new Error(r.reason);
    session = r.home.memberSession;
    expect(r.home.member).toMatchObject({ points: 28100, pendingPoints: 0 });
    const wallet = new Map(r.home.wallet.map((w) => [w.claimId, w]));
    expect(wallet.get(claimA)).toMatchObject({ status: 'confirmed', redemptionCode: `ATC1.hq-live.${claimA}.c2ln` });
    expect(wallet.get(claimB)).toMatchObject({ status: 'confirmed', via: 'exchange', redemptionCode: `ATC1.hq-live.${claimB}.c2ln` });
  });

  it('ignores a repeated, contradicting, unknown or garbage result, with a logged reason, changing nothing', async () => {
    // (this agent process refreshed M1004 from HQ once, after the scan above)
    await waitUntil(async () => (await health()).sync.outboxDepth === 0 && logged('member refreshed from HQ') >= 1, 10_000, 'quiet kiosk');
    const before = dbDigest(dataDir);
    const repeated = logged('claim result repeated');
    const refused = logged('mqtt message refused');
    await hq.publish(topics.claimResults(MALL, DEV), result({ claimId: claimB, status: 'confirmed', pointsBalance: 28100 }));
    await hq.publish(topics.claimResults(MALL, DEV), result({ claimId: claimA, status: 'rejected', detail: 'out_of_stock: too late', pointsBalance: 99999 }));
    await hq.publish(topics.claimResults(MALL, DEV), result({ claimId: 'never-claimed-here-0001', status: 'confirmed' }));
    await hq.publish(topics.claimResults(MALL, DEV), '{"claimId": 42');
    await hq.publish(topics.claimResults(MALL, DEV), { claimId: claimA, status: 'maybe', ts: new Date().toISOString() });
    await waitUntil(() => logged('claim result repeated') === repeated + 1 && logged('mqtt message refused') === refused + 4, 5000, 'all five handled');
    const reasons = agent.logs.filter((l) => l.includes('mqtt message refused')).slice(-4).map((l) => JSON.parse(l).reason as string);
    expect(reasons[0]).toMatch(/already final; rejected ignored/);
    expect(reasons[1]).toMatch(/unknown claim never-claimed-here-0001/);
    expect(reasons[2]).toBe('not JSON');
    expect(reasons[3]).toMatch(/wrong schema: status/);
    expect(dbDigest(dataDir)).toBe(before);
  });

  it('a rejected exchange releases the held points and shows HQ\'s reason', async () => {
    const claimC = randomBytes(16).toString('base64url');
    const r = (await agent.call('member.claim', { memberSession: session, couponId: 'c-test-multi', claimId: claimC })).body.data;
    expect(r.home.member).toMatchObject({ points: 27700, pendingPoints: 400 });
    await waitUntil(() => claimEvents().find((e) => e.payload.claimId === claimC), 5000, 'exchange at HQ');
    await hq.publish(topics.claimResults(MALL, DEV), result({ claimId: claimC, status: 'rejected', detail: 'not_enough_points: HQ says 0' }));
    await waitUntil(async () => (await home(session)).member.pendingPoints === 0, 5000, 'hold released');
    const h = await home(session);
    expect(h.member.points).toBe(28100);
    expect(h.wallet.find((w) => w.claimId === claimC)).toMatchObject({ status: 'rejected', statusDetail: 'not_enough_points: HQ says 0', redemptionCode: null });
  });
});
