// The pure parts of members at the kiosk: card numbers and hashes (the same as HQ's), which path a scan takes,
// the home's expiring-points and birthday call-outs in mall time, and sessions with a test clock.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Member } from '../../../contracts/catalog.ts';
import { isCardNumber, normaliseCardNumber } from '../../../common/cards.ts';
import { demoCardNumber } from '../../../common/demo/catalog.ts';
import { cardHash } from '../../../common/node/card-hash.ts';
import { demoCardNumber as hqDemoCardNumber } from '../../../hq-sim/src/demo-people.ts';
import { claimEventId } from '../../../edge-agent/src/members/claim.ts';
import { birthdayThisMonth, expiringSoon } from '../../../edge-agent/src/members/home.ts';
import { isCardRead, logRef, memberFromToken } from '../../../edge-agent/src/members/identify.ts';
import { MemberSessions } from '../../../edge-agent/src/members/sessions.ts';

const member = (over: Partial<Member> = {}): Member => ({
  id: 'M1', name: '王小明', tier: 'regular', points: 1000, birthMonth: null, lastVisit: null, segment: null, tags: [], expiringPoints: null, ...over,
});

describe('cards', () => {
  const salt = '0123456789abcdef0123456789abcdef';
  it.each([
    ['6200 0000 0000 1003', '6200000000001003'],
    ['6200-0000-0000-1003', '6200000000001003'],
    [' 04a2:b3 ', '04A2:B3'],
    ['04a2b3c4d5e6f7', '04A2B3C4D5E6F7'],
  ])('normalises %j like HQ does (one function in common/cards.ts)', (raw, want) => {
    expect(normaliseCardNumber(raw)).toBe(want);
  });

  it('hashes exactly as docs/members.md says HQ does (sha256 of salt + normalised number, hex)', () => {
    for (const n of ['6200000000001003', '6200 0000 0000 1004', '04a2b3c4']) {
      expect(cardHash(salt, n)).toBe(createHash('sha256').update(salt + n.replaceAll(' ', '').toUpperCase()).digest('hex'));
    }
    expect(cardHash(salt, '6200000000001003')).toMatch(/^[0-9a-f]{64}$/);
    expect(cardHash(salt, '6200000000001003')).not.toBe(cardHash('f'.repeat(32), '6200000000001003'));
  });

  it('makes the demo card numbers HQ prints', () => {
    for (const id of ['M1001', 'M1003', 'M1005']) expect(demoCardNumber(id)).toBe(hqDemoCardNumber(id));
    expect(demoCardNumber('M1003')).toBe('6200000000001003');
  });

  it('accepts 8-20 digits or an NFC UID (4, 7 or 10 bytes in hex) as a card number, nothing else', () => {
    expect(isCardNumber('6200000000001003')).toBe(true);
    expect(isCardNumber('04A2B3C4')).toBe(true);
    expect(isCardNumber('123')).toBe(false);
    expect(isCardNumber('6200?')).toBe(false);
    expect(isCardNumber('1'.repeat(33))).toBe(false);
  });
});

describe('which path a scan takes', () => {
  it.each([
    ['card', 'anything', true],
    ['camera', '6200000000001003', false],
    ['wedge', 'ATM1.abc.def', false],
    ['wedge', '6200 0000 0000 1003', true],
    ['wedge', 'hello world', false],
  ] as const)('%s %j -> card path %s', (source, code, card) => {
    expect(isCardRead(source, code)).toBe(card);
  });

  it('logs a short keyed reference, not the code', () => {
    const ref = logRef('6200000000001003');
    expect(ref).toMatch(/^[0-9a-f]{12}$/);
    expect(ref).toBe(logRef('6200000000001003'));
    expect(ref).not.toBe(logRef('6200000000001004'));
  });
});

