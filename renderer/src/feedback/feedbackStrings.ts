// The feedback screen's words, in both UI languages, and the pure check of a draft before it is sent (the agent
// checks again with the contract; these are the shopper's plain words for the same rules).
import type { UiLanguage } from '../../../contracts/config.ts';
import { FEEDBACK_TEXT_MAX, type FeedbackCategory } from '../../../contracts/feedback.ts';
import { useLanguage } from '../i18n/LanguageContext.tsx';
import type { Bilingual } from '../i18n/strings.ts';
import { pick, type TemplateValues } from '../i18n/translate.ts';

export const feedbackStrings = {
  title: { 'zh-CN': '意见反馈', en: 'Feedback' },
  back: { 'zh-CN': '返回', en: 'Back' },
  category: { 'zh-CN': '关于什么？', en: 'What is it about?' },
  environment: { 'zh-CN': '商场环境', en: 'Environment' },
  service: { 'zh-CN': '服务', en: 'Service' },
  store: { 'zh-CN': '某家店铺', en: 'A store' },
  parking: { 'zh-CN': '停车', en: 'Parking' },
  other: { 'zh-CN': '其他', en: 'Other' },
  pickStore: { 'zh-CN': '请选择店铺', en: 'Pick the store' },
  rating: { 'zh-CN': '您的评分', en: 'Your rating' },
  stars: { 'zh-CN': '{n} 星', en: '{n} of 5' },
  text: { 'zh-CN': '请写下您的意见', en: 'Tell us what happened' },
  textPlaceholder: { 'zh-CN': '点这里用下方键盘输入（拼音选字）', en: 'Tap here and type on the keyboard below' },
  counter: { 'zh-CN': '{n} / {max} 字', en: '{n} / {max}' },
  contact: { 'zh-CN': '希望我们如何回复您？（可选）', en: 'How should we get back to you? (optional)' },
  contactNone: { 'zh-CN': '不留联系方式', en: 'No contact' },
  contactMember: { 'zh-CN': '会员 {name}（在会员中心查看回复）', en: 'Member {name} (replies in your member home)' },
  contactPhone: { 'zh-CN': '手机号', en: 'Mobile number' },
  phoneNote: { 'zh-CN': '手机号加密后仅发送给商场客服，本机不保存', en: 'Your number is encrypted for the mall’s service desk only; this screen keeps nothing' },
  signIn: { 'zh-CN': '会员登录', en: 'Member sign-in' },
  submit: { 'zh-CN': '提交反馈', en: 'Send feedback' },
  sending: { 'zh-CN': '正在提交…', en: 'Sending…' },
  emptyText: { 'zh-CN': '请先写下您的意见', en: 'Please write your feedback first' },
  tooLong: { 'zh-CN': '最多 {max} 字，请删减 {over} 字', en: 'At most {max} characters: remove {over}' },
  atLimit: { 'zh-CN': '已达 {max} 字上限', en: 'That is the {max}-character limit' },
  noCategory: { 'zh-CN': '请选择反馈类别', en: 'Please choose what it is about' },
  noStore: { 'zh-CN': '请选择是哪家店铺', en: 'Please pick the store' },
  noRating: { 'zh-CN': '请打分（1–5 星）', en: 'Please give a rating (1–5)' },
  badPhone: { 'zh-CN': '手机号为 1 开头的 11 位数字', en: 'A mobile number is 11 digits starting with 1' },
  failed: { 'zh-CN': '提交未成功，请重试：{reason}', en: 'Not sent, please try again: {reason}' },
  ticketTitle: { 'zh-CN': '已收到您的反馈', en: 'Thank you, we have your feedback' },
  ticketNumber: { 'zh-CN': '反馈单号', en: 'Your ticket number' },
  promise: { 'zh-CN': '我们承诺：24 小时内回复，72 小时内解决。', en: 'Our promise: a reply within 24 hours, a solution within 72.' },
  dueTimes: { 'zh-CN': '回复不晚于 {reply}，解决不晚于 {resolve}', en: 'Reply by {reply}, solution by {resolve}' },
  followQr: { 'zh-CN': '扫码在手机上跟进处理进度', en: 'Scan to follow it on your phone' },
  followDesk: { 'zh-CN': '凭单号可在服务台查询', en: 'Ask at the service desk with this number' },
  replyToMember: { 'zh-CN': '回复将显示在您的会员中心', en: 'Replies will show in your member home' },
  replyToPhone: { 'zh-CN': '客服将致电或短信联系您', en: 'The service desk will call or text you' },
  done: { 'zh-CN': '完成', en: 'Done' },
  giveFeedback: { 'zh-CN': '意见反馈', en: 'Feedback' },
  giveFeedbackHint: { 'zh-CN': '24 小时内回复', en: 'Reply within 24 h' },
} as const satisfies Record<string, Bilingual>;

export type FeedbackStringKey = keyof typeof feedbackStrings;

export const CATEGORY_KEY: Record<FeedbackCategory, FeedbackStringKey> = {
  environment: 'environment', service: 'service', store: 'store', parking: 'parking', other: 'other',
};

export function feedbackText(lang: UiLanguage, key: FeedbackStringKey, values?: TemplateValues): string {
  return pick(feedbackStrings[key], lang, values);
}

export function useFeedbackText(): (key: FeedbackStringKey, values?: TemplateValues) => string {
  const lang = useLanguage();
  return (key, values) => feedbackText(lang, key, values);
}

export type FeedbackDraft = {
  category: FeedbackCategory | null;
  storeId: string | null;
  rating: number;
  text: string;
  contact: 'none' | 'member' | 'phone';
  phone: string;
};

export type DraftProblem = { field: 'category' | 'storeId' | 'rating' | 'text' | 'phone'; key: FeedbackStringKey; values?: TemplateValues };

/** Characters as the shopper counts them: an emoji is one. */
export const charCount = (s: string) => Array.from(s).length;

/** What stops a draft from being sent, in the order the screen shows its parts. */
export function draftProblems(d: FeedbackDraft): DraftProblem[] {
  const problems: DraftProblem[] = [];
  if (!d.category) problems.push({ field: 'category', key: 'noCategory' });
  if (d.category === 'store' && !d.storeId) problems.push({ field: 'storeId', key: 'noStore' });
  if (d.rating < 1 || d.rating > 5) problems.push({ field: 'rating', key: 'noRating' });
  const n = charCount(d.text.trim());
  if (n === 0) problems.push({ field: 'text', key: 'emptyText' });
  else if (n > FEEDBACK_TEXT_MAX) problems.push({ field: 'text', key: 'tooLong', values: { max: FEEDBACK_TEXT_MAX, over: n - FEEDBACK_TEXT_MAX } });
  if (d.contact === 'phone' && !/^1[3-9]\d{9}$/.test(d.phone)) problems.push({ field: 'phone', key: 'badPhone' });
  return problems;
}

/** 139****5678 as it is typed. */
export function maskPhone(digits: string): string {
  return [...digits].map((d, i) => (i >= 3 && i < 7 ? '*' : d)).join('');
}
