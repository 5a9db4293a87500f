// The demo mall: a realistic catalog so `npm start` with no HQ shows real data, and the same mall the HQ simulator
// publishes (one source of demo data for both, hence common/). Brand names are fictional. Dates are relative to
// `now` so the demo's campaigns are always running. Pure.
import type { Catalog, Coupon, Member, Store, StoreCategory } from '../../contracts/catalog.ts';
import type { Experiment, OfferRule } from '../../contracts/members.ts';
import { localTime } from '../local-time.ts';
import { DEFAULT_MALL_TIME_ZONE } from '../time-zone.ts';

type StoreRow = [id: string, zh: string, en: string, category: StoreCategory, floor: string, unit: string, colour: string, keywords?: string[]];

const storeRows: StoreRow[] = [
  ['s-freshmart', '鲜丰超市', 'FreshMart', 'supermarket', 'B1', 'B1-01', '#2E7D32', ['超市', 'grocery', '水果']],
  ['s-noodle', '兰亭拉面', 'Lanting Noodles', 'dining', 'B1', 'B1-12', '#C62828', ['面', 'ramen']],
  ['s-dumpling', '饺子时光', 'Dumpling Time', 'dining', 'B1', 'B1-15', '#EF6C00', ['饺子', '小吃']],
  ['s-bubbletea', '茶语轩', 'Tea Whisper', 'cafe', 'B1', 'B1-20', '#6D4C41', ['奶茶', 'bubble tea', '饮品']],
  ['s-bakery', '麦香坊', 'Golden Wheat Bakery', 'cafe', 'B1', 'B1-22', '#A1887F', ['面包', '蛋糕', 'bread']],
  ['s-keyshop', '快修配匙', 'QuickFix Keys & Repair', 'services', 'B1', 'B1-30', '#546E7A', ['修鞋', '配钥匙', 'repair']],
  ['s-lumen', '流光美妆', 'Lumen Beauty', 'beauty', '1F', '1F-02', '#AD1457', ['化妆品', 'cosmetics', '口红']],
  ['s-aurum', '金禧珠宝', 'Aurum Jewellery', 'jewelry', '1F', '1F-05', '#B8860B', ['黄金', '钻石', 'gold']],
  ['s-verde', '绿意香氛', 'Verde Fragrance', 'beauty', '1F', '1F-08', '#558B2F', ['香水', 'perfume']],
  ['s-beanstalk', '豆子咖啡', 'Beanstalk Coffee', 'cafe', '1F', '1F-11', '#4E342E', ['咖啡', 'coffee', '拿铁']],
  ['s-timepiece', '时光表行', 'Timepiece Gallery', 'jewelry', '1F', '1F-15', '#37474F', ['手表', 'watch']],
  ['s-urbanthread', '城市织物', 'Urban Thread', 'fashion', '1F', '1F-20', '#283593', ['女装', '男装', 'clothing']],
  ['s-silkroad', '丝路女装', 'Silk Road Womenswear', 'fashion', '2F', '2F-03', '#8E24AA', ['女装', '连衣裙', 'dress']],
  ['s-northwind', '北风户外', 'Northwind Outdoor', 'sports', '2F', '2F-08', '#00695C', ['户外', '冲锋衣', 'hiking']],
  ['s-sprint', '疾风运动', 'Sprint Sports', 'sports', '2F', '2F-12', '#D84315', ['跑鞋', '运动', 'sneakers']],
  ['s-gentleman', '绅士衣橱', 'Gentleman’s Wardrobe', 'fashion', '2F', '2F-16', '#1A237E', ['男装', '西装', 'suit']],
  ['s-denim', '靛蓝牛仔', 'Indigo Denim', 'fashion', '2F', '2F-21', '#1565C0', ['牛仔裤', 'jeans']],
  ['s-eyecare', '明眸眼镜', 'Bright Eyes Optical', 'services', '2F', '2F-25', '#0277BD', ['眼镜', 'glasses']],
  ['s-pixel', '像素数码', 'Pixel Digital', 'electronics', '3F', '3F-01', '#0D47A1', ['手机', '电脑', 'phone']],
  ['s-soundwave', '声波音响', 'Soundwave Audio', 'electronics', '3F', '3F-06', '#311B92', ['耳机', 'headphones']],
  ['s-nest', '暖巢家居', 'Nest Home', 'home', '3F', '3F-10', '#795548', ['家居', '床品', 'bedding']],
  ['s-kitchen', '厨艺生活馆', 'Kitchen Craft', 'home', '3F', '3F-14', '#F57F17', ['厨具', '锅', 'cookware']],
  ['s-bookworm', '书虫书店', 'Bookworm Books', 'services', '3F', '3F-18', '#33691E', ['书店', 'books', '文具']],
  ['s-tinytoes', '小脚丫童装', 'Tiny Toes Kidswear', 'kids', '4F', '4F-02', '#F06292', ['童装', '婴儿', 'baby']],
  ['s-toyland', '奇趣玩具城', 'Toyland', 'kids', '4F', '4F-06', '#FFB300', ['玩具', 'lego', '积木']],
  ['s-playzone', '欢乐淘气堡', 'Play Zone', 'kids', '4F', '4F-10', '#7CB342', ['游乐', '儿童乐园']],
  ['s-artkids', '小画家美术', 'Little Artists Studio', 'kids', '4F', '4F-14', '#26A69A', ['美术', '培训']],
  ['s-hotpot', '蜀香火锅', 'Shu Spice Hotpot', 'dining', '5F', '5F-01', '#B71C1C', ['火锅', 'hotpot', '川菜']],
  ['s-sushi', '鮨一寿司', 'Sushi Ichi', 'dining', '5F', '5F-05', '#E65100', ['寿司', '日料', 'japanese']],
  ['s-cantonese', '粤海酒家', 'Canton Harbour', 'dining', '5F', '5F-08', '#880E4F', ['粤菜', '点心', 'dim sum']],
  ['s-bbq', '炭火烤肉', 'Charcoal BBQ', 'dining', '5F', '5F-12', '#4E342E', ['烤肉', 'bbq', '韩式']],
  ['s-veggie', '素心餐厅', 'Green Heart Vegetarian', 'dining', '5F', '5F-15', '#388E3C', ['素食', 'vegetarian']],
  ['s-dessert', '甜蜜时刻', 'Sweet Moments', 'cafe', '5F', '5F-18', '#EC407A', ['甜品', '冰淇淋', 'dessert']],
  ['s-cinema', '星光影城', 'Starlight Cinema', 'cinema', '6F', '6F-01', '#212121', ['电影', 'movie', 'imax']],
  ['s-ktv', '麦霸KTV', 'Mic Star KTV', 'services', '6F', '6F-05', '#6A1B9A', ['唱歌', 'karaoke']],
  ['s-gym', '活力健身', 'Vitality Fitness', 'sports', '6F', '6F-08', '#00838F', ['健身', 'gym', '瑜伽']],
];

