// The restaurant queue's words, in both UI languages: the directory row's status line and the ticket screen.
import type { UiLanguage } from '../../../contracts/config.ts';
import type { SizeClass } from '../../../contracts/queue.ts';
import { useLanguage } from '../i18n/LanguageContext.tsx';
import type { Bilingual } from '../i18n/strings.ts';
import { pick, type TemplateValues } from '../i18n/translate.ts';

export const queueStrings = {
  queue: { 'zh-CN': '排队', en: 'Queue' },
  takeTicket: { 'zh-CN': '取号', en: 'Get a ticket' },
  takeTicketAt: { 'zh-CN': '在{name}取号排队', en: 'Get a queue ticket at {name}' },
  waitingParties: { 'zh-CN': '等待 {n} 桌', en: '{n} waiting' },
  nowCalling: { 'zh-CN': '叫号 {number}', en: 'Calling {number}' },
  aboutMinutes: { 'zh-CN': '约 {n} 分钟', en: 'about {n} min' },
  noWait: { 'zh-CN': '无需等位', en: 'No wait' },
  closedNow: { 'zh-CN': '暂停取号', en: 'Not taking tickets now' },
  unavailable: { 'zh-CN': '此处暂时无法排队取号', en: 'Queue not available here right now' },
  back: { 'zh-CN': '返回', en: 'Back' },
  partySize: { 'zh-CN': '用餐人数', en: 'How many people?' },
  people: { 'zh-CN': '{n} 人', en: '{n}' },
  classSmall: { 'zh-CN': '小桌 1–2 人', en: 'Small, 1–2' },
  classMedium: { 'zh-CN': '中桌 3–4 人', en: 'Medium, 3–4' },
  classLarge: { 'zh-CN': '大桌 5–6 人', en: 'Large, 5–6' },
  classXl: { 'zh-CN': '特大桌 7 人以上', en: 'Extra large, 7+' },
  classLine: { 'zh-CN': '{table}（{tables} 张桌）：等待 {n} 桌，约 {minutes} 分钟', en: '{table} ({tables} tables): {n} waiting, about {minutes} min' },
  classShort: { 'zh-CN': '{table}等 {n} 桌 约 {minutes} 分', en: '{table} {n} waiting ~{minutes} min' },
  shortSmall: { 'zh-CN': '小桌', en: 'S' },
  shortMedium: { 'zh-CN': '中桌', en: 'M' },
  shortLarge: { 'zh-CN': '大桌', en: 'L' },
  shortXl: { 'zh-CN': '特大桌', en: 'XL' },
  contact: { 'zh-CN': '叫号时如何通知您？', en: 'How should we tell you when it is your turn?' },
  asMember: { 'zh-CN': '会员 {name} 取号（叫号时在会员小程序提醒）', en: 'As member {name} (we remind you in the mall app)' },
  memberSignIn: { 'zh-CN': '会员登录', en: 'Member sign-in' },
  phoneHint: { 'zh-CN': '或输入手机号，叫号时短信通知（仅用于本次通知，本机不保存）', en: 'Or type a mobile number for a text when called (used only for this, not kept on this screen)' },
  phoneInvalid: { 'zh-CN': '手机号为 1 开头的 11 位数字', en: 'A mobile number is 11 digits starting with 1' },
  clear: { 'zh-CN': '清除', en: 'Clear' },
  deleteDigit: { 'zh-CN': '删除', en: 'Delete' },
  getTicket: { 'zh-CN': '确认取号', en: 'Get my ticket' },
  withoutPhone: { 'zh-CN': '不留手机号，直接取号', en: 'Get a ticket without a number' },
  taking: { 'zh-CN': '正在取号…', en: 'Getting your ticket…' },
  yourNumber: { 'zh-CN': '您的排队号', en: 'Your number' },
  ahead: { 'zh-CN': '前面还有 {n} 桌', en: '{n} ahead of you' },
  waitRange: { 'zh-CN': '预计等候 {lo}–{hi} 分钟', en: 'Expected wait {lo}–{hi} min' },
  scanToFollow: { 'zh-CN': '扫码在手机上查看排队进度', en: 'Scan to follow the queue on your phone' },
  printed: { 'zh-CN': '小票已打印，请取走', en: 'Your ticket is printed; please take it' },
  printerUnavailable: { 'zh-CN': '已取号，打印机暂不可用，请记下号码或扫码', en: 'Ticket issued, printer unavailable: note your number or scan the code' },
  done: { 'zh-CN': '完成', en: 'Done' },
  tryAgain: { 'zh-CN': '重试', en: 'Try again' },
  notTaken: { 'zh-CN': '排队服务暂时无法连接，未取号。请稍后重试或到餐厅取号。', en: 'The queue service cannot be reached; no ticket was taken. Try again shortly or ask at the restaurant.' },
  refusedClosed: { 'zh-CN': '餐厅暂停取号，请到餐厅咨询', en: 'The restaurant is not taking tickets right now; please ask there' },
  refusedNoTables: { 'zh-CN': '餐厅没有适合此人数的餐桌，请到餐厅咨询', en: 'The restaurant has no table for a party this size; please ask there' },
  refusedOther: { 'zh-CN': '暂时无法为此餐厅取号，请到餐厅咨询', en: 'A ticket cannot be taken for this restaurant right now; please ask there' },
  failed: { 'zh-CN': '取号出错，请稍后重试', en: 'Something went wrong; please try again shortly' },
  printer: { 'zh-CN': '排队小票打印机', en: 'Queue ticket printer' },
  printerNone: { 'zh-CN': '未配置（设置 printer = 主机:端口）', en: 'None configured (setting printer = host:port)' },
  printerReady: { 'zh-CN': '正常', en: 'Ready' },
  printerUnknown: { 'zh-CN': '尚未检查', en: 'Not checked yet' },
  printerOff: { 'zh-CN': '不可用', en: 'Unavailable' },
  printerChecked: { 'zh-CN': '检查于 {time}', en: 'Checked at {time}' },
} as const satisfies Record<string, Bilingual>;

export type QueueStringKey = keyof typeof queueStrings;

export const CLASS_KEY: Record<SizeClass, QueueStringKey> = { small: 'classSmall', medium: 'classMedium', large: 'classLarge', xl: 'classXl' };
export const CLASS_SHORT_KEY: Record<SizeClass, QueueStringKey> = { small: 'shortSmall', medium: 'shortMedium', large: 'shortLarge', xl: 'shortXl' };

export function queueText(lang: UiLanguage, key: QueueStringKey, values?: TemplateValues): string {
  return pick(queueStrings[key], lang, values);
}

/** `const qt = useQueueText(); qt('takeTicket')` */
export function useQueueText(): (key: QueueStringKey, values?: TemplateValues) => string {
  const lang = useLanguage();
  return (key, values) => queueText(lang, key, values);
}

/** A mobile number as the screen shows it: the middle four digits hidden (139****5678), also while typed. */
export function maskPhone(digits: string): string {
  return [...digits].map((d, i) => (i >= 3 && i < 7 ? '*' : d)).join('');
}
