// Bilingual text on the wall: the main language large, the other one beneath it.
import type { Bilingual } from '../i18n/strings.ts';
import { useLanguage } from '../i18n/LanguageContext.tsx';
import { fillTemplate, otherLanguage, type TemplateValues } from '../i18n/translate.ts';
import { wallStrings, type WallStringKey } from './wallStrings.ts';

export function useWallWords(): (text: WallStringKey | Bilingual, values?: TemplateValues) => { main: string; second: string } {
  const lang = useLanguage();
  const second = otherLanguage(lang);
  return (text, values) => {
    const b = typeof text === 'string' ? wallStrings[text] : text;
    return { main: fillTemplate(b[lang], values), second: fillTemplate(b[second], values) };
  };
}

/** `<Words k="headline" className="x" />`: the main text, and the second language in a smaller line. */
export function Words({ k, values, className, as: Tag = 'p', testId }: {
  k: WallStringKey | Bilingual; values?: TemplateValues; className: string; as?: 'p' | 'h1' | 'h2' | 'span'; testId?: string;
}) {
  const words = useWallWords()(k, values);
  return (
    <Tag className={className} data-testid={testId}>
      <span className={`${className}-main`}>{words.main}</span>
      {words.second !== words.main && <span className={`${className}-second`}>{words.second}</span>}
    </Tag>
  );
}
