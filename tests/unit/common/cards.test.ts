// The one card rule (common/cards.ts): the same table decides on the page (classifyWedgeCode), in the agent
// (isCardRead, identifyByCard) and for staff cards; and the hash the agent sends or caches is the one HQ stores.
import { afterEach, describe, expect, it } from 'vitest';
import { classifyWedgeCode, isCardNumber, normaliseCardNumber, parseCardNumber } from '../../../common/cards.ts';
import { demoCardNumber } from '../../../common/demo/catalog.ts';
import { cardHash } from '../../../common/node/card-hash.ts';
import type { MemberLookupRequest } from '../../../contracts/mqtt.ts';
import { openDatabase, type Db } from '../../../edge-agent/src/db/open.ts';
import { setCardSalt } from '../../../edge-agent/src/members/cards.ts';
import { identifyByCard, isCardRead, type HqLink } from '../../../edge-agent/src/members/identify.ts';
import { demoStaffCredentials as agentDemoStaff } from '../../../edge-agent/src/staff/demo-staff.ts';
import { demoStaffCredentials as hqDemoStaff } from '../../../hq-sim/src/demo-people.ts';
import { openHqData, type HqData } from '../../../hq-sim/src/hq-data.ts';
import { classifyWedgeCode as pageClassify } from '../../../renderer/src/member/scan/classifyCode.ts';
import { freshDataDir } from '../../support/agent-process.ts';

// raw reader text -> the normalised card number, or null (not a card: the page sends it as a member code).
const TABLE: [string, string | null, string][] = [
  ['6200000000001003', '6200000000001003', '16 printed digits (the demo cards)'],
  ['12345678', '12345678', '8 digits, the shortest printed number'],
  ['12345678901234567890', '12345678901234567890', '20 digits, the longest'],
  ['1234567', null, '7 digits: too short'],
  ['123456789012345678901', null, '21 digits: too long'],
  ['1234', null, '4 digits (the agent used to look these up)'],
  ['6200 0000 0000 1003', '6200000000001003', 'spaces between groups'],
  ['6200-0000-0000-1003', '6200000000001003', 'dashes between groups'],
  [' 6200 0000-0000 1003\n', '6200000000001003', 'spaces, dashes and a newline from the reader'],
  ['04a1b2c3', '04A1B2C3', 'a 4-byte NFC UID, lower case'],
  ['04A1B2C3D4E5F6', '04A1B2C3D4E5F6', 'a 7-byte NFC UID'],
  ['04A1B2C3D4E5F6A7B8C9', '04A1B2C3D4E5F6A7B8C9', 'a 10-byte NFC UID'],
  ['04:a1:b2:c3:d4:e5:f6', '04A1B2C3D4E5F6', 'a UID with colons between bytes'],
  ['04-A1-B2-C3', '04A1B2C3', 'a UID with dashes between bytes'],
  ['04:A1-B2:C3', null, 'mixed byte separators'],
  ['04:A1:B2', null, 'a 3-byte UID'],
  ['04A1B2C3D', null, 'an odd number of hex characters'],
  ['04A1B2C3D4', null, '5 bytes: not a UID size'],
  ['GGGGGGGG', null, 'letters beyond F'],
  ['ABCDEFGHIJKL', null, 'letters'],
  ['6200?', null, 'punctuation'],
  ['1'.repeat(33), null, '33 digits'],
  ['ATM1.eyJ9.c2ln', null, 'a member token'],
  ['https://example.com/?q=1', null, 'a URL'],
  ['', null, 'nothing'],
];

describe('the card rule', () => {
  it.each(TABLE)('%j -> %j (%s)', (raw, want) => {
    expect(parseCardNumber(raw)).toBe(want);
    if (want !== null) expect(isCardNumber(want)).toBe(true);
    // The page and the agent decide the same: a wedge burst is a card read exactly when it is a card number.
    expect(classifyWedgeCode(raw)).toEqual(want === null ? { source: 'wedge', code: raw.trim() } : { source: 'card', code: want });
    expect(pageClassify).toBe(classifyWedgeCode);
    expect(isCardRead('wedge', raw)).toBe(want !== null);
  });

  it('keeps the hash input documented in docs/members.md: spaces and dashes dropped, letters upper-cased', () => {
    expect(normaliseCardNumber(' 04a2:b3 ')).toBe('04A2:B3');
    expect(normaliseCardNumber('6200 0000-0000 1003')).toBe('6200000000001003');
  });

  it('takes a read from a card reader (source card) down the card path whatever it says, camera reads never', () => {
    expect(isCardRead('card', 'hello?')).toBe(true);
    expect(isCardRead('camera', '6200000000001003')).toBe(false);
  });
});

describe('card hashes, kiosk and HQ', () => {
  let hq: HqData | undefined;
  let db: Db | undefined;
  afterEach(() => {
    hq?.close();
    db?.close();
  });

  it('the hash a kiosk asks HQ by (and then caches) is the hash HQ stored for the member, however the card was typed', async () => {
    const now = new Date('2026-11-27T04:00:00Z');
    hq = openHqData(freshDataDir('atrium-hq-cards-'), 'demo-mall', now);
    db = openDatabase(freshDataDir('atrium-cards-'));
    setCardSalt(db, hq.cardSalt);
    const asked: MemberLookupRequest[] = [];
    const link: HqLink = { lookupMember: async (req) => { asked.push(req); return { found: false, member: null, cardHash: null }; }, online: () => true };
    for (const typed of ['6200 0000 0000 1002', '6200-0000-0000-1002', demoCardNumber('M1002')]) {
      expect(await identifyByCard(db, link, typed)).toMatchObject({ ok: false, reason: 'unknown_card' });
    }
    const stored = hq.store.cardHashOf('M1002');
    expect(stored).toMatch(/^[0-9a-f]{64}$/);
    expect(asked).toEqual([1, 2, 3].map(() => ({ by: 'cardHash', cardHash: stored })));
    expect(cardHash(hq.cardSalt, demoCardNumber('M1002'))).toBe(stored);
  });

  it('refuses a non-card at the kiosk without asking HQ', async () => {
    db = openDatabase(freshDataDir('atrium-cards-'));
    setCardSalt(db, 'a1b2c3d4');
    const link: HqLink = { lookupMember: async () => { throw new Error('HQ must not be asked'); }, online: () => true };
    expect(await identifyByCard(db, link, '1234')).toMatchObject({ ok: false, reason: 'unknown_card', detail: expect.stringMatching(/8-20 digits/) });
  });

  it('the demo staff cards hash the same on the kiosk and at HQ', () => {
    const salt = '0123456789abcdef0123456789abcdef';
    expect(agentDemoStaff(salt).map((c) => c.cardHash)).toEqual(hqDemoStaff(salt).map((c) => c.cardHash));
  });
});