/** The demo's restaurants that hand out queue tickets at the kiosk (HQ's queue engine runs one queue for each). */
export const DEMO_QUEUING_STORES: readonly string[] = ['s-hotpot', 's-cantonese', 's-bbq'];

const stores: Store[] = storeRows.map(([id, zh, en, category, floor, unit, logoColour, keywords = []]) => ({
  id, name: { zh, en }, category, floor, unit, logoColour, keywords, hours: '10:00-22:00',
  ...(DEMO_QUEUING_STORES.includes(id) ? { queuing: true } : {}),
}));

const day = 86_400_000;

export function demoCatalog(now: Date = new Date()): Catalog {
  const from = new Date(now.getTime() - 7 * day).toISOString();
  const to = new Date(now.getTime() + 60 * day).toISOString();
  const soon = new Date(now.getTime() + 14 * day).toISOString();
  const coupon = (c: Omit<Coupon, 'validFrom' | 'validTo' | 'pointsCost' | 'perMemberLimit' | 'minSpendFen'> & Partial<Coupon>): Coupon => ({
    validFrom: from, validTo: to, pointsCost: 0, perMemberLimit: 1, minSpendFen: 0, ...c,
  });
  const all = ['regular', 'silver', 'gold', 'diamond'] as const;
  const coupons: Coupon[] = [
    coupon({ id: 'c-winter-300-50', storeId: null, kind: 'discount', title: { zh: '全场满300减50', en: '¥50 off ¥300 storewide' }, minSpendFen: 30000, valueFen: 5000, stock: 500, tiers: [...all] }),
    coupon({ id: 'c-hotpot-200-40', storeId: 's-hotpot', kind: 'discount', title: { zh: '蜀香火锅 满200减40', en: 'Shu Spice: ¥40 off ¥200' }, minSpendFen: 20000, valueFen: 4000, stock: 120, tiers: [...all] }),
    coupon({ id: 'c-coffee-gift', storeId: 's-beanstalk', kind: 'gift', title: { zh: '豆子咖啡 买一赠一', en: 'Beanstalk: buy one, get one free' }, valueFen: 2800, stock: 200, tiers: ['silver', 'gold', 'diamond'] }),
    coupon({ id: 'c-sprint-500-100', storeId: 's-sprint', kind: 'discount', title: { zh: '疾风运动 满500减100', en: 'Sprint: ¥100 off ¥500' }, minSpendFen: 50000, valueFen: 10000, stock: 80, tiers: [...all] }),
    coupon({ id: 'c-lumen-gold', storeId: 's-lumen', kind: 'discount', title: { zh: '流光美妆 金卡专享 满800减200', en: 'Lumen Beauty gold: ¥200 off ¥800' }, minSpendFen: 80000, valueFen: 20000, stock: 40, tiers: ['gold', 'diamond'] }),
    coupon({ id: 'c-birthday-cake', storeId: 's-bakery', kind: 'birthday', title: { zh: '生日蛋糕券', en: 'Birthday cake voucher' }, valueFen: 8800, stock: 60, tiers: [...all] }),
    coupon({ id: 'c-winback-pack', storeId: null, kind: 'winback', title: { zh: '老朋友回归礼包 满100减30', en: 'Welcome back pack: ¥30 off ¥100' }, minSpendFen: 10000, valueFen: 3000, stock: 300, tiers: [...all] }),
    coupon({ id: 'c-points-cinema', storeId: 's-cinema', kind: 'points-exchange', title: { zh: '500积分兑电影票', en: 'Movie ticket for 500 points' }, valueFen: 4500, pointsCost: 500, stock: 100, tiers: [...all] }),
    coupon({ id: 'c-toyland-150-30', storeId: 's-toyland', kind: 'discount', title: { zh: '奇趣玩具城 满150减30', en: 'Toyland: ¥30 off ¥150' }, minSpendFen: 15000, valueFen: 3000, stock: 150, tiers: [...all], validTo: soon }),
    coupon({ id: 'c-dessert-happy', storeId: 's-dessert', kind: 'gift', title: { zh: '甜蜜时刻 第二份半价', en: 'Sweet Moments: second dessert half price' }, valueFen: 1800, stock: 400, tiers: [...all] }),
    coupon({ id: 'c-diamond-lounge', storeId: null, kind: 'gift', title: { zh: '钻石会员 贵宾休息室畅饮', en: 'Diamond lounge: free drinks' }, valueFen: 6800, stock: 30, tiers: ['diamond'] }),
  ];
  const campaign = (id: string, zh: string, en: string, subZh: string, subEn: string, storeId: string | null, couponIds: string[], colours: [string, string], priority: number) => ({
    id, title: { zh, en }, subtitle: { zh: subZh, en: subEn }, storeId, couponIds, colours, startsAt: from, endsAt: to, priority,
  });
  return {
    mallId: 'demo-mall',
    version: 1,
    mallName: { zh: '星河广场', en: 'Galaxy Plaza' },
    stores,
    coupons,
    offerRules: demoOfferRules(),
    experiments: demoExperiments(),
    campaigns: [
      campaign('cp-winter-sale', '冬季焕新季', 'Winter Refresh Sale', '全场满300减50，会员再享双倍积分', '¥50 off every ¥300, double points for members', null, ['c-winter-300-50'], ['#C8102E', '#7B1FA2'], 90),
      campaign('cp-hotpot-night', '蜀香火锅 暖冬夜宵', 'Hotpot Winter Nights', '21点后满200减40', '¥40 off ¥200 after 9 pm', 's-hotpot', ['c-hotpot-200-40'], ['#B71C1C', '#FF6F00'], 70),
      campaign('cp-coffee-bogo', '豆子咖啡 周末买一赠一', 'Beanstalk Weekend BOGO', '银卡及以上会员专享', 'For silver members and above', 's-beanstalk', ['c-coffee-gift'], ['#4E342E', '#A1887F'], 60),
      campaign('cp-run-club', '疾风跑季', 'Sprint Run Season', '跑鞋满500减100', '¥100 off ¥500 on running shoes', 's-sprint', ['c-sprint-500-100'], ['#D84315', '#FFA000'], 55),
      campaign('cp-beauty-gold', '流光美妆 金卡日', 'Lumen Beauty Gold Day', '金卡、钻石会员满800减200', 'Gold & diamond: ¥200 off ¥800', 's-lumen', ['c-lumen-gold'], ['#AD1457', '#F48FB1'], 50),
      campaign('cp-movie-points', '积分兑电影票', 'Points for Movies', '500积分换一张星光影城电影票', 'Trade 500 points for a Starlight Cinema ticket', 's-cinema', ['c-points-cinema'], ['#212121', '#3949AB'], 45),
      campaign('cp-kids-fun', '奇趣玩具城 亲子季', 'Toyland Family Season', '满150减30，两周内有效', '¥30 off ¥150, two weeks only', 's-toyland', ['c-toyland-150-30'], ['#FFB300', '#F06292'], 40),
    ],
  };
}

