// The scan panel: the camera looks for a member QR code while it is open (and is switched off when it closes);
// the scanner and card reader work whether it is open or not. Refusals are explained here, in plain words.
import { useEffect, useRef } from 'react';
import { useLanguage, useTranslate } from '../i18n/LanguageContext.tsx';
import { identifyRefusalText } from '../i18n/strings.ts';
import { pick } from '../i18n/translate.ts';
import { CloseIcon } from '../ui/icons.tsx';
import './member.css';
import { noRecentCodes, rememberSent, sentRecently } from './scan/recentCodes.ts';
import type { ScanState } from './scan/scanState.ts';
import { useCameraScanner } from './scan/useCameraScanner.ts';
import type { Identify } from './scan/useMemberIdentify.ts';

type Props = { scan: ScanState; identify: Identify; onClose: () => void };

export function MemberScanPanel({ scan, identify, onClose }: Props) {
  const tr = useTranslate();
  const lang = useLanguage();
  const closeButton = useRef<HTMLButtonElement>(null);
  const recent = useRef(noRecentCodes);
  const { status: cameraStatus, videoRef } = useCameraScanner(true, (text, seenAt) => {
    if (sentRecently(recent.current, text, seenAt)) return;
    recent.current = rememberSent(recent.current, text, seenAt);
    identify('camera', text, seenAt);
  });

  useEffect(() => {
    closeButton.current?.focus({ preventScroll: true });
    const onKey = (e: KeyboardEvent) => { if (e.key === 'Escape') onClose(); };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);

  const message = scan.message === null ? null : scan.message === 'failed' ? tr('scanFailed') : pick(identifyRefusalText[scan.message], lang);
  const cameraText = cameraStatus === 'starting' ? tr('cameraStarting') : cameraStatus === 'scanning' ? tr('cameraLooking') : tr('cameraUnavailable');

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
        <h2 className="member-panel__title" id="member-panel-title">{tr('memberScanTitle')}</h2>
        <p className="member-panel__step">{tr('memberPanelStep')}</p>
        <div className={`member-camera member-camera--${cameraStatus}`} data-testid="member-camera" data-status={cameraStatus}>
          <video ref={videoRef} className="member-camera__video" muted playsInline aria-hidden="true" />
          <span className="member-camera__frame" aria-hidden="true" />
          <span className="member-camera__status">{cameraText}</span>
        </div>
        <div className="member-panel__message" aria-live="polite">
          {scan.checking !== null ? (
            <p className="scan-checking" data-testid="scan-checking"><span className="scan-checking__dot" aria-hidden="true" />{tr('checkingCode')}</p>
          ) : message !== null ? (
            <p key={scan.messageSeq} className="scan-refusal" role="alert" data-testid="scan-message" data-reason={scan.message ?? undefined}>{message}</p>
          ) : null}
        </div>
        <button ref={closeButton} type="button" className="member-panel__close" onClick={onClose} data-testid="member-panel-close">
          <CloseIcon /> {tr('close')}
        </button>
      </div>
    </div>
  );
}

/** "Checking…" for a scanner or card read while the panel is closed. */
export function ScanCheckingToast() {
  const tr = useTranslate();
  return (
    <p className="scan-toast" role="status" data-testid="scan-checking">
      <span className="scan-checking__dot" aria-hidden="true" />{tr('checkingCode')}
    </p>
  );
}
