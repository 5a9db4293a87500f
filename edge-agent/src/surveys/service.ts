// Surveys on the kiosk: HQ's survey set (applied by version; each refused survey logged and reported to HQ as a
// survey.refused event), survey.list / survey.get for the page, survey.answer (checked, then the response row and its
// outbox event in one transaction: one response per member per survey), and HQ's confirmation, which alone makes the
// reward visible and moves the member's cached points to HQ's balance.
import { createHash } from 'node:crypto';
import type { ApiParsedParams, ApiResult } from '../../../contracts/api.ts';
import type { Member } from '../../../contracts/catalog.ts';
import { SURVEY_EVENT_TYPES } from '../../../contracts/events.ts';
import { checkAnswers, surveyQuestions, type Survey, type SurveyResult, type SurveySummary, type SurveysMessage } from '../../../contracts/survey.ts';
import type { Logger } from '../../../common/node/log.ts';
import type { Db } from '../db/open.ts';
import { setMemberPoints } from '../members/cache.ts';
import { enqueueEvent } from '../outbox.ts';
import { answeredByMember, applySurveyResult, applySurveys, insertResponse, responseById, responseOfMember, storedSurvey, storedSurveys, type ResultOutcome, type SurveysOutcome } from './store.ts';
import { surveysFor, whyMayNotAnswer } from './targeting.ts';

export type SurveyServiceOptions = {
  db: Db;
  log: Logger;
  /** The member behind a member session (throws member_session_gone when it is gone). */
  memberOf: (memberSession: string) => Member;
  /** Whether HQ is reachable now (the page says the reward comes once HQ confirms, and whether it is offline). */
  online: () => boolean;
  onEventWritten: () => void;
  now?: () => Date;
};

const hashId = (prefix: string, text: string) => `${prefix}-${createHash('sha256').update(text, 'utf8').digest('base64url').slice(0, 32)}`;

/** The outbox event id of a response: derived from its responseId, so a retry can never make a second event. */
export const surveyEventId = (responseId: string) => hashId('survey', responseId);

function summary(s: Survey): SurveySummary {
  return { id: s.id, version: s.version, title: s.title, rewardPoints: s.rewardPoints, allowAnonymous: s.allowAnonymous, questions: surveyQuestions(s.definition).length, targeting: s.targeting };
}

export class SurveyService {
  private readonly o: SurveyServiceOptions;

  constructor(o: SurveyServiceOptions) {
    this.o = o;
  }

  private now(): Date {
    return this.o.now?.() ?? new Date();
  }

  /** HQ's survey set arrived (parsed on receipt). Refused surveys are logged and reported once per set version. */
  onSurveys(msg: SurveysMessage): SurveysOutcome {
    const outcome = applySurveys(this.o.db, msg, this.now());
    if (outcome !== 'applied') return outcome;
    this.o.log.info('surveys applied', { version: msg.version, surveys: msg.surveys.length, refused: msg.refused.length });
    for (const r of msg.refused) {
      this.o.log.warn('survey refused', { version: msg.version, surveyId: r.id, reason: r.reason });
      enqueueEvent(this.o.db, { type: SURVEY_EVENT_TYPES.refused, eventId: hashId('survey-refused', `${msg.version}/${r.id ?? ''}/${r.reason}`), payload: { surveysVersion: msg.version, ...r } }, this.now());
    }
    if (msg.refused.length) this.o.onEventWritten();
    return outcome;
  }

  /** HQ's word on a response: applied once; a confirmed one moves the member's cached points to HQ's balance. */
  onResult(r: SurveyResult): ResultOutcome {
    const { db } = this.o;
    const now = this.now();
    const outcome = db.transaction(() => {
      const o = applySurveyResult(db, r, now);
      const row = responseById(db, r.responseId);
      if (o === 'applied' && r.status === 'confirmed' && r.pointsBalance !== null && row?.memberId) setMemberPoints(db, row.memberId, r.pointsBalance, now);
      return o;
    })();
    const fields = { responseId: r.responseId, surveyId: r.surveyId, status: r.status, points: r.pointsAwarded, detail: r.detail };
    if (outcome === 'applied') this.o.log.info('survey result applied', fields);
    else this.o.log[outcome === 'repeated' ? 'info' : 'warn'](`survey result ${outcome}; nothing changed`, fields);
    return outcome;
  }

  private member(memberSession: string | undefined): Member | null {
    return memberSession ? this.o.memberOf(memberSession) : null;
  }

  list({ place, memberSession, couponId }: ApiParsedParams<'survey.list'>): ApiResult<'survey.list'> {
    const member = this.member(memberSession);
    const answered = member ? answeredByMember(this.o.db, member.id) : new Set<string>();
    const now = this.now();
    // In the member home, a claim made on this kiosk in the last half hour counts as "just claimed" (afterClaim surveys).
    const claimed = couponId ?? (member && place === 'member' ? recentClaim(this.o.db, member.id, now) : null);
    const found = surveysFor(storedSurveys(this.o.db), { place, member, ...(claimed ? { couponId: claimed } : {}), now });
    return { surveys: found.filter((s) => !answered.has(s.id)).map(summary) };
  }

