// Sends a job to an ESC/POS receipt printer on TCP (port 9100, "raw"/JetDirect), after asking it for its paper
// sensor (DLE EOT 4, real-time status, answered at once even mid-job): paper out, no connection, refused, or no
// answer is reported, and the job is not sent. USB and serial printers are out of reach here (no device to test on).
import net from 'node:net';

export type PrinterTarget = { host: string; port: number };
export type PrintOutcome = { ok: true } | { ok: false; detail: string };

/** DLE EOT 4: transmit the roll paper sensor status (one byte). */
export const PAPER_STATUS_QUERY = Buffer.from([0x10, 0x04, 0x04]);
/** Bits 5 and 6 of the answer: paper end detected. (Bits 2 and 3: near end, which still prints.) */
const PAPER_END = 0x60;

export function parsePrinterTarget(setting: string): PrinterTarget | null {
  const m = /^(.+):(\d{1,5})$/.exec(setting);
  if (!m) return null;
  const port = Number(m[2]);
  return port >= 1 && port <= 65535 ? { host: m[1]!, port } : null;
}

/** What the status byte says, or null when the paper is there. */
export function paperProblem(status: number): string | null {
  return (status & PAPER_END) !== 0 ? 'out of paper' : null;
}

/**
 * Connects, checks the paper, and (when `job` is given) sends the job and closes. Without a job it only checks:
 * the agent's periodic printer check and the staff page use that.
 */
export function printOverTcp(target: PrinterTarget, job: Buffer | null, timeoutMs = 3000): Promise<PrintOutcome> {
  return new Promise((resolve) => {
    let settled = false;
    const socket = net.connect({ host: target.host, port: target.port });
    const finish = (outcome: PrintOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (outcome.ok) socket.end();
      else socket.destroy();
      resolve(outcome);
    };
    const timer = setTimeout(() => finish({ ok: false, detail: socket.connecting ? `no connection within ${timeoutMs} ms (is it on?)` : `no status answer within ${timeoutMs} ms` }), timeoutMs);
    socket.setNoDelay(true);
    socket.once('error', (err: NodeJS.ErrnoException) => {
      finish({ ok: false, detail: err.code === 'ECONNREFUSED' ? 'connection refused (printer off or port closed)' : `connection failed: ${err.code ?? err.message}` });
    });
    socket.once('connect', () => socket.write(PAPER_STATUS_QUERY));
    socket.once('data', (chunk: Buffer) => {
      const problem = paperProblem(chunk[0]!);
      if (problem) return finish({ ok: false, detail: problem });
      if (!job) return finish({ ok: true });
      socket.write(job, (err) => finish(err ? { ok: false, detail: `sending failed: ${err.message}` } : { ok: true }));
    });
  });
}
