// Staff sign-in: a staff card on the scanner, or a name from the roster and a PIN on the keypad. Refusals say how
// many tries are left, or until when sign-in is locked. Closes by itself after a minute without input.
import { useCallback, useEffect, useLayoutEffect, useState } from 'react';
import type { ApiParams, ApiResult } from '../../../contracts/api.ts';
import type { UiLanguage } from '../../../contracts/config.ts';
import type { StaffMember } from '../../../contracts/staff.ts';
import { call } from '../api/client.ts';
import { useReportFailure } from '../api/AgentFailureContext.ts';
import { useWedgeScanner } from '../member/scan/useWedgeScanner.ts';
import { PinPad } from './PinPad.tsx';
import { StaffLanguageSwitch } from './StaffLanguageSwitch.tsx';
import { refusalText, st } from './staffStrings.ts';
import { useLatest } from '../ui/useLatest.ts';

export type SignedIn = Extract<ApiResult<'staff.signIn'>, { status: 'signed-in' }>;
type Roster = ApiResult<'staff.roster'>;

const CLOSE_AFTER_MS = 60_000;

export function StaffSignIn({ lang, onLanguage, onSignedIn, onClose }: { lang: UiLanguage; onLanguage: (l: UiLanguage) => void; onSignedIn: (s: SignedIn) => void; onClose: () => void }) {
  const reportFailure = useReportFailure();
  const [roster, setRoster] = useState<Roster | null>(null);
  const [chosen, setChosen] = useState<StaffMember | null>(null);
  const [pin, setPin] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);

  const loadRoster = useCallback(() => {
    call('staff.roster', {}).then(setRoster, (err: unknown) => { if (!reportFailure(err)) setMessage(st(lang, 'signInFailed')); });
  }, [lang, reportFailure]);
  useEffect(loadRoster, [loadRoster]);

  // Locked: ask again when the lock-out ends.
  useEffect(() => {
    if (!roster?.lockedUntil) return undefined;
    const timer = setTimeout(() => { setMessage(null); loadRoster(); }, Math.max(0, Date.parse(roster.lockedUntil) - Date.now()) + 500);
    return () => clearTimeout(timer);
  }, [roster?.lockedUntil, loadRoster]);

  // Nobody there: close.
  const closeRef = useLatest(onClose);
  useLayoutEffect(() => {
    let timer = setTimeout(() => closeRef.current(), CLOSE_AFTER_MS);
    const onInput = () => { clearTimeout(timer); timer = setTimeout(() => closeRef.current(), CLOSE_AFTER_MS); };
    window.addEventListener('pointerdown', onInput, { capture: true, passive: true });
    window.addEventListener('keydown', onInput, { capture: true, passive: true });
    return () => {
      clearTimeout(timer);
      window.removeEventListener('pointerdown', onInput, { capture: true });
      window.removeEventListener('keydown', onInput, { capture: true });
    };
  }, [closeRef]);

  const submit = useCallback(async (params: ApiParams<'staff.signIn'>) => {
    setBusy(true);
    setMessage(null);
    try {
      const r = await call('staff.signIn', params);
      if (r.status === 'signed-in') return onSignedIn(r);
      setRoster((old) => (old ? { ...old, failuresLeft: r.failuresLeft, lockedUntil: r.lockedUntil } : old));
      // The refusal that started a lock-out says so (the lock matters more than why this try failed).
      setMessage(refusalText(lang, r.lockedUntil ? 'locked_out' : r.reason, r.failuresLeft, r.lockedUntil));
    } catch (err) {
      if (!reportFailure(err)) setMessage(st(lang, 'signInFailed'));
    } finally {
      setPin('');
      setBusy(false);
    }
  }, [lang, onSignedIn, reportFailure]);

  useWedgeScanner((burst) => {
    if (busy) return;
    if (burst.code.length > 64) return setMessage(refusalText(lang, 'unknown_card', roster?.failuresLeft ?? 0, null));
    void submit({ method: 'card', code: burst.code });
  });

  const locked = roster?.lockedUntil != null;
  return (
    <div className="staff-layer staff-signin" data-testid="staff-signin" role="dialog" aria-modal="true" aria-labelledby="staff-signin-title">
      <div className="staff-signin__card">
        <header className="staff-signin__head">
          <h2 id="staff-signin-title" className="staff-signin__title">{st(lang, 'signInTitle')}</h2>
          <StaffLanguageSwitch lang={lang} onLanguage={onLanguage} />
          <button type="button" className="staff-button" data-testid="staff-signin-close" onClick={onClose}>{st(lang, 'close')}</button>
        </header>
        {roster && roster.staff.length === 0 && <p className="staff-note">{st(lang, 'signInNoStaff')}</p>}
        {roster && roster.staff.length > 0 && chosen === null && (
          <>
            <p className="staff-signin__hint">{st(lang, 'signInHint')}</p>
            <ul className="staff-roster" data-testid="staff-roster">
              {roster.staff.map((s) => (
                <li key={s.staffId}>
                  <button type="button" className="staff-roster__person" data-testid={`staff-${s.staffId}`} disabled={locked} onClick={() => { setChosen(s); setMessage(null); }}>
                    <span className="staff-roster__name">{s.name}</span>
                    <span className="staff-roster__role">{st(lang, `role_${s.role}`)}</span>
                  </button>
                </li>
              ))}
            </ul>
          </>
        )}
        {chosen !== null && (
          <>
            <div className="staff-signin__who">
              <button type="button" className="staff-button" data-testid="staff-signin-back" onClick={() => { setChosen(null); setPin(''); }}>‹ {st(lang, 'back')}</button>
              <p className="staff-signin__hint">{st(lang, 'enterPin', { name: chosen.name })}</p>
            </div>
            <PinPad lang={lang} pin={pin} onPin={setPin} disabled={busy || locked} onSubmit={() => void submit({ method: 'pin', staffId: chosen.staffId, pin })} />
          </>
        )}
        <p className={`staff-signin__message${message ? '' : ' staff-signin__message--empty'}`} data-testid="staff-signin-message" role="status">
          {busy ? st(lang, 'checking') : message ?? (roster?.cardSignIn ? st(lang, 'cardHint') : '')}
        </p>
      </div>
    </div>
  );
}
