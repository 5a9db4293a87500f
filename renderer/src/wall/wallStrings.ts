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
  memberHint: { 'zh-CN': '会员？把小程序会员码对准摄像头（或扫码器），直接领到卡包', en: 'A member? Show your member code to the camera (or the scanner) to claim it into your wallet' },
  checkingMember: { 'zh-CN': '正在验证会员码…', en: 'Checking your member code…' },
  claimToWallet: { 'zh-CN': '领取到我的卡包', en: 'Claim to my wallet' },
  claiming: { 'zh-CN': '正在领取…', en: 'Claiming…' },
  claimedTitle: { 'zh-CN': '已存入你的卡包', en: 'In your wallet now' },
  showAtTill: { 'zh-CN': '结账时出示此码，也可在小程序卡包中找到', en: 'Show this code at the till, or find it in the mini-program wallet' },
  memberGone: { 'zh-CN': '会员登录已过期，请再扫一次会员码', en: 'Your member sign-in has expired: please scan your member code again' },
  claimFailed: { 'zh-CN': '暂时无法领取，请稍后再试或用小程序扫码领取', en: 'This cannot be claimed right now: try again, or scan the QR with the mini-program' },
  qrUnavailable: { 'zh-CN': '二维码暂时无法显示', en: 'The QR code cannot be shown right now' },
  whatsOn: { 'zh-CN': '当季活动', en: "What's on" },
  builtInNotice: {
    'zh-CN': '摄像头已开启：画面只在本机处理，不保存、不上传，也不识别你是谁；只统计各种表情出现的次数。',
    en: 'Camera on: the picture stays on this screen. Nothing is stored or sent and no one is identified; only counts of expressions are kept.',
  },
} as const satisfies Record<string, Bilingual>;

export type WallStringKey = keyof typeof wallStrings;