/** HQ's demo offer rules: what the decision engine offers whom, each with the reason shown to the member. */
export function demoOfferRules(): OfferRule[] {
  const rule = (id: string, couponId: string, priority: number, when: OfferRule['when'], zh: string, en: string): OfferRule => ({ id, couponId, priority, when, reason: { zh, en } });
  return [
    rule('r-birthday', 'c-birthday-cake', 900, { birthdayMonth: true }, '生日月专享', 'For your birthday month'),
    rule('r-winback', 'c-winback-pack', 850, { dormantDays: 90 }, '好久不见，欢迎回来', 'We missed you: welcome back'),
    rule('r-expiring', 'c-points-cinema', 800, { pointsExpiringWithinDays: 7 }, '积分即将过期，兑换不浪费', 'Use your points before they expire'),
    rule('r-diamond', 'c-diamond-lounge', 700, { tiers: ['diamond'] }, '钻石会员礼遇', 'A diamond member privilege'),
    rule('r-gold-beauty', 'c-lumen-gold', 600, { tiers: ['gold', 'diamond'], tagsAny: ['beauty'] }, '您常逛美妆', 'You often shop beauty'),
    rule('r-coffee', 'c-coffee-gift', 500, { tagsAny: ['coffee'] }, '咖啡爱好者专属', 'For coffee lovers'),
    rule('r-sports', 'c-sprint-500-100', 450, { tagsAny: ['sports'] }, '您喜欢运动', 'You like sports'),
    rule('r-lunch', 'c-hotpot-200-40', 300, { window: { days: [1, 2, 3, 4, 5, 6, 7], fromHour: 11, toHour: 21 } }, '饭点好去处', 'A good place to eat now'),
    rule('r-points', 'c-points-cinema', 200, { tiers: ['silver', 'gold', 'diamond'] }, '积分兑好礼', 'Spend points on a treat'),
    rule('r-everyone', 'c-winter-300-50', 100, {}, '全场会员福利', 'For every member'),
    // The interactive wall decides only from rules that name expressions: a coupon to fit the mood, for anyone, and a
    // better one for gold and diamond members who scan their code at the wall.
    rule('w-happy-vip', 'c-lumen-gold', 450, { tiers: ['gold', 'diamond'], expressions: ['happy', 'surprised'] }, '金卡好心情，犒劳一下自己', 'Gold and smiling: treat yourself'),
    rule('w-happy', 'c-dessert-happy', 400, { expressions: ['happy', 'surprised'] }, '开心就来点甜的', 'Happy? Have something sweet'),
    rule('w-calm', 'c-coffee-gift', 350, { expressions: ['neutral', 'sad', 'fearful'] }, '来杯咖啡歇一歇', 'Take a break with a coffee'),
    rule('w-grumpy', 'c-hotpot-200-40', 350, { expressions: ['angry', 'disgusted'] }, '火锅治愈一切', 'Hotpot fixes everything'),
  ];
}

