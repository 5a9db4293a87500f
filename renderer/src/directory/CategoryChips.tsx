// Category chips with how many stores each would show. Tapping the selected chip again shows all categories.
import type { StoreCategory } from '../../../contracts/catalog.ts';
import { useLanguage, useTranslate } from '../i18n/LanguageContext.tsx';
import { categoryName } from '../i18n/translate.ts';
import type { CategoryChip } from './categoryChips.ts';

type Props = { chips: CategoryChip[]; total: number; allSelected: boolean; onSelect: (category: StoreCategory | null) => void };

export function CategoryChips({ chips, total, allSelected, onSelect }: Props) {
  const lang = useLanguage();
  const tr = useTranslate();
  return (
    <div className="chips" role="group" aria-label={tr('categoriesLabel')}>
      <button type="button" className={allSelected ? 'chip chip--on' : 'chip'} aria-pressed={allSelected} onClick={() => onSelect(null)} data-testid="category-all">
        <span className="chip__name">{tr('allCategories')}</span>
        <span className="chip__count">{total}</span>
      </button>
      {chips.map((c) => (
        <button
          key={c.category}
          type="button"
          className={c.selected ? 'chip chip--on' : 'chip'}
          aria-pressed={c.selected}
          disabled={c.disabled}
          onClick={() => onSelect(c.category)}
          data-testid={`category-${c.category}`}
          data-count={c.count}
        >
          <span className="chip__name">{categoryName(c.category, lang)}</span>
          <span className="chip__count">{c.count}</span>
        </button>
      ))}
    </div>
  );
}
