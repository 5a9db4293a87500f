// Scanner test: what the scanner typed, with its timing, and whether member scanning would take it as a scan.
// Nothing is sent anywhere; the kiosk's own scan handling is off while the staff console is open.
import { useLayoutEffect, useRef, useState } from 'react';
import type { UiLanguage } from '../../../../contracts/config.ts';
import { defaultWedgeOptions } from '../../member/scan/wedgeDetector.ts';
import { READING_PAUSE_MS, reading, type KeyIn, type ScanReading } from '../scannerLog.ts';
import { st } from '../staffStrings.ts';

const KEEP = 8;

export function ScannerTestPage({ lang }: { lang: UiLanguage }) {
  const [readings, setReadings] = useState<ScanReading[]>([]);
  const pending = useRef<KeyIn[]>([]);

  useLayoutEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const flush = () => {
      const r = reading(pending.current);
      pending.current = [];
      if (r) setReadings((old) => [r, ...old].slice(0, KEEP));
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.altKey || e.metaKey) return;
      if (e.key !== 'Enter' && e.key.length !== 1) return;
      e.preventDefault();
      pending.current.push({ key: e.key, time: e.timeStamp });
      if (timer) clearTimeout(timer);
      if (e.key === 'Enter') flush();
      else timer = setTimeout(flush, READING_PAUSE_MS);
    };
    window.addEventListener('keydown', onKey, { capture: true });
    return () => {
      if (timer) clearTimeout(timer);
      window.removeEventListener('keydown', onKey, { capture: true });
    };
  }, []);

  return (
    <div className="staff-scanner" data-testid="staff-scanner">
      <p className="staff-note">{st(lang, 'scannerIntro')}</p>
      {readings.length === 0 && <p className="staff-card staff-scanner__waiting">{st(lang, 'scannerWaiting')}</p>}
      <ol className="staff-scanner__list">
        {readings.map((r, i) => (
          <li key={readings.length - i} className={`staff-card staff-scanner__reading staff-scanner__reading--${r.verdict}`} data-testid="scanner-reading" data-verdict={r.verdict}>
            <code className="staff-scanner__text" data-testid="scanner-text">{r.text}</code>
            <p className="staff-scanner__meta">
              {st(lang, 'scannerChars', { count: r.chars })} · {st(lang, 'scannerTiming', { duration: r.durationMs, gap: r.maxGapMs })}
            </p>
            <p className="staff-scanner__verdict">
              {r.verdict === 'scanner' ? st(lang, 'scannerOk') : r.verdict === 'short' ? st(lang, 'scannerShort', { min: defaultWedgeOptions.minLength }) : r.verdict === 'no-enter' ? st(lang, 'scannerNoEnter') : st(lang, 'scannerSlow')}
            </p>
          </li>
        ))}
      </ol>
    </div>
  );
}
