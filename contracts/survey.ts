// Surveys (issue #15, item 4), declared once: HQ's survey envelope (targeting, reward, dates) around a SurveyJS JSON
// definition, the retained message that carries them to kiosks, the answer event, HQ's confirmation, and the survey.*
// local API methods. A definition is checked against the question types the kiosk can render touch-first; one that is
// malformed or names another type is refused with a reason, and the other surveys of the message still apply.
import { z } from 'zod';
import { LocalizedText, MemberTier } from './members.ts';
import { formatZodError } from './zod-errors.ts';

/** The SurveyJS question types the kiosk renders (dropdown is shown as big buttons; comment and text as a text box). */
export const SURVEY_QUESTION_TYPES = ['radiogroup', 'checkbox', 'rating', 'boolean', 'dropdown', 'comment', 'text'] as const;
export type SurveyQuestionType = (typeof SURVEY_QUESTION_TYPES)[number];

const SurveyId = z.string().regex(/^[A-Za-z0-9_-]{1,48}$/, 'survey ids are 1-48 letters, digits, _ or -');
const QuestionName = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'question names are 1-64 letters, digits, _ or -');
/** A SurveyJS localisable string: plain text, or text per locale (`default`, `zh-cn`, `en`). */
const SurveyText = z.union([
  z.string().min(1).max(500),
  z.record(z.string().regex(/^[a-z-]{2,10}$/, 'a locale like zh-cn or en'), z.string().max(500)).refine((o) => Object.keys(o).length > 0, 'text in at least one locale'),
]);
const ChoiceValue = z.union([z.string().min(1).max(64), z.number().int()]);
const Choice = z.union([ChoiceValue, z.object({ value: ChoiceValue, text: SurveyText.optional() }).loose()]);
/** The longest text answer a kiosk accepts (a question may ask for less with `maxLength`). */
export const SURVEY_TEXT_MAX = 1000;

const base = { name: QuestionName, title: SurveyText.optional(), description: SurveyText.optional(), isRequired: z.boolean().optional() };
const withChoices = { ...base, choices: z.array(Choice).min(2, 'at least 2 choices').max(12, 'at most 12 choices (they are big buttons)') };
const textual = { ...base, maxLength: z.number().int().min(1).max(SURVEY_TEXT_MAX).optional(), placeholder: SurveyText.optional() };
const NOT_SUPPORTED = (what: string) => z.undefined({ error: `${what} is not supported on the kiosk` }).optional();

export const SurveyQuestion = z.discriminatedUnion('type', [
  z.object({ type: z.literal('radiogroup'), ...withChoices, showOtherItem: NOT_SUPPORTED('showOtherItem') }).loose(),
  z.object({ type: z.literal('checkbox'), ...withChoices, showOtherItem: NOT_SUPPORTED('showOtherItem') }).loose(),
  z.object({ type: z.literal('dropdown'), ...withChoices, showOtherItem: NOT_SUPPORTED('showOtherItem') }).loose(),
  z.object({
    type: z.literal('rating'), ...base,
    rateMin: z.number().int().min(0).max(10).optional(), rateMax: z.number().int().min(1).max(10).optional(),
    rateValues: NOT_SUPPORTED('rateValues (use rateMin and rateMax)'),
  }).loose().refine((q) => (q.rateMin ?? 1) < (q.rateMax ?? 5), { error: 'rateMin must be below rateMax' }),
  z.object({ type: z.literal('boolean'), ...base }).loose(),
  z.object({ type: z.literal('comment'), ...textual }).loose(),
  z.object({ type: z.literal('text'), ...textual, inputType: z.literal('text').optional() }).loose(),
], {
  error: (iss) => {
    if (iss.code !== 'invalid_union') return undefined;
    const type = (iss.input as { type?: unknown } | null)?.type;
    return typeof type === 'string'
      ? `unknown question type ${JSON.stringify(type.slice(0, 32))} (the kiosk supports ${SURVEY_QUESTION_TYPES.join(', ')})`
      : 'a question needs a type (string)';
  },
});
export type SurveyQuestion = z.infer<typeof SurveyQuestion>;

const Page = z.object({ name: z.string().max(64).optional(), title: SurveyText.optional(), elements: z.array(SurveyQuestion).min(1).max(20) }).loose();

