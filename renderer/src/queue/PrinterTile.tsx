// The staff Status page's tile for the queue-ticket receipt printer: ready, unavailable with the reason (off,
// refused, out of paper), not checked yet, or none configured. Same look as the page's other tiles.
import type { UiLanguage } from '../../../contracts/config.ts';
import type { PrinterStatus } from '../../../contracts/queue.ts';
import { queueText } from './queueStrings.ts';

export function PrinterTile({ lang, printer }: { lang: UiLanguage; printer: PrinterStatus | undefined }) {
  const qt = (key: Parameters<typeof queueText>[1], values?: Parameters<typeof queueText>[2]) => queueText(lang, key, values);
  const configured = printer?.configured === true;
  const tone = !configured || printer.state === 'unknown' ? 'quiet' : printer.state === 'ready' ? 'good' : 'bad';
  const value = !configured ? '—' : qt(printer.state === 'ready' ? 'printerReady' : printer.state === 'unavailable' ? 'printerOff' : 'printerUnknown');
  const lines = !configured ? [qt('printerNone')] : [
    printer.target ?? '',
    ...(printer.detail ? [printer.detail] : []),
    ...(printer.checkedAt ? [qt('printerChecked', { time: new Date(printer.checkedAt).toLocaleTimeString(lang) })] : []),
  ];
  return (
    <section className={`staff-card staff-tile staff-tile--${tone}`} data-testid="status-printer" data-state={configured ? printer.state : 'none'}>
      <h3 className="staff-tile__label">{qt('printer')}</h3>
      <p className="staff-tile__value" data-testid="status-printer-value">{value}</p>
      {lines.map((l, i) => <p key={i} className="staff-tile__line">{l}</p>)}
    </section>
  );
}
