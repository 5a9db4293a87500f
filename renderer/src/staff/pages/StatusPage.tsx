// Status: HQ connection (MQTT), network, outbox depth, last sync, catalog and config versions, the signage content
// cache, the expression model (from wall.status when the agent has the wall), the device and the screen. Polled every
// 3 s; the polls do not keep the staff session alive.
import { useEffect, useState } from 'react';
import type { ApiResult } from '../../../../contracts/api.ts';
import type { UiLanguage } from '../../../../contracts/config.ts';
import type { StaffStatus } from '../../../../contracts/staff.ts';
import { call } from '../../api/client.ts';
import { clockTime, st } from '../staffStrings.ts';
import type { StaffCall } from '../useStaffCall.ts';
import { PrinterTile } from '../../queue/PrinterTile.tsx';

const POLL_MS = 3000;

type WallStatus = ApiResult<'wall.status'>;

export function StatusPage({ lang, staffCall }: { lang: UiLanguage; staffCall: StaffCall }) {
  const [status, setStatus] = useState<StaffStatus | null>(null);
  const [wall, setWall] = useState<WallStatus | null | 'none'>(null);
  const [online, setOnline] = useState(navigator.onLine);

  useEffect(() => {
    let cancelled = false;
    const poll = () => {
      staffCall('staff.status', {}).then((s) => { if (!cancelled) setStatus(s); }, () => {});
      call('wall.status', {}).then((w) => { if (!cancelled) setWall(w); }, () => { if (!cancelled) setWall('none'); });
      setOnline(navigator.onLine);
    };
    poll();
    const timer = setInterval(poll, POLL_MS);
    return () => { cancelled = true; clearInterval(timer); };
  }, [staffCall]);

  if (!status) return <p className="staff-note">…</p>;
  const s = status.sync;
  const ago = (iso: string | null) => (iso ? `${clockTime(iso, lang)} (${relative(iso, lang)})` : st(lang, 'never'));
  return (
    <div className="staff-status" data-testid="staff-status">
      <p className="staff-note">{st(lang, 'statusIntro')}</p>
      <div className="staff-status__grid">
        <Tile label={st(lang, 'statusHq')} testId="status-hq" tone={s.state === 'online' ? 'good' : s.state === 'disabled' ? 'quiet' : 'bad'}
          value={st(lang, `state_${s.state}`)}
          lines={[st(lang, 'reconnects', { count: s.reconnects, refused: s.refused }), ...(s.lastError ? [st(lang, 'lastError', { error: s.lastError })] : [])]} />
        <Tile label={st(lang, 'statusNetwork')} testId="status-network" tone={online ? 'good' : 'bad'} value={st(lang, online ? 'networkOnline' : 'networkOffline')} lines={[]} />
        <Tile label={st(lang, 'statusOutbox')} testId="status-outbox" tone={s.outboxDepth === 0 ? 'good' : 'quiet'} value={String(s.outboxDepth)} lines={[]} />
        <Tile label={st(lang, 'statusLastSync')} testId="status-last-sync" tone="quiet" value={ago(s.lastSyncAt)} lines={[]} />
        <Tile label={st(lang, 'statusCatalog')} testId="status-catalog" tone="quiet" value={`v${status.catalog.version}`}
          lines={[st(lang, 'catalogCounts', status.catalog)]} />
        <Tile label={st(lang, 'statusConfig')} testId="status-config" tone="quiet" value={status.config.desiredVersion ? `v${status.config.desiredVersion}` : '—'}
          lines={[st(lang, status.config.desiredVersion ? 'configLine' : 'configLineNoHq', { version: status.config.desiredVersion, count: status.config.overrides.length }), ...(status.config.overrides.length ? [status.config.overrides.join(', ')] : [])]} />
        <Tile label={st(lang, 'statusModel')} testId="status-model" tone={wall === 'none' || wall === null ? 'quiet' : wall.model?.status === 'ok' ? 'good' : 'bad'}
          value={wall === 'none' || wall === null ? '—' : wall.model ? st(lang, `model_${wall.model.status}`) : '—'}
          lines={wall === 'none' ? [st(lang, 'modelNone')] : wall === null ? [] : [
            ...(wall.model ? [`${wall.model.name} · ${wall.model.sha256.slice(0, 12)}`] : []),
            st(lang, 'cameraFeatures', { state: st(lang, `camera_${wall.camera}`) }),
            ...(wall.reason ? [wall.reason] : []),
          ]} />
        <ContentTile lang={lang} content={status.content} />
        <PrinterTile lang={lang} printer={status.printer} />
        <Tile label={st(lang, 'statusDevice')} testId="status-device" tone="quiet" value={status.deviceId}
          lines={[status.mallId, `agent ${status.agentVersion} · ${st(lang, 'uptime', { time: duration(status.uptimeSec) })}`]} />
        <Tile label={st(lang, 'statusScreen')} testId="status-screen" tone="quiet" value={`${window.innerWidth}×${window.innerHeight}`}
          lines={[`devicePixelRatio ${window.devicePixelRatio}`]} />
      </div>
      <h3 className="staff-subtitle">{st(lang, 'recentAudit')}</h3>
      <ol className="staff-audit" data-testid="status-audit">
        {status.audit.map((a) => (
          <li key={a.seq} className="staff-audit__row">
            <span className="staff-audit__time">{clockTime(a.at, lang)}</span>
            <span className="staff-audit__who">{a.staffId ?? '—'}</span>
            <span className="staff-audit__what">{st(lang, `audit_${a.action}`)}</span>
            <span className="staff-audit__details">{summary(a.details)}</span>
          </li>
        ))}
      </ol>
    </div>
  );
}

