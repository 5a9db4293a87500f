// The member-day lottery's words, in both UI languages (the guide screen, its entries and the wall's panel).
import type { UiLanguage } from '../../../contracts/config.ts';
import type { LotteryDrawResult } from '../../../contracts/lottery.ts';
import { useLanguage } from '../i18n/LanguageContext.tsx';
import type { Bilingual } from '../i18n/strings.ts';
import { pick, type TemplateValues } from '../i18n/translate.ts';

export const lotteryStrings = {
  entry: { 'zh-CN': '会员日抽奖', en: 'Member day draw' },
  entryHint: { 'zh-CN': '奖品与中奖概率事先公布', en: 'Prizes and odds published in advance' },
  entryShort: { 'zh-CN': '会员日抽奖', en: 'Lucky draw' },
  back: { 'zh-CN': '返回', en: 'Back' },
  window: { 'zh-CN': '活动时间 {from} 至 {to}', en: 'Runs {from} to {to}' },
  perMember: { 'zh-CN': '每位会员可抽 {n} 次', en: '{n} draws per member' },
  prizes: { 'zh-CN': '奖品、价值与中奖概率', en: 'Prizes, value and odds' },
  prize: { 'zh-CN': '奖品', en: 'Prize' },
  value: { 'zh-CN': '价值', en: 'Value' },
  odds: { 'zh-CN': '概率', en: 'Odds' },
  stock: { 'zh-CN': '数量', en: 'Stock' },
  fallbackNote: {
    'zh-CN': '某奖品发完后，抽中它的结果按事先公布的规则计为“{fallback}”，其他奖品概率不变。',
    en: 'Once a prize has run out, drawing it gives "{fallback}", as published; the other odds do not change.',
  },
  fairness: { 'zh-CN': '公平承诺：抽奖由总部完成，种子的 SHA-256 已提前公布，活动结束后公开种子供任何人核验', en: 'Fair play: HQ draws; the seed\'s SHA-256 was published in advance and the seed is revealed at the close so anyone can check' },
  play: { 'zh-CN': '立即抽奖', en: 'Draw now' },
  drawing: { 'zh-CN': '抽奖中…', en: 'Drawing…' },
  scanToPlay: { 'zh-CN': '扫会员码参与抽奖', en: 'Scan your member code to play' },
  playingAs: { 'zh-CN': '会员 {name}', en: 'Member {name}' },
  drawsLeft: { 'zh-CN': '剩余 {n} 次', en: '{n} draws left' },
  won: { 'zh-CN': '恭喜您抽中', en: 'You won' },
  wonValue: { 'zh-CN': '价值 {value}', en: 'Worth {value}' },
  inWallet: { 'zh-CN': '优惠券已放入您的卡包', en: 'The coupon is in your wallet' },
  notInWallet: { 'zh-CN': '奖品已记录，优惠券暂未放入卡包，请到服务台领取', en: 'Prize recorded; the coupon could not go into your wallet, please ask the service desk' },
  thanks: { 'zh-CN': '谢谢参与，祝您购物愉快', en: 'Thanks for playing, enjoy your visit' },
  again: { 'zh-CN': '再抽一次', en: 'Draw again' },
  noLottery: { 'zh-CN': '当前没有进行中的抽奖活动', en: 'No draw is running right now' },
  upcoming: { 'zh-CN': '活动尚未开始', en: 'The draw has not started yet' },
  closedSeed: { 'zh-CN': '活动已结束，种子已公开：{seed}', en: 'The draw has closed; its seed is public: {seed}' },
  offline: { 'zh-CN': '抽奖暂不可用，请稍后再试（本次未抽奖）', en: 'The draw is not available right now; please try later (nothing was drawn)' },
  invalid: { 'zh-CN': '抽奖结果核对未通过，本次不计，请到服务台咨询', en: 'The result did not match the published prizes; it does not count, please ask the service desk' },
  refusedLimit: { 'zh-CN': '您的抽奖次数已用完', en: 'You have used all your draws' },
  refusedClosed: { 'zh-CN': '活动已结束', en: 'The draw has closed' },
  refusedNotOpen: { 'zh-CN': '活动尚未开始', en: 'The draw has not started yet' },
  refusedOther: { 'zh-CN': '本次抽奖未能进行，请到服务台咨询', en: 'The draw could not be made; please ask the service desk' },
  failed: { 'zh-CN': '抽奖失败，请重试（本次未抽奖）', en: 'The draw failed; please try again (nothing was drawn)' },
  wallTitle: { 'zh-CN': '会员专享：抽一次奖', en: 'Members: one lucky draw' },
} satisfies Record<string, Bilingual>;

export type LotteryStringKey = keyof typeof lotteryStrings;

export function useLotteryText(): (key: LotteryStringKey, values?: TemplateValues) => string {
  const lang = useLanguage();
  return (key, values) => lotteryText(lang, key, values);
}

export function lotteryText(lang: UiLanguage, key: LotteryStringKey, values?: TemplateValues): string {
  return pick(lotteryStrings[key], lang, values);
}

/** What to tell the shopper when no prize is shown: every refusal and unavailability in plain words. */
export function noDrawMessage(r: Exclude<LotteryDrawResult, { status: 'drawn' }>): LotteryStringKey {
  if (r.status === 'unavailable') return r.reason === 'invalid_answer' ? 'invalid' : r.reason === 'no_lottery' ? 'noLottery' : 'offline';
  return r.reason === 'limit_reached' ? 'refusedLimit' : r.reason === 'closed' ? 'refusedClosed' : r.reason === 'not_open' ? 'refusedNotOpen' : 'refusedOther';
}
