// The plate rules of common/plate.ts (GA 36-2018 as the kiosk takes it), as a table of whole plates and of plates
// being typed, and the mask the page shows after a search.
import { describe, expect, it } from 'vitest';
import { checkPlate, isValidPlate, maskPlate, normalisePlate, PLATE_PROBLEM_TEXT, PROVINCES } from '../../../common/plate.ts';

describe('checkPlate: whole plates', () => {
  it.each([
    ['京A12345', 'ordinary'],
    ['沪AB1234', 'ordinary'],
    ['粤B8K2F6', 'ordinary'],
    ['粤Z1234港', 'ordinary'],
    ['粤Z1234澳', 'ordinary'],
    ['苏E1234学', 'ordinary'],
    ['川A0001警', 'ordinary'],
    ['沪AD12348', 'new-energy'], // small car: D, then a digit, then 4 digits
    ['沪ADF1234', 'new-energy'], // small car: D, then a letter, then 4 digits
    ['京AF12345', 'new-energy'], // F: not battery-electric
    ['浙A12345D', 'new-energy'], // large vehicle: 5 digits, then D
    ['浙A12345F', 'new-energy'],
    [' 沪a·d12348 ', 'new-energy'], // spaces, the middle dot and lower case are tidied first
  ])('%s is a valid %s plate', (plate, kind) => {
    expect(checkPlate(plate)).toEqual({ status: 'complete', plate: normalisePlate(plate), kind });
    expect(isValidPlate(plate)).toBe(true);
  });

  it.each([
    ['A12345', 'province'], // no province
    ['港A12345', 'province'], // 港 is a suffix, not a province
    ['沪112345', 'office'], // the office is a letter
    ['沪IB1234', 'i_or_o'],
    ['沪AB12O4', 'i_or_o'],
    ['沪AB1234I', 'i_or_o'],
    ['沪AB12-4', 'too_short'], // the dash is dropped as a separator, leaving 6
    ['沪AB12#4', 'character'],
    ['沪A港1234', 'suffix_position'],
    ['沪AA12345', 'new_energy_serial'], // 8 characters but neither D/F pattern
    ['沪AD1A345', 'new_energy_serial'], // small car: the last 4 must be digits
    ['沪A1234D5', 'new_energy_serial'], // large vehicle: D or F last
    ['沪AD123456', 'too_long'],
  ])('%s is refused: %s', (plate, problem) => {
    const check = checkPlate(plate);
    expect(check.status === 'complete' ? 'complete' : check.problem).toBe(problem);
    expect(isValidPlate(plate)).toBe(false);
  });
});

describe('checkPlate: as typed', () => {
  it.each([
    ['', 'empty'],
    ['沪', 'empty'],
    ['沪A', 'too_short'],
    ['沪AD1234', 'complete'], // 7 characters: an ordinary plate; an 8th may still follow
    ['沪AD123', 'too_short'],
  ])('%j so far: %s', (typed, expected) => {
    const check = checkPlate(typed);
    expect(check.status === 'complete' ? 'complete' : check.problem).toBe(expected);
  });

  it('knows the 31 provinces and has a message in both languages for every problem', () => {
    expect(PROVINCES).toHaveLength(31);
    expect(new Set(PROVINCES).size).toBe(31);
    for (const text of Object.values(PLATE_PROBLEM_TEXT)) {
      expect(text.zh.length).toBeGreaterThan(0);
      expect(text.en.length).toBeGreaterThan(0);
    }
  });
});

describe('maskPlate', () => {
  it.each([
    ['沪AD12348', '沪A·D****8'],
    ['京A12345', '京A·1***5'],
    ['粤Z1234港', '粤Z·1***港'],
    ['浙A12345F', '浙A·1****F'],
    ['沪a d12348', '沪A·D****8'],
  ])('%s shows as %s', (plate, masked) => {
    expect(maskPlate(plate)).toBe(masked);
  });

  it('never echoes an invalid plate, only stars', () => {
    expect(maskPlate('沪IB1234')).toBe('*******');
    expect(maskPlate('hello')).toBe('*****');
  });
});
