// What the shopper has asked the store directory for. Pure reducer; the search itself is in useStoreSearch.ts.
import type { StoreCategory } from '../../../contracts/catalog.ts';

/** The contract caps a search query at 40 characters. */
export const MAX_QUERY_LENGTH = 40;

export type DirectoryFilters = { query: string; category: StoreCategory | null; floor: string | null };

export type DirectoryAction =
  | { type: 'setQuery'; query: string }
  /** Tapping the selected category again goes back to all categories. */
  | { type: 'toggleCategory'; category: StoreCategory | null }
  | { type: 'setFloor'; floor: string | null }
  /** From a promotion card: show exactly this store, whatever was filtered before. */
  | { type: 'showStore'; name: string }
  | { type: 'clear' };

export const noFilters: DirectoryFilters = { query: '', category: null, floor: null };

export function directoryReducer(state: DirectoryFilters, action: DirectoryAction): DirectoryFilters {
  switch (action.type) {
    case 'setQuery':
      return { ...state, query: action.query.slice(0, MAX_QUERY_LENGTH) };
    case 'toggleCategory':
      return { ...state, category: action.category === state.category ? null : action.category };
    case 'setFloor':
      return { ...state, floor: action.floor };
    case 'showStore':
      return { query: action.name.slice(0, MAX_QUERY_LENGTH), category: null, floor: null };
    case 'clear':
      return noFilters;
  }
}

export function hasFilters(f: DirectoryFilters): boolean {
  return f.query.trim() !== '' || f.category !== null || f.floor !== null;
}
