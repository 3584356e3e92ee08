/**
 * The statutory locality test. Section 10 of the Community Empowerment (Scotland) Act 2015 asks each
 * community planning partnership to divide its area into localities and to publish a locality plan for
 * each locality whose residents experience significantly poorer outcomes (resulting from socio-economic
 * disadvantage) than people in other localities of the area or in Scotland generally (DOMAIN.md §4).
 * Whether a poorer outcome *results from* disadvantage is a judgement for the partnership; this module
 * answers the statistical half: for one indicator, is each locality significantly poorer than (a) the
 * rest of the area and (b) Scotland, with the evidence; then, across indicators, which localities are.
 *
 * Tests, two-sided at the significance level (a locality is "significantly poorer" when the test is
 * significant and the difference points the bad way for the indicator's polarity):
 *
 * - where every zone has a numerator and denominator (people with the outcome, people at risk):
 *   against the rest of the area, the two-proportion z-test with the pooled proportion; against
 *   Scotland, the one-sample proportion z-test with Scotland's proportion as the known value (Scotland's
 *   own sampling error is negligible, and the locality is part of it — the same reading as ScotPHO's
 *   profiles, which flag an area as significantly different when Scotland's value lies outside the
 *   area's confidence interval). The normal approximation is only used when every expected count
 *   (n·p and n·(1 − p)) is at least `minExpectedCount` (the textbook rule of thumb, 5); otherwise the
 *   t-tests below are used;
 * - otherwise, on the zone values: Welch's unequal-variances t-test (Welch–Satterthwaite degrees of
 *   freedom) against the rest of the area, and the one-sample t-test against Scotland's value (Welch's
 *   test where the comparator is a known value). Zones count equally in these tests, as zones of a
 *   similar size (intermediate zones hold roughly 2,500–6,000 people) reasonably do.
 *
 * Fewer than `minZones` zones with data on either side gives "insufficient data". The values shown are
 * population-weighted means of the zone values; `difference` = locality − comparator.
 *
 * The Student t distribution is computed here from the regularized incomplete beta function, and the
 * normal from the regularized incomplete gamma function (continued fractions as in Press et al.,
 * Numerical Recipes, 3rd ed., §6.2 and §6.4; Lanczos's log-gamma).
 */

// ---------------------------------------------------------------------------------------------------
// Distributions
// ---------------------------------------------------------------------------------------------------

const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/** ln Γ(x) for x > 0 (Lanczos approximation, g = 7, about 15 significant digits). */
export function lnGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - lnGamma(1 - x);
  const y = x - 1;
  let a = LANCZOS[0]!;
  for (let i = 1; i < LANCZOS.length; i++) a += LANCZOS[i]! / (y + i);
  const t = y + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (y + 0.5) * Math.log(t) - t + Math.log(a);
}

const EPS = 1e-15;
const FPMIN = 1e-300;
const MAX_ITERATIONS = 1000;

const notTiny = (v: number) => (Math.abs(v) < FPMIN ? FPMIN : v);

/** Continued fraction for the incomplete beta function (modified Lentz's method). */
function betaContinuedFraction(x: number, a: number, b: number): number {
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 / notTiny(1 - (qab * x) / qap);
  let h = d;
  for (let m = 1; m <= MAX_ITERATIONS; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 / notTiny(1 + aa * d);
    c = notTiny(1 + aa / c);
    h *= d * c;
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 / notTiny(1 + aa * d);
    c = notTiny(1 + aa / c);
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < EPS) return h;
  }
  return h;
}

/** The regularized incomplete beta function I_x(a, b), for 0 ≤ x ≤ 1 and a, b > 0. */
export function regularizedIncompleteBeta(x: number, a: number, b: number): number {
  if (!(a > 0 && b > 0) || Number.isNaN(x)) return Number.NaN;
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(lnGamma(a + b) - lnGamma(a) - lnGamma(b) + a * Math.log(x) + b * Math.log1p(-x));
  // The continued fraction converges fast for x < (a + 1) / (a + b + 2); otherwise use the symmetry I_x(a, b) = 1 − I_{1−x}(b, a).
  if (x < (a + 1) / (a + b + 2)) return (front * betaContinuedFraction(x, a, b)) / a;
  return 1 - (front * betaContinuedFraction(1 - x, b, a)) / b;
}

