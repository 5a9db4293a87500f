// The invitation to a survey HQ targets at this shopper, shown on the guide home and in the member home beside the
// other entries: its title, how many questions, and the reward a member earns (credited once HQ confirms). The guide
// home's compact tile shows the reward as a short badge instead.
import type { SurveySummary } from '../../../contracts/survey.ts';
import { useLanguage } from '../i18n/LanguageContext.tsx';
import { localized, pick } from '../i18n/translate.ts';
import { ChecklistIcon } from '../ui/icons.tsx';

const words = {
  title: { 'zh-CN': '问卷调查', en: 'Survey' },
  hint: { 'zh-CN': '{title} · {n} 题', en: '{title} · {n} questions' },
  reward: { 'zh-CN': '会员完成可得 {points} 积分', en: 'Members earn {points} points' },
  badge: { 'zh-CN': '+{points} 积分', en: '+{points} pts' },
} as const;

export type SurveyInvite = { survey: SurveySummary; onOpen: () => void };

export function SurveyEntry({ invite }: { invite: SurveyInvite }) {
  const lang = useLanguage();
  const { survey } = invite;
  return (
    <button type="button" className="map-entry survey-entry" onClick={invite.onOpen} data-testid="survey-open" data-survey={survey.id}>
      <span className="map-entry__icon survey-entry__icon" aria-hidden="true"><ChecklistIcon /></span>
      <span className="map-entry__text">
        <span className="map-entry__title">{pick(words.title, lang)}</span>
        <span className="map-entry__hint">{pick(words.hint, lang, { title: localized(survey.title, lang), n: survey.questions })}</span>
        {survey.rewardPoints > 0 && <span className="map-entry__hint survey-entry__reward">{pick(words.reward, lang, { points: survey.rewardPoints })}</span>}
      </span>
      {survey.rewardPoints > 0 && <span className="survey-entry__badge" aria-hidden="true">{pick(words.badge, lang, { points: survey.rewardPoints })}</span>}
    </button>
  );
}
