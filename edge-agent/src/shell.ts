// Asks the kiosk shell (Electron main or the browser-kiosk launcher, whichever supervises this process over Node
// IPC) for things only it can do. Standalone (no IPC channel) every request fails with a plain reason.
import { createHash, randomUUID } from 'node:crypto';
import { ShellRecovery, ShellReply, type ShellRecoveryAck, type ShellRequest } from '../../contracts/shell.ts';

export type Screenshot = { png: Buffer; width: number; height: number; sha256: string };

type Pending = { resolve: (r: ShellReply) => void; timer: NodeJS.Timeout };
const pending = new Map<string, Pending>();
let listening = false;

function listen(): void {
  if (listening) return;
  listening = true;
  process.on('message', (msg: unknown) => {
    const parsed = ShellReply.safeParse(msg);
    if (!parsed.success) return; // not ours, or malformed: the waiting request times out with a reason
    const p = pending.get(parsed.data.requestId);
    if (!p) return;
    pending.delete(parsed.data.requestId);
    clearTimeout(p.timer);
    p.resolve(parsed.data);
  });
  // The channel must not keep the agent alive on its own.
  process.channel?.unref();
}

export function hasShell(): boolean {
  return typeof process.send === 'function' && process.connected;
}

export async function captureScreenshot(timeoutMs = 15_000): Promise<Screenshot> {
  if (!hasShell()) throw new Error('no kiosk shell: this agent runs standalone, so there is no UI window to capture');
  listen();
  const requestId = randomUUID().replace(/-/g, '');
  const request: ShellRequest = { type: 'capture-screenshot', requestId };
  const reply = await new Promise<ShellReply>((resolve, reject) => {
    const timer = setTimeout(() => {
      pending.delete(requestId);
      reject(new Error(`the kiosk shell did not answer within ${timeoutMs} ms`));
    }, timeoutMs);
    pending.set(requestId, { resolve, timer });
    process.send!(request, (err: Error | null) => {
      if (!err) return;
      clearTimeout(timer);
      pending.delete(requestId);
      reject(new Error(`cannot reach the kiosk shell: ${err.message}`));
    });
  });
  if (!reply.ok) throw new Error(reply.error);
  const png = Buffer.from(reply.png, 'base64');
  if (png.subarray(0, 8).toString('hex') !== '89504e470d0a1a0a') throw new Error('the kiosk shell returned something that is not a PNG');
  return { png, width: reply.width, height: reply.height, sha256: createHash('sha256').update(png).digest('hex') };
}

/**
 * Recoveries the shell performed (page reloads, relaunches, agent restarts), each handed to `handler` once parsed,
 * then acknowledged to the shell (which re-sends until acknowledged, so `handler` must be idempotent by id);
 * malformed messages are dropped. Returns a function that stops listening. Standalone agents never get any.
 */
export function onShellRecovery(handler: (r: ShellRecovery) => void): () => void {
  const listener = (msg: unknown) => {
    if (typeof msg !== 'object' || msg === null || (msg as { type?: unknown }).type !== 'shell-recovery') return;
    const parsed = ShellRecovery.safeParse(msg);
    if (!parsed.success) return;
    handler(parsed.data);
    const ack: ShellRecoveryAck = { type: 'shell-recovery-ack', id: parsed.data.id };
    if (hasShell()) process.send!(ack);
  };
  process.on('message', listener);
  process.channel?.unref();
  return () => void process.off('message', listener);
}
