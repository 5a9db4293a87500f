// HQ's decision on one survey response. Pure: the response, the survey it names (the version answered), the member
// and whether they already have a confirmed response in; a decision out (store.ts keeps it once, by responseId).
import type { Member } from '../../../contracts/catalog.ts';
import { checkAnswers, type Survey, type SurveyAnsweredPayload, type SurveyRejection } from '../../../contracts/survey.ts';

export type SurveyDecision =
  | { status: 'confirmed'; points: number }
  | { status: 'rejected'; code: SurveyRejection; detail: string };

export type SurveyDecisionInput = {
  response: SurveyAnsweredPayload;
  survey: Survey | null;
  /** The member at HQ (null: anonymous, or not found). */
  member: Member | null;
  /** This member already has a confirmed response to this survey (from any kiosk). */
  alreadyAnswered: boolean;
};

const reject = (code: SurveyRejection, text: string): SurveyDecision => ({ status: 'rejected', code, detail: `${code}: ${text}`.slice(0, 200) });

export function decideSurveyResponse({ response: r, survey, member, alreadyAnswered }: SurveyDecisionInput): SurveyDecision {
  if (!survey) return reject('unknown_survey', `no survey ${r.surveyId} version ${r.surveyVersion} at HQ`);
  if (r.memberId === null && !survey.allowAnonymous) return reject('anonymous_not_allowed', `${survey.id} is for signed-in members`);
  if (r.memberId !== null && !member) return reject('unknown_member', `no member ${r.memberId} at HQ`);
  const at = Date.parse(r.answeredAt);
  if (at < Date.parse(survey.validFrom) || at > Date.parse(survey.validTo)) return reject('closed', `answered ${r.answeredAt}; ${survey.id} runs ${survey.validFrom} to ${survey.validTo}`);
  const checked = checkAnswers(survey.definition, r.answers);
  if (!checked.ok) return reject('invalid_answers', checked.reason);
  if (alreadyAnswered) return reject('duplicate_response', `${r.memberId} already answered ${survey.id}`);
  // Points need a member: an anonymous response is thanked, not rewarded.
  return { status: 'confirmed', points: member ? survey.rewardPoints : 0 };
}
