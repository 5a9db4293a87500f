// The member service in process on a real SQLite file (no HQ configured): identification and its nonce, claims
// and exchanges in one transaction, HQ's claim results, with a clock the test moves.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CatalogSnapshot } from '../../../contracts/mqtt.ts';
import type { Catalog } from '../../../contracts/catalog.ts';
import type { MemberHome } from '../../../contracts/members.ts';
import { DomainError } from '../../../edge-agent/src/errors.ts';
import { offerCatalog, offerCatalogChanged } from '../../../edge-agent/src/catalog/offers.ts';
import { seedDemoIfEmpty } from '../../../edge-agent/src/demo/seed.ts';
import { openDatabase, type Db } from '../../../edge-agent/src/db/open.ts';
import { createLogger } from '../../../common/node/log.ts';
import { cachedMember } from '../../../edge-agent/src/members/cache.ts';
import { cardSalt } from '../../../edge-agent/src/members/cards.ts';
import { claimEventId } from '../../../edge-agent/src/members/claim.ts';
import { applyClaimResult, claimById } from '../../../edge-agent/src/members/claims.ts';
import { stockLeft } from '../../../edge-agent/src/members/decide.ts';
import { MemberService } from '../../../edge-agent/src/members/service.ts';
import { applySnapshot } from '../../../edge-agent/src/sync/apply.ts';
import { freshDataDir } from '../../support/agent-process.ts';
import { memberToken, newHqKey, prepareMemberDb, testCatalog, type HqTestKey } from '../../support/member-fixture.ts';

let db: Db;
let svc: MemberService;
let key: HqTestKey;
let clock: Date;
let logs: string[];
const claimId = (n: number | string) => `claim-test-${String(n).padStart(8, '0')}`;

beforeEach(() => {
  clock = new Date('2026-11-27T04:00:00Z'); // 12:00 in Shanghai
  key = newHqKey();
  const dir = freshDataDir('atrium-members-');
  prepareMemberDb(dir, key, { now: clock });
  db = openDatabase(dir);
  logs = [];
  svc = new MemberService({ db, log: createLogger('debug', 'test', (l) => logs.push(l)), hq: null, idleTimeoutSec: () => 60, now: () => clock });
});

afterEach(() => {
  svc.stop();
  db.close();
});

async function signIn(mid: string, tier: 'regular' | 'silver' | 'gold' | 'diamond'): Promise<MemberHome> {
  const r = await svc.identify({ source: 'camera', code: memberToken(key, mid, tier, {}, clock) });
  if (r.status !== 'identified') throw new Error(`not identified: ${r.reason}`);
  return r.home;
}

/** HQ's snapshot of a catalog, with the test's HQ key (a snapshot replaces the trusted keys). */
const snapshotOf = (cat: Catalog, salt: string | null = null) =>
  CatalogSnapshot.parse({ ...cat, publishedAt: clock.toISOString(), hqKeys: [{ kid: key.kid, alg: 'Ed25519', publicKey: key.publicKey }], cardSalt: salt });

const outbox = () => db.prepare('SELECT event_id AS eventId, type, payload FROM outbox ORDER BY seq').all() as { eventId: string; type: string; payload: string }[];

