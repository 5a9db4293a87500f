// The map screen's words, in both UI languages (the words other screens use to open it are in i18n/strings.ts).
import type { UiLanguage } from '../../../contracts/config.ts';
import { useLanguage } from '../i18n/LanguageContext.tsx';
import type { Bilingual } from '../i18n/strings.ts';
import { pick, type TemplateValues } from '../i18n/translate.ts';

export const mapStrings = {
  title: { 'zh-CN': '地图导航', en: 'Map' },
  back: { 'zh-CN': '返回首页', en: 'Back to home' },
  levels: { 'zh-CN': '楼层', en: 'Levels' },
  routeOnLevel: { 'zh-CN': '路线经过此楼层', en: 'The route passes this level' },
  youAreHere: { 'zh-CN': '您在这里', en: 'You are here' },
  zoomIn: { 'zh-CN': '放大', en: 'Zoom in' },
  zoomOut: { 'zh-CN': '缩小', en: 'Zoom out' },
  recentre: { 'zh-CN': '回到当前位置', en: 'Re-centre' },
  nearest: { 'zh-CN': '就近找', en: 'Nearest' },
  restroom: { 'zh-CN': '洗手间', en: 'Restroom' },
  nursing: { 'zh-CN': '母婴室', en: 'Nursing room' },
  atm: { 'zh-CN': 'ATM', en: 'ATM' },
  service: { 'zh-CN': '服务台', en: 'Service desk' },
  loadingMap: { 'zh-CN': '正在加载地图…', en: 'Loading the map…' },
  noMap: { 'zh-CN': '商场地图暂不可用，请咨询服务台', en: 'The mall map is not available right now; please ask at the service desk' },
  mapFailed: { 'zh-CN': '地图暂时无法加载，请稍后再试', en: 'The map could not be loaded; please try again shortly' },
  routeTo: { 'zh-CN': '前往 {name}', en: 'To {name}' },
  routeTotal: { 'zh-CN': '全程约 {metres} 米 · 步行约 {minutes} 分钟', en: 'About {metres} m · about {minutes} min' },
  planning: { 'zh-CN': '正在规划路线…', en: 'Finding the way…' },
  pickPlace: { 'zh-CN': '在首页选择店铺并点“带我去”，或点上方按钮找最近的设施', en: 'Choose a store on the home screen and tap "Take me there", or tap a button above for the nearest facility' },
  stepFree: { 'zh-CN': '无障碍路线（仅电梯）', en: 'Step-free (lifts only)' },
  next: { 'zh-CN': '下一段', en: 'Next' },
  legOf: { 'zh-CN': '第 {n}/{count} 段 · {level}', en: 'Part {n} of {count} · {level}' },
  noStepFree: {
    'zh-CN': '没有可直达这里的无台阶路线（需要乘扶梯或走楼梯）。请关闭“无障碍路线”，或到服务台求助。',
    en: 'There is no step-free way there (it needs an escalator or stairs). Turn off "Step-free", or ask at the service desk.',
  },
  unknownPlace: { 'zh-CN': '地图上暂时找不到这个地点，请咨询服务台', en: 'That place is not on the map yet; please ask at the service desk' },
  noRoute: { 'zh-CN': '暂时无法规划到这里的路线，请咨询服务台', en: 'No way there can be found right now; please ask at the service desk' },
  routeFailed: { 'zh-CN': '路线暂时无法规划，请稍后再试', en: 'The route could not be worked out; please try again shortly' },
  scanForPhone: { 'zh-CN': '扫码在手机上查看路线', en: 'Scan to see the route on your phone' },
} as const satisfies Record<string, Bilingual>;

export type MapStringKey = keyof typeof mapStrings;

export function mapText(lang: UiLanguage, key: MapStringKey, values?: TemplateValues): string {
  return pick(mapStrings[key], lang, values);
}

/** `const mt = useMapText(); mt('title')` */
export function useMapText(): (key: MapStringKey, values?: TemplateValues) => string {
  const lang = useLanguage();
  return (key, values) => mapText(lang, key, values);
}