/** A SurveyJS JSON definition the kiosk can show: pages of questions (or one list of `elements`), 1-30 questions, unique names. */
export const SurveyDefinition = z.object({
  title: SurveyText.optional(),
  pages: z.array(Page).min(1).max(30).optional(),
  elements: z.array(SurveyQuestion).min(1).max(30).optional(),
}).loose().superRefine((d, ctx) => {
  if (!d.pages === !d.elements) return void ctx.addIssue({ code: 'custom', message: 'a definition has either pages or elements (one of them)' });
  const qs = surveyQuestions(d);
  if (qs.length > 30) ctx.addIssue({ code: 'custom', message: `at most 30 questions (got ${qs.length})` });
  const seen = new Set<string>();
  for (const q of qs) {
    if (seen.has(q.name)) ctx.addIssue({ code: 'custom', message: `question name ${q.name} is used twice` });
    seen.add(q.name);
  }
});
export type SurveyDefinition = z.infer<typeof SurveyDefinition>;

/** Every question of a definition, in order. */
export function surveyQuestions(d: { pages?: { elements: SurveyQuestion[] }[] | undefined; elements?: SurveyQuestion[] | undefined }): SurveyQuestion[] {
  return d.pages ? d.pages.flatMap((p) => p.elements) : (d.elements ?? []);
}

/**
 * Who is asked. tier / segment: a signed-in member of one of them (member home); afterClaim: a member who just claimed
 * a coupon (any, or one of couponIds; in the member home, claimed on this kiosk in the last half hour); attract: a slot in the attract loop, the guide home's survey entry and the member
 * home (anyone may be asked; a member earns the reward).
 */
export const SurveyTargeting = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('tier'), tiers: z.array(MemberTier).min(1) }).strict(),
  z.object({ kind: z.literal('segment'), segments: z.array(z.string().min(1).max(32)).min(1) }).strict(),
  z.object({ kind: z.literal('afterClaim'), couponIds: z.array(z.string().min(1).max(64)).min(1).optional() }).strict(),
  z.object({ kind: z.literal('attract'), slot: z.number().int().min(1).max(30) }).strict(),
]);
export type SurveyTargeting = z.infer<typeof SurveyTargeting>;

/** One survey as HQ publishes it. */
export const Survey = z.object({
  id: SurveyId,
  version: z.number().int().min(1),
  title: LocalizedText,
  /** Points credited by HQ to a member for their (one) response; shown only once HQ confirms it. */
  rewardPoints: z.number().int().min(0).max(10_000),
  /** Whether a shopper who is not signed in may answer (no reward: points need a member). */
  allowAnonymous: z.boolean().default(false),
  targeting: SurveyTargeting,
  validFrom: z.iso.datetime({ offset: true }),
  validTo: z.iso.datetime({ offset: true }),
  definition: SurveyDefinition,
}).refine((s) => Date.parse(s.validFrom) < Date.parse(s.validTo), { error: 'validFrom must be before validTo', path: ['validTo'] });
export type Survey = z.infer<typeof Survey>;

/** A survey the kiosk refused, with its id and version when it had readable ones, and why. */
export const RefusedSurvey = z.object({ id: z.string().max(64).nullable(), version: z.number().int().nullable(), reason: z.string().max(300) });
export type RefusedSurvey = z.infer<typeof RefusedSurvey>;

