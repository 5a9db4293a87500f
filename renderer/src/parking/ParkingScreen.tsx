// Find my car and pay (找车 · 缴费): the plate typed on big on-screen keys and checked as it is typed (common/plate.ts),
// then HQ's answer (ParkingResult). The plate and the answer live in this screen's state only: leaving the screen
// (back, "Take me to my car", idle, attract) unmounts it and both are gone. A member who scans here stays here and
// their benefits are asked for with the next search.
import { useReducer } from 'react';
import type { UiLanguage } from '../../../contracts/config.ts';
import { NEW_ENERGY_LENGTH, PLATE_PROBLEM_TEXT } from '../../../common/plate.ts';
import { useLanguage } from '../i18n/LanguageContext.tsx';
import { LanguageSwitch } from '../i18n/LanguageSwitch.tsx';
import { ParkingResult } from './ParkingResult.tsx';
import { PlateKeyboard } from './PlateKeyboard.tsx';
import { useParkingText } from './parkingStrings.ts';
import { emptyPlate, plateCheck, plateReducer } from './plateEntry.ts';
import { useParkingSearch } from './useParkingSearch.ts';
import './parking.css';

type Props = {
  /** The signed-in member, if any: their session (for benefits) and masked name. */
  member: { memberSession: string; name: string } | null;
  onOpenScan: () => void;
  onTakeMe: ((to: string) => void) | null;
  onClose: () => void;
  onLanguage: (language: UiLanguage) => void;
};

export function ParkingScreen({ member, onOpenScan, onTakeMe, onClose, onLanguage }: Props) {
  const lang = useLanguage();
  const pt = useParkingText();
  const [plate, dispatch] = useReducer(plateReducer, emptyPlate);
  const { state, search, reset } = useParkingSearch();
  const check = plateCheck(plate);
  const problem = check.status === 'invalid' ? PLATE_PROBLEM_TEXT[check.problem][lang === 'en' ? 'en' : 'zh'] : null;
  const again = () => {
    dispatch({ type: 'clear' });
    reset();
  };
  const showEntry = state.status !== 'done';

  return (
    <div className="parking-screen" data-testid="parking-screen">
      <header className="parking-header">
        <button type="button" className="parking-header__back" onClick={onClose} data-testid="parking-back">
          <span aria-hidden="true">‹</span> {pt('back')}
        </button>
        <h1 className="parking-header__title">{pt('title')}</h1>
        <LanguageSwitch onLanguage={onLanguage} />
      </header>
      <main className={`parking-body${showEntry ? ' parking-body--entry' : ''}`}>
        {member
          ? <p className="parking-member parking-member--on" data-testid="parking-member">{pt('memberOn', { name: member.name })}</p>
          : <button type="button" className="parking-member" onClick={onOpenScan} data-testid="parking-member-scan">{pt('member')}</button>}
        {showEntry ? (
          <>
            {/* The plate and its search; the keys beside it in landscape, under it in portrait (parking.css). */}
            <div className="plate-entry">
              <h2 className="parking-body__prompt">{pt('enterPlate')}</h2>
              <div className="plate-boxes" data-testid="plate-boxes" data-status={check.status}>
                {Array.from({ length: NEW_ENERGY_LENGTH }, (_, i) => (
                  <span key={i} className={`plate-box${i === 1 ? ' plate-box--dot' : ''}${i === NEW_ENERGY_LENGTH - 1 ? ' plate-box--ne' : ''}${i === plate.chars.length ? ' plate-box--cursor' : ''}`}>
                    {plate.chars[i] ?? (i === NEW_ENERGY_LENGTH - 1 ? <small>{pt('newEnergy')}</small> : '')}
                  </span>
                ))}
              </div>
              <p className={`plate-message${problem ? ' plate-message--bad' : ''}`} data-testid="plate-message" role="status">
                {problem ?? (check.status === 'complete' ? '' : PLATE_PROBLEM_TEXT[check.problem][lang === 'en' ? 'en' : 'zh'])}
              </p>
              <button
                type="button"
                className="parking-button parking-button--search"
                disabled={check.status !== 'complete' || state.status === 'searching'}
                onClick={() => search(plate.chars.join(''), member?.memberSession ?? null)}
                data-testid="parking-search"
              >
                {state.status === 'searching' ? pt('searching') : pt('search')}
              </button>
              {state.status === 'failed' && <p className="plate-message plate-message--bad" data-testid="parking-failed">{pt('failed')}</p>}
            </div>
            <PlateKeyboard
              typed={plate.chars.length}
              onKey={(char) => dispatch({ type: 'key', char })}
              onDelete={() => dispatch({ type: 'delete' })}
              onClear={() => dispatch({ type: 'clear' })}
            />
          </>
        ) : (
          <ParkingResult result={state.result} onTakeMe={onTakeMe} onAgain={again} />
        )}
      </main>
    </div>
  );
}
