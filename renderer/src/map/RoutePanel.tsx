// The route beside (landscape) or under (portrait) the map: where to, how far and how long, the step-free switch,
// the steps (a tap shows that step's level; a lift or escalator step shows the level it goes to), "next" through
// the legs, and the QR for the phone. Refusals get a plain sentence.
import type { UiLanguage } from '../../../contracts/config.ts';
import { localized } from '../i18n/translate.ts';
import { useMapText } from './mapStrings.ts';
import { RouteQr } from './RouteQr.tsx';
import { routeMinutes, stepTargets, type StepTarget } from './routeSteps.ts';
import type { RouteState } from './useRoute.ts';

type Props = {
  state: RouteState;
  lang: UiLanguage;
  accessible: boolean;
  onAccessible: (on: boolean) => void;
  leg: number;
  onStep: (target: StepTarget) => void;
  levelName: (levelId: string) => string;
};

export function RoutePanel({ state, lang, accessible, onAccessible, leg, onStep, levelName }: Props) {
  const mt = useMapText();
  if (state.status === 'idle') {
    return <aside className="route-panel route-panel--hint" data-testid="route-panel"><p className="route-panel__hint">{mt('pickPlace')}</p></aside>;
  }
  const toggle = (
    <button
      type="button"
      role="switch"
      aria-checked={accessible}
      className={`step-free${accessible ? ' step-free--on' : ''}`}
      onClick={() => onAccessible(!accessible)}
      data-testid="step-free"
    >
      <span className="step-free__track" aria-hidden="true"><span className="step-free__knob" /></span>
      <span className="step-free__label">{mt('stepFree')}</span>
    </button>
  );
  if (state.status !== 'ready') {
    return (
      <aside className="route-panel" data-testid="route-panel" aria-busy={state.status === 'loading'}>
        {toggle}
        {state.status === 'loading'
          ? <p className="route-panel__hint" data-testid="route-loading">{mt('planning')}</p>
          : <p className="route-panel__error" role="alert" data-testid="route-error" data-message={state.message}>{mt(state.message)}</p>}
      </aside>
    );
  }

  const { route, shareUrl } = state;
  const targets = stepTargets(route);
  const name = route.to.name ? localized(route.to.name, lang) : route.to.ref;
  const lastLeg = route.legs.length - 1;
  const next = () => onStep({ leg: leg + 1, levelId: route.legs[leg + 1]!.levelId });
  return (
    <aside className="route-panel" data-testid="route-panel" data-to={route.to.ref}>
      <div className="route-panel__head">
        <h2 className="route-panel__title" data-testid="route-title">{mt('routeTo', { name })}</h2>
        <p className="route-panel__total" data-testid="route-total">{mt('routeTotal', { metres: Math.round(route.metres), minutes: routeMinutes(route.seconds) })}</p>
      </div>
      {toggle}
      <ol className="route-steps" data-testid="route-steps">
        {route.steps.map((step, i) => (
          <li key={i}>
            <button
              type="button"
              className={`route-step route-step--${step.kind}${lastLeg > 0 && targets[i]!.leg === leg ? ' route-step--current' : ''}`}
              onClick={() => onStep(targets[i]!)}
              data-testid="route-step"
              data-kind={step.kind}
              data-level-id={targets[i]!.levelId}
            >
              <span className="route-step__n" aria-hidden="true">{i + 1}</span>
              <span className="route-step__text">{localized(step.text, lang)}</span>
            </button>
          </li>
        ))}
      </ol>
      {lastLeg > 0 && (
        <div className="route-legs">
          <span className="route-legs__where" data-testid="route-leg-label">
            {mt('legOf', { n: leg + 1, count: lastLeg + 1, level: levelName(route.legs[leg]!.levelId) })}
          </span>
          <button type="button" className="route-legs__next" onClick={next} disabled={leg >= lastLeg} data-testid="route-next">{mt('next')}</button>
        </div>
      )}
      <RouteQr url={shareUrl} />
    </aside>
  );
}
