/**
 * Inequality between a partnership's communities, beyond the Duncan index (duncan.ts): CPOP's comparison
 * of the most and least income-deprived communities, and the public-health slope and relative indices
 * of inequality. Pure functions; their parameters (the deprived share) come from `method_parameters`.
 */

/** Which end of the deprivation scale fares worse on the outcome, following the indicator's polarity. */
export type WorseGroup = 'most deprived' | 'least deprived' | 'neither';

const worseOf = (mostMinusLeast: number, higherIsBetter: boolean): WorseGroup => {
  if (mostMinusLeast === 0) return 'neither';
  return mostMinusLeast > 0 === higherIsBetter ? 'least deprived' : 'most deprived';
};

/** A share times a count, as an integer when it is one up to floating point (0.1 × 30 is 3, not 3.0000000000000004). */
const scaled = (share: number, n: number): number => {
  const x = share * n;
  const r = Math.round(x);
  return Math.abs(x - r) < 1e-9 ? r : x;
};

// ---------------------------------------------------------------------------------------------------
// Most vs least income-deprived communities
// ---------------------------------------------------------------------------------------------------

export interface DeprivationZone {
  code: string;
  /** People who are income-deprived (CPOP's `inc.n`). */
  incomeDeprived: number | null;
  /** People who are not (CPOP's `noninc.n`). */
  notIncomeDeprived: number | null;
  /** The outcome value; null where there is none. */
  value: number | null;
}

export interface RankedZone {
  code: string;
  /** incomeDeprived ÷ (incomeDeprived + notIncomeDeprived). */
  incomeDeprivationRate: number;
  value: number | null;
}

export interface DeprivationGroup {
  /** The group's zones, the most deprived first in the most deprived group and the least deprived first in the other. */
  zones: RankedZone[];
  /** Simple mean of the zone values present, each zone counting once, as CPOP computes it; null when none has a value. */
  mean: number | null;
  /** The same, weighted by each zone's people (incomeDeprived + notIncomeDeprived). */
  populationWeightedMean: number | null;
  /** How many of the group's zones have a value. */
  valuesUsed: number;
}

export type DeprivationExtremesResult =
  | {
      most: DeprivationGroup;
      least: DeprivationGroup;
      /** most.mean − least.mean; null when either mean is. */
      gap: number | null;
      /** most.mean ÷ least.mean; null when either mean is null or least.mean is 0. */
      ratio: number | null;
      /** Which group fares worse on the (unweighted) means; null when either mean is null. */
      worse: WorseGroup | null;
      /** Zones ranked (those with income-deprivation counts). */
      ranked: number;
      /** Codes of zones left out because their counts are missing or add up to nothing. */
      unranked: string[];
    }
  | {
      most: null;
      least: null;
      gap: null;
      ratio: null;
      worse: null;
      ranked: number;
      unranked: string[];
      reason: string;
    };

/**
 * How many zones make up the most and least deprived groups when `share` of `n` zones is asked for.
 *
 * CPOP's inequality table ("Other Code/8. Create income deciles.R" and "9. PrepDecileData.R" in
 * Improvement-Service/CPOP) cuts each partnership's intermediate zones into tenths with R's
 * `dplyr::ntile(% income deprived, 10)`, then compares tenth 1 ("Least deprived" in the app's table,
 * server.R) with tenth 10 ("Most deprived"). `ntile` makes the first buckets the larger ones, so the
 * least deprived tenth has ceil(n ÷ 10) zones and the most deprived tenth floor(n ÷ 10); for the
 * islands, with fewer than ten zones, CPOP relabels the top bucket (a single zone) as tenth 10. This
 * reproduces that for any share: least = ceil(share × n), most = max(1, floor(share × n)). With share
 * 0.1: 25 zones → 3 least and 2 most deprived; 16 → 2 and 1; 7 → 1 and 1.
 */
export function deprivationGroupSizes(n: number, share: number): { most: number; least: number } {
  if (!(share > 0 && share <= 0.5))
    throw new RangeError(`The deprived share must be above 0 and at most 0.5, not ${share}`);
  if (n <= 0) return { most: 0, least: 0 };
  const x = scaled(share, n);
  return { least: Math.ceil(x), most: Math.max(1, Math.floor(x)) };
}

