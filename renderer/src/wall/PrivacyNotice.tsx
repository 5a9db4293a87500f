// Shown whenever the wall's camera is on: what happens to the picture, in both languages. The text is the
// configured notice (WallStatus.notice), or the built-in one when the configuration has none.
import type { LocalizedText } from '../../../contracts/catalog.ts';
import { useLanguage } from '../i18n/LanguageContext.tsx';
import { otherLanguage } from '../i18n/translate.ts';
import { wallStrings } from './wallStrings.ts';

/** The notice in one language: the configured text when it has one for that language, otherwise the built-in one. */
export function noticeText(notice: LocalizedText | null, lang: 'zh-CN' | 'en'): string {
  if (lang === 'en') return notice?.en?.trim() || wallStrings.builtInNotice.en;
  return notice?.zh.trim() || wallStrings.builtInNotice['zh-CN'];
}

export function PrivacyNotice({ notice, starting }: { notice: LocalizedText | null; starting: boolean }) {
  const lang = useLanguage();
  return (
    <aside className="wall-notice" data-testid="wall-privacy-notice" data-camera={starting ? 'starting' : 'on'} role="note">
      <span className="wall-notice__icon" aria-hidden="true">
        <CameraIcon />
        <span className={`wall-notice__dot${starting ? ' wall-notice__dot--starting' : ''}`} />
      </span>
      <span className="wall-notice__text">
        <span className="wall-notice__main">{noticeText(notice, lang)}</span>
        <span className="wall-notice__second">{noticeText(notice, otherLanguage(lang))}</span>
      </span>
    </aside>
  );
}

function CameraIcon() {
  return (
    <svg viewBox="0 0 24 24" width="1.6rem" height="1.6rem" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
      <path d="M3 8a2 2 0 0 1 2-2h2l1.5-2h7L17 6h2a2 2 0 0 1 2 2v9a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2z" />
      <circle cx="12" cy="12.5" r="3.5" />
    </svg>
  );
}
