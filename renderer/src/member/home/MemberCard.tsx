// Who is signed in (masked name, tier) and their points, with the things worth knowing about them called out:
// points held for pending exchanges, points about to expire, a birthday this month.
import type { MemberHome } from '../../../../contracts/members.ts';
import { formatDay, formatPoints } from '../../format/dates.ts';
import { useLanguage, useTranslate } from '../../i18n/LanguageContext.tsx';
import { tierNames } from '../../i18n/strings.ts';
import { pick } from '../../i18n/translate.ts';
import { GiftIcon, HourglassIcon, InfoIcon, SparkleIcon } from '../../ui/icons.tsx';

export function MemberCard({ home }: { home: MemberHome }) {
  const tr = useTranslate();
  const lang = useLanguage();
  const { member } = home;
  return (
    <section className={`member-card member-card--${member.tier}`} data-testid="member-card" data-tier={member.tier}>
      <div className="member-card__who">
        <span className={`tier-badge tier-badge--${member.tier}`} data-testid="tier-badge">
          <SparkleIcon /> {pick(tierNames[member.tier], lang)}
        </span>
        <h2 className="member-card__name" data-testid="member-name">{tr('memberGreeting', { name: member.maskedName })}</h2>
      </div>
      <div className="member-card__points">
        <span className="member-card__points-value" data-testid="member-points">{formatPoints(member.points)}</span>
        <span className="member-card__points-label">{tr('pointsLabel')}</span>
      </div>
      {(member.pendingPoints > 0 || member.expiring || member.birthdayThisMonth || home.freshness === 'local') && (
        <ul className="member-card__notes">
          {member.birthdayThisMonth && (
            <li className="member-note member-note--birthday" data-testid="birthday-greeting"><GiftIcon />{tr('birthdayGreeting')}</li>
          )}
          {member.expiring && (
            <li className="member-note member-note--expiring" data-testid="points-expiring">
              <HourglassIcon />{tr('pointsExpiring', { points: formatPoints(member.expiring.points), date: formatDay(member.expiring.on, lang) })}
            </li>
          )}
          {member.pendingPoints > 0 && (
            <li className="member-note" data-testid="points-pending"><HourglassIcon />{tr('pointsPending', { points: formatPoints(member.pendingPoints) })}</li>
          )}
          {home.freshness === 'local' && (
            <li className="member-note" data-testid="freshness-local"><InfoIcon />{tr('freshnessLocal')}</li>
          )}
        </ul>
      )}
    </section>
  );
}
