// One setting: label, where its value comes from, a control generated from its rule, and what it allows when a
// value is refused. Choices save on tap; numbers and text save with the button once the schema accepts them.
import { useState, type ReactNode } from 'react';
import type { UiLanguage } from '../../../../contracts/config.ts';
import type { SettingField, SettingRule, StaffMember, StaffSettings } from '../../../../contracts/staff.ts';
import { checkSetting, integerDraft, isTimeRule, objectDraft, type ControlProps, type FieldProblem, type SaveOutcome } from '../settingsForm.ts';
import { fieldWords, sourceText, st } from '../staffStrings.ts';
import { PlaylistControl } from './PlaylistControl.tsx';

type Props = {
  field: SettingField;
  rule: SettingRule;
  lang: UiLanguage;
  settings: StaffSettings;
  me: StaffMember;
  onSave: (value: unknown) => Promise<SaveOutcome>;
  onClear: () => Promise<SaveOutcome>;
  /** Text shown in empty text fields (e.g. the built-in privacy notice), by part name. */
  placeholders?: Record<string, string>;
};

export function SettingCard({ field, rule, lang, settings, me, onSave, onClear, placeholders }: Props) {
  const words = fieldWords[field];
  const value = settings.effective[field];
  const source = settings.sources[field];
  const override = settings.overrides.find((o) => o.field === field);
  const [state, setState] = useState<{ kind: 'idle' } | { kind: 'saving' } | { kind: 'saved' } | { kind: 'failed'; message: string }>({ kind: 'idle' });
  const [problem, setProblem] = useState<FieldProblem | null>(null);

  const submit = async (v: unknown, op?: () => Promise<SaveOutcome>) => {
    const p = op ? null : checkSetting(field, v, lang);
    setProblem(p);
    if (p) return;
    setState({ kind: 'saving' });
    const r = await (op ?? (() => onSave(v)))();
    setState(r.ok ? { kind: 'saved' } : { kind: 'failed', message: r.message });
  };

  let control: ReactNode;
  if (rule.kind === 'choice' || rule.kind === 'boolean') {
    const options = rule.kind === 'choice' ? rule.options : ['true', 'false'];
    control = (
      <div className="staff-segments" role="group" aria-label={words.label[lang]}>
        {options.map((o) => {
          const v = rule.kind === 'boolean' ? o === 'true' : o;
          return (
            <button key={o} type="button" className="staff-segments__item" aria-pressed={value === v} data-testid={`setting-${field}-${o}`} disabled={state.kind === 'saving'}
              onClick={() => { if (value !== v) void submit(v); }}>
              {words.options?.[o]?.[lang] ?? o}
            </button>
          );
        })}
      </div>
    );
  } else if (rule.kind === 'integer') {
    control = <IntegerControl field={field} rule={rule} value={value as number} lang={lang} busy={state.kind === 'saving'} onCheck={setProblem} onSubmit={(v) => void submit(v)} />;
  } else if (rule.kind === 'object') {
    control = (
      <ObjectControl field={field} rule={rule} value={value as Record<string, string> | null | undefined} lang={lang} busy={state.kind === 'saving'}
        problem={problem} placeholders={placeholders ?? {}} onCheck={setProblem} onSubmit={(v) => void submit(v)} />
    );
  } else if (rule.kind === 'list' && field === 'attractPlaylist') {
    control = <PlaylistControl field={field} rule={rule} value={value as string[] | null | undefined} lang={lang} busy={state.kind === 'saving'} onCheck={setProblem} onSubmit={(v) => void submit(v)} />;
  } else {
    control = null;
  }

  return (
    <section className="staff-card setting" data-testid={`setting-${field}`} data-source={source}>
      <header className="setting__head">
        <h3 className="setting__label">{words.label[lang]}</h3>
        <span className={`setting__source setting__source--${source}`} data-testid={`setting-${field}-source`}>
          {sourceText(lang, source, settings.hq?.version ?? 0, override?.staffId === me.staffId ? me.name : override?.staffId ?? '')}
        </span>
      </header>
      <p className="setting__help">{words.help[lang]}</p>
      {control}
      <div className="setting__foot">
        <p className={`setting__message${problem || state.kind === 'failed' ? ' setting__message--error' : ''}`} data-testid={`setting-${field}-message`} role="status">
          {problem ? problem.message : state.kind === 'failed' ? state.message : state.kind === 'saved' ? st(lang, 'saved') : state.kind === 'saving' ? st(lang, 'saving') : ''}
          {problem && <span className="setting__detail" data-testid={`setting-${field}-detail`}>{problem.detail}</span>}
        </p>
        {source === 'staff' && (
          <button type="button" className="staff-button" data-testid={`setting-${field}-clear`} onClick={() => void submit(undefined, onClear)}>
            {settings.hq?.config[field] !== undefined ? st(lang, 'clearOverride') : st(lang, 'clearOverrideNoHq')}
          </button>
        )}
      </div>
    </section>
  );
}

