/**
 * CPOP's methods, as pure functions. Source: Improvement Service, Community Planning Outcomes Profile
 * (the method notes and the CPOP app code, September 2023 edition), as summarised in DOMAIN.md §5.
 */
import { byPeriodStart } from '../../core/periods.ts';

export interface SeriesPoint {
  /** ISO date the period starts: orders the series. */
  periodStart: string;
  value: number;
  valueType: 'raw' | 'imputed' | 'projected';
}

/**
 * Improvement rate = (last value ÷ first value − 1) × 100, over the raw and imputed values (projections
 * excluded), first and last by period. Null when fewer than two such values, or the first is zero.
 */
export function improvementRate(series: readonly SeriesPoint[]): number | null {
  const used = series.filter((p) => p.valueType !== 'projected').sort(byPeriodStart);
  const first = used[0];
  const last = used[used.length - 1];
  if (!first || !last || used.length < 2 || first.value === 0) return null;
  return (last.value / first.value - 1) * 100;
}

export type TrafficLight = 'green' | 'amber' | 'red';

/**
 * CPOP's traffic light against a comparator (Scotland, another partnership or the family group):
 * green when the latest value is better AND it is improving faster; red when it is worse AND improving
 * more slowly; amber otherwise. "Better" and "faster" follow the indicator's polarity.
 */
export function trafficLight(
  latest: number,
  rate: number,
  comparatorLatest: number,
  comparatorRate: number,
  higherIsBetter: boolean,
): TrafficLight {
  const sign = higherIsBetter ? 1 : -1;
  const better = sign * (latest - comparatorLatest) > 0;
  const faster = sign * (rate - comparatorRate) > 0;
  if (better && faster) return 'green';
  if (!better && !faster) return 'red';
  return 'amber';
}

/**
 * Communities ranked in the round: each community's z-score against the other communities of its
 * partnership, (value − mean) ÷ standard deviation (the sample standard deviation, n − 1, as CPOP
 * computes it), with the sign flipped where a high value is bad, so that a positive score is always
 * better than the partnership's average. Communities without a value get null and are left out of the
 * mean and deviation.
 */
export function communityZScores(values: readonly (number | null)[], higherIsBetter: boolean): (number | null)[] {
  const present = values.filter((v): v is number => v !== null && Number.isFinite(v));
  if (present.length < 2) return values.map(() => null);
  const mean = present.reduce((s, v) => s + v, 0) / present.length;
  const sd = Math.sqrt(present.reduce((s, v) => s + (v - mean) ** 2, 0) / (present.length - 1));
  if (sd === 0) return values.map((v) => (v === null ? null : 0));
  const sign = higherIsBetter ? 1 : -1;
  return values.map((v) => (v === null || !Number.isFinite(v) ? null : (sign * (v - mean)) / sd));
}