/** Parses surveys one by one: the good ones, and each bad one with its reason (one bad survey refuses only itself). */
export function splitSurveys(raw: readonly unknown[]): { surveys: Survey[]; refused: RefusedSurvey[] } {
  const surveys: Survey[] = [];
  const refused: RefusedSurvey[] = [];
  raw.forEach((entry, i) => {
    const r = Survey.safeParse(entry);
    if (r.success) return void surveys.push(r.data);
    const o = (entry && typeof entry === 'object' ? entry : {}) as { id?: unknown; version?: unknown };
    const id = typeof o.id === 'string' ? o.id.slice(0, 64) : null;
    const version = typeof o.version === 'number' && Number.isInteger(o.version) ? o.version : null;
    refused.push({ id, version, reason: `survey ${id ?? `#${i + 1}`}: ${formatZodError(r.error, { first: true })}`.slice(0, 300) });
  });
  return { surveys, refused };
}

/** HQ's surveys for a mall (retained on catalog/surveys): the whole set, versioned; a kiosk keeps the last it applied. */
export const SurveysMessage = z.object({
  mallId: z.string().regex(/^[A-Za-z0-9_-]{1,48}$/),
  version: z.number().int().min(1),
  publishedAt: z.iso.datetime({ offset: true }),
  surveys: z.array(z.unknown()).max(50),
}).transform((m) => ({ ...m, ...splitSurveys(m.surveys) }));
export type SurveysMessage = z.output<typeof SurveysMessage>;

/** The answers of one response, by question name (checked against the definition with checkAnswers). */
export const SurveyAnswers = z.record(QuestionName, z.unknown()).refine((a) => Object.keys(a).length <= 30, 'at most 30 answers');
export type SurveyAnswers = z.infer<typeof SurveyAnswers>;

export const ResponseId = z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, 'a response id is 16-64 letters, digits, _ or -');

/** The `survey.answered` device event: one response, through the outbox; HQ answers on surveys/result. */
export const SurveyAnsweredPayload = z.object({
  responseId: ResponseId,
  surveyId: SurveyId,
  surveyVersion: z.number().int().min(1),
  /** null: an anonymous shopper (only for a survey that allows it; no reward). */
  memberId: z.string().min(1).max(64).nullable(),
  answers: SurveyAnswers,
  lang: z.enum(['zh', 'en']),
  answeredAt: z.iso.datetime({ offset: true }),
});
export type SurveyAnsweredPayload = z.infer<typeof SurveyAnsweredPayload>;

/** The `survey.refused` device event: a survey HQ sent that this kiosk refused (it shows the others). */
export const SurveyRefusedPayload = z.object({ surveysVersion: z.number().int(), ...RefusedSurvey.shape });

/** Why HQ rejected a response (SurveyResult.detail starts with one of these, then `: ` and a sentence). */
export const SURVEY_REJECTIONS = ['duplicate_response', 'unknown_survey', 'unknown_member', 'closed', 'invalid_answers', 'anonymous_not_allowed'] as const;
export type SurveyRejection = (typeof SURVEY_REJECTIONS)[number];

/** HQ's final word on one response, on the device's surveys/result topic: the points it credited, or why none. */
export const SurveyResult = z.object({
  responseId: ResponseId,
  surveyId: SurveyId,
  status: z.enum(['confirmed', 'rejected']),
  pointsAwarded: z.number().int().min(0),
  /** The member's balance at HQ after the credit (null: anonymous, or unknown member). */
  pointsBalance: z.number().int().nonnegative().nullable(),
  detail: z.string().max(200).nullable(),
  ts: z.iso.datetime({ offset: true }),
});
export type SurveyResult = z.infer<typeof SurveyResult>;

export type CheckedAnswers = { ok: true; answers: SurveyAnswers } | { ok: false; reason: string };

const choiceValues = (q: { choices: z.infer<typeof Choice>[] }) => q.choices.map((c) => (typeof c === 'object' ? c.value : c));

/**
 * Checks a response against its definition: only its questions, each answer of the question's kind (a choice it
 * offers, an integer in the rating's range, a boolean, text no longer than allowed), every required one answered.
 */
export function checkAnswers(definition: SurveyDefinition, answers: Record<string, unknown>): CheckedAnswers {
  const qs = new Map(surveyQuestions(definition).map((q) => [q.name, q]));
  for (const name of Object.keys(answers)) if (!qs.has(name)) return { ok: false, reason: `${name}: no such question in this survey` };
  const out: SurveyAnswers = {};
  for (const q of qs.values()) {
    const v = answers[q.name];
    if (v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0)) {
      if (q.isRequired) return { ok: false, reason: `${q.name}: an answer is required` };
      continue;
    }
    const bad = (what: string): CheckedAnswers => ({ ok: false, reason: `${q.name}: ${what}` });
    switch (q.type) {
      case 'radiogroup':
      case 'dropdown':
        if (!choiceValues(q).includes(v as string | number)) return bad(`${JSON.stringify(v).slice(0, 40)} is not one of its choices`);
        break;
      case 'checkbox': {
        const allowed = choiceValues(q);
        if (!Array.isArray(v) || v.some((x) => !allowed.includes(x as string | number)) || new Set(v).size !== v.length) return bad('expected distinct choices of this question');
        break;
      }
      case 'rating':
        if (typeof v !== 'number' || !Number.isInteger(v) || v < (q.rateMin ?? 1) || v > (q.rateMax ?? 5)) return bad(`expected a whole number from ${q.rateMin ?? 1} to ${q.rateMax ?? 5}`);
        break;
      case 'boolean':
        if (typeof v !== 'boolean') return bad('expected yes or no (a boolean)');
        break;
      case 'comment':
      case 'text': {
        const max = q.maxLength ?? SURVEY_TEXT_MAX;
        if (typeof v !== 'string') return bad('expected text');
        if ([...v].length > max) return bad(`at most ${max} characters (got ${[...v].length})`);
        if (v.trim() === '') {
          if (q.isRequired) return bad('an answer is required');
          continue;
        }
        break;
      }
    }
    out[q.name] = v;
  }
  return { ok: true, answers: out };
}

