import { describe, expect, it } from 'vitest';
import { StoreCategory } from '../../../contracts/catalog.ts';
import { categoryNames, statusStrings, strings } from '../../../renderer/src/i18n/strings.ts';
import { categoryName, fillTemplate, localized, otherLanguage, storeCountText, t } from '../../../renderer/src/i18n/translate.ts';

describe('dictionary', () => {
  it('has non-empty text in both languages for every entry', () => {
    for (const [key, text] of Object.entries({ ...strings, ...statusStrings })) {
      expect(text['zh-CN'].trim(), `${key} zh-CN`).not.toBe('');
      expect(text.en.trim(), `${key} en`).not.toBe('');
    }
  });

  it('uses the same placeholders in both languages', () => {
    const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const [key, text] of Object.entries({ ...strings, ...statusStrings })) {
      expect(placeholders(text.en), key).toEqual(placeholders(text['zh-CN']));
    }
  });

  it('names every store category in both languages', () => {
    for (const category of StoreCategory.options) {
      expect(categoryNames[category]['zh-CN']).toBeTruthy();
      expect(categoryNames[category].en).toBeTruthy();
    }
    expect(categoryName('cafe', 'zh-CN')).toBe('咖啡甜品');
    expect(categoryName('cafe', 'en')).toBe('Cafés');
  });
});

describe('lookups', () => {
  it('fills placeholders and leaves unknown ones visible', () => {
    expect(fillTemplate('{a} and {b}', { a: 1 })).toBe('1 and {b}');
    expect(t('en', 'openingHours', { hours: '10:00-22:00' })).toBe('Open 10:00-22:00');
    expect(t('zh-CN', 'storeLocation', { floor: '5F', unit: '5F-01' })).toBe('5F · 5F-01');
  });

  it('does not treat inherited object keys as values', () => {
    expect(fillTemplate('{toString}', {})).toBe('{toString}');
  });

  it('counts stores with an English singular', () => {
    expect(storeCountText(1, 'en')).toBe('1 store');
    expect(storeCountText(2, 'en')).toBe('2 stores');
    expect(storeCountText(0, 'en')).toBe('0 stores');
    expect(storeCountText(36, 'zh-CN')).toBe('共 36 家店铺');
  });

  it('falls back to Chinese when catalog text has no (or blank) English', () => {
    expect(localized({ zh: '星河广场', en: 'Galaxy Plaza' }, 'en')).toBe('Galaxy Plaza');
    expect(localized({ zh: '星河广场' }, 'en')).toBe('星河广场');
    expect(localized({ zh: '星河广场', en: '  ' }, 'en')).toBe('星河广场');
    expect(localized({ zh: '星河广场', en: 'Galaxy Plaza' }, 'zh-CN')).toBe('星河广场');
  });

  it('knows the other language', () => {
    expect(otherLanguage('zh-CN')).toBe('en');
    expect(otherLanguage('en')).toBe('zh-CN');
  });
});

describe('member messages', () => {
  it('gives every identify refusal and claim refusal its own message in both languages', async () => {
    const { identifyRefusalText, claimRefusalText, tierNames } = await import('../../../renderer/src/i18n/strings.ts');
    const { IdentifyRefusal } = await import('../../../contracts/members.ts');
    const { ClaimRefusal } = await import('../../../contracts/api.ts');
    for (const table of [identifyRefusalText, claimRefusalText, tierNames] as const) {
      for (const lang of ['zh-CN', 'en'] as const) {
        const texts = Object.values(table).map((t) => t[lang].trim());
        expect(texts.every((t) => t !== ''), lang).toBe(true);
        expect(new Set(texts).size, lang).toBe(texts.length);
      }
    }
    expect(Object.keys(identifyRefusalText).sort()).toEqual([...IdentifyRefusal.options].sort());
    expect(Object.keys(claimRefusalText).sort()).toEqual([...ClaimRefusal.options].sort());
    expect(identifyRefusalText.expired['zh-CN']).toBe('会员码已过期，请在小程序中刷新后重试');
    expect(identifyRefusalText.offline['zh-CN']).toBe('暂时无法验证会员卡，请稍后再试或出示小程序会员码');
  });
});
