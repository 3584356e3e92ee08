/**
 * The summary statistics of the national spread of self-evaluation scores. Quartiles are interpolated
 * between order statistics (Hyndman and Fan's type 7: R's default, Excel's QUARTILE.INC), so that the
 * figures can be checked in a spreadsheet from the CSV.
 */
export interface Spread {
  count: number;
  min: number | null;
  lowerQuartile: number | null;
  median: number | null;
  upperQuartile: number | null;
  max: number | null;
}

/** The p-quantile (0 ≤ p ≤ 1) of sorted values, type 7. */
export function quantile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.ceil(h);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

export function spreadOf(values: readonly number[]): Spread {
  const s = [...values].sort((a, b) => a - b);
  return {
    count: s.length,
    min: s[0] ?? null,
    lowerQuartile: quantile(s, 0.25),
    median: quantile(s, 0.5),
    upperQuartile: quantile(s, 0.75),
    max: s.at(-1) ?? null,
  };
}

export function mean(values: readonly number[]): number | null {
  return values.length ? values.reduce((a, b) => a + b, 0) / values.length : null;
}
