// The wall's coupon from the decision engine over the demo catalog: bucket x time x stock x A/B arm, hold-out.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Expression } from '../../../contracts/members.ts';
import { offerCatalog, offerCatalogChanged } from '../../../edge-agent/src/catalog/offers.ts';
import { openDatabase, type Db } from '../../../edge-agent/src/db/open.ts';
import { assignArm } from '../../../edge-agent/src/decision/engine.ts';
import { demoMembers } from '../../../common/demo/catalog.ts';
import { seedDemoIfEmpty } from '../../../edge-agent/src/demo/seed.ts';
import { createLogger } from '../../../common/node/log.ts';
import { CLAIM_BASE_URL, claimUrl, decideWallOffer } from '../../../edge-agent/src/wall/offer.ts';

let db: Db;
const now = new Date('2026-11-18T06:30:00Z'); // Wednesday 14:30 in Shanghai
const night = new Date('2026-11-18T15:30:00Z'); // 23:30 in Shanghai

beforeAll(() => {
  db = openDatabase(mkdtempSync(path.join(tmpdir(), 'atrium-wall-offer-')));
  offerCatalogChanged();
  seedDemoIfEmpty(db, createLogger('error'), now);
});
afterAll(() => db.close());

/** Wall session ids in each arm of the demo experiment. */
function sessionIn(holdout: boolean): string {
  const exp = offerCatalog(db).experiments[0]!;
  for (let i = 0; ; i++) {
    const id = `wall-session-${String(i).padStart(8, '0')}`;
    if (assignArm(exp, id).holdout === holdout) return id;
  }
}

