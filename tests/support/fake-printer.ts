// A fake ESC/POS receipt printer for tests: a real TCP server on a loopback port that answers the paper sensor query
// (DLE EOT 4) as a printer with paper, or out of paper, keeps every byte each connection sent, and DECODES the ESC/POS
// stream (text in GB18030, character size, bold, alignment, QR store/print, cut) so tests assert what the paper shows.
// "Off" is the port with nothing listening (stop()).
import net from 'node:net';

export type PrinterMode = 'ready' | 'out_of_paper' | 'silent';

/** One printed line: its text and the character size it was printed at (1 = normal, 8 = the largest). */
export type PaperLine = { text: string; width: number; height: number; bold: boolean };
export type DecodedJob = { lines: PaperLine[]; qr: string[]; qrPrinted: number; cuts: number; statusQueries: number; unknown: string[] };

export type FakePrinter = {
  port: number;
  target: string;
  /** Bytes of each connection, in order (a paper check is a connection with only DLE EOT 4). */
  connections: Buffer[];
  mode: PrinterMode;
  /** The decoded jobs: connections that printed something. */
  jobs(): DecodedJob[];
  /** Resolves once `n` jobs have arrived whole (each ends with a cut), or rejects after timeoutMs. */
  waitForJobs(n: number, timeoutMs?: number): Promise<DecodedJob[]>;
  stop(): Promise<void>;
};

/** Status byte for DLE EOT 4: bits 1 and 4 always set; bits 5 and 6 = paper end. */
const PAPER_OK = 0x12;
const PAPER_END = 0x72;

export async function startFakePrinter(mode: PrinterMode = 'ready'): Promise<FakePrinter> {
  const connections: Buffer[] = [];
  const sockets = new Set<net.Socket>();
  const printer: FakePrinter = {
    port: 0, target: '', connections, mode,
    jobs: () => connections.map(decodeEscPos).filter((j) => j.lines.length > 0 || j.qr.length > 0),
    waitForJobs: async (n, timeoutMs = 5000) => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const whole = printer.jobs().filter((j) => j.cuts > 0);
        if (whole.length >= n) return whole;
        if (Date.now() > deadline) throw new Error(`the fake printer got ${whole.length} whole job(s), not ${n}, within ${timeoutMs} ms`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    stop: () => new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    }),
  };
  const server = net.createServer((socket) => {
    sockets.add(socket);
    const index = connections.push(Buffer.alloc(0)) - 1;
    socket.on('data', (chunk: Buffer) => {
      const before = connections[index]!;
      connections[index] = Buffer.concat([before, chunk]);
      // Answer each new DLE EOT 4 at once, as a printer does (real-time commands bypass the print buffer).
      const all = connections[index]!;
      for (let i = Math.max(0, before.length - 2); i + 2 < all.length; i++) {
        if (all[i] === 0x10 && all[i + 1] === 0x04 && all[i + 2] === 0x04 && printer.mode !== 'silent') socket.write(Buffer.from([printer.mode === 'ready' ? PAPER_OK : PAPER_END]));
      }
    });
    socket.on('error', () => {});
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  printer.port = (server.address() as net.AddressInfo).port;
  printer.target = `127.0.0.1:${printer.port}`;
  return printer;
}

/** Decodes an ESC/POS byte stream into lines of text with their size, the QR codes stored and printed, and cuts. */
export function decodeEscPos(bytes: Buffer): DecodedJob {
  const gb = new TextDecoder('gb18030');
  const job: DecodedJob = { lines: [], qr: [], qrPrinted: 0, cuts: 0, statusQueries: 0, unknown: [] };
  let width = 1;
  let height = 1;
  let bold = false;
  let text: number[] = [];
  const flush = () => {
    job.lines.push({ text: gb.decode(Uint8Array.from(text)), width, height, bold });
    text = [];
  };
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const n1 = bytes[i + 1];
    if (b === 0x0a) { flush(); i += 1; continue; }
    if (b === 0x10 && n1 === 0x04) { job.statusQueries += 1; i += 3; continue; }
    if (b === 0x1b) {
      if (n1 === 0x40) { width = 1; height = 1; bold = false; i += 2; continue; } // ESC @ initialise
      if (n1 === 0x21) { const m = bytes[i + 2]!; height = m & 0x10 ? 2 : 1; width = m & 0x20 ? 2 : 1; bold = (m & 0x08) !== 0; i += 3; continue; } // ESC ! print mode
      if (n1 === 0x45) { bold = bytes[i + 2] === 1; i += 3; continue; } // ESC E bold
      if (n1 === 0x61 || n1 === 0x52 || n1 === 0x74 || n1 === 0x64 || n1 === 0x2d) { i += 3; continue; } // align, intl set, code table, feed, underline
      job.unknown.push(`ESC 0x${(n1 ?? 0).toString(16)}`);
      i += 2;
      continue;
    }
    if (b === 0x1c && (n1 === 0x26 || n1 === 0x2e)) { i += 2; continue; } // FS & / FS . Chinese mode on / off
    if (b === 0x1d) {
      if (n1 === 0x21) { const m = bytes[i + 2]!; width = (m >> 4) + 1; height = (m & 0x0f) + 1; i += 3; continue; } // GS ! size
      if (n1 === 0x56) { job.cuts += 1; i += bytes[i + 2]! >= 0x41 ? 4 : 3; continue; } // GS V cut
      if (n1 === 0x28 && bytes[i + 2] === 0x6b) { // GS ( k: 2D codes
        const len = bytes[i + 3]! + bytes[i + 4]! * 256;
        const cn = bytes[i + 5];
        const fn = bytes[i + 6];
        if (cn === 0x31 && fn === 0x50) job.qr.push(bytes.subarray(i + 8, i + 5 + len).toString('utf8')); // store data (m = 48)
        if (cn === 0x31 && fn === 0x51) job.qrPrinted += 1;
        i += 5 + len;
        continue;
      }
      job.unknown.push(`GS 0x${(n1 ?? 0).toString(16)}`);
      i += 2;
      continue;
    }
    if (b < 0x20) { job.unknown.push(`0x${b.toString(16)}`); i += 1; continue; }
    text.push(b);
    i += 1;
  }
  if (text.length) flush();
  return job;
}
