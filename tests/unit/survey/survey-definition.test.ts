// The survey contract: SurveyJS definitions checked against the question types the kiosk renders (malformed JSON, an
// unknown question type, and the other ways a definition can be wrong, each with its reason), the per-survey split of
// HQ's message (one bad survey refuses only itself), and the answers check for every question type.
import { describe, expect, it } from 'vitest';
import { receive } from '../../../common/mqtt-receive.ts';
import { DOWNSTREAM_ROUTES, topics } from '../../../contracts/mqtt.ts';
import { checkAnswers, splitSurveys, Survey, SurveyDefinition, SURVEY_QUESTION_TYPES } from '../../../contracts/survey.ts';
import { formatZodError } from '../../../contracts/zod-errors.ts';
import { demoSurveys } from '../../../hq-sim/src/surveys/demo.ts';

const now = new Date('2026-06-01T10:00:00Z');
const [visit, service] = demoSurveys(now);
const reason = (def: unknown) => {
  const r = SurveyDefinition.safeParse(def);
  return r.success ? null : formatZodError(r.error);
};

describe('SurveyDefinition', () => {
  it('accepts the demo surveys, which between them use every supported question type', () => {
    expect(Survey.safeParse(visit).success).toBe(true);
    expect(Survey.safeParse(service).success).toBe(true);
    const used = new Set(visit!.definition.pages!.flatMap((p) => p.elements.map((q) => q.type)));
    expect([...used].sort()).toEqual([...SURVEY_QUESTION_TYPES].sort());
  });

  it.each([
    ['an unknown question type', { elements: [{ type: 'matrix', name: 'q' }] }, 'elements.0.type: unknown question type "matrix" (the kiosk supports radiogroup, checkbox, rating, boolean, dropdown, comment, text)'],
    ['a panel (not a question)', { pages: [{ elements: [{ type: 'panel', name: 'p', elements: [] }] }] }, 'pages.0.elements.0.type: unknown question type "panel"'],
    ['a question without a type', { elements: [{ name: 'q' }] }, 'elements.0.type: a question needs a type (string)'],
    ['pages that are not a list', { pages: 'one' }, 'pages: Invalid input: expected array, received string'],
    ['neither pages nor elements', { title: 'x' }, 'a definition has either pages or elements'],
    ['both pages and elements', { pages: [{ elements: [{ type: 'boolean', name: 'a' }] }], elements: [{ type: 'boolean', name: 'b' }] }, 'a definition has either pages or elements'],
    ['a name used twice', { elements: [{ type: 'boolean', name: 'a' }, { type: 'text', name: 'a' }] }, 'question name a is used twice'],
    ['a name with a space', { elements: [{ type: 'boolean', name: 'a b' }] }, 'elements.0.name: question names are 1-64 letters'],
    ['one choice', { elements: [{ type: 'radiogroup', name: 'a', choices: ['x'] }] }, 'elements.0.choices: at least 2 choices'],
    ['an "other" box', { elements: [{ type: 'checkbox', name: 'a', choices: ['x', 'y'], showOtherItem: true }] }, 'elements.0.showOtherItem: showOtherItem is not supported on the kiosk'],
    ['rating values', { elements: [{ type: 'rating', name: 'a', rateValues: [1, 2] }] }, 'rateValues (use rateMin and rateMax) is not supported'],
    ['an upside-down rating', { elements: [{ type: 'rating', name: 'a', rateMin: 5, rateMax: 3 }] }, 'rateMin must be below rateMax'],
    ['a text box of another kind', { elements: [{ type: 'text', name: 'a', inputType: 'date' }] }, 'elements.0.inputType'],
    ['JSON that is not an object', 'just text', 'Invalid input: expected object, received string'],
    ['null', null, 'Invalid input: expected object, received null'],
  ])('refuses %s, saying why', (_what, def, expected) => {
    expect(reason(def)).toContain(expected);
  });
});

