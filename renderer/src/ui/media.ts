// Small hooks for images and video the page shows from the agent's content store (attract loop, store logos, the
// wall's artwork): an image counts as shown only once decoded, and a video let go of when it leaves the page.
import { useEffect, type RefObject } from 'react';
import { useLatest } from './useLatest.ts';

/**
 * Decodes the image in `ref` (again whenever `key` changes) and calls onDecoded, or onFailed with the reason; a result
 * that comes after the element changed or left is ignored.
 */
export function useImageDecode(ref: RefObject<HTMLImageElement | null>, key: unknown, onDecoded: () => void, onFailed: (err: unknown) => void): void {
  const handlers = useLatest({ onDecoded, onFailed });
  useEffect(() => {
    const img = ref.current;
    if (!img) return undefined;
    let live = true;
    img.decode().then(
      () => { if (live) handlers.current.onDecoded(); },
      (err: unknown) => { if (live) handlers.current.onFailed(err); },
    );
    return () => { live = false; };
  }, [ref, key, handlers]);
}

/**
 * Gone from the page: the video lets go of its decoder and buffered media now, not whenever it is collected. (Only
 * once really removed: StrictMode's rehearsal unmount in development leaves the element in the page.)
 */
export function useReleaseVideo(ref: RefObject<HTMLVideoElement | null>): void {
  useEffect(() => {
    const video = ref.current;
    return () => {
      if (!video || video.isConnected) return;
      video.removeAttribute('src');
      video.load();
    };
  }, [ref]);
}

export function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
