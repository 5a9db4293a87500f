// A minimal Chrome DevTools Protocol client over --remote-debugging-pipe (fds 3 and 4, never a network port):
// JSON messages separated by NUL bytes. Commands get answers; events (crashes, heartbeat binding calls) are
// emitted as 'event'.
import { EventEmitter } from 'node:events';
import type { Readable, Writable } from 'node:stream';

export type CdpEvent = { method: string; params: Record<string, unknown>; sessionId?: string };

export class CdpPipe extends EventEmitter<{ event: [CdpEvent] }> {
  private nextId = 1;
  private buffer = Buffer.alloc(0);
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void; timer: NodeJS.Timeout }>();
  private readonly out: Writable;
  private closed: string | null = null;

  constructor(out: Writable, input: Readable) {
    super();
    this.out = out;
    input.on('data', (chunk: Buffer) => this.onData(chunk));
    input.on('error', () => this.closeAll('the DevTools pipe broke'));
    out.on('error', () => this.closeAll('the DevTools pipe broke'));
  }

  call(method: string, params: Record<string, unknown> = {}, sessionId?: string, timeoutMs = 10_000): Promise<unknown> {
    if (this.closed) return Promise.reject(new Error(this.closed));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`DevTools ${method} did not answer within ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(id, { resolve, reject, timer });
      this.out.write(JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) }) + '\0');
    });
  }

  closeAll(reason: string): void {
    this.closed ??= reason;
    for (const [id, p] of this.pending) {
      clearTimeout(p.timer);
      p.reject(new Error(reason));
      this.pending.delete(id);
    }
  }

  private onData(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    let end;
    while ((end = this.buffer.indexOf(0)) >= 0) {
      const text = this.buffer.subarray(0, end).toString('utf8');
      this.buffer = this.buffer.subarray(end + 1);
      let msg: { id?: number; result?: unknown; error?: { message: string }; method?: string; params?: Record<string, unknown>; sessionId?: string };
      try {
        msg = JSON.parse(text) as typeof msg;
      } catch {
        continue;
      }
      if (typeof msg.id !== 'number') {
        if (typeof msg.method === 'string') this.emit('event', { method: msg.method, params: msg.params ?? {}, ...(msg.sessionId ? { sessionId: msg.sessionId } : {}) });
        continue;
      }
      const p = this.pending.get(msg.id);
      if (!p) continue;
      this.pending.delete(msg.id);
      clearTimeout(p.timer);
      if (msg.error) p.reject(new Error(`DevTools: ${msg.error.message}`));
      else p.resolve(msg.result);
    }
  }
}
