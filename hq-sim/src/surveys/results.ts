// Tallies of a survey's confirmed responses, per question (pure): counts per choice, a rating's distribution and mean,
// yes/no counts, and the text answers. `npm run hq -- survey results ID` prints them.
import { surveyQuestions, type Survey, type SurveyAnswers } from '../../../contracts/survey.ts';

export type QuestionTally = { name: string; type: string; answered: number; lines: string[] };

const textOf = (t: unknown): string => (typeof t === 'string' ? t : t && typeof t === 'object' ? String((t as Record<string, unknown>)['default'] ?? Object.values(t)[0] ?? '') : '');

export function tallySurvey(survey: Survey, responses: readonly SurveyAnswers[]): QuestionTally[] {
  return surveyQuestions(survey.definition).map((q) => {
    const values = responses.map((r) => r[q.name]).filter((v) => v !== undefined);
    const count = (pred: (v: unknown) => boolean) => values.filter(pred).length;
    let lines: string[];
    switch (q.type) {
      case 'radiogroup':
      case 'dropdown':
      case 'checkbox':
        lines = q.choices.map((c) => {
          const value = typeof c === 'object' ? c.value : c;
          const label = typeof c === 'object' && c.text !== undefined ? textOf(c.text) : String(value);
          return `${label}: ${count((v) => (Array.isArray(v) ? v.includes(value) : v === value))}`;
        });
        break;
      case 'rating': {
        const nums = values.filter((v): v is number => typeof v === 'number');
        const mean = nums.length ? (nums.reduce((a, b) => a + b, 0) / nums.length).toFixed(2) : '-';
        lines = [`mean ${mean}`, ...Array.from({ length: (q.rateMax ?? 5) - (q.rateMin ?? 1) + 1 }, (_, i) => (q.rateMin ?? 1) + i).map((n) => `${n}: ${count((v) => v === n)}`)];
        break;
      }
      case 'boolean':
        lines = [`yes: ${count((v) => v === true)}`, `no: ${count((v) => v === false)}`];
        break;
      default:
        lines = values.filter((v): v is string => typeof v === 'string').slice(-10).map((t) => `“${t.slice(0, 80)}”`);
    }
    return { name: q.name, type: q.type, answered: values.length, lines };
  });
}