/** One A/B test: 90 % of sessions see offers, 10 % are held out so the uplift is measured. */
export function demoExperiments(): Experiment[] {
  return [{ id: 'x-offers-2026q4', arms: [{ name: 'offers', weight: 90, holdout: false }, { name: 'holdout', weight: 10, holdout: true }] }];
}

/** Demo members: every tier, a birthday-month member, a dormant member and one with points about to expire. */
export function demoMembers(now: Date = new Date(), timeZone: string = DEFAULT_MALL_TIME_ZONE): (Member & { note: string })[] {
  // The mall's month, not UTC's (in Asia/Shanghai they differ for 8 hours a month), so M1002's birthday is "this month".
  const { month } = localTime(now, timeZone);
  const iso = (daysAgo: number) => new Date(now.getTime() - daysAgo * day).toISOString();
  const isoDate = (daysAhead: number) => new Date(now.getTime() + daysAhead * day).toISOString().slice(0, 10);
  return [
    { id: 'M1001', name: '王小明', tier: 'regular', points: 320, birthMonth: ((month + 5) % 12) + 1, lastVisit: iso(3), segment: 'new', tags: [], expiringPoints: null, note: 'regular tier, new member' },
    { id: 'M1002', name: '李静', tier: 'silver', points: 1850, birthMonth: month, lastVisit: iso(10), segment: 'loyal', tags: ['coffee'], expiringPoints: null, note: 'silver tier, birthday this month' },
    { id: 'M1003', name: '张伟', tier: 'gold', points: 5200, birthMonth: ((month + 2) % 12) + 1, lastVisit: iso(200), segment: 'dormant', tags: ['sports'], expiringPoints: null, note: 'gold tier, dormant (no visit in 200 days)' },
    { id: 'M1004', name: '陈美玲', tier: 'diamond', points: 28600, birthMonth: ((month + 8) % 12) + 1, lastVisit: iso(1), segment: 'champion', tags: ['beauty', 'jewelry'], expiringPoints: null, note: 'diamond tier, frequent shopper' },
    { id: 'M1005', name: '刘洋', tier: 'silver', points: 940, birthMonth: ((month + 3) % 12) + 1, lastVisit: iso(20), segment: 'at-risk', tags: ['points-expiring'], expiringPoints: { points: 600, on: isoDate(5) }, note: 'silver tier, 600 points expire within 7 days' },
  ];
}

/** A demo member's card number: `62` + the id's digits, zero-padded to 14 (M1003 -> 6200000000001003). */
export function demoCardNumber(memberId: string): string {
  return `62${memberId.replace(/\D/g, '').padStart(14, '0')}`;
}
