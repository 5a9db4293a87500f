// HQ's payment link as a QR code: the shopper pays on the phone (the kiosk never handles money). The link names a
// quote, not the plate.
import { useEffect, useState } from 'react';
import { qrPath, qrViewSize, type QrSymbol } from '../ui/qr/qrPath.ts';
import { encodeQr } from '../ui/qr/writeQr.ts';
import { useParkingText } from './parkingStrings.ts';

export function PaymentQr({ url }: { url: string }) {
  const pt = useParkingText();
  const [drawn, setDrawn] = useState<{ url: string; symbol: QrSymbol } | null>(null);
  useEffect(() => {
    let cancelled = false;
    encodeQr(url).then(
      (symbol) => { if (!cancelled) setDrawn({ url, symbol }); },
      (err: unknown) => console.warn('atrium: payment QR could not be drawn', err),
    );
    return () => { cancelled = true; };
  }, [url]);
  const symbol = drawn?.url === url ? drawn.symbol : null;
  const size = symbol ? qrViewSize(symbol) : 1;
  return (
    <figure className="parking-qr" data-testid={symbol ? 'parking-pay-qr' : 'parking-pay-qr-loading'} data-url={url}>
      <div className="parking-qr__code">
        {symbol && (
          <svg viewBox={`0 0 ${size} ${size}`} shapeRendering="crispEdges" role="img" aria-label={pt('scanToPay')}>
            <rect width={size} height={size} fill="#fff" />
            <path d={qrPath(symbol)} fill="#000" />
          </svg>
        )}
      </div>
      <figcaption className="parking-qr__caption">{pt('scanToPay')}</figcaption>
    </figure>
  );
}
