// The redemption QR a cashier scans at the till, drawn as SVG from the code the agent gave.
import { useEffect, useState } from 'react';
import { useTranslate } from '../../i18n/LanguageContext.tsx';
import { qrPath, qrViewSize, type QrSymbol } from '../../ui/qr/qrPath.ts';
import { encodeQr } from '../../ui/qr/writeQr.ts';

type Drawn = { text: string; symbol: QrSymbol } | { text: string; error: true };

export function RedemptionQr({ code }: { code: string }) {
  const tr = useTranslate();
  const [drawn, setDrawn] = useState<Drawn | null>(null);

  useEffect(() => {
    let cancelled = false;
    encodeQr(code).then(
      (symbol) => { if (!cancelled) setDrawn({ text: code, symbol }); },
      (err: unknown) => {
        console.warn('atrium: redemption QR could not be drawn', err);
        if (!cancelled) setDrawn({ text: code, error: true });
      },
    );
    return () => { cancelled = true; };
  }, [code]);

  const current = drawn?.text === code ? drawn : null;
  if (current && 'error' in current) {
    return <p className="redemption-qr redemption-qr--failed" data-testid="redemption-qr-failed">{tr('qrUnavailable')}</p>;
  }
  if (!current) return <div className="redemption-qr redemption-qr--loading" aria-busy="true" data-testid="redemption-qr-loading" />;
  const size = qrViewSize(current.symbol);
  return (
    <figure className="redemption-qr" data-testid="redemption-qr" data-code={code}>
      <svg viewBox={`0 0 ${size} ${size}`} shapeRendering="crispEdges" role="img" aria-label={tr('redemptionHint')}>
        <rect width={size} height={size} fill="#fff" />
        <path d={qrPath(current.symbol)} fill="#000" />
      </svg>
      <figcaption className="redemption-qr__code">{code}</figcaption>
    </figure>
  );
}
