// Every word the kiosk shows, in both UI languages, in one typed dictionary. A missing translation is a type
// error, not a blank on the screen. `{name}` marks a value filled in by `t()`.
import type { ClaimRefusal } from '../../../contracts/api.ts';
import type { MemberTier, StoreCategory } from '../../../contracts/catalog.ts';
import type { UiLanguage } from '../../../contracts/config.ts';
import type { IdentifyRefusal } from '../../../contracts/members.ts';

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
    'zh-CN': '打开商场小程序中的“会员码”，对准下方摄像头；也可以在扫码器上扫码，或刷会员卡。',
    en: 'Open the member code in the mall mini-program and hold it up to the camera below, or use the scanner, or tap your membership card.',
  },
  cameraStarting: { 'zh-CN': '正在打开摄像头…', en: 'Starting the camera…' },
  cameraLooking: { 'zh-CN': '请将会员码对准摄像头', en: 'Hold your member code up to the camera' },
  cameraUnavailable: {
    'zh-CN': '摄像头暂不可用，请使用扫码器扫码或刷会员卡。',
    en: 'The camera is not available right now; please use the scanner or tap your card.',
  },
  checkingCode: { 'zh-CN': '正在验证会员身份…', en: 'Checking your membership…' },
  scanFailed: { 'zh-CN': '暂时无法验证，请稍后再试。', en: 'We could not check that just now; please try again.' },
  close: { 'zh-CN': '关闭', en: 'Close' },
  memberSignedOut: { 'zh-CN': '您已退出会员登录，欢迎再来', en: 'You are signed out. See you again soon' },
  memberSessionGone: { 'zh-CN': '会员登录已结束，如需继续请重新扫码', en: 'Your member session has ended; scan again to continue' },

  memberCentre: { 'zh-CN': '会员中心', en: 'Member centre' },
  signOut: { 'zh-CN': '退出登录', en: 'Sign out' },
  memberGreeting: { 'zh-CN': '{name}，您好', en: 'Hello, {name}' },
  pointsLabel: { 'zh-CN': '可用积分', en: 'Points' },
  pointsPending: { 'zh-CN': '另有 {points} 积分兑换中，待总部确认', en: '{points} more points held for exchanges awaiting HQ' },
  pointsExpiring: { 'zh-CN': '{points} 积分将于 {date} 到期，请尽快使用', en: '{points} points expire on {date}: use them soon' },
  birthdayGreeting: { 'zh-CN': '生日快乐！本月是您的生日月，专属礼遇请查收', en: 'Happy birthday! It is your birthday month, and a treat is waiting for you' },
  freshnessLocal: {
    'zh-CN': '暂时连不上总部，以下为本机保存的会员信息，积分可能稍有延迟',
    en: 'HQ cannot be reached right now: this is the screen\'s saved copy, and points may be behind',
  },
  forYou: { 'zh-CN': '为您推荐', en: 'For you' },
  noOffers: { 'zh-CN': '暂时没有为您推荐的优惠，欢迎稍后再来看看', en: 'No offers for you right now; check back later' },
  whyThisOffer: { 'zh-CN': '推荐理由', en: 'Why this offer' },
  claim: { 'zh-CN': '立即领取', en: 'Claim' },
  claiming: { 'zh-CN': '正在领取…', en: 'Claiming…' },
  exchangeFor: { 'zh-CN': '{points} 积分兑换', en: 'Use {points} points' },
  pointsCost: { 'zh-CN': '{points} 积分', en: '{points} points' },
  stockLeft: { 'zh-CN': '剩余 {count} 张', en: '{count} left' },
  validUntil: { 'zh-CN': '有效期至 {date}', en: 'Valid until {date}' },
  confirmExchangeTitle: { 'zh-CN': '确认兑换', en: 'Confirm exchange' },
  confirmExchangeBody: {
    'zh-CN': '将用 {points} 积分兑换“{title}”。兑换需总部确认，确认前这些积分会暂时冻结。',
    en: 'Use {points} points for "{title}"? HQ confirms every exchange; until then the points are held.',
  },
  confirmExchange: { 'zh-CN': '确认兑换', en: 'Exchange' },
  cancel: { 'zh-CN': '取消', en: 'Cancel' },
  retry: { 'zh-CN': '重试', en: 'Try again' },
  claimNotSent: {
    'zh-CN': '网络不稳定，领取没有完成。请点“重试”，不会重复领取。',
    en: 'That did not go through. Tap "Try again": you will not get it twice.',
  },
  wallet: { 'zh-CN': '我的券包', en: 'My coupons' },
  walletEmpty: { 'zh-CN': '券包还是空的，领一张试试吧', en: 'No coupons yet' },
  statusPending: { 'zh-CN': '待确认', en: 'Pending' },
  statusConfirmed: { 'zh-CN': '可使用', en: 'Ready to use' },
  statusRejected: { 'zh-CN': '未通过', en: 'Not approved' },
  pendingExplain: { 'zh-CN': '等待总部确认…', en: 'Waiting for HQ to confirm…' },
  rejectedExplain: { 'zh-CN': '总部未通过：{detail}', en: 'HQ declined: {detail}' },
  rejectedNoDetail: { 'zh-CN': '总部未通过这次领取，积分已退回', en: 'HQ declined this claim; any points were returned' },
  viaExchange: { 'zh-CN': '积分兑换', en: 'Exchange' },
  showCode: { 'zh-CN': '出示券码', en: 'Show code' },
  claimedTitle: { 'zh-CN': '领取成功', en: 'Claimed' },
  exchangeSubmittedTitle: { 'zh-CN': '兑换已提交', en: 'Exchange submitted' },
  redemptionHint: { 'zh-CN': '结账时向店员出示此码', en: 'Show this code at the till' },
  redemptionPending: {
    'zh-CN': '总部确认后，券码会出现在这里和“我的券包”中。',
    en: 'Once HQ confirms, the code appears here and in "My coupons".',
  },
  qrUnavailable: { 'zh-CN': '券码暂时无法显示，请在小程序中查看', en: 'The code cannot be shown right now; find it in the mini-program' },
  done: { 'zh-CN': '完成', en: 'Done' },

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
  takeMeThere: { 'zh-CN': '带我去', en: 'Take me there' },
  takeMeThereTo: { 'zh-CN': '带我去{name}', en: 'Take me to {name}' },
  openMap: { 'zh-CN': '地图导航', en: 'Map' },
  openMapHint: { 'zh-CN': '楼层地图、洗手间、母婴室', en: 'Floor maps, restrooms, nursing rooms' },
  openParking: { 'zh-CN': '找车·缴费', en: 'Find my car' },
  openParkingHint: { 'zh-CN': '输入车牌，查车位和停车费', en: 'Your space and parking fee' },
  openFeedback: { 'zh-CN': '意见反馈', en: 'Feedback' },
  openFeedbackHint: { 'zh-CN': '24 小时内回复，72 小时内解决', en: 'Reply in 24 h, solved in 72 h' },
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

