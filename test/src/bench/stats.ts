/** Order statistics for the benchmark: nearest-rank percentiles and the spread over runs. */

/** The p-th percentile (0–100) by nearest rank of an unsorted list; NaN for an empty one. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return percentileOfSorted(sorted, p);
}

export function percentileOfSorted(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

/** The median; for an even count, the mean of the two middle values. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function sum(values: ArrayLike<number>): number {
  let total = 0;
  for (let i = 0; i < values.length; i++) total += values[i];
  return total;
}

export interface Distribution {
  p50: number;
  p95: number;
  max: number;
  count: number;
}

export function distribution(values: readonly number[]): Distribution {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    p50: percentileOfSorted(sorted, 50),
    p95: percentileOfSorted(sorted, 95),
    max: sorted.length > 0 ? sorted[sorted.length - 1] : Number.NaN,
    count: sorted.length,
  };
}

/** One figure over several runs: what the report quotes (the median) and how far runs strayed. */
export interface Measured {
  median: number;
  min: number;
  max: number;
  runs: number[];
}

export function measured(runs: readonly number[]): Measured {
  const finite = runs.filter((value) => Number.isFinite(value));
  return {
    median: median(finite),
    min: finite.length > 0 ? Math.min(...finite) : Number.NaN,
    max: finite.length > 0 ? Math.max(...finite) : Number.NaN,
    runs: [...runs],
  };
}