/** The regularized upper incomplete gamma function Q(a, x) = Γ(a, x) ÷ Γ(a). */
export function regularizedGammaQ(a: number, x: number): number {
  if (!(a > 0) || Number.isNaN(x)) return Number.NaN;
  if (x <= 0) return 1;
  const front = Math.exp(-x + a * Math.log(x) - lnGamma(a));
  if (x < a + 1) {
    // Series for P(a, x).
    let ap = a;
    let del = 1 / a;
    let sum = del;
    for (let n = 1; n <= MAX_ITERATIONS; n++) {
      ap += 1;
      del *= x / ap;
      sum += del;
      if (Math.abs(del) < Math.abs(sum) * EPS) break;
    }
    return 1 - sum * front;
  }
  // Continued fraction for Q(a, x).
  let b = x + 1 - a;
  let c = 1 / FPMIN;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i <= MAX_ITERATIONS; i++) {
    const an = -i * (i - a);
    b += 2;
    d = 1 / notTiny(an * d + b);
    c = notTiny(b + an / c);
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < EPS) break;
  }
  return front * h;
}

/** Two-sided p-value of Student's t with `df` degrees of freedom (df may be fractional, as in Welch's test). */
export function studentTTwoSidedP(t: number, df: number): number {
  if (!(df > 0) || Number.isNaN(t)) return Number.NaN;
  if (!Number.isFinite(t)) return 0;
  return regularizedIncompleteBeta(df / (df + t * t), df / 2, 0.5);
}

/** Cumulative distribution function of Student's t: P(T ≤ t). */
export function studentTCdf(t: number, df: number): number {
  const tail = studentTTwoSidedP(t, df) / 2;
  return t >= 0 ? 1 - tail : tail;
}

/** Two-sided p-value of a standard normal statistic: erfc(|z| ÷ √2) = Q(½, z² ÷ 2). */
export function normalTwoSidedP(z: number): number {
  if (Number.isNaN(z)) return Number.NaN;
  if (!Number.isFinite(z)) return 0;
  return regularizedGammaQ(0.5, (z * z) / 2);
}

// ---------------------------------------------------------------------------------------------------
// The test
// ---------------------------------------------------------------------------------------------------

export interface LocalityZone {
  code?: string;
  value: number | null;
  population: number | null;
  /** People with the outcome and people it is counted over, where the indicator is a proportion of people. */
  numerator?: number | null;
  denominator?: number | null;
}

export interface LocalityInput {
  code: string;
  name?: string;
  zones: readonly LocalityZone[];
}

export interface ScotlandComparator {
  value: number | null;
  numerator?: number | null;
  denominator?: number | null;
}

export interface LocalityTestParameters {
  /** Two-sided significance level (0.05). */
  significanceLevel: number;
  /** Fewest zones with data on each side of a comparison (3). */
  minZones: number;
  /** Smallest expected count for the normal approximation of the proportion tests (5). */
  minExpectedCount: number;
}

export type LocalityVerdict =
  'significantly poorer' | 'not significantly different' | 'significantly better' | 'insufficient data';
export type LocalityTestName =
  'two-proportion z-test' | 'one-sample proportion z-test' | "Welch's t-test" | 'one-sample t-test';
export type Comparator = 'rest of area' | 'Scotland';

export interface LocalityComparison {
  comparator: Comparator;
  /** Population-weighted mean of the rest of the area's zone values, or Scotland's value. */
  comparatorValue: number | null;
  /** Locality value − comparator value. */
  difference: number | null;
  test: LocalityTestName | null;
  /** z or t. */
  statistic: number | null;
  /** Degrees of freedom, for the t-tests. */
  df: number | null;
  pValue: number | null;
  verdict: LocalityVerdict;
  /** Why there is no verdict, or why the proportion test gave way to a t-test. */
  note: string | null;
}

