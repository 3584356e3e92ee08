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

/** The same zones as columns: position i of each array is one zone (how a national recompute holds them). */
export interface DuncanColumns {
  /** null or NaN: no value */
  value: readonly (number | null)[];
  incomeDeprived: readonly (number | null)[];
  notIncomeDeprived: readonly (number | null)[];
}

export type DuncanResult =
  { index: number; zones: number; missing: number } | { index: null; zones: number; missing: number; reason: string };

export function duncanIndex(zones: readonly DuncanZone[], maxMissingShare: number): DuncanResult {
  return duncanIndexOfColumns(
    {
      value: zones.map((z) => z.value),
      incomeDeprived: zones.map((z) => z.incomeDeprived),
      notIncomeDeprived: zones.map((z) => z.notIncomeDeprived),
    },
    maxMissingShare,
  );
}

/**
 * duncanIndex() on zones held as columns. One pass to count, one ordering of positions (orderByValue),
 * one pass to accumulate: it runs for every partnership, indicator and year (3,584 times in a national recompute),
 * so it allocates nothing per zone beyond the order.
 */
export function duncanIndexOfColumns(zones: DuncanColumns, maxMissingShare: number): DuncanResult {
  const { value, incomeDeprived, notIncomeDeprived } = zones;
  const n = value.length;
  let missing = 0;
  let countsMissing = false;
  for (let i = 0; i < n; i++) {
    const v = value[i];
    if (v === null || v === undefined || !Number.isFinite(v)) missing++;
    if (incomeDeprived[i] == null || notIncomeDeprived[i] == null) countsMissing = true;
  }
  if (n < 2) return { index: null, zones: n, missing, reason: 'fewer than two zones' };
  if (missing / n > maxMissingShare) {
    return {
      index: null,
      zones: n,
      missing,
      reason: `${missing} of ${n} zones have no value (more than ${Math.round(maxMissingShare * 100)}%)`,
    };
  }
  if (countsMissing) return { index: null, zones: n, missing, reason: 'income-deprived counts are missing' };
  const order = orderByValue(value);
  let totalA = 0;
  let totalB = 0;
  for (const i of order) {
    totalA += incomeDeprived[i]!;
    totalB += notIncomeDeprived[i]!;
  }
  if (totalA <= 0 || totalB <= 0)
    return { index: null, zones: n, missing, reason: 'no income-deprived (or no other) people' };
  // a and b of the previous zone in the order, then of this one: D gains a_prev·b − a·b_prev.
  let d = 0;
  let aPrev = 0;
  let bPrev = 0;
  for (let k = 0; k < n; k++) {
    const i = order[k]!;
    const a = aPrev + incomeDeprived[i]! / totalA;
    const b = bPrev + notIncomeDeprived[i]! / totalB;
    if (k > 0) d += aPrev * b - a * bPrev;
    aPrev = a;
    bPrev = b;
  }
  return { index: d, zones: n, missing };
}

/** Above this many zones, insertion (quadratic in the worst case) gives way to Array.prototype.sort. */
const INSERTION_SORT_MAX = 256;

/**
 * Positions of the zones by value, ascending, those without a value (null, or NaN: a recompute holds
 * values unboxed, with NaN for none) last, ties in position order. Partnerships have tens of zones, and
 * this runs 3,584 times in a national recompute, so it sorts by insertion, comparing in place, instead of
 * calling a comparator through Array.prototype.sort; a long list takes the sort.
 */
export function orderByValue(value: readonly (number | null)[]): number[] {
  const n = value.length;
  const order: number[] = [];
  if (n > INSERTION_SORT_MAX) {
    for (let i = 0; i < n; i++) order.push(i);
    return order.sort((x, y) => {
      const a = value[x] ?? Number.NaN;
      const b = value[y] ?? Number.NaN;
      if (Number.isNaN(a)) return Number.isNaN(b) ? x - y : 1;
      if (Number.isNaN(b)) return -1;
      return a - b || x - y;
    });
  }
  for (let i = 0; i < n; i++) {
    const v = value[i] ?? Number.NaN;
    let k = i;
    // Every position placed so far is smaller than i, so it goes after i only if it has no value and i
    // has one, or a larger value; a zone without a value goes after all placed so far.
    if (!Number.isNaN(v)) {
      while (k > 0) {
        const w = value[order[k - 1]!] ?? Number.NaN;
        if (!(Number.isNaN(w) || w > v)) break;
        order[k] = order[k - 1]!;
        k--;
      }
    }
    order[k] = i;
  }
  return order;
}
