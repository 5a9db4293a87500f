// The survey screen's and survey entries' words, in both UI languages (the questions themselves come from HQ's
// SurveyJS JSON in zh-cn and en; SurveyJS's own buttons are localised by survey-core's i18n).
import type { UiLanguage } from '../../../contracts/config.ts';
import { useLanguage } from '../i18n/LanguageContext.tsx';
import type { Bilingual } from '../i18n/strings.ts';
import { pick, type TemplateValues } from '../i18n/translate.ts';

export const surveyStrings = {
  entryTitle: { 'zh-CN': '问卷调查', en: 'Survey' },
  entryHint: { 'zh-CN': '{title} · 约 {n} 题', en: '{title} · {n} questions' },
  entryReward: { 'zh-CN': '会员完成可得 {points} 积分', en: 'Members earn {points} points' },
  back: { 'zh-CN': '返回', en: 'Back' },
  loading: { 'zh-CN': '正在加载问卷…', en: 'Loading the survey…' },
  rewardNote: { 'zh-CN': '完成后可得 {points} 积分（总部确认后到账）', en: 'Finish to earn {points} points (credited once HQ confirms)' },
  anonymousNote: { 'zh-CN': '未登录会员也可参与；登录会员完成可得积分', en: 'Anyone may answer; signed-in members earn points' },
  sending: { 'zh-CN': '正在提交…', en: 'Sending…' },
  thanks: { 'zh-CN': '感谢您的参与！', en: 'Thank you for your answers!' },
  pendingReward: { 'zh-CN': '{points} 积分将在总部确认后到账', en: 'Your {points} points will be credited once HQ confirms' },
  offlineSaved: { 'zh-CN': '网络暂不可用：答卷已保存在本机，联网后自动提交，确认后积分到账', en: 'Offline: your answers are saved on this kiosk and will be sent when the network is back; the points come once HQ confirms' },
  confirmed: { 'zh-CN': '已到账 {points} 积分，当前积分 {balance}', en: '{points} points credited; your balance is {balance}' },
  confirmedNoBalance: { 'zh-CN': '已到账 {points} 积分', en: '{points} points credited' },
  rejected: { 'zh-CN': '积分未能发放：{why}', en: 'No points this time: {why}' },
  whyDuplicate: { 'zh-CN': '您已参与过此问卷', en: 'you already answered this survey' },
  whyOther: { 'zh-CN': '请到服务台咨询', en: 'please ask the service desk' },
  anonymousThanks: { 'zh-CN': '登录会员参与可获得积分', en: 'Sign in as a member next time to earn points' },
  done: { 'zh-CN': '完成', en: 'Done' },
  refusedAlready: { 'zh-CN': '您已参与过此问卷，感谢支持', en: 'You have already answered this survey. Thank you!' },
  refusedClosed: { 'zh-CN': '此问卷已结束', en: 'This survey has closed' },
  refusedNotForYou: { 'zh-CN': '此问卷不适用于您的会员等级', en: 'This survey is not for your membership' },
  refusedAnonymous: { 'zh-CN': '此问卷仅限会员参与，请先扫码登录', en: 'This survey is for members: please scan your member code first' },
  refusedChanged: { 'zh-CN': '问卷刚刚更新，请重新作答', en: 'The survey was just updated; please answer it again' },
  refusedInvalid: { 'zh-CN': '答卷有误，请检查后重试', en: 'Something in the answers is not right; please check and try again' },
  unknown: { 'zh-CN': '此问卷暂不可用', en: 'This survey is not available' },
  failed: { 'zh-CN': '提交失败，请重试', en: 'Sending failed; please try again' },
  retry: { 'zh-CN': '重试', en: 'Try again' },
} satisfies Record<string, Bilingual>;

export type SurveyStringKey = keyof typeof surveyStrings;

export function surveyText(lang: UiLanguage, key: SurveyStringKey, values?: TemplateValues): string {
  return pick(surveyStrings[key], lang, values);
}

export function useSurveyText(): (key: SurveyStringKey, values?: TemplateValues) => string {
  const lang = useLanguage();
  return (key, values) => surveyText(lang, key, values);
}
