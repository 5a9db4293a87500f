// The staff console: who is signed in, the pages (settings, status, actions, scanner test, camera test), and the
// idle sign-out. Sits over the shopper UI, which keeps running underneath.
import { useCallback, useState } from 'react';
import type { UiLanguage } from '../../../contracts/config.ts';
import { call } from '../api/client.ts';
import type { Bootstrap } from '../api/connectionState.ts';
import { ActionsPage } from './pages/ActionsPage.tsx';
import { CameraTestPage } from './pages/CameraTestPage.tsx';
import { ScannerTestPage } from './pages/ScannerTestPage.tsx';
import { SettingsPage } from './pages/SettingsPage.tsx';
import { StatusPage } from './pages/StatusPage.tsx';
import { StaffLanguageSwitch } from './StaffLanguageSwitch.tsx';
import type { SignedIn } from './StaffSignIn.tsx';
import { st, type StaffStringKey } from './staffStrings.ts';
import { StaffSessionGone, useStaffCall } from './useStaffCall.ts';
import { useStaffIdle } from './useStaffIdle.ts';

export type ConsolePage = 'settings' | 'status' | 'actions' | 'scanner' | 'camera';
const pages: [ConsolePage, StaffStringKey][] = [['settings', 'tabSettings'], ['status', 'tabStatus'], ['actions', 'tabActions'], ['scanner', 'tabScanner'], ['camera', 'tabCamera']];

export function StaffConsole({ signedIn, lang, onLanguage, boot, onSettingsChanged, onClose }: {
  signedIn: SignedIn;
  lang: UiLanguage;
  onLanguage: (l: UiLanguage) => void;
  boot: Bootstrap;
  onSettingsChanged: () => Promise<void>;
  onClose: () => void;
}) {
  const [page, setPage] = useState<ConsolePage>('settings');
  const [staffCall, endCalls] = useStaffCall(signedIn.staffSession, onClose);
  const ignoreGone = (err: unknown) => { if (!(err instanceof StaffSessionGone)) console.warn('atrium: staff call failed', err); };

  // The console closes at once (its polls stop with it); the agent is told once the calls on their way are answered.
  const signOut = useCallback(async (reason: 'button' | 'idle'): Promise<void> => {
    const settled = endCalls();
    onClose();
    await settled;
    await call('staff.signOut', { staffSession: signedIn.staffSession, reason }).catch(() => {});
  }, [endCalls, onClose, signedIn.staffSession]);
  const secondsLeft = useStaffIdle(() => void signOut('idle'), () => void staffCall('staff.keepAlive', {}).catch(ignoreGone));

  return (
    <div className="staff-layer staff-console" data-testid="staff-console" data-page={page} role="dialog" aria-modal="true" aria-label={st(lang, 'consoleTitle')} lang={lang}>
      <header className="staff-console__bar">
        <div className="staff-console__who">
          <span className="staff-console__title">{st(lang, 'consoleTitle')}</span>
          <span className="staff-console__name" data-testid="staff-console-name">{signedIn.staff.name} · {st(lang, `role_${signedIn.staff.role}`)}</span>
        </div>
        <StaffLanguageSwitch lang={lang} onLanguage={onLanguage} />
        <button type="button" className="staff-button staff-button--light" data-testid="staff-sign-out" onClick={() => void signOut('button')}>{st(lang, 'signOut')}</button>
      </header>
      <nav className="staff-console__tabs" aria-label={st(lang, 'consoleTitle')}>
        {pages.map(([p, label]) => (
          <button key={p} type="button" className="staff-console__tab" aria-current={page === p ? 'page' : undefined} data-testid={`staff-tab-${p}`} onClick={() => setPage(p)}>
            {st(lang, label)}
          </button>
        ))}
      </nav>
      <main className="staff-console__page">
        {page === 'settings' && <SettingsPage lang={lang} staffCall={staffCall} me={signedIn.staff} onChanged={onSettingsChanged} />}
        {page === 'status' && <StatusPage lang={lang} staffCall={staffCall} />}
        {page === 'actions' && <ActionsPage lang={lang} staffCall={staffCall} onSignOut={() => signOut('button')} />}
        {page === 'scanner' && <ScannerTestPage lang={lang} />}
        {page === 'camera' && <CameraTestPage lang={lang} cameraSetting={boot.display.camera} />}
      </main>
      <footer className={`staff-console__foot${secondsLeft !== null ? ' staff-console__foot--warn' : ''}`} data-testid="staff-idle">
        {secondsLeft !== null ? st(lang, 'autoSignOut', { seconds: secondsLeft }) : st(lang, 'idleNote')}
      </footer>
    </div>
  );
}
