// Which surveys a shopper is asked, here and now: a pure function of the survey, the place on the screen, the member
// (if any) and the clock. The one-response rule (a member's earlier response) is applied by the caller from SQLite.
import type { MemberTier } from '../../../contracts/catalog.ts';
import type { Survey, SurveyPlace } from '../../../contracts/survey.ts';

export type SurveyAudience = {
  place: SurveyPlace;
  /** The signed-in member, or null for a shopper who is not signed in. */
  member: { tier: MemberTier; segment: string | null } | null;
  /** The coupon the member just claimed (afterClaim; in the member home, a claim on this kiosk in the last half hour). */
  couponId?: string;
  now: Date;
};

/** Why a survey is not for this audience, or null when it is (for the log and the API's refusal detail). */
export function whyNotFor(s: Survey, a: SurveyAudience): string | null {
  const t = a.now.getTime();
  if (t < Date.parse(s.validFrom)) return `survey ${s.id} opens ${s.validFrom}`;
  if (t > Date.parse(s.validTo)) return `survey ${s.id} closed ${s.validTo}`;
  if (!a.member && !s.allowAnonymous) return `survey ${s.id} is for signed-in members`;
  const g = s.targeting;
  switch (g.kind) {
    case 'tier':
      if (a.place !== 'member') return `survey ${s.id} is asked in the member home`;
      return a.member && g.tiers.includes(a.member.tier) ? null : `survey ${s.id} is for ${g.tiers.join('/')} members`;
    case 'segment':
      if (a.place !== 'member') return `survey ${s.id} is asked in the member home`;
      return a.member?.segment && g.segments.includes(a.member.segment) ? null : `survey ${s.id} is for members of segment ${g.segments.join('/')}`;
    case 'afterClaim':
      if ((a.place !== 'afterClaim' && a.place !== 'member') || !a.member || !a.couponId) return `survey ${s.id} is asked just after a coupon claim`;
      return !g.couponIds || g.couponIds.includes(a.couponId) ? null : `survey ${s.id} follows claims of ${g.couponIds.join('/')}`;
    case 'attract':
      // A slot in the attract loop, the guide home's survey entry, and a member's home (where a member earns its reward).
      return a.place === 'afterClaim' ? `survey ${s.id} is asked from the attract loop, the guide home and the member home` : null;
    default:
      return `survey ${s.id} has targeting this kiosk does not know`;
  }
}

/** The surveys for this audience, attract ones by slot, the rest by reward (highest first), then id. */
export function surveysFor(all: readonly Survey[], a: SurveyAudience): Survey[] {
  const slot = (s: Survey) => (s.targeting.kind === 'attract' ? s.targeting.slot : 0);
  return all.filter((s) => whyNotFor(s, a) === null).sort((x, y) => slot(x) - slot(y) || y.rewardPoints - x.rewardPoints || x.id.localeCompare(y.id));
}

/**
 * Whether this shopper may answer the survey at all, wherever they opened it: it is open, a shopper who is not signed in
 * only where it allows that, and a member-targeted survey only for a member it targets.
 */
export function whyMayNotAnswer(s: Survey, member: SurveyAudience['member'], now: Date): string | null {
  const t = now.getTime();
  if (t < Date.parse(s.validFrom) || t > Date.parse(s.validTo)) return `survey ${s.id} runs ${s.validFrom} to ${s.validTo}`;
  if (!member) return s.allowAnonymous && s.targeting.kind === 'attract' ? null : `survey ${s.id} is for signed-in members`;
  const g = s.targeting;
  if (g.kind === 'tier' && !g.tiers.includes(member.tier)) return `survey ${s.id} is for ${g.tiers.join('/')} members`;
  if (g.kind === 'segment' && !(member.segment && g.segments.includes(member.segment))) return `survey ${s.id} is for members of segment ${g.segments.join('/')}`;
  return null;
}