export interface LocalityTestResult {
  code: string;
  name?: string;
  /** Population-weighted mean of the locality's zone values. */
  value: number | null;
  zones: number;
  zonesWithValues: number;
  vsArea: LocalityComparison;
  vsScotland: LocalityComparison;
}

interface Proportion {
  x: number;
  n: number;
  zones: number;
}

const finite = (v: number | null | undefined): v is number => v !== null && v !== undefined && Number.isFinite(v);

function weightedValue(zones: readonly LocalityZone[]): number | null {
  let w = 0;
  let s = 0;
  for (const z of zones) {
    if (!finite(z.value) || !finite(z.population) || z.population <= 0) continue;
    w += z.population;
    s += z.population * z.value;
  }
  return w > 0 ? s / w : null;
}

const usableCount = (num: number | null | undefined, den: number | null | undefined): boolean =>
  finite(num) && finite(den) && den > 0 && num >= 0 && num <= den;

/** Pooled numerator and denominator, when every zone has usable ones. */
function proportionOf(zones: readonly LocalityZone[]): Proportion | null {
  if (zones.length === 0 || !zones.every((z) => usableCount(z.numerator, z.denominator))) return null;
  return {
    x: zones.reduce((s, z) => s + (z.numerator as number), 0),
    n: zones.reduce((s, z) => s + (z.denominator as number), 0),
    zones: zones.length,
  };
}

function summary(values: number[]): { n: number; mean: number; variance: number } {
  const n = values.length;
  const mean = values.reduce((s, v) => s + v, 0) / n;
  const variance = n > 1 ? values.reduce((s, v) => s + (v - mean) ** 2, 0) / (n - 1) : 0;
  return { n, mean, variance };
}

function verdictOf(
  pValue: number,
  estimateDifference: number,
  higherIsBetter: boolean,
  alpha: number,
): LocalityVerdict {
  if (!(pValue < alpha) || estimateDifference === 0) return 'not significantly different';
  return estimateDifference > 0 === higherIsBetter ? 'significantly better' : 'significantly poorer';
}

type Outcome = Pick<LocalityComparison, 'test' | 'statistic' | 'df' | 'pValue' | 'verdict' | 'note'>;

const insufficient = (note: string): Outcome => ({
  test: null,
  statistic: null,
  df: null,
  pValue: null,
  verdict: 'insufficient data',
  note,
});

function zTest(
  test: LocalityTestName,
  estimateDifference: number,
  se: number,
  higherIsBetter: boolean,
  alpha: number,
): Outcome {
  const z = estimateDifference / se;
  const pValue = normalTwoSidedP(z);
  return {
    test,
    statistic: z,
    df: null,
    pValue,
    verdict: verdictOf(pValue, estimateDifference, higherIsBetter, alpha),
    note: null,
  };
}

function tTest(
  test: LocalityTestName,
  estimateDifference: number,
  se: number,
  df: number,
  higherIsBetter: boolean,
  alpha: number,
  note: string | null,
): Outcome {
  if (!(se > 0)) {
    if (estimateDifference === 0)
      return { test, statistic: 0, df, pValue: 1, verdict: 'not significantly different', note };
    return insufficient('the zone values do not vary, so no t-test can be made');
  }
  const t = estimateDifference / se;
  const pValue = studentTTwoSidedP(t, df);
  return {
    test,
    statistic: t,
    df,
    pValue,
    verdict: verdictOf(pValue, estimateDifference, higherIsBetter, alpha),
    note,
  };
}

const valuesOf = (zones: readonly LocalityZone[]) => zones.map((z) => z.value).filter(finite);

