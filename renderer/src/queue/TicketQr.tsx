// The ticket's follow link (HQ's queue page for this ticket) as a QR code for the shopper's phone. The link holds an
// opaque ticket token, nothing personal.
import { useEffect, useState } from 'react';
import { qrPath, qrViewSize, type QrSymbol } from '../ui/qr/qrPath.ts';
import { encodeQr } from '../ui/qr/writeQr.ts';

export function TicketQr({ url, label }: { url: string; label: string }) {
  const [symbol, setSymbol] = useState<{ url: string; symbol: QrSymbol } | null>(null);
  useEffect(() => {
    let cancelled = false;
    encodeQr(url).then(
      (s) => { if (!cancelled) setSymbol({ url, symbol: s }); },
      // The number on screen (and on paper) is the ticket; the QR is a convenience.
      (err: unknown) => console.warn('atrium: ticket QR could not be drawn', err),
    );
    return () => { cancelled = true; };
  }, [url]);
  const drawn = symbol?.url === url ? symbol.symbol : null;
  const size = drawn ? qrViewSize(drawn) : 1;
  return (
    <figure className="ticket-qr" data-testid={drawn ? 'ticket-qr' : 'ticket-qr-loading'} data-url={url}>
      {drawn && (
        <svg viewBox={`0 0 ${size} ${size}`} shapeRendering="crispEdges" role="img" aria-label={label}>
          <rect width={size} height={size} fill="#fff" />
          <path d={qrPath(drawn)} fill="#000" />
        </svg>
      )}
      <figcaption>{label}</figcaption>
    </figure>
  );
}
