// A store's logo box in the directory: the logo image HQ sent (object-fit contain on a white tile) once the agent has
// it verified and the page has decoded it; until then, and for good if it fails to decode, the coloured initial.
// data-logo says which is drawn ("image", "initial", or "loading": the initial while the image decodes), so tests
// wait on what is painted.
import { useRef, useState, type CSSProperties } from 'react';
import type { DirectoryStore } from '../../../contracts/api.ts';
import { textToneFor } from '../format/colours.ts';
import { errorText, useImageDecode } from '../ui/media.ts';

type Props = { store: DirectoryStore; initial: string };

export function StoreLogo({ store, initial }: Props) {
  // A new logo URL starts over from the initial (the state of the old image says nothing about the new one).
  return <LogoBox key={store.logoUrl ?? ''} url={store.logoUrl ?? null} colour={store.logoColour} initial={initial} storeId={store.id} />;
}

type LogoState = 'loading' | 'image' | 'initial';

function LogoBox({ url, colour, initial, storeId }: { url: string | null; colour: string; initial: string; storeId: string }) {
  const [state, setState] = useState<LogoState>(url ? 'loading' : 'initial');
  const ref = useRef<HTMLImageElement>(null);
  useImageDecode(ref, url, () => setState('image'), (err) => {
    console.warn(`atrium: the logo of store ${storeId} could not be decoded (${errorText(err)}); showing its initial`);
    setState('initial');
  });
  const style = { '--logo': colour } as CSSProperties;
  const tone = textToneFor([colour, colour]);
  return (
    <span
      className={`store-row__logo store-row__logo--${state === 'image' ? 'image' : tone}`}
      style={style}
      aria-hidden="true"
      data-testid="store-logo"
      data-logo={state}
    >
      {state !== 'image' && <span className="store-row__initial">{initial}</span>}
      {url && state !== 'initial' && <img ref={ref} className="store-row__logo-img" src={url} alt="" decoding="async" />}
    </span>
  );
}
