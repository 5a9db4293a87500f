// Wraps the kiosk (guide screen or wall) once connected: applies the display settings every role shares
// (orientation, screen-off hours), keeps the bootstrap fresh after a staff change, and hosts the staff entry, the
// sign-in and the console over whatever the kiosk shows.
import { useCallback, useRef, useState, type ReactNode } from 'react';
import type { UiLanguage } from '../../../contracts/config.ts';
import type { Bootstrap } from '../api/connectionState.ts';
import { useLiveBoot } from './display/useLiveBoot.ts';
import { useScreenOff } from './display/useScreenOff.ts';
import { StaffActiveContext } from '../session/staffContext.ts';
import { StaffConsole } from './StaffConsole.tsx';
import { StaffSignIn, type SignedIn } from './StaffSignIn.tsx';
import { useCornerLongPress } from './useCornerLongPress.ts';
import './staff.css';

type Phase = { kind: 'closed' } | { kind: 'sign-in' } | { kind: 'console'; signedIn: SignedIn };

export function StaffHost({ boot: polled, children }: { boot: Bootstrap; children: (boot: Bootstrap) => ReactNode }) {
  const [boot, refreshBoot] = useLiveBoot(polled);
  const [phase, setPhase] = useState<Phase>({ kind: 'closed' });
  const [lang, setLang] = useState<UiLanguage>(boot.display.language);
  const corner = useRef<HTMLDivElement>(null);
  const open = useCallback(() => { setLang(boot.display.language); setPhase({ kind: 'sign-in' }); }, [boot.display.language]);
  const pressing = useCornerLongPress(corner, open, phase.kind === 'closed');
  const dark = useScreenOff(boot.display.screenOffHours, boot.display.idleTimeoutSec);
  const close = useCallback(() => setPhase({ kind: 'closed' }), []);
  const active = phase.kind !== 'closed';
  const refresh = useCallback(() => refreshBoot().catch((err: unknown) => console.warn('atrium: bootstrap refresh failed', err)), [refreshBoot]);

  return (
    <StaffActiveContext value={active}>
      <div className="kiosk-frame" data-testid="kiosk-frame" data-orientation={boot.display.orientation} data-role={boot.display.role}>
        {dark && !active ? <div className="screen-off" data-testid="screen-off" aria-hidden="true" /> : children(boot)}
        <div ref={corner} className="staff-corner" aria-hidden="true" data-testid="staff-corner">
          {pressing && <span className="staff-corner__ring" data-testid="staff-corner-ring" />}
        </div>
        {phase.kind === 'sign-in' && <StaffSignIn lang={lang} onLanguage={setLang} onSignedIn={(signedIn) => setPhase({ kind: 'console', signedIn })} onClose={close} />}
        {phase.kind === 'console' && (
          <StaffConsole signedIn={phase.signedIn} lang={lang} onLanguage={setLang} boot={boot} onSettingsChanged={refresh} onClose={close} />
        )}
      </div>
    </StaffActiveContext>
  );
}