function IntegerControl({ field, rule, value, lang, busy, onCheck, onSubmit }: ControlProps<Extract<SettingRule, { kind: 'integer' }>, number>) {
  const [text, setText] = useState(String(value));
  // A new value from the agent replaces the draft (adjusted during render, React's pattern for state that follows a prop).
  const [textFor, setTextFor] = useState(value);
  if (textFor !== value) {
    setTextFor(value);
    setText(String(value));
  }
  const draft = integerDraft(text);
  const problem = checkSetting(field, draft, lang);
  const change = (t: string) => { setText(t); onCheck(checkSetting(field, integerDraft(t), lang)); };
  const step = (d: number) => {
    const n = typeof draft === 'number' ? draft : value;
    change(String(Math.min(rule.max, Math.max(rule.min, n + d))));
  };
  return (
    <div className="setting__row">
      <button type="button" className="staff-button staff-button--square" data-testid={`setting-${field}-minus`} disabled={busy} onClick={() => step(-1)} aria-label="−1">−</button>
      <input className={`staff-input staff-input--number${problem ? ' staff-input--bad' : ''}`} data-testid={`setting-${field}-input`} inputMode="numeric" value={text}
        aria-invalid={problem !== null} onChange={(e) => change(e.target.value)} />
      <button type="button" className="staff-button staff-button--square" data-testid={`setting-${field}-plus`} disabled={busy} onClick={() => step(1)} aria-label="+1">+</button>
      <span className="setting__range">{rule.min}–{rule.max}</span>
      <button type="button" className="staff-button staff-button--primary" data-testid={`setting-${field}-save`} disabled={busy || draft === value}
        onClick={() => onSubmit(draft)}>{st(lang, 'save')}</button>
    </div>
  );
}

function ObjectControl({ field, rule, value, lang, busy, onCheck, onSubmit, problem, placeholders }: ControlProps<Extract<SettingRule, { kind: 'object' }>, Record<string, string> | null | undefined> & { problem: FieldProblem | null; placeholders: Record<string, string> }) {
  const fromValue = () => Object.fromEntries(rule.fields.map((f) => [f.name, value?.[f.name] ?? '']));
  const [parts, setParts] = useState<Record<string, string>>(fromValue);
  const [enabled, setEnabled] = useState(value != null);
  // A new value from the agent replaces the draft (adjusted during render, React's pattern for state that follows a prop).
  const key = JSON.stringify(value ?? null);
  const [partsFor, setPartsFor] = useState(key);
  if (partsFor !== key) {
    setPartsFor(key);
    setParts(fromValue());
    setEnabled(value != null);
  }
  const words = fieldWords[field];
  const draft = rule.nullable && !enabled ? null : objectDraft(rule, parts);
  const change = (name: string, v: string) => {
    const next = { ...parts, [name]: v };
    setParts(next);
    onCheck(checkSetting(field, objectDraft(rule, next), lang));
  };
  return (
    <div className="setting__object">
      {rule.nullable && (
        <div className="staff-segments" role="group">
          <button type="button" className="staff-segments__item" aria-pressed={!enabled} data-testid={`setting-${field}-none`} onClick={() => { setEnabled(false); onCheck(null); }}>{st(lang, 'none')}</button>
          <button type="button" className="staff-segments__item" aria-pressed={enabled} data-testid={`setting-${field}-enabled`} onClick={() => setEnabled(true)}>{st(lang, 'enabled')}</button>
        </div>
      )}
      {(!rule.nullable || enabled) && rule.fields.map((f) => (
        <label key={f.name} className="setting__part">
          <span className="setting__part-label">{words.parts?.[f.name]?.[lang] ?? f.name}</span>
          {f.rule.kind === 'text' && !isTimeRule(f.rule) && f.rule.maxLength > 60 ? (
            <textarea className={`staff-input staff-input--text${problem?.part === f.name ? ' staff-input--bad' : ''}`} rows={3} data-testid={`setting-${field}-${f.name}`}
              value={parts[f.name] ?? ''} placeholder={placeholders[f.name] ?? ''} onChange={(e) => change(f.name, e.target.value)} />
          ) : (
            <input className={`staff-input${problem?.part === f.name || (problem?.part === '' && enabled) ? ' staff-input--bad' : ''}`} data-testid={`setting-${field}-${f.name}`}
              value={parts[f.name] ?? ''} placeholder={isTimeRule(f.rule) ? 'HH:MM' : placeholders[f.name] ?? ''}
              inputMode={isTimeRule(f.rule) ? 'numeric' : 'text'} onChange={(e) => change(f.name, e.target.value)} />
          )}
        </label>
      ))}
      <button type="button" className="staff-button staff-button--primary setting__save" data-testid={`setting-${field}-save`} disabled={busy || JSON.stringify(draft) === key}
        onClick={() => onSubmit(draft)}>{st(lang, 'save')}</button>
    </div>
  );
}
