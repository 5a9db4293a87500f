// Camera test: a live preview for staff only. Frames go to a <video> element and nowhere else (no recorder, no
// canvas, nothing sent); the camera stops when the page is left or the console closes.
import { useEffect, useRef, useState } from 'react';
import type { UiLanguage } from '../../../../contracts/config.ts';
import { st } from '../staffStrings.ts';

type CameraState = { kind: 'off' } | { kind: 'starting' } | { kind: 'running'; label: string; width: number; height: number; fps: number | null } | { kind: 'error'; detail: string };

export function CameraTestPage({ lang, cameraSetting }: { lang: UiLanguage; cameraSetting: boolean }) {
  const video = useRef<HTMLVideoElement>(null);
  const [wanted, setWanted] = useState(true);
  const [state, setState] = useState<CameraState>({ kind: 'off' });

  useEffect(() => {
    if (!wanted) {
      // eslint-disable-next-line react-hooks/set-state-in-effect -- the camera the last run started is stopped by its cleanup; this shows it off
      setState({ kind: 'off' });
      return undefined;
    }
    let stream: MediaStream | null = null;
    let stopped = false;
    let frames = 0;
    let firstFrameAt = 0;
    let fpsTimer: ReturnType<typeof setInterval> | null = null;
    setState({ kind: 'starting' });
    navigator.mediaDevices.getUserMedia({ video: { width: { ideal: 1280 }, height: { ideal: 720 } }, audio: false }).then(
      (s) => {
        if (stopped) return s.getTracks().forEach((t) => t.stop());
        stream = s;
        const el = video.current!;
        el.srcObject = s;
        void el.play().catch(() => {});
        const track = s.getVideoTracks()[0];
        const settings = track?.getSettings() ?? {};
        const count = () => {
          if (stopped) return;
          frames += 1;
          if (firstFrameAt === 0) firstFrameAt = performance.now();
          el.requestVideoFrameCallback(count);
        };
        el.requestVideoFrameCallback(count);
        const update = () => {
          const elapsed = (performance.now() - firstFrameAt) / 1000;
          setState({
            kind: 'running',
            label: track?.label || 'camera',
            width: el.videoWidth || settings.width || 0,
            height: el.videoHeight || settings.height || 0,
            fps: firstFrameAt && elapsed > 0.5 ? Math.round(((frames - 1) / elapsed) * 10) / 10 : null,
          });
        };
        update();
        fpsTimer = setInterval(update, 1000);
      },
      (err: unknown) => { if (!stopped) setState({ kind: 'error', detail: err instanceof Error ? `${err.name}: ${err.message}` : String(err) }); },
    );
    return () => {
      stopped = true;
      if (fpsTimer) clearInterval(fpsTimer);
      stream?.getTracks().forEach((t) => t.stop());
      // eslint-disable-next-line react-hooks/exhaustive-deps -- read at cleanup on purpose: the element still on screen then (if any) is the one to detach
      if (video.current) video.current.srcObject = null;
    };
  }, [wanted]);

  return (
    <div className="staff-camera" data-testid="staff-camera" data-camera={state.kind}>
      <p className="staff-note">{st(lang, 'cameraIntro')}</p>
      {!cameraSetting && <p className="staff-note staff-note--warn">{st(lang, 'cameraSettingOff')}</p>}
      <div className="staff-camera__frame">
        <video ref={video} className="staff-camera__video" data-testid="camera-preview" muted playsInline hidden={state.kind !== 'running'} />
        {state.kind !== 'running' && (
          <p className="staff-camera__placeholder">
            {state.kind === 'starting' ? st(lang, 'cameraStarting') : state.kind === 'error' ? st(lang, 'cameraError', { detail: state.detail }) : st(lang, 'cameraStopped')}
          </p>
        )}
      </div>
      <div className="staff-camera__bar">
        <p className="staff-camera__info" data-testid="camera-info">
          {state.kind === 'running' ? st(lang, 'cameraRunning', { label: state.label, width: state.width, height: state.height, fps: state.fps ?? '…' }) : ''}
        </p>
        <button type="button" className="staff-button staff-button--primary" data-testid="camera-toggle" onClick={() => setWanted((w) => !w)}>
          {wanted ? st(lang, 'cameraStop') : st(lang, 'cameraStart')}
        </button>
      </div>
    </div>
  );
}
