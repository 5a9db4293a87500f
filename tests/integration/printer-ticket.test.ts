// The queue ticket on paper: the agent's receipt printer code sends to a fake ESC/POS printer on real TCP, which
// decodes the bytes: the ticket number printed large, the restaurant's Chinese name (GB18030), the QR payload. A
// printer out of paper, one that is off (nothing listening) and one that never answers are reported and print nothing.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { QueueTicket } from '../../contracts/queue.ts';
import { createLogger } from '../../common/node/log.ts';
import { openDatabase, type Db } from '../../edge-agent/src/db/open.ts';
import { printerStatusOf, ReceiptPrinter } from '../../edge-agent/src/printer/receipt-printer.ts';
import { decodeEscPos, startFakePrinter, type FakePrinter } from '../support/fake-printer.ts';

const log = createLogger('error', 'test', () => {});
const ticket: QueueTicket = {
  requestId: 'req_0123456789abcdef', storeId: 's-hotpot', number: 'A023', sizeClass: 'small', partySize: 2, ahead: 4, waitMin: [15, 25],
  followUrl: 'https://queue.atrium.example/demo-mall/t/AbCdEf123456', issuedAt: '2026-12-08T01:30:00.000Z',
};
const paper = { ticket, restaurant: { zh: '蜀香火锅', en: 'Shu Spice Hotpot' }, timeZone: 'Asia/Shanghai' };

let dir: string;
let db: Db;
let fake: FakePrinter | null = null;

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'atrium-printer-'));
  db = openDatabase(dir);
});
afterAll(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});
afterEach(async () => {
  await fake?.stop();
  fake = null;
});

describe('queue ticket printing over TCP (fake ESC/POS printer)', () => {
  it('prints the number large, the restaurant in Chinese, the time and the QR, then cuts', async () => {
    fake = await startFakePrinter('ready');
    const printer = new ReceiptPrinter({ db, setting: fake.target, log });
    expect(await printer.print(paper)).toEqual({ state: 'printed', detail: null });
    await fake.waitForJobs(1);
    const [job] = fake.jobs();
    expect(job!.unknown).toEqual([]);
    expect(job!.statusQueries).toBe(1);
    const numberLine = job!.lines.find((l) => l.text === 'A023');
    expect(numberLine).toMatchObject({ width: 8, height: 8 });
    // Nothing else on the ticket is printed that large.
    expect(job!.lines.filter((l) => l.width > 2).map((l) => l.text)).toEqual(['A023']);
    expect(job!.lines.map((l) => l.text)).toContain('蜀香火锅');
    expect(job!.lines.find((l) => l.text === '蜀香火锅')!.height).toBe(2);
    expect(job!.lines.map((l) => l.text)).toContain('预计等候 15-25 分钟 / 15-25 min');
    expect(job!.lines.map((l) => l.text)).toContain('2026-12-08 09:30'); // the mall's time (Asia/Shanghai), not UTC
    expect(job!.qr).toEqual([ticket.followUrl]);
    expect(job!.qrPrinted).toBe(1);
    expect(job!.cuts).toBe(1);
    expect(printerStatusOf(db, fake.target)).toMatchObject({ configured: true, state: 'ready', detail: null });
  });

  it('out of paper: reported, nothing printed', async () => {
    fake = await startFakePrinter('out_of_paper');
    const printer = new ReceiptPrinter({ db, setting: fake.target, log });
    expect(await printer.print(paper)).toEqual({ state: 'unavailable', detail: 'out of paper' });
    expect(fake.jobs()).toEqual([]);
    expect(decodeEscPos(fake.connections[0]!).statusQueries).toBe(1);
    expect(printerStatusOf(db, fake.target)).toMatchObject({ state: 'unavailable', detail: 'out of paper' });
  });

  it('off (nothing listens on the port): reported as refused', async () => {
    const off = await startFakePrinter('ready');
    await off.stop();
    const printer = new ReceiptPrinter({ db, setting: off.target, log });
    const r = await printer.print(paper);
    expect(r.state).toBe('unavailable');
    expect(r.detail).toMatch(/connection refused/);
    expect(printer.status()).toMatchObject({ state: 'unavailable' });
  });

  it('a printer that never answers the status query: reported after the time-out, nothing printed', async () => {
    fake = await startFakePrinter('silent');
    const printer = new ReceiptPrinter({ db, setting: fake.target, log, timeoutMs: 400 });
    const r = await printer.print(paper);
    expect(r).toEqual({ state: 'unavailable', detail: 'no status answer within 400 ms' });
    expect(fake.jobs()).toEqual([]);
  });

  it('no printer configured: none, and nothing tried', async () => {
    const printer = new ReceiptPrinter({ db, setting: '', log });
    expect(await printer.print(paper)).toEqual({ state: 'none', detail: null });
    expect(printer.status()).toEqual({ configured: false, target: null, state: 'unknown', detail: null, checkedAt: null });
  });
});
