// The store directory: search by name, narrow by category and floor, and the matching stores.
import type { Dispatch } from 'react';
import { useTranslate, useLanguage } from '../i18n/LanguageContext.tsx';
import { storeCountText } from '../i18n/translate.ts';
import { CategoryChips } from './CategoryChips.tsx';
import { categoryChips, totalCount } from './categoryChips.ts';
import { hasFilters, type DirectoryAction, type DirectoryFilters } from './directoryFilters.ts';
import { FloorFilter } from './FloorFilter.tsx';
import { SearchField } from './SearchField.tsx';
import { StoreList } from './StoreList.tsx';
import { useStoreSearch } from './useStoreSearch.ts';
import './directory.css';

type Props = { filters: DirectoryFilters; dispatch: Dispatch<DirectoryAction>; floors: string[]; onTakeMeThere: ((storeId: string) => void) | null };

export function StoreDirectory({ filters, dispatch, floors, onTakeMeThere }: Props) {
  const lang = useLanguage();
  const tr = useTranslate();
  const search = useStoreSearch(filters);
  const chips = categoryChips(search.knownCategories, search.counts, filters.category);

  return (
    <section className="directory" aria-labelledby="directory-title" data-testid="directory">
      <div className="directory__head">
        <h2 className="section-title" id="directory-title">{tr('directoryTitle')}</h2>
        <span className="directory__count" data-testid="store-count" aria-live="polite">
          {search.status === 'ready' ? storeCountText(search.stores.length, lang) : search.status === 'loading' ? tr('searching') : ''}
        </span>
      </div>
      <SearchField value={filters.query} onChange={(query) => dispatch({ type: 'setQuery', query })} />
      <CategoryChips
        chips={chips}
        total={totalCount(search.counts)}
        allSelected={filters.category === null}
        onSelect={(category) => dispatch({ type: 'toggleCategory', category })}
      />
      <FloorFilter floors={floors} selected={filters.floor} onSelect={(floor) => dispatch({ type: 'setFloor', floor })} />
      <StoreList
        status={search.status}
        stores={search.stores}
        canClear={hasFilters(filters)}
        onClear={() => dispatch({ type: 'clear' })}
        onTakeMeThere={onTakeMeThere}
      />
    </section>
  );
}
