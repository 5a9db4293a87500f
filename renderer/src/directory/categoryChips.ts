// The category chips: a stable order (chips do not jump around while the shopper types), counts from the
// latest search, and every category the mall has seen in this session, greyed out when it would give nothing.
import type { StoreCategory } from '../../../contracts/catalog.ts';

/** How a shopper scans a mall directory: food first, then shopping, then the rest. */
export const categoryOrder: readonly StoreCategory[] = [
  'dining', 'cafe', 'fashion', 'beauty', 'jewelry', 'sports', 'kids', 'electronics', 'home', 'supermarket', 'cinema', 'services',
];

export type CategoryCount = { category: StoreCategory; count: number };
export type CategoryChip = { category: StoreCategory; count: number; selected: boolean; disabled: boolean };

export function categoryChips(
  known: ReadonlySet<StoreCategory>, counts: readonly CategoryCount[], selected: StoreCategory | null,
): CategoryChip[] {
  const countOf = new Map(counts.map((c) => [c.category, c.count]));
  return categoryOrder
    .filter((category) => known.has(category) || countOf.has(category) || category === selected)
    .map((category) => {
      const count = countOf.get(category) ?? 0;
      const isSelected = category === selected;
      return { category, count, selected: isSelected, disabled: count === 0 && !isSelected };
    });
}

/** Total for the "all" chip: the counts ignore the category filter, so their sum is every store the query and floor match. */
export function totalCount(counts: readonly CategoryCount[]): number {
  return counts.reduce((sum, c) => sum + c.count, 0);
}
