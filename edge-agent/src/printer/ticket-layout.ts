// The paper queue ticket as ESC/POS bytes, laid out with node-thermal-printer (EPSON command set): the restaurant,
// the ticket number large (GS ! 8x), party size, people ahead and the wait, the time in the mall's time zone, and the
// QR to follow the queue (GS ( k model 2). Chinese prints in the printer's Chinese mode (FS &) with the library's
// CHINA character set, which encodes as GB2312 (EUC-CN), the part of GB18030 every Chinese receipt printer has.
// Pure: bytes out, nothing sent (tcp.ts sends them).
import ntp from 'node-thermal-printer';
import type { LocalizedText } from '../../../contracts/catalog.ts';
import type { QueueTicket } from '../../../contracts/queue.ts';

/** FS & : select Kanji (here: GB) character mode, so two-byte GB codes print as Chinese characters. */
const CHINESE_MODE = Buffer.from([0x1c, 0x26]);

export type TicketPaper = { ticket: QueueTicket; restaurant: LocalizedText; timeZone: string };

/** "2026-12-08 09:30" in the mall's time zone. */
export function paperTime(iso: string, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
    .formatToParts(new Date(iso));
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}`;
}

export function ticketReceipt({ ticket, restaurant, timeZone }: TicketPaper): Buffer {
  // No interface (''): the library only lays out bytes here; tcp.ts sends them after reading the paper sensor.
  const p = new ntp.ThermalPrinter({ type: ntp.PrinterTypes.EPSON, interface: '', characterSet: ntp.CharacterSet.CHINA, width: 48 });
  p.add(CHINESE_MODE);
  p.alignCenter();
  p.bold(true);
  p.setTextDoubleHeight();
  p.println(restaurant.zh);
  p.setTextNormal();
  p.bold(false);
  if (restaurant.en && restaurant.en !== restaurant.zh) p.println(restaurant.en);
  p.newLine();
  p.println('排队号 Queue number');
  p.setTextSize(7, 7);
  p.println(ticket.number);
  p.setTextNormal();
  p.newLine();
  p.println(`${ticket.partySize} 人 / ${ticket.partySize} people`);
  p.println(`前面 ${ticket.ahead} 桌 / ${ticket.ahead} ahead`);
  p.println(`预计等候 ${ticket.waitMin[0]}-${ticket.waitMin[1]} 分钟 / ${ticket.waitMin[0]}-${ticket.waitMin[1]} min`);
  p.println(paperTime(ticket.issuedAt, timeZone));
  p.newLine();
  p.printQR(ticket.followUrl, { cellSize: 6, correction: 'M', model: 2 });
  p.println('扫码查看排队进度 Scan to follow the queue');
  p.cut();
  return Buffer.from(p.getBuffer());
}
