/**
 * CPOP's methods, as pure functions. Source: Improvement Service, Community Planning Outcomes Profile
 * (the method notes and the CPOP app code, September 2023 edition), as summarised in DOMAIN.md §5.
 */
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
  const used = series.filter((p) => p.valueType !== 'projected').sort((a, b) => a.periodStart.localeCompare(b.periodStart));
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
