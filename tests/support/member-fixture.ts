// A kiosk database prepared for member tests: the demo mall (or a given catalog), its members and card hashes,
// and a trusted HQ key whose private half the test holds, so it can sign member tokens like HQ does.
import { generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
import type { Catalog, Coupon } from '../../contracts/catalog.ts';
import type { MemberTokenClaims, OfferRule } from '../../contracts/members.ts';
import { openDatabase, type Db } from '../../edge-agent/src/db/open.ts';
import { demoCatalog } from '../../common/demo/catalog.ts';
import { seedDemoIfEmpty } from '../../edge-agent/src/demo/seed.ts';
import { cardSalt } from '../../edge-agent/src/members/cards.ts';
import { signMemberToken } from '../../common/node/member-token-sign.ts';
import { createLogger } from '../../common/node/log.ts';
import { replaceCatalog } from '../../edge-agent/src/catalog/repo.ts';

export type HqTestKey = { kid: string; privateKey: KeyObject; publicKey: string };

export function newHqKey(kid = 'test-hq-1'): HqTestKey {
  const pair = generateKeyPairSync('ed25519');
  return { kid, privateKey: pair.privateKey, publicKey: pair.publicKey.export({ format: 'jwk' }).x! };
}

/**
 * The demo catalog made deterministic for tests: no A/B experiment (so no member lands in a hold-out by hash),
 * plus a points coupon a member may exchange several times and a coupon with a single one in stock.
 */
export function testCatalog(now: Date, version = 1): Catalog {
  const c = demoCatalog(now);
  const from = new Date(now.getTime() - 86_400_000).toISOString();
  const to = new Date(now.getTime() + 30 * 86_400_000).toISOString();
  const coupon = (over: Partial<Coupon> & Pick<Coupon, 'id' | 'title'>): Coupon => ({
    storeId: null, kind: 'gift', minSpendFen: 0, valueFen: 1000, pointsCost: 0, stock: 100, perMemberLimit: 1, tiers: ['regular', 'silver', 'gold', 'diamond'], validFrom: from, validTo: to, ...over,
  });
  const rule = (id: string, couponId: string, priority: number): OfferRule => ({ id, couponId, priority, when: {}, reason: { zh: '测试', en: 'test' } });
  return {
    ...c,
    version,
    experiments: [],
    coupons: [
      ...c.coupons,
      coupon({ id: 'c-test-multi', kind: 'points-exchange', title: { zh: '400积分兑礼品', en: 'Gift for 400 points' }, pointsCost: 400, perMemberLimit: 5 }),
      coupon({ id: 'c-test-last', title: { zh: '最后一张', en: 'The last one' }, stock: 1 }),
      coupon({ id: 'c-test-old', title: { zh: '已过期', en: 'Expired' }, validFrom: new Date(now.getTime() - 9 * 86_400_000).toISOString(), validTo: new Date(now.getTime() - 86_400_000).toISOString() }),
    ],
    offerRules: [...c.offerRules, rule('r-test-multi', 'c-test-multi', 990), rule('r-test-last', 'c-test-last', 980), rule('r-test-old', 'c-test-old', 970)],
  };
}

/** Seeds `dir` with the test (or given) catalog, the demo members and cards, and trusts `key`. */
export function prepareMemberDb(dir: string, key: HqTestKey, opts: { now?: Date; catalog?: Catalog } = {}): { salt: string } {
  const db = openDatabase(dir);
  try {
    const now = opts.now ?? new Date();
    seedDemoIfEmpty(db, createLogger('error', 'test', () => {}), now);
    replaceCatalog(db, opts.catalog ?? testCatalog(now, 2), undefined, now);
    trustKey(db, key);
    return { salt: cardSalt(db)! };
  } finally {
    db.close();
  }
}

export function trustKey(db: Db, key: HqTestKey): void {
  db.prepare('INSERT OR REPLACE INTO hq_keys (kid, public_key, not_after) VALUES (?, ?, NULL)').run(key.kid, key.publicKey);
}

/** A member token as HQ's mini-program would show it, fresh at `now` unless overridden. */
export function memberToken(key: HqTestKey, mid: string, tier: MemberTokenClaims['tier'], over: Partial<MemberTokenClaims> = {}, now = new Date()): string {
  const iat = Math.floor(now.getTime() / 1000) - 2;
  return signMemberToken({ kid: key.kid, mid, tier, iat, exp: iat + 60, nonce: randomBytes(18).toString('base64url'), ...over }, key.privateKey);
}
