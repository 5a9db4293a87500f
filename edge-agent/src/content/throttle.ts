// The optional bandwidth cap: one token bucket shared by every download (the cap is the kiosk's total). Each chunk
// read from a response takes its size in tokens before it is written; a chunk larger than the bucket goes into debt
// and the next reader waits it off, so the average rate holds whatever the chunk sizes.

export class TokenBucket {
  private tokens: number;
  private last: number;
  private readonly rate: number;
  private readonly burst: number;
  private readonly now: () => number;

  /** `rate` bytes per second; at most `burst` bytes (one second's worth unless told) may go at once after a pause. */
  constructor(rate: number, burst = rate, now: () => number = () => performance.now()) {
    this.rate = rate;
    this.burst = burst;
    this.now = now;
    this.tokens = burst;
    this.last = now();
  }

  /** Takes `n` tokens now and returns how many milliseconds the caller must wait before using them. */
  reserve(n: number): number {
    const t = this.now();
    this.tokens = Math.min(this.burst, this.tokens + ((t - this.last) / 1000) * this.rate);
    this.last = t;
    this.tokens -= n;
    return this.tokens >= 0 ? 0 : Math.ceil((-this.tokens / this.rate) * 1000);
  }
}

/** Waits until `n` bytes may pass (no bucket: at once); rejects when `signal` aborts. */
export async function take(bucket: TokenBucket | null, n: number, signal: AbortSignal): Promise<void> {
  const wait = bucket?.reserve(n) ?? 0;
  if (wait <= 0) return;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, wait);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason instanceof Error ? signal.reason : new Error('aborted'));
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
