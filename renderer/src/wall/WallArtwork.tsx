// The wall's own artwork from HQ (kiosk.bootstrap's wallArtwork: only what the agent has verified), full screen
// behind the attract and promotions views: an image, or a muted looping video. It is in the page but not painted until
// its first frame is decoded, and a file that fails to decode leaves today's drawn backdrop. data-artwork says what
// is painted: "image" or "video"; "loading" or "failed" (the drawn backdrop shows); "none" (no artwork for this
// screen's orientation).
import { useEffect, useRef, useState } from 'react';
import type { ReadyCreative } from '../../../contracts/api.ts';
import type { Orientation } from '../../../contracts/content.ts';
import { mediaKind } from '../attract/playlist.ts';
import { errorText, useImageDecode, useReleaseVideo } from '../ui/media.ts';
import '../attract/attract.css';

type Shown = 'loading' | 'image' | 'video' | 'failed';

/** The first ready artwork made for this screen's orientation (a portrait poster cropped to a landscape wall would lose most of it). */
export function pickArtwork(artwork: readonly ReadyCreative[] | undefined, orientation: Orientation): ReadyCreative | null {
  return artwork?.find((a) => a.orientation === orientation) ?? null;
}

export function WallArtwork({ artwork, hidden }: { artwork: ReadyCreative | null; hidden: boolean }) {
  if (!artwork) return <div className="wall__artwork" data-testid="wall-artwork" data-artwork="none" aria-hidden="true" />;
  // Another artwork starts over (loading), not from the old one's state.
  return <ArtworkLayer key={artwork.sha256} artwork={artwork} hidden={hidden} />;
}

function ArtworkLayer({ artwork, hidden }: { artwork: ReadyCreative; hidden: boolean }) {
  const [shown, setShown] = useState<Shown>('loading');
  const fail = (detail: string) => {
    console.warn(`atrium: wall artwork ${artwork.id} (${artwork.sha256.slice(0, 12)}) could not be shown: ${detail}; keeping the drawn backdrop`);
    setShown('failed');
  };
  const painted = shown === 'image' || shown === 'video';
  return (
    <div
      className={`wall__artwork${painted ? ' wall__artwork--shown' : ''}${hidden ? ' wall__artwork--hidden' : ''}`}
      data-testid="wall-artwork"
      data-artwork={shown}
      data-artwork-id={artwork.id}
      aria-hidden="true"
    >
      {shown !== 'failed' && (mediaKind(artwork.mime) === 'image'
        ? <ArtworkImage url={artwork.url} onShown={() => setShown('image')} onFailed={fail} />
        : <ArtworkVideo url={artwork.url} paused={hidden} onShown={() => setShown('video')} onFailed={fail} />)}
    </div>
  );
}

type LayerProps = { url: string; onShown(): void; onFailed(detail: string): void };

function ArtworkImage({ url, onShown, onFailed }: LayerProps) {
  const ref = useRef<HTMLImageElement>(null);
  useImageDecode(ref, url, onShown, (err) => onFailed(`image not decoded (${errorText(err)})`));
  return <img ref={ref} className="attract__media" src={url} alt="" decoding="async" />;
}

function ArtworkVideo({ url, paused, onShown, onFailed }: LayerProps & { paused: boolean }) {
  const ref = useRef<HTMLVideoElement>(null);
  // Out of sight (the play view): paused, so its decoding leaves the CPU to the face detector.
  useEffect(() => {
    const video = ref.current;
    if (!video) return;
    if (paused) video.pause();
    else video.play().catch((err: unknown) => {
      if (!(err instanceof DOMException && err.name === 'AbortError')) console.warn('atrium: wall artwork video did not start', err);
    });
  }, [paused]);
  useReleaseVideo(ref);
  return (
    <video
      ref={ref}
      className="attract__media"
      src={url}
      muted
      loop
      playsInline
      autoPlay={!paused}
      preload="auto"
      disablePictureInPicture
      disableRemotePlayback
      onCanPlay={onShown}
      onError={(e) => onFailed(`video error ${e.currentTarget.error?.code ?? '?'}${e.currentTarget.error?.message ? ` (${e.currentTarget.error.message})` : ''}`)}
    />
  );
}
