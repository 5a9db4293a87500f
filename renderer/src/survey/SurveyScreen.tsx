// The survey screen: one of HQ's surveys rendered by SurveyJS (survey-core + survey-react-ui, loaded only here: this
// module is its own chunk, and so is survey-core's CSS), one question a page with progress, in the kiosk's language.
// On completion the answers go to the agent (survey.answer: written with its outbox event), and the screen shows what
// happened: thanks, the reward as pending until HQ confirms it (polled with survey.response), or why not. A response
// id is made once per survey shown, so a retry of the same answers is the same response. Text questions are typed on
// the on-screen keyboard (KeyboardTextQuestions.tsx), whose chunk starts loading when the survey opens.
import { useEffect, useMemo, useRef, useState } from 'react';
import { BaseTheme, Model, SvgRegistry } from 'survey-core';
import { DefaultLightPanelless } from 'survey-core/themes';
import 'survey-core/i18n/simplified-chinese';
import { Survey } from 'survey-react-ui';
import 'survey-core/survey-core.fontless.css';
import type { UiLanguage } from '../../../contracts/config.ts';
import type { SurveyPlace, SurveyResponseState } from '../../../contracts/survey.ts';
import type { ApiResult } from '../../../contracts/api.ts';
import { call } from '../api/client.ts';
import { useLanguage } from '../i18n/LanguageContext.tsx';
import { LanguageSwitch } from '../i18n/LanguageSwitch.tsx';
import { localized } from '../i18n/translate.ts';
import { formatPoints } from '../format/dates.ts';
import { preloadOnScreenKeyboard } from '../ui/keyboard/LazyOnScreenKeyboard.tsx';
import { kioskSurveyJson, setSurveyLocale } from './surveyModel.ts';
import './KeyboardTextQuestions.tsx';
import { useSurveyText, type SurveyStringKey } from './surveyStrings.ts';
import './survey.css';

export type SurveyTarget = { surveyId: string; place: SurveyPlace };

type Props = {
  target: SurveyTarget;
  /** The signed-in member's session (null: a shopper who is not signed in). */
  memberSession: string | null;
  onClose: () => void;
  onLanguage: (language: UiLanguage) => void;
};

type Loaded = Extract<ApiResult<'survey.get'>, { status: 'survey' }>;
type Phase =
  | { kind: 'loading' }
  | { kind: 'unknown' }
  | { kind: 'answering'; loaded: Loaded }
  | { kind: 'sending'; loaded: Loaded; answers: Record<string, unknown> }
  | { kind: 'failed'; loaded: Loaded; answers: Record<string, unknown> }
  | { kind: 'refused'; key: SurveyStringKey }
  | { kind: 'recorded'; rewardPoints: number; response: SurveyResponseState; hqOnline: boolean };

const REFUSAL_KEY: Record<string, SurveyStringKey> = {
  already_answered: 'refusedAlready', closed: 'refusedClosed', not_for_you: 'refusedNotForYou', anonymous_not_allowed: 'refusedAnonymous',
  version_changed: 'refusedChanged', invalid_answers: 'refusedInvalid', unknown_survey: 'unknown',
};

