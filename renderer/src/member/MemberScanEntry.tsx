// The prominent way in for members: opens the scan panel (camera), and says the scanner and card reader work too.
import { useTranslate } from '../i18n/LanguageContext.tsx';
import { ChevronIcon, QrIcon } from '../ui/icons.tsx';
import './member.css';

export function MemberScanEntry({ onOpen }: { onOpen: () => void }) {
  const tr = useTranslate();
  return (
    <button type="button" className="member-entry" onClick={onOpen} data-testid="member-scan-open">
      <span className="member-entry__icon" aria-hidden="true"><QrIcon /></span>
      <span className="member-entry__text">
        <span className="member-entry__title">{tr('memberScanTitle')}</span>
        <span className="member-entry__hint">{tr('memberScanHint')}</span>
      </span>
      <ChevronIcon className="member-entry__chevron" />
    </button>
  );
}
