// The way into the member-day lottery from the guide home and the member home (shown only while a lottery is open).
import { useLotteryText } from './lotteryStrings.ts';
import { useCurrentLottery } from './useLottery.ts';
import './lottery.css';

export function LotteryEntry({ onOpen, variant = 'home' }: { onOpen: () => void; variant?: 'home' | 'member' }) {
  const lt = useLotteryText();
  const now = useCurrentLottery(true);
  if (!now.open) return null;
  return (
    <button type="button" className={`map-entry lottery-entry lottery-entry--${variant}`} onClick={onOpen} data-testid="lottery-open">
      <span className="map-entry__icon lottery-entry__icon" aria-hidden="true">
        <svg viewBox="0 0 24 24" width="1em" height="1em"><circle cx="12" cy="12" r="10" fill="none" stroke="currentColor" strokeWidth="2" /><path d="M12 2v20M2 12h20M5 5l14 14M19 5L5 19" stroke="currentColor" strokeWidth="1.3" /></svg>
      </span>
      <span className="map-entry__text">
        <span className="map-entry__title">{lt(variant === 'home' ? 'entryShort' : 'entry')}</span>
        <span className="map-entry__hint">{lt('entryHint')}</span>
      </span>
    </button>
  );
}
