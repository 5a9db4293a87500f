// The guide screen a shopper uses: mall name and language, what's on, the member-code entry and the store
// directory. Everything here is session state: the whole screen unmounts when the session ends. The member
// scan panel belongs to the kiosk (a scanner works from every screen), so it is opened, not owned, here.
import { useReducer } from 'react';
import type { PromotionCard } from '../../../contracts/api.ts';
import type { LocalizedText } from '../../../contracts/catalog.ts';
import type { UiLanguage } from '../../../contracts/config.ts';
import { directoryReducer, noFilters } from '../directory/directoryFilters.ts';
import { StoreDirectory } from '../directory/StoreDirectory.tsx';
import { MemberScanEntry } from '../member/MemberScanEntry.tsx';
import { HomeHeader } from './HomeHeader.tsx';
import { PromotionShelf } from './PromotionShelf.tsx';
import './home.css';

type Props = {
  mallName: LocalizedText;
  floors: string[];
  promotions: PromotionCard[];
  onLanguage: (language: UiLanguage) => void;
  onOpenScan: () => void;
};

export function HomeScreen({ mallName, floors, promotions, onLanguage, onOpenScan }: Props) {
  const [filters, dispatch] = useReducer(directoryReducer, noFilters);

  return (
    <div className="home" data-testid="home">
      <HomeHeader mallName={mallName} onLanguage={onLanguage} />
      <main className="home__body">
        <PromotionShelf promotions={promotions} onFindStore={(name) => dispatch({ type: 'showStore', name })} />
        <MemberScanEntry onOpen={onOpenScan} />
        <StoreDirectory filters={filters} dispatch={dispatch} floors={floors} />
      </main>
    </div>
  );
}