export default function SurveyScreen({ target, memberSession, onClose, onLanguage }: Props) {
  const st = useSurveyText();
  const lang = useLanguage();
  const [phase, setPhase] = useState<Phase>({ kind: 'loading' });
  const responseId = useRef(crypto.randomUUID());

  useEffect(() => {
    let live = true;
    call('survey.get', { surveyId: target.surveyId, ...(memberSession ? { memberSession } : {}) }).then(
      (r) => {
        if (!live) return;
        if (r.status === 'unknown') return setPhase({ kind: 'unknown' });
        if (r.answered) return setPhase({ kind: 'refused', key: 'refusedAlready' });
        setPhase({ kind: 'answering', loaded: r });
      },
      () => live && setPhase({ kind: 'unknown' }),
    );
    return () => { live = false; };
  }, [target.surveyId, memberSession]);

  const send = (loaded: Loaded, answers: Record<string, unknown>) => {
    setPhase({ kind: 'sending', loaded, answers });
    call('survey.answer', {
      surveyId: loaded.survey.id, surveyVersion: loaded.survey.version, responseId: responseId.current, answers,
      lang: lang === 'en' ? 'en' : 'zh', ...(memberSession ? { memberSession } : {}),
    }).then(
      (r) => setPhase(r.status === 'recorded'
        ? { kind: 'recorded', rewardPoints: r.rewardPoints, response: r.response, hqOnline: r.hqOnline }
        : { kind: 'refused', key: REFUSAL_KEY[r.reason] ?? 'refusedInvalid' }),
      (err: unknown) => { console.warn('atrium: survey answer failed', (err as Error).message); setPhase({ kind: 'failed', loaded, answers }); },
    );
  };

  const title = phase.kind === 'answering' || phase.kind === 'sending' || phase.kind === 'failed' ? localized(phase.loaded.survey.title, lang) : st('entryTitle');
  return (
    <div className="survey-screen" data-testid="survey-screen" data-phase={phase.kind}>
      <header className="survey-header">
        <button type="button" className="survey-header__back" onClick={onClose} data-testid="survey-back">
          <span aria-hidden="true">‹</span> {st('back')}
        </button>
        <h1 className="survey-header__title">{title}</h1>
        <LanguageSwitch onLanguage={onLanguage} />
      </header>
      <main className="survey-body">
        {phase.kind === 'loading' && <p className="survey-note">{st('loading')}</p>}
        {phase.kind === 'unknown' && <Outcome lines={[st('unknown')]} onDone={onClose} />}
        {phase.kind === 'refused' && <Outcome lines={[st(phase.key)]} onDone={onClose} testId="survey-refused" />}
        {phase.kind === 'answering' && (
          <>
            <p className="survey-note" data-testid="survey-reward-note">
              {memberSession && phase.loaded.survey.rewardPoints > 0 ? st('rewardNote', { points: phase.loaded.survey.rewardPoints }) : phase.loaded.survey.allowAnonymous ? st('anonymousNote') : ''}
            </p>
            <SurveyForm loaded={phase.loaded} lang={lang} onComplete={(answers) => send(phase.loaded, answers)} />
          </>
        )}
        {phase.kind === 'sending' && <p className="survey-note" data-testid="survey-sending">{st('sending')}</p>}
        {phase.kind === 'failed' && (
          <section className="survey-outcome" role="alert">
            <p>{st('failed')}</p>
            <button type="button" className="survey-done" onClick={() => send(phase.loaded, phase.answers)} data-testid="survey-retry">{st('retry')}</button>
          </section>
        )}
        {phase.kind === 'recorded' && <Recorded initial={phase} member={memberSession !== null} onDone={onClose} />}
      </main>
    </div>
  );
}

// One of SurveyJS's icons (the timer's circle, unused here) carries an inline style attribute, which the kiosk's CSP
// refuses when the icon sheet is written into the page: the attributes go (the icons are drawn by the stylesheet).
for (const [id, svg] of Object.entries(SvgRegistry.icons)) SvgRegistry.icons[id] = svg.replace(/\sstyle="[^"]*"/g, '');

const KIOSK_SCALE = {
  '--sjs2-base-unit-size': '12px', '--sjs2-base-unit-spacing': '12px', '--sjs2-base-unit-font-size': '12px', '--sjs2-base-unit-line-height': '12px',
  '--sjs2-base-unit-radius': '12px', '--sjs2-typography-font-family-text': 'inherit', '--sjs2-typography-font-family-heading': 'inherit',
};

