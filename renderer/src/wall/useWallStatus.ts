// wall.status, read when the wall opens and every STATUS_POLL_MS after (a model put in place, or the camera
// switched off by HQ, shows without a restart). Until the first answer the status is null.
import { useCallback, useEffect, useState } from 'react';
import type { WallStatus } from '../../../contracts/wall.ts';
import { call } from '../api/client.ts';
import { useReportFailure } from '../api/AgentFailureContext.ts';

export const STATUS_POLL_MS = 60_000;

/** What the wall assumes when the agent cannot say: no camera (the promotions still show). */
function unknownStatus(reason: string): WallStatus {
  return { camera: 'disabled', reason, mode: 'opt-in', notice: { zh: '' }, model: null };
}

/** The status (null until the first answer), and a way to read it again at once (after a camera_disabled answer). */
export function useWallStatus(): [WallStatus | null, () => void] {
  const reportFailure = useReportFailure();
  const [status, setStatus] = useState<WallStatus | null>(null);
  const [readAgain, setReadAgain] = useState(0);
  useEffect(() => {
    let cancelled = false;
    const read = () => {
      call('wall.status', {}).then(
        (s) => {
          if (cancelled) return;
          if (s.camera === 'disabled') console.warn(`atrium: wall camera features are off: ${s.reason ?? 'no reason given'}`);
          setStatus((old) => (old && JSON.stringify(old) === JSON.stringify(s) ? old : s));
        },
        (err: unknown) => {
          if (cancelled || reportFailure(err)) return;
          console.warn('atrium: wall.status failed; showing promotions without the camera', err);
          setStatus((old) => old ?? unknownStatus(err instanceof Error ? err.message : String(err)));
        },
      );
    };
    read();
    const timer = setInterval(read, STATUS_POLL_MS);
    return () => { cancelled = true; clearInterval(timer); };
  }, [reportFailure, readAgain]);
  const refresh = useCallback(() => setReadAgain((n) => n + 1), []);
  return [status, refresh];
}
