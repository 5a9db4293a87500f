// Looking words up: dictionary strings with `{name}` values, catalog text with its Chinese fallback.
import type { LocalizedText, StoreCategory } from '../../../contracts/catalog.ts';
import type { UiLanguage } from '../../../contracts/config.ts';
import { categoryNames, strings, type Bilingual, type StringKey } from './strings.ts';

export type TemplateValues = Readonly<Record<string, string | number>>;

/** Fills `{name}` placeholders; an unknown placeholder stays visible rather than turning into "undefined". */
export function fillTemplate(template: string, values: TemplateValues = {}): string {
  return template.replace(/\{(\w+)\}/g, (match, name: string) => (Object.hasOwn(values, name) ? String(values[name]) : match));
}

export function pick(text: Bilingual, lang: UiLanguage, values?: TemplateValues): string {
  return fillTemplate(text[lang], values);
}

export function t(lang: UiLanguage, key: StringKey, values?: TemplateValues): string {
  return pick(strings[key], lang, values);
}

/** Catalog text from HQ: English when there is some, otherwise the (required) Chinese. */
export function localized(text: LocalizedText, lang: UiLanguage): string {
  if (lang === 'en') {
    const en = text.en?.trim();
    if (en) return en;
  }
  return text.zh;
}

export function categoryName(category: StoreCategory, lang: UiLanguage): string {
  return categoryNames[category][lang];
}

export function otherLanguage(lang: UiLanguage): UiLanguage {
  return lang === 'en' ? 'zh-CN' : 'en';
}

export function storeCountText(count: number, lang: UiLanguage): string {
  return t(lang, count === 1 ? 'storeCountOne' : 'storeCountMany', { count });
}
