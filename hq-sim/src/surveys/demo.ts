// The demo mall's two surveys, as HQ publishes them: a visit survey in the attract loop (and the guide home's survey
// entry) that a shopper who is not signed in may answer too, with one question of every type the kiosk supports; and
// a short service survey for silver, gold and diamond members in their member home. Dates are relative to `now`.
import type { Survey } from '../../../contracts/survey.ts';

const DAY = 86_400_000;

export function demoSurveys(now: Date): Survey[] {
  const validFrom = new Date(now.getTime() - DAY).toISOString();
  const validTo = new Date(now.getTime() + 60 * DAY).toISOString();
  return [
    {
      id: 'sv-visit', version: 1, title: { zh: '本次逛街体验调查', en: 'How was your visit?' }, rewardPoints: 50, allowAnonymous: true,
      targeting: { kind: 'attract', slot: 3 }, validFrom, validTo,
      definition: {
        pages: [
          { name: 'p1', elements: [{ type: 'radiogroup', name: 'purpose', isRequired: true, title: { 'zh-cn': '您今天来商场主要做什么？', default: 'What brought you here today?' },
            choices: [{ value: 'shopping', text: { 'zh-cn': '购物', default: 'Shopping' } }, { value: 'dining', text: { 'zh-cn': '用餐', default: 'Dining' } }, { value: 'cinema', text: { 'zh-cn': '看电影', default: 'Cinema' } }, { value: 'other', text: { 'zh-cn': '其他', default: 'Other' } }] }] },
          { name: 'p2', elements: [{ type: 'checkbox', name: 'floors', title: { 'zh-cn': '您去过哪些楼层？（可多选）', default: 'Which floors did you visit? (any)' },
            choices: [{ value: 'B1', text: 'B1' }, { value: '1F', text: '1F' }, { value: '2F', text: '2F' }, { value: '3F', text: '3F' }, { value: '5F', text: '5F' }] }] },
          { name: 'p3', elements: [{ type: 'rating', name: 'overall', isRequired: true, rateMin: 1, rateMax: 5, title: { 'zh-cn': '总体满意度', default: 'Overall, how satisfied are you?' } }] },
          { name: 'p4', elements: [{ type: 'boolean', name: 'recommend', title: { 'zh-cn': '您会推荐朋友来吗？', default: 'Would you recommend us to a friend?' } }] },
          { name: 'p5', elements: [{ type: 'dropdown', name: 'transport', title: { 'zh-cn': '您是怎么来的？', default: 'How did you get here?' },
            choices: [{ value: 'metro', text: { 'zh-cn': '地铁', default: 'Metro' } }, { value: 'car', text: { 'zh-cn': '开车', default: 'Car' } }, { value: 'bus', text: { 'zh-cn': '公交', default: 'Bus' } }, { value: 'walk', text: { 'zh-cn': '步行', default: 'On foot' } }] }] },
          { name: 'p6', elements: [{ type: 'text', name: 'favourite', maxLength: 40, title: { 'zh-cn': '您最喜欢的店铺是？', default: 'Your favourite store?' } }] },
          { name: 'p7', elements: [{ type: 'comment', name: 'ideas', maxLength: 300, title: { 'zh-cn': '还有什么建议？', default: 'Anything we could do better?' } }] },
        ],
      },
    },
    {
      id: 'sv-service', version: 1, title: { zh: '会员服务满意度', en: 'Member service survey' }, rewardPoints: 30, allowAnonymous: false,
      targeting: { kind: 'tier', tiers: ['silver', 'gold', 'diamond'] }, validFrom, validTo,
      definition: {
        elements: [
          { type: 'rating', name: 'service', isRequired: true, rateMin: 1, rateMax: 5, title: { 'zh-cn': '您对会员服务满意吗？', default: 'How satisfied are you with member services?' } },
          { type: 'comment', name: 'wish', maxLength: 200, title: { 'zh-cn': '希望增加哪些会员权益？', default: 'Which member benefits would you like?' } },
        ],
      },
    },
  ];
}
