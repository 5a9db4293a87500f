import { describe, expect, it } from 'vitest';
import type { StoreCategory } from '../../../contracts/catalog.ts';
import { categoryChips, categoryOrder, totalCount } from '../../../renderer/src/directory/categoryChips.ts';
import { directoryReducer, hasFilters, MAX_QUERY_LENGTH, noFilters } from '../../../renderer/src/directory/directoryFilters.ts';
import { StoreCategory as StoreCategorySchema } from '../../../contracts/catalog.ts';

describe('directory filters', () => {
  it('sets the query, capped at the contract limit', () => {
    const s = directoryReducer(noFilters, { type: 'setQuery', query: 'x'.repeat(60) });
    expect(s.query).toHaveLength(MAX_QUERY_LENGTH);
  });

  it('toggles a category off when the selected one is tapped again', () => {
    const on = directoryReducer(noFilters, { type: 'toggleCategory', category: 'cafe' });
    expect(on.category).toBe('cafe');
    expect(directoryReducer(on, { type: 'toggleCategory', category: 'cafe' }).category).toBeNull();
    expect(directoryReducer(on, { type: 'toggleCategory', category: 'dining' }).category).toBe('dining');
    expect(directoryReducer(on, { type: 'toggleCategory', category: null }).category).toBeNull();
  });

  it('showStore replaces every filter with the store name; clear empties them', () => {
    const busy = { query: 'abc', category: 'cafe' as const, floor: '2F' };
    expect(directoryReducer(busy, { type: 'showStore', name: '蜀香火锅' })).toEqual({ query: '蜀香火锅', category: null, floor: null });
    expect(directoryReducer(busy, { type: 'clear' })).toEqual(noFilters);
  });

  it('knows whether anything is filtered (blank text does not count)', () => {
    expect(hasFilters(noFilters)).toBe(false);
    expect(hasFilters({ ...noFilters, query: '   ' })).toBe(false);
    expect(hasFilters({ ...noFilters, floor: 'B1' })).toBe(true);
  });
});

describe('category chips', () => {
  it('orders every contract category exactly once', () => {
    expect([...categoryOrder].sort()).toEqual([...StoreCategorySchema.options].sort());
  });

  it('keeps a stable order, counts from the latest answer, and greys out known categories with nothing to show', () => {
    const known = new Set<StoreCategory>(['dining', 'cafe', 'cinema']);
    const chips = categoryChips(known, [{ category: 'cinema', count: 1 }, { category: 'cafe', count: 2 }], null);
    expect(chips).toEqual([
      { category: 'dining', count: 0, selected: false, disabled: true },
      { category: 'cafe', count: 2, selected: false, disabled: false },
      { category: 'cinema', count: 1, selected: false, disabled: false },
    ]);
  });

  it('keeps the selected chip usable even when the query leaves it empty', () => {
    const chips = categoryChips(new Set(), [], 'kids');
    expect(chips).toEqual([{ category: 'kids', count: 0, selected: true, disabled: false }]);
  });

  it('totals the counts for the "all" chip', () => {
    expect(totalCount([{ category: 'cafe', count: 2 }, { category: 'dining', count: 5 }])).toBe(7);
    expect(totalCount([])).toBe(0);
  });
});