describe('member home call-outs (Asia/Shanghai)', () => {
  it.each([
    // now (UTC), expiring on, shown?
    ['2026-11-27T04:00:00Z', '2026-11-27', true], // today
    ['2026-11-27T04:00:00Z', '2026-12-04', true], // 7 days ahead
    ['2026-11-27T04:00:00Z', '2026-12-05', false], // 8 days ahead
    ['2026-11-27T04:00:00Z', '2026-11-26', false], // already gone
    ['2026-11-26T17:00:00Z', '2026-12-04', true], // 01:00 on the 27th in Shanghai, still the 26th in UTC
    ['2026-11-26T15:00:00Z', '2026-12-04', false], // 23:00 on the 26th in Shanghai: 8 days ahead
  ])('at %s points expiring %s are called out: %s', (now, on, shown) => {
    const got = expiringSoon(member({ expiringPoints: { points: 300, on } }), new Date(now));
    expect(got).toEqual(shown ? { points: 300, on } : null);
  });

  it('never calls out more expiring points than the balance', () => {
    expect(expiringSoon(member({ points: 100, expiringPoints: { points: 300, on: '2026-11-28' } }), new Date('2026-11-27T04:00:00Z'))).toEqual({ points: 100, on: '2026-11-28' });
    expect(expiringSoon(member({ points: 0, expiringPoints: { points: 300, on: '2026-11-28' } }), new Date('2026-11-27T04:00:00Z'))).toBeNull();
  });

  it('greets a birthday in the mall\'s month, not UTC\'s', () => {
    const dec = member({ birthMonth: 12 });
    expect(birthdayThisMonth(dec, new Date('2026-11-30T16:30:00Z'))).toBe(true); // 00:30 on 1 December in Shanghai
    expect(birthdayThisMonth(dec, new Date('2026-11-30T15:30:00Z'))).toBe(false);
    expect(birthdayThisMonth(member({ birthMonth: null }), new Date('2026-12-10T00:00:00Z'))).toBe(false);
  });

  it('builds a token-only member with the token tier, no points and not dormant', () => {
    const now = new Date('2026-11-27T04:00:00Z');
    const m = memberFromToken({ kid: 'k', mid: 'M9', tier: 'gold', iat: 1, exp: 2, nonce: 'n'.repeat(16) }, now);
    expect(m).toMatchObject({ id: 'M9', tier: 'gold', points: 0, lastVisit: now.toISOString(), expiringPoints: null });
  });
});

describe('claim event ids', () => {
  it('derives a stable 8-64 character event id from the claim id', () => {
    const id = claimEventId('x'.repeat(64));
    expect(id).toBe(claimEventId('x'.repeat(64)));
    expect(id.length).toBeGreaterThanOrEqual(8);
    expect(id.length).toBeLessThanOrEqual(64);
    expect(claimEventId('a'.repeat(16))).not.toBe(id);
  });
});

describe('member sessions', () => {
  it('makes 24-character base64url handles that the contract accepts', () => {
    const s = new MemberSessions({ idleMs: () => 60_000 });
    const a = s.create({ memberId: 'M1', provisional: null, experiment: null });
    expect(a.id).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(s.create({ memberId: 'M1', provisional: null, experiment: null }).id).not.toBe(a.id);
  });

  it('forgets a session idle past the timeout (read each time), and sweeps without being asked', () => {
    let t = 0;
    let idle = 60_000;
    const s = new MemberSessions({ idleMs: () => idle, nowMs: () => t });
    const a = s.create({ memberId: 'M1', provisional: null, experiment: null });
    const b = s.create({ memberId: 'M2', provisional: null, experiment: null });
    t = 50_000;
    expect(s.use(a.id)?.memberId).toBe('M1');
    t = 100_000;
    expect(s.use(a.id)?.memberId).toBe('M1');
    s.sweep();
    expect(s.size).toBe(1); // b idle 100 s
    expect(s.use(b.id)).toBeNull();
    idle = 10_000;
    t = 111_000;
    expect(s.use(a.id)).toBeNull();
  });

  it('keeps at most 16 sessions, dropping the least recently used', () => {
    let t = 0;
    const s = new MemberSessions({ idleMs: () => 600_000, nowMs: () => t });
    const first = s.create({ memberId: 'M0', provisional: null, experiment: null });
    for (let i = 1; i <= 16; i++) {
      t += 1;
      s.create({ memberId: `M${i}`, provisional: null, experiment: null });
    }
    expect(s.size).toBe(16);
    expect(s.use(first.id)).toBeNull();
  });

  it('drops every session of a member', () => {
    const s = new MemberSessions({ idleMs: () => 60_000 });
    const a = s.create({ memberId: 'M1', provisional: null, experiment: null });
    s.create({ memberId: 'M1', provisional: null, experiment: null });
    const c = s.create({ memberId: 'M2', provisional: null, experiment: null });
    s.dropMember('M1');
    expect(s.use(a.id)).toBeNull();
    expect(s.use(c.id)?.memberId).toBe('M2');
    expect(s.size).toBe(1);
  });
});