describe('identify', () => {
  it('identifies a cached member from a token and writes one member.identified event with the id and source only', async () => {
    const home = await signIn('M1005', 'silver');
    expect(home.member).toEqual({ maskedName: '刘**', tier: 'silver', points: 940, pendingPoints: 0, expiring: { points: 600, on: cachedMember(db, 'M1005')!.expiringPoints!.on }, birthdayThisMonth: false });
    expect(home.freshness).toBe('local');
    const ev = outbox().filter((e) => e.type === 'member.identified');
    expect(ev.map((e) => JSON.parse(e.payload))).toEqual([{ memberId: 'M1005', source: 'camera' }]);
    expect(logs.join('\n')).not.toContain('ATM1.');
  });

  it('records the nonce so the same token is refused as replayed, and prunes nonces a day past expiry', async () => {
    const token = memberToken(key, 'M1001', 'regular', {}, clock);
    expect((await svc.identify({ source: 'wedge', code: token })).status).toBe('identified');
    expect(await svc.identify({ source: 'camera', code: token })).toEqual({ status: 'refused', reason: 'replayed' });
    expect((db.prepare('SELECT COUNT(*) AS n FROM used_nonces').get() as { n: number }).n).toBe(1);
    clock = new Date(clock.getTime() + 2 * 86_400_000);
    await signIn('M1002', 'silver');
    const left = db.prepare('SELECT member_id AS m FROM used_nonces').all() as { m: string }[];
    expect(left.map((r) => r.m)).toEqual(['M1002']);
  });

  it('shows a member known only from a valid token (HQ unreachable) with the token tier, no points, freshness local', async () => {
    const home = await signIn('M7777', 'gold');
    expect(home.member).toMatchObject({ maskedName: '会员', tier: 'gold', points: 0, pendingPoints: 0, expiring: null });
    expect(home.freshness).toBe('local');
    expect(home.offers.some((o) => o.action === 'exchange')).toBe(false);
    expect(home.offers.map((o) => o.ruleId)).not.toContain('r-winback');
    expect(cachedMember(db, 'M7777')).toBeNull();
    // Its session still works for the home and plain claims, from memory.
    const again = svc.home({ memberSession: home.memberSession });
    expect(again.home.member.tier).toBe('gold');
  });

  it('identifies a demo card with spaces and dashes, refuses unknown and non-card input', async () => {
    const r = await svc.identify({ source: 'card', code: '6200 0000-0000 1003' });
    expect(r.status).toBe('identified');
    expect(await svc.identify({ source: 'card', code: '6200000000009999' })).toEqual({ status: 'refused', reason: 'offline' });
    expect(await svc.identify({ source: 'card', code: 'hello?' })).toEqual({ status: 'refused', reason: 'unknown_card' });
    // A wedge burst of card digits takes the card path.
    expect((await svc.identify({ source: 'wedge', code: '6200000000001004' })).status).toBe('identified');
  });
});

