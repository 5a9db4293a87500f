// Ticket numbers and the SLA clocks (common/feedback-ticket.ts) with a controlled clock; the contract's refusals of
// bad feedback; the phone sealed for HQ (common/node/feedback-seal.ts) opening only with HQ's key.
import { describe, expect, it } from 'vitest';
import { FeedbackSubmitParams, FeedbackText, FEEDBACK_TEXT_MAX } from '../../../contracts/feedback.ts';
import { formatZodError } from '../../../contracts/zod-errors.ts';
import { feedbackDueTimes, formatTicket, parseTicket, slaState, ticketKioskCode, ticketSla } from '../../../common/feedback-ticket.ts';
import { newHqSealKey, openSealed, sealForHq } from '../../../common/node/feedback-seal.ts';
import { listLines } from '../../../hq-sim/src/feedback/cli.ts';
import type { HqTicket } from '../../../hq-sim/src/feedback/store.ts';

const T0 = new Date('2026-03-14T09:30:00.000Z');
const h = (n: number) => new Date(T0.getTime() + n * 3_600_000);

describe('ticket numbers', () => {
  it.each([
    ['demo-kiosk-1', ['1F', 'north'], '1F'],
    ['demo-kiosk-1', ['north', 'B2'], 'B2'],
    ['demo-kiosk-1', [], 'OSK1'],
    ['k', ['food-court'], 'K'],
    ['---', [], 'K'],
  ])('kiosk code of %s with zones %j is %s', (device, zones, code) => {
    expect(ticketKioskCode(device, zones)).toBe(code);
  });

  it('pads to four digits, grows past 9999, and parses back', () => {
    expect(formatTicket('1F', 1)).toBe('FB-1F-0001');
    expect(formatTicket('1F', 423)).toBe('FB-1F-0423');
    expect(formatTicket('1F', 9999)).toBe('FB-1F-9999');
    expect(formatTicket('1F', 10_000)).toBe('FB-1F-10000');
    for (const n of [1, 423, 10_000, 999_999_999]) expect(parseTicket(formatTicket('OSK1', n))).toEqual({ kioskCode: 'OSK1', n });
    expect(parseTicket('FB-1F-42')).toBeNull();
    expect(parseTicket('fb-1f-0042')).toBeNull();
  });

  it('refuses a sequence or code it cannot write', () => {
    expect(() => formatTicket('1F', 0)).toThrow(RangeError);
    expect(() => formatTicket('1F', 1.5)).toThrow(RangeError);
    expect(() => formatTicket('1f', 1)).toThrow(RangeError);
    expect(() => formatTicket('TOOLONG', 1)).toThrow(RangeError);
  });
});

describe('SLA clocks (calendar hours)', () => {
  it('a reply is due 24 h after submission and a solution 72 h, nights and weekends included', () => {
    // 2026-03-14 is a Saturday: business hours would push these; calendar hours do not.
    expect(feedbackDueTimes(T0)).toEqual({ replyDueAt: h(24), resolveDueAt: h(72) });
  });

  it.each([
    [h(23), null, h(10), 'running'],
    [h(24), null, h(24), 'running'],
    [h(24), null, h(24.001), 'breached'],
    [h(24), h(23), h(100), 'met'],
    [h(24), h(24), h(100), 'met'],
    [h(24), h(25), h(100), 'breached'],
  ] as const)('due %s, done %s, at %s: %s', (due, done, now, state) => {
    expect(slaState(due, done, now)).toBe(state);
  });

  it('a resolution before any reply answers the reply clock too', () => {
    const t = { submittedAt: T0, firstReplyAt: null, resolvedAt: h(5) };
    expect(ticketSla(t, h(200))).toMatchObject({ reply: 'met', resolution: 'met' });
    expect(ticketSla({ submittedAt: T0, firstReplyAt: h(30), resolvedAt: null }, h(80))).toMatchObject({ reply: 'breached', resolution: 'breached' });
    expect(ticketSla({ submittedAt: T0, firstReplyAt: h(2), resolvedAt: null }, h(50))).toMatchObject({ reply: 'met', resolution: 'running' });
  });

  it('`feedback list` shows due times, breaches and masks the phone', () => {
    const ticket = (over: Partial<HqTicket>): HqTicket => ({
      deviceId: 'kiosk-1', ticket: 'FB-1F-0001', category: 'service', storeId: null, rating: 2, text: '太慢了 too slow', language: 'zh-CN',
      memberId: null, phone: null, contactProblem: null, submittedAt: T0, receivedAt: T0, firstReplyAt: null, resolvedAt: null, ...over,
    });
    const lines = listLines([
      ticket({ phone: '13912345678' }),
      ticket({ ticket: 'FB-1F-0002', memberId: 'M1002', firstReplyAt: h(3) }),
      ticket({ ticket: 'FB-1F-0003', submittedAt: h(20), resolvedAt: h(21) }),
    ], h(30));
    const text = lines.join('\n');
    expect(text).toContain('139****5678');
    expect(text).not.toContain('13912345678');
    expect(lines.find((l) => l.startsWith('FB-1F-0001'))).toContain('BREACHED 6 h ago');
    expect(lines.find((l) => l.startsWith('FB-1F-0002'))).toContain('member M1002');
    expect(lines.at(-1)).toBe('feedback list: 3 tickets, 1 open, 1 replied, 1 resolved, 1 breached (calendar hours: reply 24 h, solution 72 h)');
    expect(listLines([], T0)).toEqual(['no feedback recorded yet']);
  });
});

