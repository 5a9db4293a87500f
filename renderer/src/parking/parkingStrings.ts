// The parking screen's words, in both UI languages (plate problems come from common/plate.ts, shared with the agent).
import type { UiLanguage } from '../../../contracts/config.ts';
import { useLanguage } from '../i18n/LanguageContext.tsx';
import type { Bilingual } from '../i18n/strings.ts';
import { pick, type TemplateValues } from '../i18n/translate.ts';

export const parkingStrings = {
  title: { 'zh-CN': '找车 · 缴费', en: 'Find my car · Pay' },
  back: { 'zh-CN': '返回首页', en: 'Back to home' },
  enterPlate: { 'zh-CN': '请输入车牌号', en: 'Enter your plate' },
  pickProvince: { 'zh-CN': '选择省份简称', en: 'Choose the province' },
  newEnergy: { 'zh-CN': '新能源', en: 'New energy' },
  delete: { 'zh-CN': '删除', en: 'Delete' },
  clear: { 'zh-CN': '清空', en: 'Clear' },
  search: { 'zh-CN': '查询', en: 'Search' },
  searching: { 'zh-CN': '正在查询…', en: 'Searching…' },
  member: { 'zh-CN': '会员扫码享停车优惠', en: 'Members: scan for parking benefits' },
  memberOn: { 'zh-CN': '会员 {name} · 已计入会员优惠', en: 'Member {name} · benefits included' },
  plate: { 'zh-CN': '车牌', en: 'Plate' },
  confirmPlate: { 'zh-CN': '是您的车吗？确认后显示入场照片', en: 'Is this your car? Confirm to see the entry photo' },
  confirm: { 'zh-CN': '是我的车', en: 'Yes, my car' },
  photoAlt: { 'zh-CN': '入场照片', en: 'Entry photo' },
  noPhoto: { 'zh-CN': '暂无入场照片', en: 'No entry photo' },
  where: { 'zh-CN': '{level} · {zone} 区 · {space} 车位', en: '{level} · zone {zone} · space {space}' },
  entered: { 'zh-CN': '入场 {time}', en: 'Entered {time}' },
  parkedFor: { 'zh-CN': '已停 {duration}', en: 'Parked {duration}' },
  fee: { 'zh-CN': '停车费', en: 'Parking fee' },
  tariff: { 'zh-CN': '{grace} 分钟内免费，每小时 {hourly}，每日封顶 {cap}', en: 'Free for {grace} min, {hourly} an hour, at most {cap} a day' },
  tierFree: { 'zh-CN': '会员等级免费 {hours} 小时', en: 'Member tier: {hours} h free' },
  points: { 'zh-CN': '可用 {points} 积分抵扣（余额 {balance}）', en: 'Use {points} points (balance {balance})' },
  pointsNote: { 'zh-CN': '积分在手机支付时选择使用', en: 'Choose points when you pay on your phone' },
  payable: { 'zh-CN': '应付', en: 'To pay' },
  nothingToPay: { 'zh-CN': '无需缴费，可直接离场', en: 'Nothing to pay: you can drive out' },
  scanToPay: { 'zh-CN': '手机扫码缴费', en: 'Scan to pay on your phone' },
  takeMe: { 'zh-CN': '带我去', en: 'Take me to my car' },
  noMapPlace: { 'zh-CN': '地图上暂无此车位', en: 'This space is not on the map yet' },
  notFound: { 'zh-CN': '未找到车牌 {plate} 的停车记录，请核对车牌或到服务台咨询', en: 'No car with plate {plate} is parked here. Check the plate or ask the service desk' },
  unavailable: { 'zh-CN': '停车服务暂不可用，请到服务台咨询', en: 'Parking service unavailable, please ask the service desk' },
  searchAgain: { 'zh-CN': '查询其他车牌', en: 'Search another plate' },
  failed: { 'zh-CN': '查询失败，请重试', en: 'The search failed; please try again' },
  hoursMinutes: { 'zh-CN': '{h} 小时 {m} 分', en: '{h} h {m} min' },
  daysHoursMinutes: { 'zh-CN': '{d} 天 {h} 小时 {m} 分', en: '{d} d {h} h {m} min' },
} satisfies Record<string, Bilingual>;

export type ParkingStringKey = keyof typeof parkingStrings;

export function parkingText(lang: UiLanguage, key: ParkingStringKey, values?: TemplateValues): string {
  return pick(parkingStrings[key], lang, values);
}

export function useParkingText(): (key: ParkingStringKey, values?: TemplateValues) => string {
  const lang = useLanguage();
  return (key, values) => parkingText(lang, key, values);
}
