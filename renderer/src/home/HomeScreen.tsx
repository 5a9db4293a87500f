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
import { SurveyEntry, type SurveyInvite } from '../member/SurveyEntry.tsx';
import { HomeHeader } from './HomeHeader.tsx';
import { MapEntry } from './MapEntry.tsx';
import { ParkingEntry } from './ParkingEntry.tsx';
import { FeedbackEntry } from './FeedbackEntry.tsx';
import { PromotionShelf } from './PromotionShelf.tsx';
import { LotteryEntry } from '../lottery/LotteryEntry.tsx';
import './home.css';

type Props = {
  mallName: LocalizedText;
  floors: string[];
  promotions: PromotionCard[];
  onLanguage: (language: UiLanguage) => void;
  onOpenScan: () => void;
  /** Opens the map, with a route to a store when given; null when the kiosk has no map screen. */
  onOpenMap: ((to: string | null) => void) | null;
  /** The map is loaded and parsed (the tile says so for tests and the bench: the first tap will be quick). */
  mapReady: boolean;
  /** Opens find-my-car and parking payment. */
  onOpenParking?: () => void;
  /** A survey HQ targets at shoppers here (attract-loop surveys), when there is one. */
  surveyInvite?: SurveyInvite | null;
  /** Opens the member-day lottery (the entry shows only while one is open). */
  onOpenLottery?: () => void;
  /** Opens feedback (意见反馈). */
  onOpenFeedback?: () => void;
};

export function HomeScreen({ mallName, floors, promotions, onLanguage, onOpenScan, onOpenMap, mapReady, onOpenParking, surveyInvite, onOpenLottery, onOpenFeedback }: Props) {
  const [filters, dispatch] = useReducer(directoryReducer, noFilters);

  return (
    <div className="home" data-testid="home">
      <HomeHeader mallName={mallName} onLanguage={onLanguage} />
      <main className="home__body">
        <PromotionShelf promotions={promotions} onFindStore={(name) => dispatch({ type: 'showStore', name })} onTakeMeThere={onOpenMap} />
        <div className="home__entries">
          <MemberScanEntry onOpen={onOpenScan} />
          {/* The secondary entries: equal tiles (icon and short title), one row in portrait whatever their number. */}
          <div className="home__tiles" data-testid="home-tiles">
            {onOpenMap && <MapEntry onOpen={() => onOpenMap(null)} ready={mapReady} />}
            {onOpenParking && <ParkingEntry onOpen={onOpenParking} />}
            {surveyInvite && <SurveyEntry invite={surveyInvite} />}
            {onOpenLottery && <LotteryEntry onOpen={onOpenLottery} />}
            {onOpenFeedback && <FeedbackEntry onOpen={onOpenFeedback} />}
          </div>
        </div>
        <StoreDirectory filters={filters} dispatch={dispatch} floors={floors} onTakeMeThere={onOpenMap} />
      </main>
    </div>
  );
}
