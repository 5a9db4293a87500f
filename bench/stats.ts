// Small statistics helpers for the benches: percentiles and min/median/max over runs.
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

export function summary(values: number[]): { min: number; median: number; max: number; runs: number } {
  const s = [...values].sort((a, b) => a - b);
  return { min: s[0]!, median: percentile(s, 50), max: s[s.length - 1]!, runs: s.length };
}

export const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;
