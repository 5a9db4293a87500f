// The interactive wall (device role 'wall'): attract, play and coupon, or the promotions when the camera
// features are off. The root element says where the wall is for tests and overlays: data-wall-view, the
// smoothed expression in data-expression (or 'none'), the camera state in data-camera, whether the face
// detector has loaded in data-detector (and the artwork behind it, in wall-artwork's data-artwork).
import { useLayoutEffect, useRef, type CSSProperties } from 'react';
import type { Bootstrap } from '../api/connectionState.ts';
import { useReportFailure } from '../api/AgentFailureContext.ts';
import { usePromotions } from '../feeds/usePromotions.ts';
import { useReloadSignals } from '../feeds/useReloadSignals.ts';
import { LanguageContext } from '../i18n/LanguageContext.tsx';
import { expressionLooks } from './expressionLook.ts';
import { PrivacyNotice } from './PrivacyNotice.tsx';
import { useWall } from './useWall.ts';
import { useWallMember } from './useWallMember.ts';
import { useWallStatus } from './useWallStatus.ts';
import type { QrHooks } from './useWallCamera.ts';
import { useScreenOrientation } from '../attract/usePlayer.ts';
import { pickArtwork, WallArtwork } from './WallArtwork.tsx';
import { WallAttract } from './WallAttract.tsx';
import { WallPlay } from './WallPlay.tsx';
import { WallPromotions } from './WallPromotions.tsx';
import './wall.css';

export type WallView = 'loading' | 'promotions' | 'attract' | 'play';

export function WallApp({ boot }: { boot: Bootstrap }) {
  const reportFailure = useReportFailure();
  const [status, refreshStatus] = useWallStatus();
  const qr = useRef<QrHooks | null>(null);
  const { model, camera, detector, tap, onState } = useWall(status, refreshStatus, qr);
  const member = useWallMember(model.wallSession, model.phase === 'playing', onState);
  // A member code shown to the camera is looked for while the coupon invites it: playing, a coupon on screen, nobody
  // identified yet and nothing being checked.
  // Handed over after each commit (a layout effect, before the camera's next frame), not written during render.
  useLayoutEffect(() => {
    qr.current = {
      wantQr: () => model.phase === 'playing' && model.offer !== null && model.member === null && member.state.busy === null,
      onQr: member.onCameraCode,
    };
  });
  const promotions = usePromotions(boot.catalogVersion, model.startSeq, reportFailure, JSON.stringify(boot.display.attractPlaylist ?? null));
  useReloadSignals(model.phase === 'attract' ? 'attract' : 'home');

  const view: WallView = status === null ? 'loading'
    : status.camera === 'disabled' || camera === 'unavailable' ? 'promotions'
    : model.phase === 'attract' ? 'attract' : 'play';
  const orientation = useScreenOrientation(boot.display.orientation);
  const artwork = pickArtwork(boot.wallArtwork, orientation);
  const cameraOn = camera === 'starting' || camera === 'running';
  const look = expressionLooks[view === 'play' ? model.expression : 'none'];
  const style = { '--wall-from': look.from, '--wall-to': look.to } as CSSProperties;

  return (
    <LanguageContext value={boot.display.language}>
      <div
        className={`app wall wall--${view}`}
        style={style}
        data-testid="app"
        data-screen="wall"
        data-wall-view={view}
        data-expression={view === 'play' ? model.expression : 'none'}
        data-camera={camera}
        data-detector={detector}
        data-experiment-arm={model.experiment?.arm ?? ''}
        data-member-tier={model.member?.tier ?? ''}
      >
        <div className="wall__backdrop" aria-hidden="true">
          <span className="wall__blob wall__blob--one" />
          <span className="wall__blob wall__blob--two" />
          <span className="wall__blob wall__blob--three" />
        </div>
        {/* Behind attract and promotions; in play the colours follow the expression, so it is kept out of sight. */}
        <WallArtwork artwork={artwork} hidden={view === 'play'} />
        {view === 'promotions' && (
          <WallPromotions mallName={boot.mall.name} promotions={promotions.items} loading={promotions.status === 'loading'} intervalSec={boot.display.attractIntervalSec} />
        )}
        {view === 'attract' && status && <WallAttract mode={status.mode} onTap={tap} />}
        {view === 'play' && <WallPlay model={model} memberState={member.state} onClaim={member.claim} />}
        {cameraOn && <PrivacyNotice notice={status?.notice ?? null} starting={camera === 'starting'} />}
      </div>
    </LanguageContext>
  );
}
