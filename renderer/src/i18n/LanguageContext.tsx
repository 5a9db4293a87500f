// The shopper's current language for every component below the kiosk session.
import { createContext, useContext } from 'react';
import type { UiLanguage } from '../../../contracts/config.ts';
import type { StringKey } from './strings.ts';
import { t, type TemplateValues } from './translate.ts';

export const LanguageContext = createContext<UiLanguage>('zh-CN');

export function useLanguage(): UiLanguage {
  return useContext(LanguageContext);
}

/** `const tr = useTranslate(); tr('directoryTitle')` */
export function useTranslate(): (key: StringKey, values?: TemplateValues) => string {
  const lang = useLanguage();
  return (key, values) => t(lang, key, values);
}
