// Every word the kiosk shows, in both UI languages, in one typed dictionary. A missing translation is a type
// error, not a blank on the screen. `{name}` marks a value filled in by `t()`.
import type { StoreCategory } from '../../../contracts/catalog.ts';
import type { UiLanguage } from '../../../contracts/config.ts';

export type Bilingual = Readonly<Record<UiLanguage, string>>;

export const strings = {
  touchToStart: { 'zh-CN': '轻触屏幕开始', en: 'Touch to start' },
  attractWelcome: { 'zh-CN': '欢迎光临', en: 'Welcome' },
  attractWelcomeSub: { 'zh-CN': '查找店铺、精选优惠，尽在这里', en: 'Find stores and the best offers here' },
  storeLocation: { 'zh-CN': '{floor} · {unit}', en: '{floor} · Unit {unit}' },
  endsOn: { 'zh-CN': '{date} 截止', en: 'Ends {date}' },
  membersOnly: { 'zh-CN': '会员专享', en: 'Members only' },
  mallWide: { 'zh-CN': '全场活动', en: 'Mall-wide' },

  languageSwitchLabel: { 'zh-CN': '切换语言', en: 'Language' },
  whatsOn: { 'zh-CN': '当季活动', en: "What's on" },
  findThisStore: { 'zh-CN': '查看店铺', en: 'Find store' },
  noPromotions: { 'zh-CN': '暂无进行中的活动', en: 'No promotions running right now' },

  memberScanTitle: { 'zh-CN': '扫描会员码', en: 'Scan your member code' },
  memberScanHint: { 'zh-CN': '积分、专属优惠券，一扫即得', en: 'Points and member coupons in one scan' },
  memberPanelStep: {
    'zh-CN': '打开商场小程序中的“会员码”，将二维码对准本机的扫码器或摄像头。',
    en: 'Open the member code in the mall mini-program and hold the QR code up to this screen’s scanner or camera.',
  },
  memberPanelNotYet: {
    'zh-CN': '本机暂不支持会员识别：这项功能将在后续版本中开放，现在扫码不会有任何反应。如需积分或优惠券服务，请咨询商场服务台。',
    en: 'This screen cannot identify members yet: the feature arrives in a later update, so scanning now does nothing. For points or coupons, please ask at the mall’s service desk.',
  },
  memberPanelComingSoon: { 'zh-CN': '即将推出', en: 'Coming soon' },
  close: { 'zh-CN': '关闭', en: 'Close' },

  directoryTitle: { 'zh-CN': '店铺导览', en: 'Store directory' },
  searchLabel: { 'zh-CN': '搜索店铺', en: 'Search stores' },
  searchPlaceholder: { 'zh-CN': '输入店铺名称，如“咖啡”', en: 'Store name, e.g. "coffee"' },
  clearSearch: { 'zh-CN': '清除搜索', en: 'Clear search' },
  categoriesLabel: { 'zh-CN': '按类别筛选', en: 'Filter by category' },
  allCategories: { 'zh-CN': '全部', en: 'All' },
  floorsLabel: { 'zh-CN': '楼层', en: 'Floor' },
  allFloors: { 'zh-CN': '全部楼层', en: 'All floors' },
  storeCountOne: { 'zh-CN': '共 {count} 家店铺', en: '{count} store' },
  storeCountMany: { 'zh-CN': '共 {count} 家店铺', en: '{count} stores' },
  searching: { 'zh-CN': '正在查找…', en: 'Searching…' },
  noStoresTitle: { 'zh-CN': '没有找到相符的店铺', en: 'No matching stores' },
  noStoresHint: { 'zh-CN': '换个关键词，或清除筛选条件再试试', en: 'Try another word, or clear the filters' },
  clearFilters: { 'zh-CN': '清除筛选', en: 'Clear filters' },
  searchFailed: { 'zh-CN': '暂时无法查询店铺，请稍后再试', en: 'Store search is not available right now; please try again shortly' },
  openingHours: { 'zh-CN': '营业 {hours}', en: 'Open {hours}' },
  floorBadge: { 'zh-CN': '楼层', en: 'Floor' },
} as const satisfies Record<string, Bilingual>;

export type StringKey = keyof typeof strings;

export const categoryNames: Readonly<Record<StoreCategory, Bilingual>> = {
  dining: { 'zh-CN': '餐饮', en: 'Dining' },
  cafe: { 'zh-CN': '咖啡甜品', en: 'Cafés' },
  fashion: { 'zh-CN': '服饰', en: 'Fashion' },
  beauty: { 'zh-CN': '美妆', en: 'Beauty' },
  jewelry: { 'zh-CN': '珠宝钟表', en: 'Jewellery' },
  sports: { 'zh-CN': '运动户外', en: 'Sports' },
  kids: { 'zh-CN': '亲子', en: 'Kids' },
  electronics: { 'zh-CN': '数码', en: 'Electronics' },
  home: { 'zh-CN': '家居', en: 'Home' },
  supermarket: { 'zh-CN': '超市', en: 'Supermarket' },
  cinema: { 'zh-CN': '影院', en: 'Cinema' },
  services: { 'zh-CN': '生活服务', en: 'Services' },
};

/** Screens shown before the kiosk knows its configured language: both languages at once. */
export const statusStrings = {
  notPairedTitle: { 'zh-CN': '此屏幕尚未与本机服务配对', en: 'This screen is not paired with the kiosk agent' },
  notPairedBody: {
    'zh-CN': '请打开运行 npm start 时输出的配对链接（以 #pair= 结尾）。每个链接只能使用一次。',
    en: 'Open the pairing link printed by npm start (it ends in #pair=…). Each link works once.',
  },
  unavailableTitle: { 'zh-CN': '服务暂不可用', en: 'Temporarily unavailable' },
  unavailableBody: { 'zh-CN': '本机服务暂时没有响应，屏幕将自动重新连接。', en: 'The kiosk service is not answering; this screen reconnects by itself.' },
  retryingIn: { 'zh-CN': '第 {attempt} 次重试，{seconds} 秒后开始', en: 'Retry {attempt} in {seconds} s' },
  retryingNow: { 'zh-CN': '正在重新连接…', en: 'Reconnecting…' },
  retryNow: { 'zh-CN': '立即重试', en: 'Retry now' },
  loading: { 'zh-CN': '正在启动…', en: 'Starting…' },
} as const satisfies Record<string, Bilingual>;
