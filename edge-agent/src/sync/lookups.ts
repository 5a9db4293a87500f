// Requests waiting for HQ's answer (MQTT 5 request/response), by correlation data, each with a timeout: member
// look-ups, parking requests and queue tickets (T is the answer's payload).
import type { MemberLookupResponse } from '../../../contracts/mqtt.ts';

type Waiter<T> = { resolve: (r: T) => void; reject: (e: Error) => void; timer: NodeJS.Timeout };

export class LookupWaiters<T = MemberLookupResponse> {
  private readonly waiting = new Map<string, Waiter<T>>();

  /** Waits for the answer to `correlation`; rejects after timeoutMs. */
  wait(correlation: string, timeoutMs: number): Promise<T> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(correlation);
        reject(new Error(`timeout: HQ did not answer within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiting.set(correlation, { resolve, reject, timer });
    });
  }

  isWaiting(correlation: string): boolean {
    return this.waiting.has(correlation);
  }

  answer(correlation: string, r: T): void {
    const w = this.waiting.get(correlation);
    if (!w) return;
    clearTimeout(w.timer);
    this.waiting.delete(correlation);
    w.resolve(r);
  }

  rejectAll(reason: string): void {
    for (const w of this.waiting.values()) {
      clearTimeout(w.timer);
      w.reject(new Error(reason));
    }
    this.waiting.clear();
  }
}