describe('claim', () => {
  it('writes the claim and its outbox event once; a retry gives the same answer and writes nothing', async () => {
    const home = await signIn('M1004', 'diamond');
    const before = outbox().length;
    const r1 = svc.claim({ memberSession: home.memberSession, couponId: 'c-diamond-lounge', claimId: claimId(1) });
    expect(r1.status).toBe('claimed');
    const w = r1.home.wallet.find((c) => c.claimId === claimId(1))!;
    expect(w).toMatchObject({ status: 'pending', via: 'claim', redemptionCode: `ATC1.${claimId(1)}`, pointsCost: 0 });
    expect(r1.home.offers.map((o) => o.couponId)).not.toContain('c-diamond-lounge');
    const events = outbox().slice(before);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ eventId: claimEventId(claimId(1)), type: 'coupon.claimed' });
    expect(JSON.parse(events[0]!.payload)).toMatchObject({ claimId: claimId(1), memberId: 'M1004', couponId: 'c-diamond-lounge', via: 'claim', pointsCost: 0, ruleId: 'r-diamond', experiment: null });
    const r2 = svc.claim({ memberSession: home.memberSession, couponId: 'c-diamond-lounge', claimId: claimId(1) });
    expect(r2.status).toBe('claimed');
    expect(outbox().length).toBe(before + 1);
    expect(() => svc.claim({ memberSession: home.memberSession, couponId: 'c-winter-300-50', claimId: claimId(1) })).toThrow(DomainError);
    expect(outbox().length).toBe(before + 1);
  });

  it('refuses beyond the per-member limit, an expired coupon, a coupon not offered and one out of stock', async () => {
    const a = await signIn('M1004', 'diamond');
    svc.claim({ memberSession: a.memberSession, couponId: 'c-diamond-lounge', claimId: claimId(1) });
    const refused = (couponId: string, id: string, s = a.memberSession) => {
      const r = svc.claim({ memberSession: s, couponId, claimId: id });
      return r.status === 'refused' ? r.reason : r.status;
    };
    expect(refused('c-diamond-lounge', claimId(2))).toBe('limit_reached');
    expect(refused('c-test-old', claimId(3))).toBe('expired_coupon');
    expect(refused('c-birthday-cake', claimId(4))).toBe('not_eligible'); // not her birthday month
    expect(refused('c-nonexistent', claimId(5))).toBe('not_eligible');
    expect(refused('c-test-last', claimId(6))).toBe('claimed');
    const b = await signIn('M1001', 'regular');
    expect(refused('c-test-last', claimId(7), b.memberSession)).toBe('out_of_stock');
    expect(b.offers.map((o) => o.couponId)).not.toContain('c-test-last');
  });

  it('holds exchanged points until HQ confirms: never spent twice, released when HQ rejects', async () => {
    const h = await signIn('M1005', 'silver'); // 940 points
    const ex = (n: number) => svc.claim({ memberSession: h.memberSession, couponId: 'c-test-multi', claimId: claimId(n) });
    const first = ex(1);
    expect(first.status).toBe('claimed');
    expect(first.home.member).toMatchObject({ points: 540, pendingPoints: 400 });
    expect(first.home.wallet[0]).toMatchObject({ via: 'exchange', status: 'pending', redemptionCode: null });
    expect(ex(1).home.member).toMatchObject({ points: 540, pendingPoints: 400 }); // retry: same hold
    expect(ex(2).home.member).toMatchObject({ points: 140, pendingPoints: 800 });
    const third = ex(3);
    expect(third).toMatchObject({ status: 'refused', reason: 'not_enough_points' });
    expect(outbox().filter((e) => e.type === 'points.exchange.requested')).toHaveLength(2);

    const ts = clock.toISOString();
    expect(applyClaimResult(db, { claimId: claimId(1), status: 'confirmed', detail: null, pointsBalance: 540, redemptionCode: 'ATC1.k.x.sig', ts }, clock)).toBe('applied');
    let home = svc.home({ memberSession: h.memberSession }).home;
    expect(home.member).toMatchObject({ points: 140, pendingPoints: 400 });
    expect(home.wallet.find((c) => c.claimId === claimId(1))).toMatchObject({ status: 'confirmed', redemptionCode: 'ATC1.k.x.sig' });
    // HQ spends soon-expiring points first: 600 expiring - 400 spent leaves 200 expiring.
    expect(home.member.expiring?.points).toBe(200);
    // The same result again, or a contradicting late one, changes nothing.
    expect(applyClaimResult(db, { claimId: claimId(1), status: 'confirmed', detail: null, pointsBalance: 540, redemptionCode: 'ATC1.k.x.sig', ts }, clock)).toBe('repeated');
    expect(applyClaimResult(db, { claimId: claimId(1), status: 'rejected', detail: 'late', pointsBalance: 940, redemptionCode: null, ts }, clock)).toBe('conflict');
    expect(applyClaimResult(db, { claimId: 'claim-nobody-knows-this', status: 'confirmed', detail: null, pointsBalance: null, redemptionCode: null, ts }, clock)).toBe('unknown');
    expect(cachedMember(db, 'M1005')!.points).toBe(540);
    // HQ rejects the second exchange: its 400 points are no longer held.
    expect(applyClaimResult(db, { claimId: claimId(2), status: 'rejected', detail: 'out_of_stock: all gone', pointsBalance: null, redemptionCode: null, ts }, clock)).toBe('applied');
    home = svc.home({ memberSession: h.memberSession }).home;
    expect(home.member).toMatchObject({ points: 540, pendingPoints: 0 });
    expect(home.wallet.find((c) => c.claimId === claimId(2))).toMatchObject({ status: 'rejected', statusDetail: 'out_of_stock: all gone', redemptionCode: null });
  });

  it('a confirmed exchange without a balance from HQ spends the points locally', async () => {
    const h = await signIn('M1004', 'diamond'); // 28600
    svc.claim({ memberSession: h.memberSession, couponId: 'c-test-multi', claimId: claimId(1) });
    applyClaimResult(db, { claimId: claimId(1), status: 'confirmed', detail: null, pointsBalance: null, redemptionCode: null, ts: clock.toISOString() }, clock);
    const home = svc.home({ memberSession: h.memberSession }).home;
    expect(home.member).toMatchObject({ points: 28200, pendingPoints: 0 });
    expect(home.wallet[0]!.redemptionCode).toBe(`ATC1.${claimId(1)}`);
  });

  it('counts stock against HQ\'s figure: confirmed claims stop counting once a newer figure arrives', async () => {
    const stock = (id: string) => stockLeft(db, offerCatalog(db), id);
    const a = await signIn('M1001', 'regular');
    expect(stock('c-winter-300-50')).toBe(500);
    svc.claim({ memberSession: a.memberSession, couponId: 'c-winter-300-50', claimId: claimId(1) });
    const b = await signIn('M1002', 'silver');
    svc.claim({ memberSession: b.memberSession, couponId: 'c-winter-300-50', claimId: claimId(2) });
    expect(stock('c-winter-300-50')).toBe(498);
    clock = new Date(clock.getTime() + 1000);
    applyClaimResult(db, { claimId: claimId(1), status: 'confirmed', detail: null, pointsBalance: null, redemptionCode: null, ts: clock.toISOString() }, clock);
    applyClaimResult(db, { claimId: claimId(2), status: 'rejected', detail: 'out_of_stock: none left', pointsBalance: null, redemptionCode: null, ts: clock.toISOString() }, clock);
    expect(stock('c-winter-300-50')).toBe(499); // the rejected one gave its coupon back
    // HQ publishes a new snapshot whose stock already includes the confirmed claim.
    clock = new Date(clock.getTime() + 1000);
    const cat = testCatalog(clock, 3);
    cat.coupons = cat.coupons.map((c) => (c.id === 'c-winter-300-50' ? { ...c, stock: 499 } : c));
    expect(applySnapshot(db, snapshotOf(cat), 'demo-mall', clock)).toBe('applied');
    expect(stock('c-winter-300-50')).toBe(499);
  });

  it('refuses every claim for a member in a hold-out arm, and shows no offers', async () => {
    const cat = testCatalog(clock, 3);
    cat.experiments = [{ id: 'x-all-out', arms: [{ name: 'offers', weight: 0, holdout: false }, { name: 'holdout', weight: 1000, holdout: true }] }];
    applySnapshot(db, snapshotOf(cat), 'demo-mall', clock);
    const h = await signIn('M1004', 'diamond');
    expect(h.experiment).toEqual({ id: 'x-all-out', arm: 'holdout', holdout: true });
    expect(h.offers).toEqual([]);
    const r = svc.claim({ memberSession: h.memberSession, couponId: 'c-diamond-lounge', claimId: claimId(1) });
    expect(r).toMatchObject({ status: 'refused', reason: 'holdout' });
    expect(claimById(db, claimId(1))).toBeNull();
  });
});