function againstArea(
  locality: readonly LocalityZone[],
  rest: readonly LocalityZone[],
  higherIsBetter: boolean,
  p: LocalityTestParameters,
): Outcome {
  let note: string | null = null;
  const pl = proportionOf(locality);
  const pr = proportionOf(rest);
  if (pl && pr && pl.zones >= p.minZones && pr.zones >= p.minZones) {
    const pooled = (pl.x + pr.x) / (pl.n + pr.n);
    const expected = Math.min(pl.n * pooled, pl.n * (1 - pooled), pr.n * pooled, pr.n * (1 - pooled));
    if (expected >= p.minExpectedCount) {
      const se = Math.sqrt(pooled * (1 - pooled) * (1 / pl.n + 1 / pr.n));
      return zTest('two-proportion z-test', pl.x / pl.n - pr.x / pr.n, se, higherIsBetter, p.significanceLevel);
    }
    note = `an expected count is below ${p.minExpectedCount}, so the zone values were compared instead`;
  }
  const v1 = valuesOf(locality);
  const v2 = valuesOf(rest);
  const need = Math.max(p.minZones, 2);
  if (v1.length < need) return insufficient(`fewer than ${need} of the locality's zones have a value`);
  if (v2.length < need) return insufficient(`fewer than ${need} zones elsewhere in the area have a value`);
  const a = summary(v1);
  const b = summary(v2);
  const va = a.variance / a.n;
  const vb = b.variance / b.n;
  const se = Math.sqrt(va + vb);
  const df = (va + vb) ** 2 / (va ** 2 / (a.n - 1) + vb ** 2 / (b.n - 1));
  return tTest(
    "Welch's t-test",
    a.mean - b.mean,
    se,
    Number.isFinite(df) ? df : a.n + b.n - 2,
    higherIsBetter,
    p.significanceLevel,
    note,
  );
}

function againstScotland(
  locality: readonly LocalityZone[],
  scotland: ScotlandComparator,
  higherIsBetter: boolean,
  p: LocalityTestParameters,
): Outcome {
  let note: string | null = null;
  const pl = proportionOf(locality);
  if (pl && pl.zones >= p.minZones && usableCount(scotland.numerator, scotland.denominator)) {
    const p0 = (scotland.numerator as number) / (scotland.denominator as number);
    if (Math.min(pl.n * p0, pl.n * (1 - p0)) >= p.minExpectedCount) {
      return zTest(
        'one-sample proportion z-test',
        pl.x / pl.n - p0,
        Math.sqrt((p0 * (1 - p0)) / pl.n),
        higherIsBetter,
        p.significanceLevel,
      );
    }
    note = `an expected count is below ${p.minExpectedCount}, so the zone values were compared instead`;
  }
  if (!finite(scotland.value)) return insufficient('there is no value for Scotland');
  const v = valuesOf(locality);
  const need = Math.max(p.minZones, 2);
  if (v.length < need) return insufficient(`fewer than ${need} of the locality's zones have a value`);
  const s = summary(v);
  return tTest(
    'one-sample t-test',
    s.mean - scotland.value,
    Math.sqrt(s.variance / s.n),
    s.n - 1,
    higherIsBetter,
    p.significanceLevel,
    note,
  );
}

function checkParameters(p: LocalityTestParameters): void {
  if (!(p.significanceLevel > 0 && p.significanceLevel < 1))
    throw new RangeError(`The significance level must be between 0 and 1, not ${p.significanceLevel}`);
  if (!(Number.isInteger(p.minZones) && p.minZones >= 1))
    throw new RangeError(`The minimum number of zones must be a whole number, 1 or more, not ${p.minZones}`);
  if (!(p.minExpectedCount >= 0))
    throw new RangeError(`The minimum expected count must be zero or more, not ${p.minExpectedCount}`);
}

/**
 * The locality test for one indicator. `otherZones` are the partnership's zones that lie in none of the
 * localities (often none); a locality's "rest of the area" is those plus every other locality's zones,
 * following the Act's "other localities within the area". Each zone belongs to at most one locality.
 */
export function localityTest(
  localities: readonly LocalityInput[],
  otherZones: readonly LocalityZone[],
  scotland: ScotlandComparator,
  higherIsBetter: boolean,
  parameters: LocalityTestParameters,
): LocalityTestResult[] {
  checkParameters(parameters);
  return localities.map((loc, i) => {
    const rest = [...otherZones, ...localities.flatMap((other, j) => (j === i ? [] : other.zones))];
    const value = weightedValue(loc.zones);
    const areaValue = weightedValue(rest);
    const scotlandValue = finite(scotland.value) ? scotland.value : null;
    const compared = (
      comparator: Comparator,
      comparatorValue: number | null,
      outcome: Outcome,
    ): LocalityComparison => ({
      comparator,
      comparatorValue,
      difference: value !== null && comparatorValue !== null ? value - comparatorValue : null,
      ...outcome,
    });
    return {
      code: loc.code,
      ...(loc.name === undefined ? {} : { name: loc.name }),
      value,
      zones: loc.zones.length,
      zonesWithValues: valuesOf(loc.zones).length,
      vsArea: compared('rest of area', areaValue, againstArea(loc.zones, rest, higherIsBetter, parameters)),
      vsScotland: compared('Scotland', scotlandValue, againstScotland(loc.zones, scotland, higherIsBetter, parameters)),
    };
  });
}

