// The claim QR of the wall's coupon, drawn locally as SVG with the member UI's QR writer (zxing-wasm, served by
// the agent). The text is the offer's claimUrl: it opens the mall's mini-program, and holds no personal data.
import { useEffect, useState } from 'react';
import { qrPath, qrViewSize, type QrSymbol } from '../ui/qr/qrPath.ts';
import { encodeQr } from '../ui/qr/writeQr.ts';
import { Words } from './words.tsx';

type Drawn = { text: string; symbol: QrSymbol } | { text: string; error: true };

export function WallQr({ text }: { text: string }) {
  const [drawn, setDrawn] = useState<Drawn | null>(null);
  useEffect(() => {
    let cancelled = false;
    encodeQr(text).then(
      (symbol) => { if (!cancelled) setDrawn({ text, symbol }); },
      (err: unknown) => {
        console.warn('atrium: wall claim QR could not be drawn', err);
        if (!cancelled) setDrawn({ text, error: true });
      },
    );
    return () => { cancelled = true; };
  }, [text]);

  const current = drawn?.text === text ? drawn : null;
  if (current && 'error' in current) return <Words k="qrUnavailable" className="wall-qr wall-qr--failed" testId="wall-offer-qr-failed" />;
  if (!current) return <div className="wall-qr wall-qr--loading" aria-busy="true" />;
  const size = qrViewSize(current.symbol);
  return (
    <svg className="wall-qr" viewBox={`0 0 ${size} ${size}`} shapeRendering="crispEdges" role="img" data-testid="wall-offer-qr" data-code={text}>
      <rect width={size} height={size} fill="#fff" />
      <path d={qrPath(current.symbol)} fill="#000" />
    </svg>
  );
}