describe('sessions', () => {
  it('ends on sign-out and after the idle timeout without use; a used session stays', async () => {
    const a = await signIn('M1001', 'regular');
    const b = await signIn('M1002', 'silver');
    svc.signOut({ memberSession: a.memberSession });
    expect(() => svc.home({ memberSession: a.memberSession })).toThrow(expect.objectContaining({ code: 'member_session_gone' }));
    svc.signOut({ memberSession: a.memberSession }); // twice is fine
    clock = new Date(clock.getTime() + 59_000);
    svc.home({ memberSession: b.memberSession });
    clock = new Date(clock.getTime() + 59_000);
    expect(svc.home({ memberSession: b.memberSession }).home.member.tier).toBe('silver');
    clock = new Date(clock.getTime() + 61_000);
    expect(() => svc.home({ memberSession: b.memberSession })).toThrow(expect.objectContaining({ code: 'member_session_gone', kind: 'gone' }));
  });
});

describe('catalog', () => {
  it('gives a demo database from before members the demo rules and cards once, and leaves HQ\'s catalog alone', () => {
    const dir = freshDataDir('atrium-demo-upgrade-');
    const old = openDatabase(dir);
    const quiet = createLogger('error', 'test', () => {});
    expect(seedDemoIfEmpty(old, quiet, clock)).toBe(true);
    old.exec("DELETE FROM offer_rules; DELETE FROM experiments; DELETE FROM member_cards; DELETE FROM meta WHERE key = 'members.cardSalt';");
    offerCatalogChanged();
    expect(seedDemoIfEmpty(old, quiet, clock)).toBe(false);
    expect(offerCatalog(old).rules.length).toBeGreaterThan(5);
    expect((old.prepare('SELECT COUNT(*) AS n FROM member_cards').get() as { n: number }).n).toBe(5);
    const salt = cardSalt(old);
    seedDemoIfEmpty(old, quiet, clock);
    expect(cardSalt(old)).toBe(salt);
    old.close();
    // The test database holds catalog version 2 (not the demo seed): nothing is added to it.
    const rules = offerCatalog(db).rules.length;
    db.exec('DELETE FROM offer_rules');
    offerCatalogChanged();
    seedDemoIfEmpty(db, quiet, clock);
    expect(offerCatalog(db).rules.length).toBe(0);
    expect(rules).toBeGreaterThan(0);
  });


  it('a snapshot replaces rules, experiments and the card salt; a new salt drops cached card hashes', () => {
    const salt = cardSalt(db)!;
    expect((db.prepare('SELECT COUNT(*) AS n FROM member_cards').get() as { n: number }).n).toBe(5);
    const cat = testCatalog(clock, 3);
    cat.offerRules = cat.offerRules.slice(0, 2);
    const newSalt = 'ab'.repeat(16);
    applySnapshot(db, snapshotOf(cat, newSalt), 'demo-mall', clock);
    expect(cardSalt(db)).toBe(newSalt);
    expect(salt).not.toBe(newSalt);
    expect((db.prepare('SELECT COUNT(*) AS n FROM member_cards').get() as { n: number }).n).toBe(0);
    expect(offerCatalog(db).rules.map((r) => r.id)).toEqual(cat.offerRules.map((r) => r.id).sort());
  });
});
