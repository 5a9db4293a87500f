// Runs the directory's search against the agent: as the shopper types (debounced), or at once for a chip or
// floor. Only the latest answer is shown; earlier ones arriving late are dropped.
import { useEffect, useState } from 'react';
import type { Store, StoreCategory } from '../../../contracts/catalog.ts';
import { call } from '../api/client.ts';
import { useReportFailure } from '../api/AgentFailureContext.ts';
import { useDebouncedValue } from '../ui/useDebouncedValue.ts';
import type { CategoryCount } from './categoryChips.ts';
import type { DirectoryFilters } from './directoryFilters.ts';

export const SEARCH_DEBOUNCE_MS = 250;

export type StoreSearch = {
  status: 'loading' | 'ready' | 'error';
  stores: Store[];
  counts: CategoryCount[];
  /** Every category any answer in this session has mentioned, so chips stay put while the shopper narrows down. */
  knownCategories: ReadonlySet<StoreCategory>;
};

export function useStoreSearch(filters: DirectoryFilters): StoreSearch {
  const reportFailure = useReportFailure();
  const query = useDebouncedValue(filters.query.trim(), SEARCH_DEBOUNCE_MS);
  const [search, setSearch] = useState<StoreSearch>({ status: 'loading', stores: [], counts: [], knownCategories: new Set() });
  const { category, floor } = filters;

  useEffect(() => {
    let cancelled = false;
    // eslint-disable-next-line react-hooks/set-state-in-effect -- marks the request this effect starts as loading
    setSearch((s) => (s.status === 'loading' ? s : { ...s, status: 'loading' }));
    call('stores.search', { query, category, floor }).then(
      (res) => {
        if (cancelled) return;
        setSearch((s) => {
          const known = new Set(s.knownCategories);
          for (const c of res.categories) known.add(c.category);
          return { status: 'ready', stores: res.stores, counts: res.categories, knownCategories: known.size === s.knownCategories.size ? s.knownCategories : known };
        });
      },
      (err: unknown) => {
        if (cancelled || reportFailure(err)) return;
        console.warn('atrium: store search failed', err);
        setSearch((s) => ({ ...s, status: 'error' }));
      },
    );
    return () => { cancelled = true; };
  }, [query, category, floor, reportFailure]);

  return search;
}