  get({ surveyId, memberSession }: ApiParsedParams<'survey.get'>): ApiResult<'survey.get'> {
    const survey = storedSurvey(this.o.db, surveyId);
    if (!survey) return { status: 'unknown' };
    const member = this.member(memberSession);
    const answered = member ? responseOfMember(this.o.db, surveyId, member.id) : null;
    return { status: 'survey', survey: { ...summary(survey), definition: survey.definition }, answered: answered ? publicState(answered) : null };
  }

  response({ responseId }: ApiParsedParams<'survey.response'>): ApiResult<'survey.response'> {
    const r = responseById(this.o.db, responseId);
    return { response: r ? publicState(r) : null, hqOnline: this.o.online() };
  }

  answer(p: ApiParsedParams<'survey.answer'>): ApiResult<'survey.answer'> {
    const { db } = this.o;
    const member = this.member(p.memberSession);
    const now = this.now();
    const refused = (reason: Extract<ApiResult<'survey.answer'>, { status: 'refused' }>['reason'], detail: string): ApiResult<'survey.answer'> => {
      this.o.log.info('survey answer refused', { surveyId: p.surveyId, reason, detail });
      return { status: 'refused', reason, detail };
    };
    const result = db.transaction((): ApiResult<'survey.answer'> => {
      const before = responseById(db, p.responseId);
      if (before) {
        if (before.surveyId !== p.surveyId || before.memberId !== (member?.id ?? null)) return refused('invalid_answers', `responseId ${p.responseId} was already used for another response`);
        return { status: 'recorded', response: publicState(before), rewardPoints: storedSurvey(db, p.surveyId)?.rewardPoints ?? 0, hqOnline: this.o.online() };
      }
      const survey = storedSurvey(db, p.surveyId);
      if (!survey) return refused('unknown_survey', `no survey ${p.surveyId} on this kiosk`);
      if (survey.version !== p.surveyVersion) return refused('version_changed', `survey ${p.surveyId} is at version ${survey.version} now (answered ${p.surveyVersion})`);
      const t = now.getTime();
      if (t < Date.parse(survey.validFrom) || t > Date.parse(survey.validTo)) return refused('closed', `survey ${survey.id} runs ${survey.validFrom} to ${survey.validTo}`);
      const why = whyMayNotAnswer(survey, member, now);
      if (why) return refused(member ? 'not_for_you' : 'anonymous_not_allowed', why);
      if (member && responseOfMember(db, survey.id, member.id)) return refused('already_answered', `member already answered survey ${survey.id} on this kiosk`);
      const checked = checkAnswers(survey.definition, p.answers);
      if (!checked.ok) return refused('invalid_answers', checked.reason);
      const answeredAt = now.toISOString();
      insertResponse(db, { responseId: p.responseId, surveyId: survey.id, surveyVersion: survey.version, memberId: member?.id ?? null, answeredAt });
      enqueueEvent(db, {
        type: SURVEY_EVENT_TYPES.answered, eventId: surveyEventId(p.responseId),
        payload: { responseId: p.responseId, surveyId: survey.id, surveyVersion: survey.version, memberId: member?.id ?? null, answers: checked.answers, lang: p.lang, answeredAt },
      }, now);
      const row = responseById(db, p.responseId)!;
      return { status: 'recorded', response: publicState(row), rewardPoints: member ? survey.rewardPoints : 0, hqOnline: this.o.online() };
    }).immediate();
    if (result.status === 'recorded') {
      this.o.log.info('survey answered', { surveyId: p.surveyId, responseId: p.responseId, member: Boolean(member) });
      this.o.onEventWritten();
    }
    return result;
  }
}

const JUST_CLAIMED_MS = 30 * 60_000;

/** The coupon of the member's newest claim on this kiosk (not rejected) within the last half hour, or null. */
function recentClaim(db: Db, memberId: string, now: Date): string | null {
  const since = new Date(now.getTime() - JUST_CLAIMED_MS).toISOString();
  const row = db.prepare("SELECT coupon_id FROM claims WHERE member_id = ? AND status != 'rejected' AND created_at >= ? ORDER BY created_at DESC LIMIT 1").get(memberId, since) as { coupon_id: string } | undefined;
  return row?.coupon_id ?? null;
}

/** The response as the page sees it (who answered stays on the kiosk). */
function publicState(r: NonNullable<ReturnType<typeof responseById>>) {
  return { responseId: r.responseId, surveyId: r.surveyId, status: r.status, pointsAwarded: r.pointsAwarded, pointsBalance: r.pointsBalance, detail: r.detail };
}
