// The camera while the scan panel is open: getUserMedia, a few frames a second handed to the QR worker, and the
// camera switched off (every track stopped) the moment the panel closes. Decoded text goes to `onCode`.
import { useEffect, useRef, useState, type RefObject } from 'react';
import { decodeFrame, warmQrDecoder } from './qrDecoder.ts';
import { useLatest } from '../../ui/useLatest.ts';

export type CameraStatus = 'starting' | 'scanning' | 'unavailable';

/** Time between the starts of two decodes; decoding itself takes a few tens of ms. */
const FRAME_INTERVAL_MS = 120;
/** Frames larger than this (long side) are scaled down before decoding: a phone's QR fills much of the view. */
const MAX_FRAME_SIDE = 1280;
/** Consecutive decoder failures after which the camera is reported unavailable. */
const MAX_DECODER_FAILURES = 5;

export const QR_DECODE_MEASURE = 'atrium:qr-decode';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function stopStream(stream: MediaStream | null): void {
  for (const track of stream?.getTracks() ?? []) track.stop();
}

async function grabFrame(video: HTMLVideoElement): Promise<ImageBitmap> {
  const { videoWidth: w, videoHeight: h } = video;
  const scale = Math.min(1, MAX_FRAME_SIDE / Math.max(w, h));
  if (scale === 1) return createImageBitmap(video);
  return createImageBitmap(video, { resizeWidth: Math.round(w * scale), resizeHeight: Math.round(h * scale), resizeQuality: 'medium' });
}

export function useCameraScanner(active: boolean, onCode: (text: string, seenAt: number) => void): { status: CameraStatus; videoRef: RefObject<HTMLVideoElement | null> } {
  const videoRef = useRef<HTMLVideoElement | null>(null);
  const [status, setStatus] = useState<CameraStatus>('starting');
  const latestOnCode = useLatest(onCode);

  useEffect(() => {
    if (!active) return undefined;
    let stopped = false;
    let stream: MediaStream | null = null;
    // eslint-disable-next-line react-hooks/set-state-in-effect -- marks the camera this effect starts as starting
    setStatus('starting');
    warmQrDecoder();
    performance.clearMeasures(QR_DECODE_MEASURE);

    const run = async () => {
      try {
        if (!navigator.mediaDevices?.getUserMedia) throw new Error('no getUserMedia in this page');
        stream = await navigator.mediaDevices.getUserMedia({ video: { width: { ideal: 1280 }, height: { ideal: 720 } }, audio: false });
      } catch (err) {
        console.warn('atrium: camera not available for member codes', err);
        if (!stopped) setStatus('unavailable');
        return;
      }
      const video = videoRef.current;
      if (stopped || !video) return stopStream(stream);
      video.srcObject = stream;
      try {
        await video.play();
      } catch (err) {
        // play() is interrupted when the panel closes at once; anything else is worth a line in the log.
        if (!stopped) console.warn('atrium: camera preview did not start', err);
      }
      if (stopped) return;
      setStatus('scanning');
      let failures = 0;
      while (!stopped) {
        const started = performance.now();
        if (video.readyState >= HTMLMediaElement.HAVE_CURRENT_DATA && video.videoWidth > 0) {
          try {
            const frame = await grabFrame(video);
            const seenAt = performance.now();
            const result = await decodeFrame(frame);
            failures = 0;
            performance.measure(QR_DECODE_MEASURE, { start: seenAt, duration: result.decodeMs });
            if (result.text !== null && !stopped) latestOnCode.current(result.text, seenAt);
          } catch (err) {
            failures += 1;
            console.warn('atrium: a camera frame could not be decoded', err);
            if (failures >= MAX_DECODER_FAILURES) {
              if (!stopped) setStatus('unavailable');
              return;
            }
          }
        }
        await sleep(Math.max(10, FRAME_INTERVAL_MS - (performance.now() - started)));
      }
    };
    void run();

    return () => {
      stopped = true;
      // eslint-disable-next-line react-hooks/exhaustive-deps -- read at cleanup on purpose: the element still on screen then (if any) is the one to detach
      const video = videoRef.current;
      // The camera goes off right after the next frame is drawn: tearing the capture down first would hold back
      // the first frame of whatever replaces the panel (the member home) by a few hundred ms without a GPU.
      requestAnimationFrame(() => setTimeout(() => {
        stopStream(stream);
        if (video) video.srcObject = null;
      }, 0));
    };
  }, [active, latestOnCode]);

  return { status, videoRef };
}
