// Survey targeting (tier, segment, after a coupon claim, an attract-loop slot; dates; anonymous shoppers) and the
// one-response rule: on the kiosk from SQLite (a real database file; a second response of the member is refused, a
// retry of the same response is the same response) and at HQ (decideSurveyResponse, and the store's unique index).
import { beforeEach, describe, expect, it } from 'vitest';
import type { Member } from '../../../contracts/catalog.ts';
import { SurveysMessage, type Survey } from '../../../contracts/survey.ts';
import { createLogger } from '../../../common/node/log.ts';
import { openDatabase, type Db } from '../../../edge-agent/src/db/open.ts';
import { outboxDepth } from '../../../edge-agent/src/outbox.ts';
import { SurveyService } from '../../../edge-agent/src/surveys/service.ts';
import { surveysFor, whyMayNotAnswer, whyNotFor, type SurveyAudience } from '../../../edge-agent/src/surveys/targeting.ts';
import { decideSurveyResponse } from '../../../hq-sim/src/surveys/decide.ts';
import { demoSurveys } from '../../../hq-sim/src/surveys/demo.ts';
import { freshDataDir } from '../../support/agent-process.ts';

const now = new Date('2026-06-01T10:00:00Z');
const [visit, service] = demoSurveys(now) as [Survey, Survey];
const segmentSurvey: Survey = { ...service, id: 'sv-seg', targeting: { kind: 'segment', segments: ['dormant'] } };
const afterClaim: Survey = { ...service, id: 'sv-claim', targeting: { kind: 'afterClaim', couponIds: ['c-coffee'] } };
const gold = { tier: 'gold' as const, segment: 'dormant' };
const regular = { tier: 'regular' as const, segment: 'new' };
const at = (over: Partial<SurveyAudience>): SurveyAudience => ({ place: 'member', member: gold, now, ...over });

describe('targeting', () => {
  it.each([
    ['tier survey, a gold member at home', service, at({}), null],
    ['tier survey, a regular member', service, at({ member: regular }), 'is for silver/gold/diamond members'],
    ['tier survey, on the guide home', service, at({ place: 'home', member: null }), 'is for signed-in members'],
    ['segment survey, a dormant member', segmentSurvey, at({}), null],
    ['segment survey, a new member', segmentSurvey, at({ member: regular }), 'segment dormant'],
    ['after-claim survey, in the member home with no recent claim', afterClaim, at({}), 'just after a coupon claim'],
    ['after-claim survey, in the member home after claiming its coupon', afterClaim, at({ couponId: 'c-coffee' }), null],
    ['after-claim survey, after claiming its coupon', afterClaim, at({ place: 'afterClaim', couponId: 'c-coffee' }), null],
    ['after-claim survey, after another coupon', afterClaim, at({ place: 'afterClaim', couponId: 'c-cake' }), 'follows claims of c-coffee'],
    ['attract survey, anonymous on the guide home', visit, at({ place: 'home', member: null }), null],
    ['attract survey, in the attract loop', visit, at({ place: 'attract', member: null }), null],
    ['attract survey, a member at home', visit, at({}), null],
    ['a survey not open yet', { ...visit, validFrom: '2026-07-01T00:00:00Z', validTo: '2026-08-01T00:00:00Z' }, at({ place: 'home' }), 'opens 2026-07-01'],
    ['a survey that closed', { ...visit, validFrom: '2026-01-01T00:00:00Z', validTo: '2026-02-01T00:00:00Z' }, at({ place: 'home' }), 'closed 2026-02-01'],
  ] as const)('%s', (_what, survey, audience, why) => {
    const got = whyNotFor(survey as Survey, audience);
    if (why === null) expect(got).toBeNull();
    else expect(got).toContain(why);
  });

  it('lists member-targeted surveys before attract-loop ones, those by slot', () => {
    const late: Survey = { ...visit, id: 'sv-late', targeting: { kind: 'attract', slot: 9 } };
    expect(surveysFor([late, visit, service, segmentSurvey], at({})).map((s) => s.id)).toEqual(['sv-seg', 'sv-service', 'sv-visit', 'sv-late']);
    expect(surveysFor([late, visit, service], at({ place: 'home', member: null })).map((s) => s.id)).toEqual(['sv-visit', 'sv-late']);
  });

  it('who may answer: anonymous only where allowed; a member of another tier not at all', () => {
    expect(whyMayNotAnswer(visit, null, now)).toBeNull();
    expect(whyMayNotAnswer(service, null, now)).toContain('signed-in members');
    expect(whyMayNotAnswer(service, regular, now)).toContain('silver/gold/diamond');
    expect(whyMayNotAnswer(service, gold, now)).toBeNull();
  });
});

