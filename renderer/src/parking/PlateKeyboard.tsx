// The plate keys: before the province is chosen, the 31 provinces; after, the letters (no I or O, as on plates),
// the digits and the special last characters. Big keys for a finger on a portrait guide screen.
import { PLATE_DIGITS, PLATE_LETTERS, PROVINCES, SUFFIXES } from '../../../common/plate.ts';
import { useParkingText } from './parkingStrings.ts';

type Props = { typed: number; onKey: (char: string) => void; onDelete: () => void; onClear: () => void };

export function PlateKeyboard({ typed, onKey, onDelete, onClear }: Props) {
  const pt = useParkingText();
  const keys = typed === 0 ? [...PROVINCES] : [...PLATE_DIGITS, ...PLATE_LETTERS, ...(typed >= 6 ? SUFFIXES : [])];
  return (
    <div className="plate-keys" data-testid="plate-keys" data-mode={typed === 0 ? 'province' : 'serial'}>
      {typed === 0 && <p className="plate-keys__hint">{pt('pickProvince')}</p>}
      <div className={`plate-keys__grid plate-keys__grid--${typed === 0 ? 'province' : 'serial'}`}>
        {keys.map((k) => (
          <button key={k} type="button" className="plate-key" onClick={() => onKey(k)} data-testid={`plate-key-${k}`}>{k}</button>
        ))}
      </div>
      <div className="plate-keys__edit">
        <button type="button" className="plate-key plate-key--edit" onClick={onDelete} disabled={typed === 0} data-testid="plate-delete">{pt('delete')}</button>
        <button type="button" className="plate-key plate-key--edit" onClick={onClear} disabled={typed === 0} data-testid="plate-clear">{pt('clear')}</button>
      </div>
    </div>
  );
}
