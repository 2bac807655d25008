/** Percentiles and summaries for benchmark samples. */
export interface Summary {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

export function summarize(values: number[]): Summary {
  const s = [...values].sort((a, b) => a - b);
  const mean = s.reduce((a, b) => a + b, 0) / (s.length || 1);
  return { n: s.length, p50: percentile(s, 50), p95: percentile(s, 95), p99: percentile(s, 99), max: s[s.length - 1] ?? NaN, mean };
}

export interface HistogramSnapshot {
  /** Cumulative counts per upper bound (seconds), as Prometheus exposes them. */
  buckets: { le: number; count: number }[];
  count: number;
}

/** Quantile of a cumulative histogram (between snapshots), interpolated inside the bucket. */
export function histogramQuantile(q: number, after: HistogramSnapshot, before?: HistogramSnapshot): number {
  const total = after.count - (before?.count ?? 0);
  if (total <= 0) return NaN;
  const rank = q * total;
  let prevLe = 0;
  let prevCount = 0;
  for (const b of after.buckets) {
    const c = b.count - (before?.buckets.find((x) => x.le === b.le)?.count ?? 0);
    if (c >= rank) {
      if (!Number.isFinite(b.le)) return prevLe;
      return prevLe + ((b.le - prevLe) * (rank - prevCount)) / Math.max(1, c - prevCount);
    }
    prevLe = b.le;
    prevCount = c;
  }
  return prevLe;
}

export const round = (v: number, digits = 2) => (Number.isFinite(v) ? Number(v.toFixed(digits)) : v);
