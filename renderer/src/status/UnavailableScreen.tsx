// The agent is not answering: say so calmly, show that the screen is retrying (and when), offer a retry now.
import { useEffect, useState } from 'react';
import { statusStrings } from '../i18n/strings.ts';
import { fillTemplate } from '../i18n/translate.ts';
import { BilingualLine, StatusScreen } from './StatusScreen.tsx';

type Props = { attempt: number; retryAt: number | null; onRetryNow: () => void };

export function UnavailableScreen({ attempt, retryAt, onRetryNow }: Props) {
  const s = statusStrings;
  const seconds = useSecondsUntil(retryAt);
  const waiting = retryAt !== null && seconds > 0;
  const progress = waiting
    ? { zh: fillTemplate(s.retryingIn['zh-CN'], { attempt, seconds }), en: fillTemplate(s.retryingIn.en, { attempt, seconds }) }
    : { zh: s.retryingNow['zh-CN'], en: s.retryingNow.en };
  return (
    <StatusScreen screen="unavailable" title={{ zh: s.unavailableTitle['zh-CN'], en: s.unavailableTitle.en }}>
      <BilingualLine zh={s.unavailableBody['zh-CN']} en={s.unavailableBody.en} />
      <div className="status__progress" data-testid="retry-status" data-attempt={attempt}>
        <span className="status__spinner" aria-hidden="true" />
        <BilingualLine className="status__quiet" zh={progress.zh} en={progress.en} />
      </div>
      <button type="button" className="status__button" onClick={onRetryNow} disabled={!waiting} data-testid="retry-now">
        <span lang="zh-CN">{s.retryNow['zh-CN']}</span>
        <span className="status__button-en" lang="en">{s.retryNow.en}</span>
      </button>
    </StatusScreen>
  );
}

function useSecondsUntil(at: number | null): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (at === null) return undefined;
    // eslint-disable-next-line react-hooks/set-state-in-effect -- a new deadline counts from now at once, not a tick later
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(timer);
  }, [at]);
  return at === null ? 0 : Math.max(0, Math.ceil((at - now) / 1000));
}
