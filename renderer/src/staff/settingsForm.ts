// The settings form, read from the shared schema: which fields there are, what kind of control each gets, and what
// it allows. A value is checked with the field's own zod schema before it is sent; the message says what is allowed
// in the console's language, with the schema's own error beside it. Pure.
import type { UiLanguage } from '../../../contracts/config.ts';
import { HH_MM_PATTERN, settingFields, settingRule, settingSchema, type SettingField, type SettingRule } from '../../../contracts/staff.ts';
import { zodIssues } from '../../../contracts/zod-errors.ts';
import { fieldWords, st } from './staffStrings.ts';

export type FormField = { field: SettingField; rule: SettingRule };

/** What saving or clearing a setting came to, as the settings page reports it to a card. */
export type SaveOutcome = { ok: true } | { ok: false; message: string };

/** What every generated control gets from its card (pages/SettingCard.tsx and the controls beside it). */
export type ControlProps<R extends SettingRule, V> = {
  field: SettingField;
  rule: R;
  value: V;
  lang: UiLanguage;
  busy: boolean;
  onCheck: (p: FieldProblem | null) => void;
  onSubmit: (value: unknown) => void;
};

export function formFields(): FormField[] {
  return settingFields.map((field) => ({ field, rule: settingRule(field) }));
}

export function isTimeRule(rule: SettingRule): boolean {
  return rule.kind === 'text' && rule.pattern === HH_MM_PATTERN;
}

/** What a rule allows, in the console's language. */
export function allowedText(rule: SettingRule, lang: UiLanguage, field?: SettingField): string {
  switch (rule.kind) {
    case 'integer':
      return st(lang, 'allowedInteger', { min: rule.min, max: rule.max });
    case 'boolean':
      return st(lang, 'allowedBoolean');
    case 'choice': {
      const words = field ? fieldWords[field].options : undefined;
      return st(lang, 'allowedChoice', { options: rule.options.map((o) => words?.[o]?.[lang] ?? o).join(lang === 'en' ? ', ' : '、') });
    }
    case 'text':
      if (isTimeRule(rule)) return st(lang, 'allowedTime');
      return rule.minLength > 0 ? st(lang, 'allowedRequiredText', { max: rule.maxLength }) : st(lang, 'allowedText', { min: rule.minLength, max: rule.maxLength });
    case 'object':
      return rule.fields.map((f) => allowedText(f.rule, lang)).join('; ');
    case 'list':
      return st(lang, 'allowedList', { min: rule.minItems, max: rule.maxItems });
  }
}

export type FieldProblem = {
  /** The part of the value it concerns ('' for the whole value, e.g. 'from' of screen-off hours). */
  part: string;
  /** What is allowed, in the console's language. */
  message: string;
  /** The schema's own error message. */
  detail: string;
};

/** Null when the schema accepts `value` for `field`; otherwise the first problem, said in the console's language. */
export function checkSetting(field: SettingField, value: unknown, lang: UiLanguage): FieldProblem | null {
  const r = settingSchema(field).safeParse(value);
  if (r.success) return null;
  const issue = r.error.issues[0]!;
  const rule = settingRule(field);
  const part = issue.path.length ? String(issue.path[0]) : '';
  const partRule = rule.kind === 'object' && part ? rule.fields.find((f) => f.name === part)?.rule : undefined;
  let message: string;
  if (partRule) message = allowedText(partRule, lang);
  else if (issue.code === 'custom' && field === 'screenOffHours') message = st(lang, 'allowedDifferentTimes');
  else message = allowedText(rule, lang, field);
  return { part, message, detail: zodIssues(r.error)[0]!.message };
}

/** A number field's text as the value to check: digits become a number; anything else stays text (and fails). */
export function integerDraft(text: string): unknown {
  const t = text.trim();
  return /^-?\d+$/.test(t) ? Number(t) : t;
}

/** Text fields of an object setting as its value: empty optional parts are left out. */
export function objectDraft(rule: Extract<SettingRule, { kind: 'object' }>, parts: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of rule.fields) {
    const v = parts[f.name] ?? '';
    if (v !== '' || f.required) out[f.name] = v;
  }
  return out;
}
