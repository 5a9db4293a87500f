import { describe, expect, it } from 'vitest';
import { classifyWedgeCode, isUnreadableCode } from '../../../renderer/src/member/scan/classifyCode.ts';

describe('classifying a scanner burst', () => {
  it.each([
    ['6200000000001003', 'card', '6200000000001003'],
    ['12345678', 'card', '12345678'],
    ['12345678901234567890', 'card', '12345678901234567890'],
    ['04a1b2c3', 'card', '04A1B2C3'],
    ['04A1B2C3D4E5F6', 'card', '04A1B2C3D4E5F6'],
    ['04:a1:b2:c3:d4:e5:f6', 'card', '04A1B2C3D4E5F6'],
    ['04-A1-B2-C3', 'card', '04A1B2C3'],
    [' 6200000000001003 ', 'card', '6200000000001003'],
  ] as const)('%s is a card read', (raw, source, code) => {
    expect(classifyWedgeCode(raw)).toEqual({ source, code });
  });

  it.each([
    ['ATM1.eyJ9.c2ln'],
    ['1234567'], // too short for a card number
    ['123456789012345678901'], // too long
    ['04A1B2C3D'], // odd hex length
    ['04:A1-B2:C3'], // mixed separators
    ['https://example.com/?q=1'],
    ['GGGGGGGG'],
  ])('%s goes as a member code (the agent decides)', (raw) => {
    expect(classifyWedgeCode(raw).source).toBe('wedge');
  });

  it('names empty and overlong text unreadable before any request', () => {
    expect(isUnreadableCode('   ')).toBe(true);
    expect(isUnreadableCode('x'.repeat(513))).toBe(true);
    expect(isUnreadableCode('x'.repeat(512))).toBe(false);
  });
});
