// HQ's survey desk on the wire: publishes the mall's survey set retained on catalog/surveys (the demo seeds two
// surveys), decides each `survey.answered` event once (decide.ts; one confirmed response per member per survey, the
// reward credited to the member's balance) and answers on the sending device's surveys/result topic. A repeated event
// (the outbox sends again after a lost PUBACK) gets the stored result again and credits nothing.
import type { IClientPublishOptions } from 'mqtt';
import { topics } from '../../../contracts/mqtt.ts';
import { SurveysMessage, SurveyResult, type SurveyAnsweredPayload } from '../../../contracts/survey.ts';
import type { HqData } from '../hq-data.ts';
import type { HqLog } from '../log.ts';
import { decideSurveyResponse } from './decide.ts';
import { demoSurveys } from './demo.ts';
import { SurveyStore } from './store.ts';

type Publish = (topic: string, payload: string, opts: { qos: 0 | 1; retain?: boolean; properties?: IClientPublishOptions['properties'] }) => Promise<void>;

export type AnswerOutcome = { kind: 'new' | 'repeat'; result: SurveyResult };

export class SurveyDesk {
  readonly store: SurveyStore;
  private readonly data: HqData;
  private readonly log: HqLog;

  /** Opens the survey tables on HQ's store; a mall with no survey set yet gets the demo's two surveys (`seed`). */
  constructor(opts: { data: HqData; log: HqLog; now: Date; seed?: boolean }) {
    this.data = opts.data;
    this.log = opts.log;
    this.store = new SurveyStore(opts.data.store.db, opts.data.mallId);
    if ((opts.seed ?? true) && !this.store.latestSet()) this.store.publishSet(demoSurveys(opts.now), opts.now);
  }

  message(): SurveysMessage | null {
    const set = this.store.latestSet();
    return set ? SurveysMessage.parse({ mallId: this.data.mallId, version: set.version, publishedAt: set.publishedAt, surveys: set.raw }) : null;
  }

  async publish(publish: Publish): Promise<void> {
    const set = this.store.latestSet();
    if (!set) return;
    await publish(topics.surveys(this.data.mallId), JSON.stringify({ mallId: this.data.mallId, version: set.version, publishedAt: set.publishedAt, surveys: set.raw }), { qos: 1, retain: true });
    this.log.info('surveys published (retained)', { version: set.version, surveys: set.surveys.length });
  }

  /** Decides (or recalls) a response, then publishes HQ's word on the device's surveys/result topic. */
  answer(deviceId: string, response: SurveyAnsweredPayload, publish: Publish, now: Date): AnswerOutcome {
    const outcome = this.store.transaction((): AnswerOutcome => {
      const before = this.store.response(response.responseId);
      if (before) {
        this.store.countRepeat(response.responseId);
        return { kind: 'repeat', result: before.result };
      }
      const member = response.memberId ? this.data.store.memberById(response.memberId) : null;
      const decision = decideSurveyResponse({
        response, survey: this.store.surveyAt(response.surveyId, response.surveyVersion), member,
        alreadyAnswered: response.memberId ? this.store.hasConfirmed(response.surveyId, response.memberId) : false,
      });
      const balance = (extra: number) => (member ? member.points + extra : null);
      const result = SurveyResult.parse({
        responseId: response.responseId, surveyId: response.surveyId, status: decision.status,
        pointsAwarded: decision.status === 'confirmed' ? decision.points : 0,
        pointsBalance: balance(decision.status === 'confirmed' ? decision.points : 0),
        detail: decision.status === 'rejected' ? decision.detail : null, ts: now.toISOString(),
      });
      this.store.record(deviceId, response, decision, result);
      return { kind: 'new', result };
    });
    const r = outcome.result;
    this.log.info(outcome.kind === 'new' ? 'survey response decided' : 'survey response repeated (same result sent again)', {
      deviceId, responseId: r.responseId, surveyId: r.surveyId, status: r.status, points: r.pointsAwarded, detail: r.detail,
    });
    void publish(topics.surveyResults(this.data.mallId, deviceId), JSON.stringify(r), { qos: 1 }).catch((err: Error) =>
      this.log.warn('could not send a survey result', { deviceId, responseId: r.responseId, err: err.message }),
    );
    return outcome;
  }
}
