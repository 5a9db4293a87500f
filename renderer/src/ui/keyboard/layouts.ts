// The on-screen keyboard's key layouts, pure data. The kiosk's own compact rows (no Tab, Caps Lock, Enter or ".com":
// one text field, a finger, big keys) for pinyin (Chinese) and English text and a digit pad; the pinyin candidates
// come from simple-keyboard-layouts' Chinese layout (a syllable -> characters table shipped in the package, so they
// work offline).
import chinese from 'simple-keyboard-layouts/build/layouts/chinese';

export type KeyboardLang = 'zh' | 'en';

/** Layers of one layout: simple-keyboard's layout names. */
export type KeyLayer = 'default' | 'shift' | 'symbols';

const LETTERS_TOP = 'q w e r t y u i o p';
const LETTERS_MIDDLE = 'a s d f g h j k l';
const LETTERS_BOTTOM = 'z x c v b n m';

/** Letters, digits and punctuation for one language; the bottom row's punctuation follows the language. */
export function textLayout(lang: KeyboardLang): Record<KeyLayer, string[]> {
  const [comma, stop, question] = lang === 'zh' ? ['，', '。', '？'] : [',', '.', '?'];
  return {
    default: [
      '1 2 3 4 5 6 7 8 9 0 {bksp}',
      LETTERS_TOP,
      LETTERS_MIDDLE,
      `{shift} ${LETTERS_BOTTOM} ${question}`,
      `{symbols} {lang} ${comma} {space} ${stop}`,
    ],
    shift: [
      '1 2 3 4 5 6 7 8 9 0 {bksp}',
      LETTERS_TOP.toUpperCase(),
      LETTERS_MIDDLE.toUpperCase(),
      `{shift} ${LETTERS_BOTTOM.toUpperCase()} ${question}`,
      `{symbols} {lang} ${comma} {space} ${stop}`,
    ],
    symbols: [
      '1 2 3 4 5 6 7 8 9 0 {bksp}',
      lang === 'zh' ? '！ @ # ¥ % & * （ ） -' : '! @ # $ % & * ( ) -',
      lang === 'zh' ? '： ； “ ” 、 / + = _' : ': ; " \' / + = _ ~',
      lang === 'zh' ? '《 》 … — · < > ~' : '< > [ ] { } | \\',
      `{abc} {lang} ${comma} {space} ${stop}`,
    ],
  };
}

/** A big digit pad for a phone number. */
export const PHONE_LAYOUT: Record<'default', string[]> = {
  default: ['1 2 3', '4 5 6', '7 8 9', '{clear} 0 {bksp}'],
};

/** Pinyin syllable -> candidate characters ("ni" -> "你 呢 泥 ..."), from simple-keyboard-layouts. */
export const PINYIN_CANDIDATES: Record<string, string> =
  (chinese as unknown as { layoutCandidates: Record<string, string> }).layoutCandidates;

/** The labels of the function keys, in the keyboard's current language. */
export function keyLabels(lang: KeyboardLang): Record<string, string> {
  return {
    '{bksp}': '⌫',
    '{space}': lang === 'zh' ? '空格' : 'space',
    '{shift}': '⇧',
    '{symbols}': lang === 'zh' ? '符号' : '#+=',
    '{abc}': lang === 'zh' ? '拼音' : 'ABC',
    // The switch names the layout it goes to.
    '{lang}': lang === 'zh' ? 'English' : '中文',
    '{clear}': lang === 'zh' ? '清除' : 'Clear',
  };
}

/** Cuts a value to maxLength code points (never half of an emoji's surrogate pair). */
export function clampToLength(value: string, maxLength: number | undefined): string {
  if (maxLength === undefined) return value;
  const points = Array.from(value);
  return points.length <= maxLength ? value : points.slice(0, maxLength).join('');
}
