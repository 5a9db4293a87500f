// 中文 | English, always on screen. Each option is written in its own language so anyone can find theirs.
import type { UiLanguage } from '../../../contracts/config.ts';
import { useLanguage } from './LanguageContext.tsx';
import { strings } from './strings.ts';
import { pick } from './translate.ts';
import './language-switch.css';

const options: { language: UiLanguage; label: string; testId: string }[] = [
  { language: 'zh-CN', label: '中文', testId: 'lang-zh' },
  { language: 'en', label: 'English', testId: 'lang-en' },
];

export function LanguageSwitch({ onLanguage }: { onLanguage: (language: UiLanguage) => void }) {
  const current = useLanguage();
  return (
    <div className="language-switch" role="group" aria-label={pick(strings.languageSwitchLabel, current)}>
      {options.map((o) => (
        <button
          key={o.language}
          type="button"
          lang={o.language}
          className={o.language === current ? 'language-switch__option language-switch__option--on' : 'language-switch__option'}
          aria-pressed={o.language === current}
          data-testid={o.testId}
          onClick={() => onLanguage(o.language)}
        >
          {o.label}
        </button>
      ))}
    </div>
  );
}
