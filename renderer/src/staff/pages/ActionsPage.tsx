// Actions: sync now, reload UI, restart agent (the same code paths as HQ's commands), and the diagnostics export
// (a JSON download; the agent keeps a copy in its data folder). Reload and restart ask for a second tap.
import { useState } from 'react';
import type { UiLanguage } from '../../../../contracts/config.ts';
import type { StaffAction } from '../../../../contracts/staff.ts';
import { actionLabel, st, type StaffStringKey } from '../staffStrings.ts';
import { StaffSessionGone, type StaffCall } from '../useStaffCall.ts';

type Kind = StaffAction | 'export';
type Outcome = { kind: Kind; text: string; ok: boolean };

const needsConfirm = new Set<Kind>(['reload-ui', 'restart-agent']);

export function ActionsPage({ lang, staffCall, onSignOut }: { lang: UiLanguage; staffCall: StaffCall; onSignOut: () => Promise<void> }) {
  const [running, setRunning] = useState<Kind | null>(null);
  const [armed, setArmed] = useState<Kind | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  const run = async (kind: Kind) => {
    if (needsConfirm.has(kind) && armed !== kind) return setArmed(kind);
    setArmed(null);
    setRunning(kind);
    setOutcome(null);
    try {
      if (kind === 'export') {
        const r = await staffCall('staff.diagnostics', {});
        download(r.fileName, JSON.stringify(r.diagnostics, null, 2));
        setOutcome({ kind, ok: true, text: st(lang, 'exported', { file: r.fileName, path: r.savedTo }) });
        return;
      }
      const r = await staffCall('staff.action', { action: kind });
      const ok = r.status === 'done';
      setOutcome({ kind, ok, text: ok ? `${st(lang, 'actionDone')}${r.detail ? ` · ${r.detail}` : ''}` : st(lang, 'actionFailed', { detail: r.detail ?? r.status }) });
      // This page reloads now (other displays at their next poll); staff sign out first so nothing is left open.
      if (ok && kind === 'reload-ui') {
        await onSignOut();
        window.location.reload();
      }
    } catch (err) {
      if (err instanceof StaffSessionGone) return;
      setOutcome({ kind, ok: false, text: st(lang, 'actionFailed', { detail: err instanceof Error ? err.message : String(err) }) });
    } finally {
      setRunning(null);
    }
  };

  const item = (kind: Kind, label: string, desc: StaffStringKey, button: string) => (
    <section key={kind} className="staff-card staff-action" data-testid={`action-${kind}`}>
      <div className="staff-action__text">
        <h3 className="staff-action__label">{label}</h3>
        <p className="staff-action__desc">{st(lang, desc)}</p>
        {outcome?.kind === kind && (
          <p className={`staff-action__outcome${outcome.ok ? '' : ' staff-action__outcome--bad'}`} data-testid={`action-${kind}-outcome`} role="status">{outcome.text}</p>
        )}
      </div>
      <button type="button" className={`staff-button ${armed === kind ? 'staff-button--danger' : 'staff-button--primary'}`} data-testid={`action-${kind}-run`}
        disabled={running !== null} onClick={() => void run(kind)}>
        {running === kind ? st(lang, 'actionRunning') : armed === kind ? st(lang, 'confirmAgain') : button}
      </button>
    </section>
  );

  return (
    <div className="staff-actions" data-testid="staff-actions">
      <p className="staff-note">{st(lang, 'actionsIntro')}</p>
      {(['sync-now', 'reload-ui', 'restart-agent'] as const).map((a) => item(a, actionLabel(lang, a), `action_${a}_desc`, st(lang, 'run')))}
      {item('export', st(lang, 'actionExport'), 'actionExport_desc', st(lang, 'exportButton'))}
    </div>
  );
}

function download(fileName: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
