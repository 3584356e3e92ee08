/**
 * The Duncan index of a partnership's inequality on one outcome, as CPOP computes it (Improvement
 * Service, CPOP Duncan_Index method; DOMAIN.md §5):
 *
 *   order the partnership's zones by the outcome value, ascending, zones without a value last;
 *   a_i = cumulative share of the partnership's income-deprived people over the first i zones,
 *   b_i = the same for people who are not income-deprived;
 *   D = Σ_{i=1}^{N−1} a_i·b_{i+1} − Σ_{i=1}^{N−1} a_{i+1}·b_i.
 *
 * D is +1 when the deprived all live where the value is lowest, −1 when they all live where it is
 * highest, 0 when they are spread like everyone else. There is no index when more than
 * `maxMissingShare` of the zones lack a value, or when the people counts are missing.
 */
export interface DuncanZone {
  value: number | null;
  incomeDeprived: number | null;
  notIncomeDeprived: number | null;
}

export type DuncanResult =
  | { index: number; zones: number; missing: number }
  | { index: null; zones: number; missing: number; reason: string };

export function duncanIndex(zones: readonly DuncanZone[], maxMissingShare: number): DuncanResult {
  const n = zones.length;
  const missing = zones.filter((z) => z.value === null || !Number.isFinite(z.value)).length;
  if (n < 2) return { index: null, zones: n, missing, reason: 'fewer than two zones' };
  if (missing / n > maxMissingShare) {
    return { index: null, zones: n, missing, reason: `${missing} of ${n} zones have no value (more than ${Math.round(maxMissingShare * 100)}%)` };
  }
  if (zones.some((z) => z.incomeDeprived === null || z.notIncomeDeprived === null)) {
    return { index: null, zones: n, missing, reason: 'income-deprived counts are missing' };
  }
  const ordered = zones
    .map((z, i) => ({ z, i }))
    .sort((x, y) => {
      const a = x.z.value;
      const b = y.z.value;
      if (a === null && b === null) return x.i - y.i;
      if (a === null) return 1;
      if (b === null) return -1;
      return a - b || x.i - y.i;
    })
    .map((x) => x.z);
  const totalA = ordered.reduce((s, z) => s + (z.incomeDeprived as number), 0);
  const totalB = ordered.reduce((s, z) => s + (z.notIncomeDeprived as number), 0);
  if (totalA <= 0 || totalB <= 0) return { index: null, zones: n, missing, reason: 'no income-deprived (or no other) people' };
  const a: number[] = [];
  const b: number[] = [];
  let ca = 0;
  let cb = 0;
  for (const z of ordered) {
    ca += (z.incomeDeprived as number) / totalA;
    cb += (z.notIncomeDeprived as number) / totalB;
    a.push(ca);
    b.push(cb);
  }
  let d = 0;
  for (let i = 0; i < n - 1; i++) d += a[i]! * b[i + 1]! - a[i + 1]! * b[i]!;
  return { index: d, zones: n, missing };
}
