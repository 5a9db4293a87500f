// How a survey HQ defined is shown on the kiosk (pure, no SurveyJS import, so it is unit-tested without it): dropdowns
// become big buttons (a radiogroup answers the same single value), choices lay out in columns, and SurveyJS is told
// one question per page with a progress bar, no question numbers, and no page of its own at the end (the kiosk
// shows the result of sending, which only HQ's confirmation turns into points).
import { SURVEY_TEXT_MAX, type SurveyDefinition, type SurveyQuestion } from '../../../contracts/survey.ts';
import type { UiLanguage } from '../../../contracts/config.ts';

/** SurveyJS's locale for a UI language (its simplified Chinese locale is `zh-cn`). */
export const surveyLocale = (lang: UiLanguage): 'zh-cn' | 'en' => (lang === 'en' ? 'en' : 'zh-cn');

/** Switches a SurveyJS model's language (the kiosk's language switch works mid-survey; answers are kept). */
export function setSurveyLocale(model: { locale: string }, lang: UiLanguage): void {
  model.locale = surveyLocale(lang);
}

function forKiosk(q: SurveyQuestion): Record<string, unknown> {
  switch (q.type) {
    case 'dropdown':
      return { ...q, type: 'radiogroup', colCount: q.choices.length > 4 ? 2 : 1 };
    case 'radiogroup':
    case 'checkbox':
      return { ...q, colCount: q.choices.length > 4 ? 2 : 1 };
    case 'rating':
      return { ...q, displayMode: 'buttons' };
    case 'boolean':
      return { ...q, renderAs: 'radio' };
    case 'text':
    case 'comment':
      return { ...q, maxLength: q.maxLength ?? SURVEY_TEXT_MAX, ...(q.type === 'comment' ? { rows: 4, autoGrow: false } : {}) };
    default:
      return q;
  }
}

/** The SurveyJS JSON the kiosk renders for a checked definition. */
export function kioskSurveyJson(d: SurveyDefinition): Record<string, unknown> {
  const pages = d.pages ?? [{ name: 'page1', elements: d.elements ?? [] }];
  return {
    pages: pages.map((p, i) => ({ name: p.name ?? `page${i + 1}`, elements: p.elements.map(forKiosk) })),
    questionsOnPageMode: 'questionPerPage',
    showProgressBar: true,
    progressBarType: 'questions',
    progressBarShowPageNumbers: false,
    showQuestionNumbers: 'off',
    showCompletedPage: false,
    showTitle: false,
    widthMode: 'responsive',
    checkErrorsMode: 'onNextPage',
    // A text answer counts as it is typed: SurveyJS otherwise commits it on blur, and a tap on "next" (or an
    // on-screen keyboard, which never blurs the box) could leave it behind.
    textUpdateMode: 'onTyping',
  };
}
