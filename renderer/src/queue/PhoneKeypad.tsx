// The on-screen keypad for a mobile number: big keys, the number shown masked (139****5678) as it is typed. The
// digits live in the ticket screen's state only and go to the agent in the one queue.take call.
import { maskPhone, useQueueText } from './queueStrings.ts';

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', 'clear', '0', 'delete'] as const;

export function PhoneKeypad({ digits, onChange }: { digits: string; onChange: (digits: string) => void }) {
  const qt = useQueueText();
  const press = (key: (typeof KEYS)[number]) => {
    if (key === 'clear') onChange('');
    else if (key === 'delete') onChange(digits.slice(0, -1));
    else if (digits.length < 11) onChange(digits + key);
  };
  const invalid = digits.length === 11 && !/^1[3-9]\d{9}$/.test(digits);
  return (
    <div className="phone-pad">
      <output className="phone-pad__display" data-testid="queue-phone-display" aria-live="polite">
        {digits ? maskPhone(digits) : '—'}
      </output>
      {invalid && <p className="phone-pad__error" role="alert" data-testid="queue-phone-error">{qt('phoneInvalid')}</p>}
      <div className="phone-pad__keys">
        {KEYS.map((key) => (
          <button key={key} type="button" className={`phone-pad__key phone-pad__key--${/\d/.test(key) ? 'digit' : 'edit'}`} onClick={() => press(key)} data-testid={`queue-key-${key}`}>
            {key === 'clear' ? qt('clear') : key === 'delete' ? qt('deleteDigit') : key}
          </button>
        ))}
      </div>
    </div>
  );
}