describe('one response per member per survey, on the kiosk (SQLite)', () => {
  let db: Db;
  let svc: SurveyService;
  let written = 0;
  const member: Member = { id: 'M1003', name: '张伟', tier: 'gold', points: 5200, birthMonth: null, lastVisit: null, segment: 'dormant', tags: [], expiringPoints: null };
  const answer = (responseId: string, over: Record<string, unknown> = {}) => svc.answer({
    surveyId: 'sv-service', surveyVersion: 1, responseId, memberSession: 'session-0000000000000001', answers: { service: 4 }, lang: 'zh', ...over,
  });

  beforeEach(() => {
    db = openDatabase(freshDataDir('atrium-survey-unit-'));
    svc = new SurveyService({ db, log: createLogger('error'), memberOf: () => member, online: () => false, onEventWritten: () => { written += 1; }, now: () => now });
    expect(svc.onSurveys(SurveysMessage.parse({ mallId: 'demo-mall', version: 1, publishedAt: now.toISOString(), surveys: [visit, service] }))).toBe('applied');
  });

  it('records once, refuses a second response of the member, and a retry of the same response is that response', () => {
    const depth = outboxDepth(db);
    const first = answer('resp-aaaaaaaaaaaaaaaa');
    expect(first).toMatchObject({ status: 'recorded', rewardPoints: 30, hqOnline: false, response: { status: 'pending', pointsAwarded: 0 } });
    expect(outboxDepth(db)).toBe(depth + 1);
    expect(answer('resp-aaaaaaaaaaaaaaaa')).toMatchObject({ status: 'recorded' });
    expect(answer('resp-bbbbbbbbbbbbbbbb')).toMatchObject({ status: 'refused', reason: 'already_answered' });
    expect(outboxDepth(db)).toBe(depth + 1);
    expect(written).toBeGreaterThan(0);
    // The unique index holds the rule even if two writers raced past the check.
    expect(() => db.prepare("INSERT INTO survey_responses (response_id, survey_id, survey_version, member_id, status, answered_at, updated_at) VALUES ('x-cccccccccccccccc', 'sv-service', 1, 'M1003', 'pending', 't', 't')").run()).toThrow(/UNIQUE/);
  });

  it('a refused answer writes nothing; HQ`s result is applied once and only a confirmation awards points', () => {
    const depth = outboxDepth(db);
    expect(answer('resp-dddddddddddddddd', { answers: { service: 0 } })).toMatchObject({ status: 'refused', reason: 'invalid_answers' });
    expect(answer('resp-eeeeeeeeeeeeeeee', { surveyVersion: 2 })).toMatchObject({ status: 'refused', reason: 'version_changed' });
    expect(outboxDepth(db)).toBe(depth);
    answer('resp-ffffffffffffffff');
    const result = { responseId: 'resp-ffffffffffffffff', surveyId: 'sv-service', status: 'confirmed' as const, pointsAwarded: 30, pointsBalance: 5230, detail: null, ts: now.toISOString() };
    expect(svc.onResult(result)).toBe('applied');
    expect(svc.onResult(result)).toBe('repeated');
    expect(svc.onResult({ ...result, status: 'rejected', pointsAwarded: 0 })).toBe('conflict');
    expect(svc.onResult({ ...result, responseId: 'resp-unknown-000000' })).toBe('unknown');
    expect(svc.response({ responseId: 'resp-ffffffffffffffff' }).response).toMatchObject({ status: 'confirmed', pointsAwarded: 30, pointsBalance: 5230 });
  });

  it('an after-claim survey shows in the member home once the member claimed its coupon here in the last half hour', () => {
    const claimSurvey = { ...afterClaim, allowAnonymous: false, targeting: { kind: 'afterClaim' as const, couponIds: ['c-coffee'] } };
    svc.onSurveys(SurveysMessage.parse({ mallId: 'demo-mall', version: 5, publishedAt: now.toISOString(), surveys: [claimSurvey] }));
    const session = 'session-0000000000000001';
    expect(svc.list({ place: 'member', memberSession: session }).surveys).toEqual([]);
    const claim = db.prepare(`INSERT INTO claims (claim_id, member_id, coupon_id, via, points_cost, status, coupon_doc, created_at, updated_at)
      VALUES (?, 'M1003', ?, 'claim', 0, 'pending', '{}', ?, ?)`);
    claim.run('claim-old-000000000001', 'c-coffee', '2026-06-01T09:00:00.000Z', '2026-06-01T09:00:00.000Z');
    expect(svc.list({ place: 'member', memberSession: session }).surveys).toEqual([]);
    claim.run('claim-new-000000000001', 'c-coffee', '2026-06-01T09:50:00.000Z', '2026-06-01T09:50:00.000Z');
    expect(svc.list({ place: 'member', memberSession: session }).surveys.map((x) => x.id)).toEqual(['sv-claim']);
    expect(svc.list({ place: 'afterClaim', memberSession: session, couponId: 'c-cake' }).surveys).toEqual([]);
  });

  it('an older or repeated survey set changes nothing; a refused survey is reported once', () => {
    const bad = { ...visit, id: 'sv-bad', definition: { elements: [{ type: 'matrix', name: 'q' }] } };
    expect(svc.onSurveys(SurveysMessage.parse({ mallId: 'demo-mall', version: 1, publishedAt: now.toISOString(), surveys: [] }))).toBe('stale');
    const depth = outboxDepth(db);
    const msg = SurveysMessage.parse({ mallId: 'demo-mall', version: 2, publishedAt: now.toISOString(), surveys: [service, bad] });
    expect(svc.onSurveys(msg)).toBe('applied');
    expect(outboxDepth(db)).toBe(depth + 1);
    expect(svc.list({ place: 'home' }).surveys).toEqual([]);
    expect(svc.get({ surveyId: 'sv-bad' })).toEqual({ status: 'unknown' });
  });
});

