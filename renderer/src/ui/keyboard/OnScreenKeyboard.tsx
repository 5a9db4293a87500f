// The kiosk's on-screen keyboard (simple-keyboard): pinyin with candidate characters for Chinese, an English layout,
// a 中文/English switch, backspace, space, a length limit, and a big digit pad for phone numbers (mode 'phone').
// Controlled: `value` is the text, `onChange` gets every new text. Screens load it through LazyOnScreenKeyboard (or a
// lazy screen of their own), so its code and CSS reach the page only where someone types.
import { useEffect, useRef, useState } from 'react';
import Keyboard from 'simple-keyboard/build/index.modern.esm.js';
import 'simple-keyboard/build/css/index.css';
import './keyboard.css';
import { useLatest } from '../useLatest.ts';
import { clampToLength, keyLabels, PHONE_LAYOUT, PINYIN_CANDIDATES, textLayout, type KeyboardLang, type KeyLayer } from './layouts.ts';

export type OnScreenKeyboardProps = {
  value: string;
  onChange(value: string): void;
  lang: KeyboardLang;
  /** At most this many characters (code points); a key that would go past it does nothing. */
  maxLength?: number;
  mode?: 'text' | 'phone';
};

/** Candidates on one page of the bar: as many as stay thumb-sized across a 1080-pixel-wide screen. */
const CANDIDATES_PER_PAGE = 9;

export function OnScreenKeyboard({ value, onChange, lang, maxLength, mode = 'text' }: OnScreenKeyboardProps) {
  const host = useRef<HTMLDivElement>(null);
  const keyboard = useRef<Keyboard | null>(null);
  // The screen's language picks the keyboard's layout; the 中文/English key changes it until the screen's language does.
  const [chosen, setChosen] = useState<{ screenLang: KeyboardLang; layoutLang: KeyboardLang }>({ screenLang: lang, layoutLang: lang });
  if (chosen.screenLang !== lang) setChosen({ screenLang: lang, layoutLang: lang });
  const layoutLang = chosen.screenLang === lang ? chosen.layoutLang : lang;
  const [layer, setLayer] = useState<KeyLayer>('default');
  // The keyboard's callbacks are bound once; they read the latest props through this.
  const latest = useLatest({ value, onChange, maxLength });

  useEffect(() => {
    if (!host.current) return undefined;
    const kb = new Keyboard(host.current, {
      theme: 'hg-theme-default osk__keys',
      disableButtonHold: false,
      preventMouseDownDefault: true,
      disableCandidateNormalization: true,
      layoutCandidatesPageSize: CANDIDATES_PER_PAGE,
      onChange: (input: string) => {
        const { maxLength: max, onChange: report, value: current } = latest.current;
        if (clampToLength(input, max) !== input) {
          // Past the limit: the key does nothing (the field keeps what it had).
          kb.setInput(current);
          return;
        }
        report(input);
      },
      onKeyPress: (button: string) => {
        if (button === '{shift}') setLayer((l) => (l === 'shift' ? 'default' : 'shift'));
        else if (button === '{symbols}') setLayer('symbols');
        else if (button === '{abc}') setLayer('default');
        else if (button === '{lang}') setChosen((c) => ({ ...c, layoutLang: c.layoutLang === 'zh' ? 'en' : 'zh' }));
        else if (button === '{clear}') {
          kb.setInput('');
          latest.current.onChange('');
        }
      },
    });
    kb.setInput(latest.current.value);
    keyboard.current = kb;
    return () => {
      keyboard.current = null;
      kb.destroy();
    };
  }, [latest]);

  // The layout follows the mode, the language and the layer.
  useEffect(() => {
    const kb = keyboard.current;
    if (!kb) return;
    const phone = mode === 'phone';
    kb.setOptions({
      layout: phone ? PHONE_LAYOUT : textLayout(layoutLang),
      layoutName: phone ? 'default' : layer,
      display: keyLabels(layoutLang),
      enableLayoutCandidates: !phone && layoutLang === 'zh',
      layoutCandidates: !phone && layoutLang === 'zh' ? PINYIN_CANDIDATES : {},
      theme: `hg-theme-default osk__keys osk__keys--${phone ? 'phone' : 'text'}`,
    });
  }, [mode, layoutLang, layer]);

  // A value changed from outside (cleared, or cut by the screen) is what the keyboard edits next.
  useEffect(() => {
    const kb = keyboard.current;
    if (kb && kb.getInput() !== value) {
      kb.setInput(value);
      kb.setCaretPosition(value.length);
    }
  }, [value]);

  return (
    <div className={`osk osk--${mode}`} data-testid="osk" data-lang={mode === 'phone' ? 'phone' : layoutLang} data-layer={layer}>
      <div ref={host} className="osk__host" />
    </div>
  );
}

export default OnScreenKeyboard;
