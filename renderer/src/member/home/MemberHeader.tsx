// The member home's top bar: the mall, "member centre", the language switch and a sign-out button that is
// always in reach.
import type { LocalizedText } from '../../../../contracts/catalog.ts';
import type { UiLanguage } from '../../../../contracts/config.ts';
import { LanguageSwitch } from '../../i18n/LanguageSwitch.tsx';
import { useLanguage, useTranslate } from '../../i18n/LanguageContext.tsx';
import { localized } from '../../i18n/translate.ts';
import { SignOutIcon } from '../../ui/icons.tsx';
import { MallMark } from '../../ui/MallMark.tsx';

type Props = { mallName: LocalizedText; onLanguage: (language: UiLanguage) => void; onSignOut: () => void };

export function MemberHeader({ mallName, onLanguage, onSignOut }: Props) {
  const tr = useTranslate();
  const lang = useLanguage();
  return (
    <header className="home-header member-header">
      <div className="home-header__brand">
        <MallMark className="home-header__mark" />
        <div className="home-header__names">
          <span className="member-header__mall">{localized(mallName, lang)}</span>
          <h1 className="member-header__title">{tr('memberCentre')}</h1>
        </div>
      </div>
      <div className="member-header__actions">
        <LanguageSwitch onLanguage={onLanguage} />
        <button type="button" className="sign-out" onClick={onSignOut} data-testid="member-sign-out">
          <SignOutIcon /> {tr('signOut')}
        </button>
      </div>
    </header>
  );
}
