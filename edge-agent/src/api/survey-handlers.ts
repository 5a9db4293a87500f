// The survey.* API methods (contracts/survey.ts), answered by the survey service.
import type { ApiHandlers, SurveyMethod } from '../../../contracts/api.ts';
import type { SurveyService } from '../surveys/service.ts';

export function surveyHandlers(surveys: SurveyService): Pick<ApiHandlers, SurveyMethod> {
  return {
    'survey.list': (params) => surveys.list(params),
    'survey.get': (params) => surveys.get(params),
    'survey.answer': (params) => surveys.answer(params),
    'survey.response': (params) => surveys.response(params),
  };
}
