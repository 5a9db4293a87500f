// The console's own language switch (staff may read English while shoppers default to Chinese, or the other way).
import type { UiLanguage } from '../../../contracts/config.ts';

export function StaffLanguageSwitch({ lang, onLanguage }: { lang: UiLanguage; onLanguage: (l: UiLanguage) => void }) {
  return (
    <div className="staff-segments staff-segments--small" role="group" aria-label="Language / 语言">
      {(['zh-CN', 'en'] as const).map((l) => (
        <button key={l} type="button" className="staff-segments__item" aria-pressed={lang === l} data-testid={`staff-lang-${l}`} onClick={() => onLanguage(l)}>
          {l === 'zh-CN' ? '中文' : 'English'}
        </button>
      ))}
    </div>
  );
}