/** SurveyJS itself: the model is made once per survey; the locale follows the kiosk's language. */
function SurveyForm({ loaded, lang, onComplete }: { loaded: Loaded; lang: UiLanguage; onComplete: (answers: Record<string, unknown>) => void }) {
  const model = useMemo(() => {
    const m = new Model(kioskSurveyJson(loaded.survey.definition));
    // SurveyJS's default light theme, scaled up by half for a touch screen seen from a step away.
    // The kiosk's CSP allows no inline <style> elements, where SurveyJS puts its base theme's variables: they go on the
    // survey's root element with the theme's, through the DOM's style object, which the CSP allows.
    m.applyTheme({ ...DefaultLightPanelless, cssVariables: { ...BaseTheme.cssVariables, ...DefaultLightPanelless.cssVariables, ...KIOSK_SCALE } });
    m.generateStylesheet = false;
    // The on-screen keyboard types into text boxes: a touch on the box must not open the system's keyboard over it.
    m.onAfterRenderQuestion.add((_, o) => o.htmlElement.querySelectorAll('input[type="text"], textarea').forEach((el) => el.setAttribute('inputmode', 'none')));
    return m;
  }, [loaded]);
  useEffect(() => {
    const handler = (sender: Model) => onComplete({ ...sender.data as Record<string, unknown> });
    model.onComplete.add(handler);
    return () => model.onComplete.remove(handler);
  }, [model, onComplete]);
  useEffect(() => setSurveyLocale(model, lang), [model, lang]);
  useEffect(() => {
    if (model.getAllQuestions().some((q) => q.getType() === 'text' || q.getType() === 'comment')) preloadOnScreenKeyboard();
  }, [model]);
  return (
    <div className="survey-form" data-testid="survey-form" data-page={model.currentPageNo}>
      <Survey model={model} />
    </div>
  );
}

/** After sending: the reward is pending until HQ's word arrives (polled); only a confirmation shows points as credited. */
function Recorded({ initial, member, onDone }: { initial: Extract<Phase, { kind: 'recorded' }>; member: boolean; onDone: () => void }) {
  const st = useSurveyText();
  const [state, setState] = useState({ response: initial.response, hqOnline: initial.hqOnline });
  const pending = state.response.status === 'pending';
  useEffect(() => {
    if (!pending) return undefined;
    const timer = setInterval(() => {
      call('survey.response', { responseId: initial.response.responseId }).then(
        (r) => { if (r.response) setState({ response: r.response, hqOnline: r.hqOnline }); },
        () => {},
      );
    }, 1500);
    return () => clearInterval(timer);
  }, [pending, initial.response.responseId]);

  const r = state.response;
  const lines = [st('thanks')];
  if (!member) lines.push(st('anonymousThanks'));
  else if (r.status === 'confirmed' && r.pointsAwarded > 0) lines.push(r.pointsBalance !== null ? st('confirmed', { points: r.pointsAwarded, balance: formatPoints(r.pointsBalance) }) : st('confirmedNoBalance', { points: r.pointsAwarded }));
  else if (r.status === 'rejected') lines.push(st('rejected', { why: st(r.detail?.startsWith('duplicate_response') ? 'whyDuplicate' : 'whyOther') }));
  else if (pending && initial.rewardPoints > 0) lines.push(st(state.hqOnline ? 'pendingReward' : 'offlineSaved', { points: initial.rewardPoints }));
  return <Outcome lines={lines} onDone={onDone} testId="survey-recorded" status={r.status} />;
}

function Outcome({ lines, onDone, testId, status }: { lines: string[]; onDone: () => void; testId?: string; status?: string }) {
  const st = useSurveyText();
  return (
    <section className="survey-outcome" data-testid={testId} data-status={status}>
      {lines.map((l, i) => <p key={i} className={i === 0 ? 'survey-outcome__lead' : 'survey-outcome__line'}>{l}</p>)}
      <button type="button" className="survey-done" onClick={onDone} data-testid="survey-done">{st('done')}</button>
    </section>
  );
}