// ---- the local API (spread into contracts/api.ts) ----

const MemberSession = z.string().regex(/^[A-Za-z0-9_-]{16,64}$/);
/** Where the page asks from: the guide home, a member's home, just after a member claimed a coupon, the attract loop. */
export const SurveyPlace = z.enum(['home', 'member', 'afterClaim', 'attract']);
export type SurveyPlace = z.infer<typeof SurveyPlace>;

export const SurveySummary = z.object({
  id: SurveyId, version: z.number().int(), title: LocalizedText, rewardPoints: z.number().int(), allowAnonymous: z.boolean(),
  questions: z.number().int(), targeting: SurveyTargeting,
});
export type SurveySummary = z.infer<typeof SurveySummary>;

/** Why the kiosk refused an answer (nothing was written). */
export const SurveyRefusal = z.enum(['unknown_survey', 'closed', 'not_for_you', 'already_answered', 'anonymous_not_allowed', 'invalid_answers', 'version_changed']);
export type SurveyRefusal = z.infer<typeof SurveyRefusal>;

/** A response as the kiosk holds it: pending until HQ's word; the reward is shown only when confirmed. */
export const SurveyResponseState = z.object({
  responseId: ResponseId,
  surveyId: SurveyId,
  status: z.enum(['pending', 'confirmed', 'rejected']),
  pointsAwarded: z.number().int(),
  pointsBalance: z.number().int().nullable(),
  detail: z.string().nullable(),
});
export type SurveyResponseState = z.infer<typeof SurveyResponseState>;

export const surveyApiMethods = {
  /** The surveys for this shopper here and now (targeting, dates, and not yet answered by this member on this kiosk). */
  'survey.list': {
    params: z.object({ place: SurveyPlace, memberSession: MemberSession.optional(), couponId: z.string().min(1).max(64).optional() }).strict(),
    result: z.object({ surveys: z.array(SurveySummary) }),
  },
  /** One survey's definition, to render it. Answered: this member's response on this kiosk, if any. */
  'survey.get': {
    params: z.object({ surveyId: SurveyId, memberSession: MemberSession.optional() }).strict(),
    result: z.discriminatedUnion('status', [
      z.object({ status: z.literal('survey'), survey: SurveySummary.extend({ definition: SurveyDefinition }), answered: SurveyResponseState.nullable() }),
      z.object({ status: z.literal('unknown') }),
    ]),
  },
  /**
   * One response: checked against the definition, written with its outbox event in one transaction. `responseId` (made
   * by the page) makes a retry safe. The reward is pending until HQ confirms (survey.response).
   */
  'survey.answer': {
    params: z.object({
      surveyId: SurveyId, surveyVersion: z.number().int().min(1), responseId: ResponseId, memberSession: MemberSession.optional(),
      answers: SurveyAnswers, lang: z.enum(['zh', 'en']),
    }).strict(),
    result: z.discriminatedUnion('status', [
      z.object({ status: z.literal('recorded'), response: SurveyResponseState, rewardPoints: z.number().int(), hqOnline: z.boolean() }),
      z.object({ status: z.literal('refused'), reason: SurveyRefusal, detail: z.string() }),
    ]),
  },
  /** A response's state (the page polls it until HQ confirms or rejects). */
  'survey.response': {
    params: z.object({ responseId: ResponseId }).strict(),
    result: z.object({ response: SurveyResponseState.nullable(), hqOnline: z.boolean() }),
  },
} as const;
