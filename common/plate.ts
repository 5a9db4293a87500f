// Chinese licence plates (GA 36-2018), written once: the kiosk page checks a plate as it is typed on the on-screen
// keys, the agent checks it again before asking HQ, and both show it masked after a search. Pure: no DOM, no Node.
//
// A plate is a province (one character) + the issuing office (one letter) + a serial:
//   ordinary (7 characters): 5 letters or digits, where the last may instead be one of the special suffixes below;
//   new-energy (8 characters, green plates): 6, either a small car's (D or F, then a letter or digit, then 4 digits)
//   or a large vehicle's (5 digits, then D or F). D is battery-electric, F any other new-energy kind.
// The letters I and O are never used (they read as 1 and 0).

/** The 31 provinces, regions and municipalities of the mainland, in the order plate keyboards usually show them. */
export const PROVINCES = [
  '京', '津', '沪', '渝', '冀', '晋', '蒙', '辽', '吉', '黑', '苏', '浙', '皖', '闽', '赣', '鲁', '豫', '鄂', '湘', '粤',
  '桂', '琼', '川', '贵', '云', '藏', '陕', '甘', '青', '宁', '新',
] as const;

/**
 * Special last characters a shopper can meet in a mall car park: 港 / 澳 (Guangdong cross-border cars, 粤Z…港),
 * 学 (learner cars), 警 (police), 挂 (trailers) and 领 (consulates). Embassy (使) and military plates follow other
 * patterns and are not taken here; the service desk handles them.
 */
export const SUFFIXES = ['港', '澳', '学', '警', '挂', '领'] as const;

/** Letters a plate may carry: A-Z without I and O. */
export const PLATE_LETTERS = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
export const PLATE_DIGITS = '0123456789';

export const ORDINARY_LENGTH = 7;
export const NEW_ENERGY_LENGTH = 8;

export type PlateProblem =
  | 'empty'
  | 'province'
  | 'office'
  | 'i_or_o'
  | 'character'
  | 'suffix_position'
  | 'new_energy_serial'
  | 'too_long'
  | 'too_short';

export type PlateCheck =
  /** A plate that can be searched. */
  | { status: 'complete'; plate: string; kind: 'ordinary' | 'new-energy' }
  /** So far so good, but not yet a whole plate (`problem` says what is missing when it is asked for). */
  | { status: 'incomplete'; problem: 'empty' | 'too_short' }
  | { status: 'invalid'; problem: Exclude<PlateProblem, 'empty' | 'too_short'> };

/** What is wrong, in the shopper's words (zh-CN first, English second). */
export const PLATE_PROBLEM_TEXT: Record<PlateProblem, { zh: string; en: string }> = {
  empty: { zh: '请先选择省份简称', en: 'Choose the province first' },
  province: { zh: '第一位应为省份简称，如 沪、京、粤', en: 'The first character is the province, e.g. 沪, 京 or 粤' },
  office: { zh: '第二位应为字母（发牌机关代号）', en: 'The second character is a letter (the issuing office)' },
  i_or_o: { zh: '车牌中没有字母 I 和 O，请改为数字 1 或 0', en: 'Plates never use the letters I and O: type the digit 1 or 0' },
  character: { zh: '车牌只含字母和数字', en: 'A plate has only letters and digits here' },
  suffix_position: { zh: '港、澳、学、警、挂、领只能在最后一位', en: '港, 澳, 学, 警, 挂 and 领 can only be the last character' },
  new_energy_serial: {
    zh: '新能源车牌：第三位为 D 或 F，之后一位字母或数字，再接四位数字；或前五位数字，最后一位 D 或 F',
    en: 'New-energy plates: D or F, then a letter or digit, then 4 digits; or 5 digits, then D or F',
  },
  too_long: { zh: '车牌最多 8 位', en: 'A plate has at most 8 characters' },
  too_short: { zh: '车牌为 7 位，新能源车牌为 8 位', en: 'A plate has 7 characters, or 8 for a new-energy car' },
};