describe('one response per member per survey, at HQ', () => {
  const member: Member = { id: 'M1002', name: '李静', tier: 'silver', points: 1850, birthMonth: null, lastVisit: null, segment: 'loyal', tags: [], expiringPoints: null };
  const response = { responseId: 'resp-gggggggggggggggg', surveyId: 'sv-service', surveyVersion: 1, memberId: 'M1002', answers: { service: 5 }, lang: 'zh' as const, answeredAt: now.toISOString() };
  it.each([
    ['first response', { survey: service, member, alreadyAnswered: false }, { status: 'confirmed', points: 30 }],
    ['second response', { survey: service, member, alreadyAnswered: true }, { status: 'rejected', code: 'duplicate_response' }],
    ['unknown survey', { survey: null, member, alreadyAnswered: false }, { status: 'rejected', code: 'unknown_survey' }],
    ['unknown member', { survey: service, member: null, alreadyAnswered: false }, { status: 'rejected', code: 'unknown_member' }],
  ] as const)('%s', (_what, input, expected) => {
    expect(decideSurveyResponse({ response, ...input })).toMatchObject(expected);
  });

  it('anonymous: thanked with no points where allowed, refused where not', () => {
    expect(decideSurveyResponse({ response: { ...response, surveyId: 'sv-visit', memberId: null, answers: { purpose: 'other', overall: 3 } }, survey: visit, member: null, alreadyAnswered: false })).toEqual({ status: 'confirmed', points: 0 });
    expect(decideSurveyResponse({ response: { ...response, memberId: null }, survey: service, member: null, alreadyAnswered: false })).toMatchObject({ status: 'rejected', code: 'anonymous_not_allowed' });
  });

  it('answers HQ`s own checks again (a kiosk cannot slip in bad answers or a late one)', () => {
    expect(decideSurveyResponse({ response: { ...response, answers: { service: 9 } }, survey: service, member, alreadyAnswered: false })).toMatchObject({ code: 'invalid_answers' });
    expect(decideSurveyResponse({ response: { ...response, answeredAt: '2030-01-01T00:00:00Z' }, survey: service, member, alreadyAnswered: false })).toMatchObject({ code: 'closed' });
  });
});
