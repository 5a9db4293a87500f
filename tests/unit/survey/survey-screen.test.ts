// The survey screen's pure parts: the SurveyJS JSON the kiosk renders (one question a page, progress, dropdowns as
// big buttons, text counted as typed), the session's survey screen (opened from the guide or member home, back to
// where it came from, gone with the session), and survey-core's stylesheet restyling nothing outside SurveyJS.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { SurveyDefinition } from '../../../contracts/survey.ts';
import { demoSurveys } from '../../../hq-sim/src/surveys/demo.ts';
import { initialSession, kioskSessionReducer } from '../../../renderer/src/session/kioskSession.ts';
import { kioskSurveyJson, setSurveyLocale, surveyLocale } from '../../../renderer/src/survey/surveyModel.ts';
import type { MemberHome } from '../../../contracts/members.ts';

const [visit, service] = demoSurveys(new Date('2026-06-01T10:00:00Z'));

describe('kioskSurveyJson', () => {
  it('shows one question a page with progress, no numbers and no SurveyJS end page', () => {
    const json = kioskSurveyJson(visit!.definition);
    expect(json).toMatchObject({ questionsOnPageMode: 'questionPerPage', showProgressBar: true, showQuestionNumbers: 'off', showCompletedPage: false, textUpdateMode: 'onTyping' });
  });

  it('turns a dropdown into big buttons answering the same value, and wraps a list of elements in a page', () => {
    const pages = kioskSurveyJson(visit!.definition)['pages'] as { elements: Record<string, unknown>[] }[];
    const transport = pages.flatMap((p) => p.elements).find((q) => q['name'] === 'transport')!;
    expect(transport).toMatchObject({ type: 'radiogroup', choices: expect.any(Array) });
    const single = kioskSurveyJson(service!.definition)['pages'] as { name: string; elements: unknown[] }[];
    expect(single).toHaveLength(1);
    expect(single[0]!.elements).toHaveLength(2);
    // What the kiosk renders is still a definition the contract accepts.
    expect(SurveyDefinition.safeParse({ pages: pages.map((p) => ({ elements: p.elements })) }).success).toBe(true);
  });

  it('maps the UI language to SurveyJS locales', () => {
    expect(surveyLocale('zh-CN')).toBe('zh-cn');
    expect(surveyLocale('en')).toBe('en');
    const model = { locale: '' };
    setSurveyLocale(model, 'en');
    expect(model.locale).toBe('en');
  });
});

describe('the survey screen in the kiosk session', () => {
  const home = { memberSession: 'session-0000000000000001' } as MemberHome;
  it('opens from the guide home and goes back there; from a member home back to it; idle ends it', () => {
    let s = kioskSessionReducer(initialSession('zh-CN', 60, 0), { type: 'touch', at: 1 });
    s = kioskSessionReducer(s, { type: 'openSurvey', surveyId: 'sv-visit', place: 'home', at: 2 });
    expect(s).toMatchObject({ screen: 'survey', surveyTarget: { surveyId: 'sv-visit', place: 'home' } });
    s = kioskSessionReducer(s, { type: 'closeSurvey', at: 3 });
    expect(s).toMatchObject({ screen: 'home', surveyTarget: null });
    s = kioskSessionReducer(s, { type: 'memberIdentified', home, at: 4 });
    s = kioskSessionReducer(s, { type: 'openSurvey', surveyId: 'sv-service', place: 'member', at: 5 });
    expect(s.screen).toBe('survey');
    expect(kioskSessionReducer(s, { type: 'closeSurvey', at: 6 })).toMatchObject({ screen: 'member', surveyTarget: null });
    const idle = kioskSessionReducer(s, { type: 'tick', at: 5 + 60_000 });
    expect(idle).toMatchObject({ screen: 'attract', member: null, surveyTarget: null });
  });

  it('is not opened from other screens', () => {
    const attract = initialSession('zh-CN', 60, 0);
    expect(kioskSessionReducer(attract, { type: 'openSurvey', surveyId: 'sv-visit', place: 'home', at: 1 })).toBe(attract);
  });
});

describe('survey-core`s stylesheet', () => {
  it('styles only SurveyJS`s own classes: its other rules only declare --sjs custom properties', () => {
    const require = createRequire(import.meta.url);
    const css = readFileSync(require.resolve('survey-core/survey-core.fontless.css'), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');
    const outside: string[] = [];
    let rules = 0;
    // Top-level rules (keyframes blocks skipped): selector { declarations }.
    for (const m of css.matchAll(/(^|})\s*([^{}@]+)\{([^{}]*)\}/g)) {
      const selector = m[2]!.trim();
      if (/^(from|to|\d+%)/.test(selector)) continue;
      rules += 1;
      const scoped = selector.split(',').every((part) => /\.(sd|sv|svc|sjs)[-_a-zA-Z0-9]*|sv-popup|sv-ng-/.test(part));
      const onlyVars = m[3]!.split(';').map((d) => d.trim()).filter(Boolean).every((d) => d.startsWith('--'));
      if (!scoped && !onlyVars) outside.push(selector);
    }
    expect(rules).toBeGreaterThan(500);
    expect(outside).toEqual([]);
  });
});