// ---------------------------------------------------------------------------------------------------
// Across indicators
// ---------------------------------------------------------------------------------------------------

export interface IndicatorLocalityTest {
  indicatorCode: string;
  indicatorName?: string;
  results: readonly LocalityTestResult[];
}

export interface LocalityReason {
  indicatorCode: string;
  indicatorName?: string;
  /** What the locality is significantly poorer than. */
  poorerThan: Comparator[];
  value: number | null;
  vsArea: LocalityComparison;
  vsScotland: LocalityComparison;
}

export interface LocalitySummary {
  code: string;
  name?: string;
  /** Indicators on which the locality is significantly poorer than the rest of the area, than Scotland, and than either. */
  poorerThanArea: number;
  poorerThanScotland: number;
  poorer: number;
  /** Indicators with a verdict on at least one comparison. */
  tested: number;
  /** Indicators with no verdict on either comparison. */
  insufficient: string[];
  /** At least `minPoorerIndicators` indicators significantly poorer: a candidate for a locality plan. */
  needsPlan: boolean;
  /** The indicators on which it is significantly poorer, with the evidence. */
  reasons: LocalityReason[];
}

/**
 * Which localities need a locality plan, and why: per locality, the number of indicators on which it is
 * significantly poorer than the rest of the area or Scotland (an indicator counts once however many
 * comparisons it fails), and the evidence. `needsPlan` when that number reaches `minPoorerIndicators`
 * (1: the Act asks about significantly poorer outcomes, and one is enough to ask). Localities are listed
 * with the most such indicators first; ties keep the order they were first met in.
 */
export function summariseLocalities(
  tests: readonly IndicatorLocalityTest[],
  minPoorerIndicators: number,
): LocalitySummary[] {
  const byCode = new Map<string, LocalitySummary>();
  for (const t of tests) {
    for (const r of t.results) {
      let s = byCode.get(r.code);
      if (!s) {
        s = {
          code: r.code,
          ...(r.name === undefined ? {} : { name: r.name }),
          poorerThanArea: 0,
          poorerThanScotland: 0,
          poorer: 0,
          tested: 0,
          insufficient: [],
          needsPlan: false,
          reasons: [],
        };
        byCode.set(r.code, s);
      }
      const poorerThan: Comparator[] = [];
      if (r.vsArea.verdict === 'significantly poorer') poorerThan.push('rest of area');
      if (r.vsScotland.verdict === 'significantly poorer') poorerThan.push('Scotland');
      if (r.vsArea.verdict === 'insufficient data' && r.vsScotland.verdict === 'insufficient data')
        s.insufficient.push(t.indicatorCode);
      else s.tested += 1;
      if (poorerThan.length === 0) continue;
      if (poorerThan.includes('rest of area')) s.poorerThanArea += 1;
      if (poorerThan.includes('Scotland')) s.poorerThanScotland += 1;
      s.poorer += 1;
      s.reasons.push({
        indicatorCode: t.indicatorCode,
        ...(t.indicatorName === undefined ? {} : { indicatorName: t.indicatorName }),
        poorerThan,
        value: r.value,
        vsArea: r.vsArea,
        vsScotland: r.vsScotland,
      });
    }
  }
  const out = [...byCode.values()];
  for (const s of out) s.needsPlan = s.poorer >= minPoorerIndicators;
  return out
    .map((s, i) => ({ s, i }))
    .sort((a, b) => b.s.poorer - a.s.poorer || a.i - b.i)
    .map((x) => x.s);
}