describe('decideWallOffer', () => {
  const cases: [Expression, Date, string, string][] = [
    ['happy', now, 'c-dessert-happy', 'w-happy'],
    ['surprised', night, 'c-dessert-happy', 'w-happy'],
    ['angry', night, 'c-hotpot-200-40', 'w-grumpy'],
    ['sad', night, 'c-coffee-gift', 'w-calm'],
    ['fearful', night, 'c-coffee-gift', 'w-calm'],
    // At lunch time too: the guide screen's rules (r-lunch has no member condition) never show on the wall.
    ['neutral', now, 'c-coffee-gift', 'w-calm'],
  ];
  for (const [expression, when, couponId, ruleId] of cases) {
    it(`${expression} at ${when.toISOString()} -> ${couponId} by ${ruleId}`, () => {
      const d = decideWallOffer(db, { mallId: 'demo-mall', wallSession: sessionIn(false), expression, now: when });
      expect(d.offer).toMatchObject({ couponId, ruleId });
      expect(d.withheld).toBeNull();
      expect(d.decision.experiment).toMatchObject({ id: 'x-offers-2026q4', arm: 'offers', holdout: false });
    });
  }

  it('gives the coupon face, store and reason, and a claim URL with the coupon and a one-time code only', () => {
    const d = decideWallOffer(db, { mallId: 'demo-mall', wallSession: sessionIn(false), expression: 'happy', now });
    expect(d.offer).toMatchObject({ title: { zh: '甜蜜时刻 第二份半价' }, valueFen: 1800, reason: { zh: '开心就来点甜的', en: 'Happy? Have something sweet' } });
    expect(d.offer!.store).toMatchObject({ floor: expect.any(String), unit: expect.any(String) });
    const url = new URL(d.offer!.claimUrl);
    expect(`${url.origin}${url.pathname}`).toBe(CLAIM_BASE_URL);
    expect([...url.searchParams.keys()].sort()).toEqual(['code', 'coupon', 'mall']);
    expect(url.searchParams.get('coupon')).toBe('c-dessert-happy');
    expect(url.searchParams.get('code')).toBe(d.claimCode);
    expect(d.claimCode).toMatch(/^[A-Za-z0-9_-]{12}$/);
    const again = decideWallOffer(db, { mallId: 'demo-mall', wallSession: sessionIn(false), expression: 'happy', now });
    expect(again.claimCode).not.toBe(d.claimCode);
    expect(claimUrl('m', 'c 1', 'x&y')).toBe(`${CLAIM_BASE_URL}?mall=m&coupon=c+1&code=x%26y`);
  });

  it('the hold-out arm gets no offer, and says which coupon was withheld', () => {
    const d = decideWallOffer(db, { mallId: 'demo-mall', wallSession: sessionIn(true), expression: 'happy', now });
    expect(d.offer).toBeNull();
    expect(d.claimCode).toBeNull();
    expect(d.decision.experiment).toMatchObject({ arm: 'holdout', holdout: true });
    expect(d.withheld).toEqual({ ruleId: 'w-happy', couponId: 'c-dessert-happy' });
  });

  it('the arm is stable per wall session and splits sessions about 90/10', () => {
    const exp = offerCatalog(db).experiments[0]!;
    const arms = Array.from({ length: 2000 }, (_, i) => assignArm(exp, `s-${i}-session-key`).arm);
    const held = arms.filter((a) => a === 'holdout').length / arms.length;
    expect(held).toBeGreaterThan(0.07);
    expect(held).toBeLessThan(0.13);
    expect(assignArm(exp, 's-1-session-key')).toEqual(assignArm(exp, 's-1-session-key'));
  });

  it('out of stock: no coupon (the guide screen\'s rules do not stand in), and the audit says why', () => {
    db.prepare("UPDATE coupons SET doc = json_set(doc, '$.stock', 0) WHERE id = 'c-dessert-happy'").run();
    offerCatalogChanged();
    try {
      const d = decideWallOffer(db, { mallId: 'demo-mall', wallSession: sessionIn(false), expression: 'happy', now });
      expect(d.offer).toBeNull();
      expect(d.withheld).toBeNull();
      expect(d.decision.skipped).toContainEqual({ ruleId: 'w-happy', why: 'coupon c-dessert-happy is out of stock' });
      expect(d.decision.skipped.map((x) => x.ruleId)).not.toContain('r-lunch');
    } finally {
      db.prepare("UPDATE coupons SET doc = json_set(doc, '$.stock', 400) WHERE id = 'c-dessert-happy'").run();
      offerCatalogChanged();
    }
  });

  describe('a member who scanned at the wall: bucket x tier', () => {
    const member = (id: string) => demoMembers(now).find((m) => m.id === id)!;
    const cases: [string, Expression, string | null, string | null][] = [
      ['M1001', 'happy', 'c-dessert-happy', 'w-happy'], // regular: the mood coupon for everyone
      ['M1003', 'happy', 'c-lumen-gold', 'w-happy-vip'], // gold: the better one its tier calls for
      ['M1004', 'surprised', 'c-lumen-gold', 'w-happy-vip'], // diamond
      ['M1002', 'sad', 'c-coffee-gift', 'w-calm'], // silver: the coffee gift is for silver and up
      ['M1001', 'sad', null, null], // regular: the coffee gift is not for this tier, and no other wall rule fits
    ];
    for (const [id, expression, couponId, ruleId] of cases) {
      it(`${id} (${member(id).tier}) looking ${expression} -> ${couponId ?? 'nothing'}`, () => {
        const d = decideWallOffer(db, { mallId: 'demo-mall', wallSession: sessionIn(false), expression, now, member: member(id) });
        if (couponId === null) expect(d.offer).toBeNull();
        else expect(d.offer).toMatchObject({ couponId, ruleId });
      });
    }

    it('never offers the guide screen\'s member rules (birthday, win-back) on the wall', () => {
      const d = decideWallOffer(db, { mallId: 'demo-mall', wallSession: sessionIn(false), expression: 'happy', now, member: member('M1002') });
      expect(d.offer).toMatchObject({ couponId: 'c-dessert-happy' });
      const considered = [...d.decision.offers.map((o) => o.rule.id), ...d.decision.skipped.map((x) => x.ruleId)];
      expect(considered).not.toContain('r-birthday');
      expect(considered.every((r) => r.startsWith('w-'))).toBe(true);
    });

    it('the wall session\'s arm holds for the member too: a hold-out session stays without an offer', () => {
      const d = decideWallOffer(db, { mallId: 'demo-mall', wallSession: sessionIn(true), expression: 'happy', now, member: member('M1003') });
      expect(d.offer).toBeNull();
      expect(d.withheld).toEqual({ ruleId: 'w-happy-vip', couponId: 'c-lumen-gold' });
    });
  });
});