export const tierNames: Readonly<Record<MemberTier, Bilingual>> = {
  regular: { 'zh-CN': '普通会员', en: 'Member' },
  silver: { 'zh-CN': '银卡会员', en: 'Silver' },
  gold: { 'zh-CN': '金卡会员', en: 'Gold' },
  diamond: { 'zh-CN': '钻石会员', en: 'Diamond' },
};

/** Why a scan identified nobody: one plain message each, telling the shopper what to do next. */
export const identifyRefusalText: Readonly<Record<IdentifyRefusal, Bilingual>> = {
  malformed: {
    'zh-CN': '这不是会员码。请打开商场小程序中的“会员码”再试一次。',
    en: 'That is not a member code. Open the member code in the mall mini-program and try again.',
  },
  bad_signature: {
    'zh-CN': '这个会员码没有通过验证，可能被改动过。请在小程序中重新打开会员码。',
    en: 'This member code did not pass verification; it may have been altered. Please reopen it in the mini-program.',
  },
  unknown_key: {
    'zh-CN': '本机暂时无法验证这个会员码。请在小程序中刷新会员码后重试，或到服务台咨询。',
    en: 'This screen cannot verify this member code yet. Refresh it in the mini-program and try again, or ask at the service desk.',
  },
  expired: {
    'zh-CN': '会员码已过期，请在小程序中刷新后重试',
    en: 'This member code has expired. Refresh it in the mini-program and try again.',
  },
  not_yet_valid: {
    'zh-CN': '会员码的时间不对，请在小程序中刷新后重试',
    en: 'This member code\'s time is not right. Refresh it in the mini-program and try again.',
  },
  replayed: {
    'zh-CN': '这个会员码已经用过了，请在小程序中刷新，出示新的会员码。',
    en: 'This member code has already been used. Refresh it in the mini-program to show a new one.',
  },
  unknown_card: {
    'zh-CN': '没有找到这张会员卡。请确认是本商场的会员卡，或出示小程序会员码。',
    en: 'We could not find this membership card. Check it is this mall\'s card, or show your mini-program member code.',
  },
  unknown_member: {
    'zh-CN': '没有找到这个会员账户，请到服务台咨询。',
    en: 'We could not find this member account. Please ask at the service desk.',
  },
  offline: {
    'zh-CN': '暂时无法验证会员卡，请稍后再试或出示小程序会员码',
    en: 'We can\'t verify membership cards right now. Please try again later, or show your mini-program member code.',
  },
};

