// The wall's words, in both UI languages. The wall shows its main language large and the other one beneath it
// (people read it from a few metres away, and there is no language button to find).
import type { Bilingual } from '../i18n/strings.ts';

export const wallStrings = {
  headline: { 'zh-CN': '对着屏幕笑一笑', en: 'Smile at the screen' },
  subline: { 'zh-CN': '做个表情，解锁一张专属优惠券', en: 'Pull a face and unlock a coupon that fits your mood' },
  tapToPlay: { 'zh-CN': '轻触开始', en: 'Tap to play' },
  tapStartsCamera: { 'zh-CN': '轻触后摄像头才会开启', en: 'The camera turns on only after you tap' },
  stepUp: { 'zh-CN': '走近一点，让我看看你', en: 'Step closer so I can see you' },
  reading: { 'zh-CN': '正在读你的表情…', en: 'Reading your expression…' },
  picking: { 'zh-CN': '保持住这个表情，马上送券！', en: 'Hold that face: a coupon is on its way' },
  confidence: { 'zh-CN': '把握 {percent}%', en: '{percent}% sure' },
  offerFor: { 'zh-CN': '送你一张券', en: 'A coupon for you' },
  scanToClaim: { 'zh-CN': '打开商场小程序扫一扫，领取到卡包', en: 'Scan with the mall mini-program to claim it' },
  minSpend: { 'zh-CN': '满{amount}可用', en: 'On spends of {amount} or more' },
  noMinSpend: { 'zh-CN': '无门槛', en: 'No minimum spend' },
  holdoutThanks: { 'zh-CN': '谢谢你陪我玩！', en: 'Thanks for playing!' },
  holdoutSub: { 'zh-CN': '这一轮没有优惠券，欢迎逛逛商场的精彩活动', en: 'No coupon this round: enjoy what is on around the mall' },
  qrUnavailable: { 'zh-CN': '二维码暂时无法显示', en: 'The QR code cannot be shown right now' },
  whatsOn: { 'zh-CN': '当季活动', en: "What's on" },
  builtInNotice: {
    'zh-CN': '摄像头已开启：画面只在本机处理，不保存、不上传，也不识别你是谁；只统计各种表情出现的次数。',
    en: 'Camera on: the picture stays on this screen. Nothing is stored or sent and no one is identified; only counts of expressions are kept.',
  },
} as const satisfies Record<string, Bilingual>;

export type WallStringKey = keyof typeof wallStrings;
