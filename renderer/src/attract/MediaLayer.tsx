// One creative of the attract loop, full screen: an image, or a muted video. While it is the next item it is in the
// page but hidden, loading: the image decoded (img.decode()), the video loaded to `canplay` (preload=auto). The same
// element is then made visible, so the switch paints a frame that is already decoded.
import { useEffect, useRef } from 'react';
import type { ReadyCreative } from '../../../contracts/api.ts';
import { errorText, useImageDecode, useReleaseVideo } from '../ui/media.ts';

type Props = {
  serial: number;
  kind: 'image' | 'video';
  creative: ReadyCreative;
  campaignId: string;
  shown: boolean;
  onReady(serial: number): void;
  onFailed(serial: number, detail: string): void;
  onEnded(serial: number): void;
};

const mediaErrors: Record<number, string> = { 1: 'MEDIA_ERR_ABORTED', 2: 'MEDIA_ERR_NETWORK', 3: 'MEDIA_ERR_DECODE', 4: 'MEDIA_ERR_SRC_NOT_SUPPORTED' };

export function MediaLayer(props: Props) {
  return props.kind === 'image' ? <ImageLayer {...props} /> : <VideoLayer {...props} />;
}

function layerClass(shown: boolean): string {
  return shown ? 'attract__media' : 'attract__media attract__media--next';
}

function ImageLayer({ serial, creative, campaignId, shown, onReady, onFailed }: Props) {
  const ref = useRef<HTMLImageElement>(null);
  useImageDecode(ref, serial, () => onReady(serial), (err) => onFailed(serial, `image ${creative.mime} could not be decoded: ${errorText(err)}`));
  return (
    <img
      ref={ref}
      className={layerClass(shown)}
      src={creative.url}
      alt=""
      decoding="async"
      data-testid={shown ? 'attract-media' : 'attract-media-next'}
      data-kind="image"
      data-campaign-id={campaignId}
      data-creative-id={creative.id}
    />
  );
}

function VideoLayer({ serial, creative, campaignId, shown, onReady, onFailed, onEnded }: Props) {
  const ref = useRef<HTMLVideoElement>(null);
  useReleaseVideo(ref);
  useEffect(() => {
    const video = ref.current;
    if (!shown || !video) return;
    video.play().catch((err: unknown) => {
      // An element removed while starting aborts its play(); a real decode failure comes as the `error` event.
      if (!(err instanceof DOMException && err.name === 'AbortError')) console.warn(`atrium: video ${creative.id} did not start`, err);
    });
  }, [shown, creative.id]);
  return (
    <video
      ref={ref}
      className={layerClass(shown)}
      src={creative.url}
      muted
      playsInline
      autoPlay={shown}
      preload="auto"
      loop={creative.playback === 'loop'}
      disablePictureInPicture
      disableRemotePlayback
      onCanPlay={() => onReady(serial)}
      onEnded={() => onEnded(serial)}
      onError={(e) => {
        const err = e.currentTarget.error;
        onFailed(serial, `video ${creative.mime}: ${err ? `${mediaErrors[err.code] ?? `code ${err.code}`}${err.message ? ` (${err.message})` : ''}` : 'error'}`);
      }}
      data-testid={shown ? 'attract-media' : 'attract-media-next'}
      data-kind="video"
      data-campaign-id={campaignId}
      data-creative-id={creative.id}
    />
  );
}