const isProvince = (c: string) => (PROVINCES as readonly string[]).includes(c);
const isSuffix = (c: string) => (SUFFIXES as readonly string[]).includes(c);
const isLetter = (c: string) => PLATE_LETTERS.includes(c);
const isDigit = (c: string) => PLATE_DIGITS.includes(c);
const isIorO = (c: string) => c === 'I' || c === 'O';

/** Upper-cases latin letters and drops spaces and the middle dot people type (沪A·D12345 is 沪AD12345). */
export function normalisePlate(input: string): string {
  return input.replace(/[\s·•.-]/g, '').toUpperCase();
}

/** Whether an 8-character serial (6 characters after the office letter) is a new-energy one; `serial` may be partial. */
function newEnergySerialSoFar(serial: string): boolean {
  // Small car: [DF][letter|digit][digit]{4}; large: [digit]{5}[DF]. A prefix is fine when either could still follow.
  const small = /^(?:[DF](?:[A-HJ-NP-Z0-9](?:[0-9]{0,4}))?)?$/.test(serial);
  const large = /^(?:[0-9]{0,5}|[0-9]{5}[DF])$/.test(serial);
  return small || large;
}

/** Checks a plate, whole or as typed so far. */
export function checkPlate(input: string): PlateCheck {
  const chars = [...normalisePlate(input)];
  if (chars.length === 0) return { status: 'incomplete', problem: 'empty' };
  if (!isProvince(chars[0]!)) return { status: 'invalid', problem: 'province' };
  if (chars.length > NEW_ENERGY_LENGTH) return { status: 'invalid', problem: 'too_long' };
  const [office, ...serial] = chars.slice(1);
  if (office !== undefined) {
    if (isIorO(office)) return { status: 'invalid', problem: 'i_or_o' };
    if (!isLetter(office)) return { status: 'invalid', problem: 'office' };
  }
  for (let i = 0; i < serial.length; i++) {
    const c = serial[i]!;
    if (isIorO(c)) return { status: 'invalid', problem: 'i_or_o' };
    if (isSuffix(c)) {
      // A suffix ends an ordinary plate: only as its 7th character.
      if (i !== ORDINARY_LENGTH - 3) return { status: 'invalid', problem: 'suffix_position' };
      continue;
    }
    if (!isLetter(c) && !isDigit(c)) return { status: 'invalid', problem: 'character' };
  }
  const plate = chars.join('');
  if (chars.length === NEW_ENERGY_LENGTH) {
    return newEnergySerialSoFar(serial.join('')) && serial.length === 6
      ? { status: 'complete', plate, kind: 'new-energy' }
      : { status: 'invalid', problem: 'new_energy_serial' };
  }
  if (chars.length === ORDINARY_LENGTH) return { status: 'complete', plate, kind: 'ordinary' };
  return { status: 'incomplete', problem: chars.length === 1 ? 'empty' : 'too_short' };
}

/** Whether the plate is whole and valid (the agent's check before a plate leaves the kiosk). */
export function isValidPlate(input: string): boolean {
  return checkPlate(input).status === 'complete';
}

/**
 * The plate as shown after a search: province and office, a middle dot, the serial's first and last characters and a
 * star for each one between (沪AD12348 -> 沪A·D****8, 京A12345 -> 京A·1***5). Anything that is not a whole plate is
 * shown as stars only, so a bad input is never echoed back either.
 */
export function maskPlate(input: string): string {
  const check = checkPlate(input);
  if (check.status !== 'complete') return '*'.repeat(Math.max(1, [...normalisePlate(input)].length));
  const chars = [...check.plate];
  const serial = chars.slice(2);
  return `${chars[0]}${chars[1]}·${serial[0]}${'*'.repeat(serial.length - 2)}${serial.at(-1)}`;
}
