// A short message on the guide home after a member left it: shown for NOTICE_MS, then gone.
import { useEffect } from 'react';
import { useTranslate } from '../i18n/LanguageContext.tsx';
import type { SessionNotice } from '../session/kioskSession.ts';

export const NOTICE_MS = 6000;

export function SessionNoticeToast({ notice, onDone }: { notice: SessionNotice; onDone: () => void }) {
  const tr = useTranslate();
  useEffect(() => {
    const timer = setTimeout(onDone, NOTICE_MS);
    return () => clearTimeout(timer);
  }, [notice, onDone]);
  return (
    <p className="session-notice" role="status" data-testid="session-notice" data-notice={notice}>
      {tr(notice === 'signed_out' ? 'memberSignedOut' : 'memberSessionGone')}
    </p>
  );
}
