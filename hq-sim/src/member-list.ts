// `npm run hq -- members`: what is special about each member, worked out from the record itself (not from a
// note), and whether the demo members cover every case the kiosk's member home and offers must show. Pure.
import type { Member, MemberTier } from '../../contracts/catalog.ts';
import { localDate } from '../../common/local-time.ts';
import { DEFAULT_MALL_TIME_ZONE } from '../../common/time-zone.ts';

/** The same thresholds as the kiosk's member home and the demo offer rules: dormant after 90 days, expiring within 7. */
export const DORMANT_AFTER_DAYS = 90;
export const EXPIRING_WITHIN_DAYS = 7;

const DAY = 86_400_000;

/** The mall's calendar date (YYYY-MM-DD) at an instant: birthdays and expiry days are counted in it, as the kiosk does. */
export function mallDate(now: Date, timeZone = DEFAULT_MALL_TIME_ZONE): string {
  return localDate(now, timeZone);
}
export const TIER_NAMES: Record<MemberTier, string> = { regular: '普通 regular', silver: '银卡 silver', gold: '金卡 gold', diamond: '钻石 diamond' };

export type Highlight = 'birthday-month' | 'dormant' | 'points-expiring';

export function memberHighlights(m: Member, now: Date, timeZone = DEFAULT_MALL_TIME_ZONE): { kinds: Highlight[]; text: string[] } {
  const kinds: Highlight[] = [];
  const text: string[] = [];
  const today = mallDate(now, timeZone);
  if (m.birthMonth === Number(today.slice(5, 7))) {
    kinds.push('birthday-month');
    text.push('birthday this month');
  }
  const idleDays = m.lastVisit ? Math.floor((now.getTime() - Date.parse(m.lastVisit)) / DAY) : null;
  if (idleDays !== null && idleDays >= DORMANT_AFTER_DAYS) {
    kinds.push('dormant');
    text.push(`dormant: last visit ${idleDays} days ago`);
  }
  if (m.expiringPoints) {
    const inDays = Math.round((Date.parse(m.expiringPoints.on) - Date.parse(today)) / DAY);
    if (inDays >= 0 && inDays <= EXPIRING_WITHIN_DAYS) {
      kinds.push('points-expiring');
      text.push(`${m.expiringPoints.points} points expire ${m.expiringPoints.on} (in ${inDays} days)`);
    }
  }
  if (m.segment) text.push(`segment ${m.segment}`);
  if (m.tags.length) text.push(`likes ${m.tags.join(', ')}`);
  return { kinds, text };
}

export type Coverage = { tiers: MemberTier[]; missingTiers: MemberTier[]; highlights: Record<Highlight, string[]> };

/** Which tiers and special cases the members cover, with the member ids for each case. */
export function coverage(members: Member[], now: Date, timeZone = DEFAULT_MALL_TIME_ZONE): Coverage {
  const all: MemberTier[] = ['regular', 'silver', 'gold', 'diamond'];
  const tiers = all.filter((t) => members.some((m) => m.tier === t));
  const highlights: Record<Highlight, string[]> = { 'birthday-month': [], dormant: [], 'points-expiring': [] };
  for (const m of members) for (const k of memberHighlights(m, now, timeZone).kinds) highlights[k].push(m.id);
  return { tiers, missingTiers: all.filter((t) => !tiers.includes(t)), highlights };
}

export function coverageLine(c: Coverage): string {
  const cases = (Object.entries(c.highlights) as [Highlight, string[]][]).map(([k, ids]) => `${k} ${ids.length ? ids.join(',') : 'MISSING'}`);
  const tiers = c.missingTiers.length ? `tiers missing: ${c.missingTiers.join(', ')}` : 'every tier';
  return `Covers: ${tiers}; ${cases.join('; ')}`;
}