function describeGroup(zones: RankedZone[], weights: Map<string, number>): DeprivationGroup {
  const present = zones.filter(
    (z): z is RankedZone & { value: number } => z.value !== null && Number.isFinite(z.value),
  );
  if (present.length === 0) return { zones, mean: null, populationWeightedMean: null, valuesUsed: 0 };
  const mean = present.reduce((s, z) => s + z.value, 0) / present.length;
  const w = present.reduce((s, z) => s + (weights.get(z.code) ?? 0), 0);
  const populationWeightedMean =
    w > 0 ? present.reduce((s, z) => s + z.value * (weights.get(z.code) ?? 0), 0) / w : null;
  return { zones, mean, populationWeightedMean, valuesUsed: present.length };
}

/**
 * CPOP's comparison of a partnership's most and least income-deprived communities on one outcome.
 *
 * Zones are ranked by their income-deprivation rate, incomeDeprived ÷ (incomeDeprived +
 * notIncomeDeprived); ties keep the order they were given in (as `ntile`, which ranks with
 * `row_number`). Group sizes follow `deprivationGroupSizes`. The groups are chosen over every ranked
 * zone, and only then are zones without a value left out of the means — as CPOP does, which computes
 * the tenths from the income data and drops missing (and imputed) outcome values afterwards.
 *
 * The headline mean is the simple mean of the zone values (CPOP's `summarise(mean)`); the
 * population-weighted mean is given beside it. The gap is most − least, the ratio most ÷ least, and
 * `worse` follows the indicator's polarity. Pass all of Scotland's zones to get CPOP's Scotland row.
 */
export function deprivationExtremes(
  zones: readonly DeprivationZone[],
  share: number,
  higherIsBetter: boolean,
): DeprivationExtremesResult {
  const unranked: string[] = [];
  const weights = new Map<string, number>();
  const ranked: RankedZone[] = [];
  for (const z of zones) {
    const a = z.incomeDeprived;
    const b = z.notIncomeDeprived;
    if (a === null || b === null || !Number.isFinite(a) || !Number.isFinite(b) || a < 0 || b < 0 || a + b <= 0) {
      unranked.push(z.code);
      continue;
    }
    weights.set(z.code, a + b);
    ranked.push({ code: z.code, incomeDeprivationRate: a / (a + b), value: z.value });
  }
  const n = ranked.length;
  const sizes = deprivationGroupSizes(n, share);
  if (n < 2)
    return {
      most: null,
      least: null,
      gap: null,
      ratio: null,
      worse: null,
      ranked: n,
      unranked,
      reason: 'fewer than two zones with income-deprivation counts',
    };
  // Stable sort: ties keep their input order.
  const ascending = ranked
    .map((z, i) => ({ z, i }))
    .sort((x, y) => x.z.incomeDeprivationRate - y.z.incomeDeprivationRate || x.i - y.i)
    .map((x) => x.z);
  const least = describeGroup(ascending.slice(0, sizes.least), weights);
  const most = describeGroup(ascending.slice(n - sizes.most).reverse(), weights);
  const both = most.mean !== null && least.mean !== null;
  const gap = both ? (most.mean as number) - (least.mean as number) : null;
  const ratio = both && least.mean !== 0 ? (most.mean as number) / (least.mean as number) : null;
  return { most, least, gap, ratio, worse: gap === null ? null : worseOf(gap, higherIsBetter), ranked: n, unranked };
}

// ---------------------------------------------------------------------------------------------------
// Slope and relative indices of inequality
// ---------------------------------------------------------------------------------------------------

export interface SiiZone {
  code?: string;
  value: number | null;
  population: number | null;
  /** Position on the deprivation scale: lower is more deprived (a SIMD rank, or the negated income-deprivation rate). */
  deprivationRank: number;
}

export interface SiiPoint {
  code: string | undefined;
  value: number;
  population: number;
  /** Relative rank: the midpoint of the zone's share of the population, counted from the most deprived (0) to the least (1). */
  ridit: number;
}

export type SiiResult =
  | {
      /** Slope of the fitted line = predicted value at the least deprived end − at the most deprived end. */
      sii: number;
      /** sii ÷ the population-weighted mean; null when the mean is 0. */
      rii: number | null;
      /** Population-weighted mean of the values used. */
      mean: number;
      /** Fitted value at ridit 0 (the most deprived end) and 1 (the least deprived end). */
      predictedMostDeprived: number;
      predictedLeastDeprived: number;
      /** Which end fares worse, following the indicator's polarity. */
      worse: WorseGroup;
      points: SiiPoint[];
      /** Zones left out: no value, or no (or zero) population. */
      leftOut: number;
    }
  | { sii: null; rii: null; worse: null; points: SiiPoint[]; leftOut: number; reason: string };

