// The directory's results: name, category, floor and unit for every matching store, or a way out of an empty search.
import type { DirectoryStore } from '../../../contracts/api.ts';
import { useTranslate } from '../i18n/LanguageContext.tsx';
import { SearchIcon } from '../ui/icons.tsx';
import { StoreRow } from './StoreRow.tsx';
import type { StoreSearch } from './useStoreSearch.ts';

type Props = { status: StoreSearch['status']; stores: DirectoryStore[]; canClear: boolean; onClear: () => void; onTakeMeThere: ((storeId: string) => void) | null };

export function StoreList({ status, stores, canClear, onClear, onTakeMeThere }: Props) {
  const tr = useTranslate();
  if (status === 'error') {
    return <div className="store-list store-list--message" data-testid="store-list-error"><p className="store-list__title">{tr('searchFailed')}</p></div>;
  }
  if (status === 'ready' && stores.length === 0) {
    return (
      <div className="store-list store-list--message" data-testid="store-list-empty">
        <SearchIcon className="store-list__icon" />
        <p className="store-list__title">{tr('noStoresTitle')}</p>
        <p className="store-list__hint">{tr('noStoresHint')}</p>
        {canClear && <button type="button" className="store-list__clear" onClick={onClear} data-testid="clear-filters">{tr('clearFilters')}</button>}
      </div>
    );
  }
  return (
    <ul className={status === 'loading' ? 'store-list store-list--stale' : 'store-list'} data-testid="store-list" aria-busy={status === 'loading'}>
      {stores.map((s) => <StoreRow key={s.id} store={s} onTakeMeThere={onTakeMeThere} />)}
    </ul>
  );
}
