// The top bar: the mall's name (in the current language, the other one beside it) and the language switch.
import type { LocalizedText } from '../../../contracts/catalog.ts';
import type { UiLanguage } from '../../../contracts/config.ts';
import { useLanguage } from '../i18n/LanguageContext.tsx';
import { localized, otherLanguage } from '../i18n/translate.ts';
import { MallMark } from '../ui/MallMark.tsx';
import { LanguageSwitch } from '../i18n/LanguageSwitch.tsx';

export function HomeHeader({ mallName, onLanguage }: { mallName: LocalizedText; onLanguage: (language: UiLanguage) => void }) {
  const lang = useLanguage();
  const name = localized(mallName, lang);
  const second = localized(mallName, otherLanguage(lang));
  return (
    <header className="home-header">
      <div className="home-header__brand">
        <MallMark className="home-header__mark" />
        <div className="home-header__names">
          <h1 className="home-header__name" data-testid="mall-name">{name}</h1>
          {second !== name && <span className="home-header__second">{second}</span>}
        </div>
      </div>
      <LanguageSwitch onLanguage={onLanguage} />
    </header>
  );
}