/**
 * Relative ranks (ridits) of zones ordered from most to least deprived: each zone's rank is the
 * cumulative population share before it plus half its own share. Zones with equal deprivation ranks
 * are pooled and share the midpoint of their combined span. Returns the ridits in input order.
 */
export function ridits(zones: readonly { population: number; deprivationRank: number }[]): number[] {
  const total = zones.reduce((s, z) => s + z.population, 0);
  const order = zones.map((z, i) => ({ z, i })).sort((a, b) => a.z.deprivationRank - b.z.deprivationRank || a.i - b.i);
  const out = new Array<number>(zones.length).fill(0);
  let before = 0;
  for (let k = 0; k < order.length;) {
    let end = k;
    let tied = 0;
    while (end < order.length && order[end]!.z.deprivationRank === order[k]!.z.deprivationRank)
      tied += order[end++]!.z.population;
    const mid = (before + tied / 2) / total;
    for (let j = k; j < end; j++) out[order[j]!.i] = mid;
    before += tied;
    k = end;
  }
  return out;
}

/**
 * Slope index of inequality (SII) and relative index of inequality (RII) over a partnership's zones.
 *
 * Method (Low & Low 2004, as in Public Health England's `PHEindicatormethods::phe_sii` and the
 * Scottish Government's "Long-term monitoring of health inequalities" technical notes, from
 * ScotPHO's "Measuring socio-economic inequalities in health: a practical guide"): order the zones
 * from most to least deprived; give each its ridit, the midpoint of its cumulative population share
 * (0 = most deprived end, 1 = least); fit value = a + b·ridit by least squares weighted by population.
 *
 * - SII = b, the difference between the fitted values at the least (1) and the most (0) deprived
 *   ends: positive when the value rises as deprivation falls. Whether that is inequality against the
 *   deprived depends on polarity, which `worse` reports.
 * - RII = SII ÷ the population-weighted mean of the values: the convention of the Scottish
 *   Government's long-term monitoring of health inequalities (after ScotPHO and Pamuk 1985). The
 *   other common definition, used by Kunst & Mackenbach and WHO's HEAT (`healthequal::rii`), is the
 *   ratio of the fitted values at the two ends; `predictedMostDeprived` and `predictedLeastDeprived`
 *   are returned so it can be derived.
 *
 * Zones without a value, or with no (or zero) population, are left out before the ridits are worked
 * out, so the ranks cover the population the values describe. Fewer than two zones left, or all of
 * them equally deprived, give no index.
 */
export function slopeIndexOfInequality(zones: readonly SiiZone[], higherIsBetter: boolean): SiiResult {
  const used = zones.filter(
    (z): z is SiiZone & { value: number; population: number } =>
      z.value !== null &&
      Number.isFinite(z.value) &&
      z.population !== null &&
      Number.isFinite(z.population) &&
      z.population > 0 &&
      Number.isFinite(z.deprivationRank),
  );
  const leftOut = zones.length - used.length;
  const r = ridits(used);
  const points: SiiPoint[] = used.map((z, i) => ({
    code: z.code,
    value: z.value,
    population: z.population,
    ridit: r[i]!,
  }));
  if (used.length < 2)
    return {
      sii: null,
      rii: null,
      worse: null,
      points,
      leftOut,
      reason: 'fewer than two zones with a value and a population',
    };
  const w = points.reduce((s, p) => s + p.population, 0);
  const xBar = points.reduce((s, p) => s + p.population * p.ridit, 0) / w;
  const yBar = points.reduce((s, p) => s + p.population * p.value, 0) / w;
  const sxx = points.reduce((s, p) => s + p.population * (p.ridit - xBar) ** 2, 0);
  const sxy = points.reduce((s, p) => s + p.population * (p.ridit - xBar) * (p.value - yBar), 0);
  if (!(sxx > 0))
    return { sii: null, rii: null, worse: null, points, leftOut, reason: 'all zones are equally deprived' };
  const sii = sxy / sxx;
  const intercept = yBar - sii * xBar;
  return {
    sii,
    rii: yBar === 0 ? null : sii / yBar,
    mean: yBar,
    predictedMostDeprived: intercept,
    predictedLeastDeprived: intercept + sii,
    // The most deprived end minus the least deprived end is −SII.
    worse: worseOf(-sii, higherIsBetter),
    points,
    leftOut,
  };
}
