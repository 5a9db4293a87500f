// The home screen's way into feedback (意见反馈), with the promise in a few words.
import { useTranslate } from '../i18n/LanguageContext.tsx';
import { ChatIcon } from '../ui/icons.tsx';

export function FeedbackEntry({ onOpen }: { onOpen: () => void }) {
  const tr = useTranslate();
  return (
    <button type="button" className="map-entry feedback-entry" onClick={onOpen} data-testid="feedback-open">
      <span className="map-entry__icon feedback-entry__icon" aria-hidden="true"><ChatIcon /></span>
      <span className="map-entry__text">
        <span className="map-entry__title">{tr('openFeedback')}</span>
        <span className="map-entry__hint">{tr('openFeedbackHint')}</span>
      </span>
    </button>
  );
}
