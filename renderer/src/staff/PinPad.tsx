// The on-screen PIN keypad: digits only, shown as dots, 4-12 digits.
import type { UiLanguage } from '../../../contracts/config.ts';
import { st } from './staffStrings.ts';

export const PIN_MIN = 4;
export const PIN_MAX = 12;

const keys = ['1', '2', '3', '4', '5', '6', '7', '8', '9'] as const;

export function PinPad({ lang, pin, onPin, onSubmit, disabled }: { lang: UiLanguage; pin: string; onPin: (pin: string) => void; onSubmit: () => void; disabled: boolean }) {
  const press = (d: string) => { if (pin.length < PIN_MAX) onPin(pin + d); };
  const dots = Math.max(6, pin.length);
  return (
    <div className="pin-pad">
      <div className="pin-pad__dots" data-testid="pin-dots" aria-label={st(lang, 'pinDots', { count: pin.length })} aria-live="polite">
        {Array.from({ length: dots }, (_, i) => <span key={i} className={`pin-pad__dot${i < pin.length ? ' pin-pad__dot--on' : ''}`} />)}
      </div>
      <div className="pin-pad__grid">
        {keys.map((d) => (
          <button key={d} type="button" className="pin-pad__key" data-testid={`pin-key-${d}`} disabled={disabled} onClick={() => press(d)}>{d}</button>
        ))}
        <button type="button" className="pin-pad__key pin-pad__key--soft" data-testid="pin-clear" disabled={disabled || pin === ''} onClick={() => onPin('')}>{st(lang, 'pinClear')}</button>
        <button type="button" className="pin-pad__key" data-testid="pin-key-0" disabled={disabled} onClick={() => press('0')}>0</button>
        <button type="button" className="pin-pad__key pin-pad__key--soft" data-testid="pin-back" aria-label="⌫" disabled={disabled || pin === ''} onClick={() => onPin(pin.slice(0, -1))}>⌫</button>
      </div>
      <button type="button" className="staff-button staff-button--primary pin-pad__ok" data-testid="pin-ok" disabled={disabled || pin.length < PIN_MIN} onClick={onSubmit}>
        {st(lang, 'pinOk')}
      </button>
    </div>
  );
}
