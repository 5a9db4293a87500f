// How to show the member code, and an honest note that this screen cannot read it yet (member identification
// is a later issue). No fake scanning, no pretend success.
import { useEffect, useRef } from 'react';
import { useTranslate } from '../i18n/LanguageContext.tsx';
import { CloseIcon, QrIcon, ScanFrameIcon } from '../ui/icons.tsx';

export function MemberScanPanel({ onClose }: { onClose: () => void }) {
  const tr = useTranslate();
  const closeButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    closeButton.current?.focus({ preventScroll: true });
    const onKey = (e: KeyboardEvent) => { if (e.key === 'Escape') onClose(); };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);

  return (
    <div className="member-panel__backdrop" onClick={onClose}>
      <div
        className="member-panel"
        role="dialog"
        aria-modal="true"
        aria-labelledby="member-panel-title"
        data-testid="member-panel"
        onClick={(e) => e.stopPropagation()}
      >
        <div className="member-panel__art" aria-hidden="true">
          <span className="member-panel__phone"><QrIcon /></span>
          <span className="member-panel__beam" />
          <span className="member-panel__scanner"><ScanFrameIcon /></span>
        </div>
        <h2 className="member-panel__title" id="member-panel-title">{tr('memberScanTitle')}</h2>
        <p className="member-panel__step">{tr('memberPanelStep')}</p>
        <div className="member-panel__notice" data-testid="member-panel-notice">
          <span className="member-panel__badge">{tr('memberPanelComingSoon')}</span>
          <p>{tr('memberPanelNotYet')}</p>
        </div>
        <button ref={closeButton} type="button" className="member-panel__close" onClick={onClose} data-testid="member-panel-close">
          <CloseIcon /> {tr('close')}
        </button>
      </div>
    </div>
  );
}
