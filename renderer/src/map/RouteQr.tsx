// The route's hand-off link as a QR code, for the shopper's phone. The link is the agent's shareUrl (mall, from,
// to, step-free): nothing personal is in it, so it may sit on a public screen.
import { useEffect, useState } from 'react';
import { qrPath, qrViewSize, type QrSymbol } from '../ui/qr/qrPath.ts';
import { encodeQr } from '../ui/qr/writeQr.ts';
import { useMapText } from './mapStrings.ts';

export function RouteQr({ url }: { url: string }) {
  const mt = useMapText();
  const [drawn, setDrawn] = useState<{ url: string; symbol: QrSymbol } | null>(null);

  useEffect(() => {
    let cancelled = false;
    encodeQr(url).then(
      (symbol) => { if (!cancelled) setDrawn({ url, symbol }); },
      // No QR is a small loss: the route is on the screen; the steps stay.
      (err: unknown) => console.warn('atrium: route QR could not be drawn', err),
    );
    return () => { cancelled = true; };
  }, [url]);

  const symbol = drawn?.url === url ? drawn.symbol : null;
  const size = symbol ? qrViewSize(symbol) : 1;
  return (
    <figure className="route-qr" data-testid={symbol ? 'route-qr' : 'route-qr-loading'} data-url={url}>
      <div className="route-qr__code">
        {symbol && (
          <svg viewBox={`0 0 ${size} ${size}`} shapeRendering="crispEdges" role="img" aria-label={mt('scanForPhone')}>
            <rect width={size} height={size} fill="#fff" />
            <path d={qrPath(symbol)} fill="#000" />
          </svg>
        )}
      </div>
      <figcaption className="route-qr__caption">{mt('scanForPhone')}</figcaption>
    </figure>
  );
}