describe('splitSurveys and the surveys message', () => {
  it('keeps the good surveys and refuses each bad one with its id and reason', () => {
    const bad = { ...visit!, id: 'sv-bad', definition: { elements: [{ type: 'imagepicker', name: 'q' }] } };
    const { surveys, refused } = splitSurveys([visit, bad, 42, service]);
    expect(surveys.map((s) => s.id)).toEqual(['sv-visit', 'sv-service']);
    expect(refused).toEqual([
      { id: 'sv-bad', version: 1, reason: expect.stringMatching(/^survey sv-bad: definition\.elements\.0\.type: unknown question type "imagepicker"/) },
      { id: null, version: null, reason: expect.stringMatching(/^survey #3: /) },
    ]);
  });

  it('a payload that is not JSON, or not a surveys message, is refused by the receiver as a whole', () => {
    const topic = topics.surveys('demo-mall');
    expect(receive(DOWNSTREAM_ROUTES, topic, Buffer.from('{"mallId": "demo-mall", "version": 3, '))).toMatchObject({ kind: 'refused', reason: 'not JSON' });
    const wrong = receive(DOWNSTREAM_ROUTES, topic, Buffer.from(JSON.stringify({ mallId: 'demo-mall', version: 0, publishedAt: now.toISOString(), surveys: [] })));
    expect(wrong).toMatchObject({ kind: 'refused', reason: expect.stringContaining('version') });
    const ok = receive(DOWNSTREAM_ROUTES, topic, Buffer.from(JSON.stringify({ mallId: 'demo-mall', version: 3, publishedAt: now.toISOString(), surveys: [visit, { id: 'x' }] })));
    if (ok.kind !== 'message' || ok.route !== 'surveys') throw new Error(`not received: ${JSON.stringify(ok)}`);
    expect(ok.data.surveys.map((s) => s.id)).toEqual(['sv-visit']);
    expect(ok.data.refused).toEqual([{ id: 'x', version: null, reason: expect.stringMatching(/^survey x: /) }]);
  });
});

describe('checkAnswers', () => {
  const def = visit!.definition;
  const good = { purpose: 'dining', floors: ['1F', '5F'], overall: 4, recommend: false, transport: 'metro', favourite: '蜀香火锅 Shu 🙂', ideas: 'ok' };

  it('accepts one answer of each type, and leaves out empty optional ones', () => {
    expect(checkAnswers(def, good)).toEqual({ ok: true, answers: good });
    expect(checkAnswers(def, { purpose: 'cinema', overall: 1, floors: [], ideas: '   ' })).toEqual({ ok: true, answers: { purpose: 'cinema', overall: 1 } });
  });

  it.each([
    ['purpose: "flying" is not one of its choices', { ...good, purpose: 'flying' }],
    ['transport: "car " is not one of its choices', { ...good, transport: 'car ' }],
    ['floors: expected distinct choices of this question', { ...good, floors: ['1F', '1F'] }],
    ['floors: expected distinct choices of this question', { ...good, floors: '1F' }],
    ['overall: expected a whole number from 1 to 5', { ...good, overall: 6 }],
    ['overall: expected a whole number from 1 to 5', { ...good, overall: 3.5 }],
    ['recommend: expected yes or no (a boolean)', { ...good, recommend: 'yes' }],
    ['favourite: expected text', { ...good, favourite: 7 }],
    ['favourite: at most 40 characters (got 41)', { ...good, favourite: '店'.repeat(41) }],
    ['ideas: at most 300 characters (got 5000)', { ...good, ideas: 'x'.repeat(5000) }],
    ['overall: an answer is required', { ...good, overall: undefined }],
    ['extra: no such question in this survey', { ...good, extra: 1 }],
  ])('refuses with %j', (expected, answers) => {
    expect(checkAnswers(def, answers as Record<string, unknown>)).toEqual({ ok: false, reason: expected });
  });

  it('counts characters, not UTF-16 units: 40 emoji fit a 40-character answer', () => {
    expect(checkAnswers(def, { ...good, favourite: '🙂'.repeat(40) }).ok).toBe(true);
  });
});
