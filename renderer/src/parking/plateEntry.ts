// The plate as typed on the on-screen keys, as a pure reducer: the province first, then letters and digits, up to 8
// characters. Each keystroke is checked with common/plate.ts, so the screen can say what is wrong at once; a key
// that would make the plate longer than 8 is ignored.
import { checkPlate, NEW_ENERGY_LENGTH, type PlateCheck } from '../../../common/plate.ts';

export type PlateEntry = { chars: string[] };

export type PlateAction = { type: 'key'; char: string } | { type: 'delete' } | { type: 'clear' };

export const emptyPlate: PlateEntry = { chars: [] };

export function plateReducer(state: PlateEntry, action: PlateAction): PlateEntry {
  switch (action.type) {
    case 'key':
      if (state.chars.length >= NEW_ENERGY_LENGTH) return state;
      return { chars: [...state.chars, action.char] };
    case 'delete':
      return state.chars.length === 0 ? state : { chars: state.chars.slice(0, -1) };
    case 'clear':
      return emptyPlate;
  }
}

export function plateCheck(state: PlateEntry): PlateCheck {
  return checkPlate(state.chars.join(''));
}