/** Why a claim or exchange was refused on the kiosk (nothing was taken). */
export const claimRefusalText: Readonly<Record<ClaimRefusal, Bilingual>> = {
  out_of_stock: { 'zh-CN': '这张券已经领完了', en: 'This coupon has run out' },
  limit_reached: { 'zh-CN': '您已领到这张券的每人限领数量', en: 'You already have as many of this coupon as allowed' },
  not_enough_points: { 'zh-CN': '积分不足，暂时无法兑换', en: 'Not enough points for this exchange' },
  not_eligible: { 'zh-CN': '这张券暂不适用于您的会员等级或当前时段', en: 'This coupon is not available to you at the moment' },
  expired_coupon: { 'zh-CN': '这张券已过期', en: 'This coupon has expired' },
  holdout: { 'zh-CN': '这张券暂时无法领取', en: 'This coupon cannot be claimed right now' },
};

/** HQ's reasons for rejecting a claim after the kiosk accepted it (the code before the ':' in ClaimResult.detail). */
export const hqRejectionText = {
  unknown_member: { 'zh-CN': '总部没有找到您的会员账户', en: 'HQ could not find your member account' },
  unknown_coupon: { 'zh-CN': '这张券已下架', en: 'This coupon has been withdrawn' },
  not_eligible: { 'zh-CN': '这张券不适用于您的会员等级', en: 'This coupon is not for your membership tier' },
  expired_coupon: { 'zh-CN': '这张券已过期', en: 'This coupon has expired' },
  price_changed: { 'zh-CN': '兑换所需积分已调整，请重新兑换', en: 'The points price has changed; please exchange again' },
  limit_reached: { 'zh-CN': '您已领到这张券的每人限领数量', en: 'You already have as many of this coupon as allowed' },
  out_of_stock: { 'zh-CN': '这张券已在其他地方领完', en: 'This coupon ran out elsewhere first' },
  not_enough_points: { 'zh-CN': '总部记录的积分不足，积分已退回', en: 'HQ\'s records show too few points; your points were returned' },
} as const satisfies Record<string, Bilingual>;

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