describe('feedback text and params (contracts/feedback.ts)', () => {
  const base = { category: 'other', rating: 3, text: 'ok', language: 'en', contact: { kind: 'none' } };
  const refusal = (params: unknown) => {
    const r = FeedbackSubmitParams.safeParse(params);
    return r.success ? null : formatZodError(r.error);
  };

  it('keeps emoji and mixed scripts exactly, counting an emoji as one character', () => {
    const text = '厕所👍很干净 clean ✨ 한국어 العربية';
    expect(FeedbackText.parse(`  ${text}\n`)).toBe(text);
    expect(FeedbackText.safeParse('👍'.repeat(FEEDBACK_TEXT_MAX)).success).toBe(true);
    expect(FeedbackText.safeParse('👍'.repeat(FEEDBACK_TEXT_MAX + 1)).success).toBe(false);
  });

  it.each([
    [{ ...base, text: '' }, /text.*empty/],
    [{ ...base, text: ' \n ' }, /text.*empty/],
    [{ ...base, text: 'a'.repeat(5000) }, /text.*at most 500 characters/],
    [{ ...base, text: 'a\u0000b' }, /control character/],
    [{ ...base, contact: { kind: 'phone', phone: '1391234567' } }, /contact.phone.*11 digits/],
    [{ ...base, contact: { kind: 'phone', phone: '23912345678' } }, /contact.phone.*11 digits/],
    [{ ...base, contact: { kind: 'phone', phone: '139-1234-5678' } }, /contact.phone.*11 digits/],
    [{ ...base, rating: 6 }, /rating.*1 to 5/],
    [{ ...base, rating: 2.5 }, /rating/],
    [{ ...base, category: 'food' }, /category/],
    [{ ...base, category: 'store' }, /storeId.*pick the store/],
  ])('refuses %j with a clear message', (params, message) => {
    expect(refusal(params)).toMatch(message);
  });

  it('takes a store with its id, a member or a phone contact', () => {
    expect(refusal({ ...base, category: 'store', storeId: 's-hotpot' })).toBeNull();
    expect(refusal({ ...base, contact: { kind: 'phone', phone: '13912345678' } })).toBeNull();
    expect(refusal({ ...base, contact: { kind: 'member', memberSession: 'a'.repeat(24) } })).toBeNull();
  });
});

describe('the phone sealed for HQ', () => {
  it('opens with HQ`s key only, and not after a change', () => {
    const key = newHqSealKey('fbk-test');
    const other = newHqSealKey('fbk-test');
    const sealed = sealForHq('13912345678', { kid: key.kid, publicKey: key.privateJwk.x });
    expect(JSON.stringify(sealed)).not.toContain('13912345678');
    expect(openSealed(sealed, key)).toBe('13912345678');
    // Two seals of the same number differ (a fresh key pair and IV each time), so equal numbers cannot be matched up.
    expect(sealForHq('13912345678', { kid: key.kid, publicKey: key.privateJwk.x }).ct).not.toBe(sealed.ct);
    expect(() => openSealed(sealed, other)).toThrow();
    expect(() => openSealed({ ...sealed, kid: 'fbk-else' }, key)).toThrow(/sealed for key fbk-else/);
    const flipped = Buffer.from(sealed.ct, 'base64url');
    flipped[0]! ^= 1;
    expect(() => openSealed({ ...sealed, ct: flipped.toString('base64url') }, key)).toThrow();
  });
});