function Tile({ label, value, lines, tone, testId }: { label: string; value: string; lines: string[]; tone: 'good' | 'bad' | 'quiet'; testId: string }) {
  return (
    <section className={`staff-card staff-tile staff-tile--${tone}`} data-testid={testId}>
      <h3 className="staff-tile__label">{label}</h3>
      <p className="staff-tile__value" data-testid={`${testId}-value`}>{value}</p>
      {lines.map((l, i) => <p key={i} className="staff-tile__line">{l}</p>)}
    </section>
  );
}

/** The signage content cache: verified files, what is still to come or failing (with the latest reason), the disk. */
function ContentTile({ lang, content: c }: { lang: UiLanguage; content: StaffStatus['content'] }) {
  if (!c) return <Tile label={st(lang, 'statusContent')} testId="status-content" tone="quiet" value="—" lines={[st(lang, 'contentNone')]} />;
  const mb = (bytes: number) => (Math.round((bytes / 1048576) * 10) / 10).toString();
  return (
    <Tile label={st(lang, 'statusContent')} testId="status-content" tone={c.failed > 0 || (c.refusedCount ?? 0) > 0 ? 'bad' : c.missing + c.downloading > 0 ? 'quiet' : 'good'}
      value={st(lang, 'contentValue', { ready: c.ready })}
      lines={[
        st(lang, 'contentCounts', { missing: c.missing, downloading: c.downloading, failed: c.failed }),
        st(lang, 'contentDisk', { used: mb(c.bytesOnDisk), quota: mb(c.quotaBytes) }),
        ...(c.lastError ? [st(lang, 'lastError', { error: c.lastError })] : []),
        ...(c.refusedCount ? [st(lang, 'contentRefused', { count: c.refusedCount, reason: refusalLine(c.refused?.[0]) })] : []),
      ]} />
  );
}

/** The latest refusal in a line a tile can hold: which asset (its sha256's first digits) and the start of the reason. */
function refusalLine(r: { sha256: string | null; reason: string } | undefined): string {
  if (!r) return '';
  const reason = r.reason.length > 80 ? `${r.reason.slice(0, 79)}…` : r.reason;
  return r.sha256 ? `${r.sha256.slice(0, 8)}… ${reason}` : reason;
}

function summary(details: Record<string, unknown>): string {
  return Object.entries(details).map(([k, v]) => `${k}=${typeof v === 'object' ? JSON.stringify(v) : String(v)}`).join(' ');
}

function duration(sec: number): string {
  const h = Math.floor(sec / 3600);
  const m = Math.floor((sec % 3600) / 60);
  return h > 0 ? `${h}h ${m}m` : m > 0 ? `${m}m ${Math.floor(sec % 60)}s` : `${Math.floor(sec)}s`;
}

function relative(iso: string, lang: UiLanguage): string {
  const sec = Math.max(0, Math.round((Date.now() - Date.parse(iso)) / 1000));
  if (sec < 5) return lang === 'en' ? 'just now' : '刚刚';
  const text = duration(sec);
  return lang === 'en' ? `${text} ago` : `${text}前`;
}
