import { describe, expect, it } from 'vitest';
import {
  lnGamma,
  localityTest,
  normalTwoSidedP,
  regularizedIncompleteBeta,
  studentTCdf,
  studentTTwoSidedP,
  summariseLocalities,
  type IndicatorLocalityTest,
  type LocalityInput,
  type LocalityTestParameters,
  type LocalityZone,
} from './locality-test.ts';

// Reference values from SciPy 1.17 (scipy.stats.t.sf, scipy.stats.norm.sf, scipy.special.betainc) and
// closed forms where they exist.
describe('distributions', () => {
  const tCases: [t: number, df: number, p: number][] = [
    [2, 10, 0.07338803477074037], // the brief's check: ≈ 0.0734
    [2.228138852, 10, 0.05], // the 5% critical value for 10 degrees of freedom
    [2, 2, 1 - 2 / Math.sqrt(6)], // df = 2: p = 1 − |t| ÷ √(2 + t²)
    [1, 1, 0.5], // df = 1 (Cauchy): p = 1 − 2·atan(t) ÷ π
    [3, 3.5, 0.04737523948474642], // fractional df, as Welch gives
    [0.5, 30, 0.6207230048851272],
    [10, 5, 0.00017094757574296363],
    [-2, 10, 0.07338803477074037],
    [0, 7, 1],
  ];
  it.each(tCases)('Student t = %f, df = %f: two-sided p = %f', (t, df, p) => {
    expect(studentTTwoSidedP(t, df)).toBeCloseTo(p, 10);
  });

  it('gives the t CDF on either side of zero', () => {
    expect(studentTCdf(-1.5, 7)).toBeCloseTo(0.088649243494985, 10);
    expect(studentTCdf(1.5, 7)).toBeCloseTo(1 - 0.088649243494985, 10);
    expect(studentTTwoSidedP(Number.POSITIVE_INFINITY, 4)).toBe(0);
  });

  const zCases: [z: number, p: number][] = [
    [0, 1],
    [1.959963984540054, 0.05],
    [2, 0.04550026389635839],
    [3, 0.0026997960632601866],
    [-3, 0.0026997960632601866],
  ];
  it.each(zCases)('normal z = %f: two-sided p = %f', (z, p) => {
    expect(normalTwoSidedP(z)).toBeCloseTo(p, 12);
  });
  it('keeps its relative accuracy far in the tail', () => {
    expect(normalTwoSidedP(6) / 1.973175290075389e-9).toBeCloseTo(1, 9);
  });

  it('computes the regularized incomplete beta function', () => {
    expect(regularizedIncompleteBeta(0.3, 2.5, 3.5)).toBeCloseTo(0.29675298929566646, 12);
    expect(regularizedIncompleteBeta(0.9, 0.5, 5)).toBeCloseTo(0.9999974294103009, 12);
    expect(regularizedIncompleteBeta(0.4, 10, 20)).toBeCloseTo(0.7853183897628262, 12);
    expect(regularizedIncompleteBeta(0.37, 1, 1)).toBeCloseTo(0.37, 14); // I_x(1, 1) = x
    expect(regularizedIncompleteBeta(0.5, 7.3, 7.3)).toBeCloseTo(0.5, 14); // symmetry
    expect(regularizedIncompleteBeta(0, 2, 3)).toBe(0);
    expect(regularizedIncompleteBeta(1, 2, 3)).toBe(1);
  });

  it('computes ln Γ', () => {
    expect(lnGamma(5)).toBeCloseTo(Math.log(24), 13);
    expect(lnGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 13);
    expect(lnGamma(0.1)).toBeCloseTo(2.252712651734206, 12);
  });
});

const params: LocalityTestParameters = { significanceLevel: 0.05, minZones: 3, minExpectedCount: 5 };
const z = (
  value: number | null,
  population: number | null = 100,
  numerator?: number,
  denominator?: number,
): LocalityZone => ({ value, population, numerator, denominator });
const loc = (code: string, zones: LocalityZone[]): LocalityInput => ({ code, name: `Locality ${code}`, zones });

describe("localityTest: Welch's and one-sample t-tests on zone values", () => {
  // Higher is better. A's zones 1, 2, 3; B's 4, 5, 6; Scotland 2.
  const results = localityTest(
    [loc('A', [z(1), z(2), z(3)]), loc('B', [z(4), z(5), z(6)])],
    [],
    { value: 2 },
    true,
    params,
  );
  const [a, b] = results;

  it("compares A with the rest of the area (B) by Welch's t-test: t = −3.674, df = 4, p = 0.0213", () => {
    expect(a!.value).toBe(2);
    expect(a!.vsArea).toMatchObject({
      comparator: 'rest of area',
      comparatorValue: 5,
      difference: -3,
      test: "Welch's t-test",
      verdict: 'significantly poorer',
      note: null,
    });
    expect(a!.vsArea.statistic).toBeCloseTo(-3.6742346141747673, 10);
    expect(a!.vsArea.df).toBeCloseTo(4, 10);
    expect(a!.vsArea.pValue).toBeCloseTo(0.021311641128756713, 10);
    expect(b!.vsArea.verdict).toBe('significantly better');
  });

  it('compares each with Scotland by a one-sample t-test', () => {
    expect(a!.vsScotland).toMatchObject({
      comparator: 'Scotland',
      comparatorValue: 2,
      difference: 0,
      test: 'one-sample t-test',
      statistic: 0,
      df: 2,
      pValue: 1,
      verdict: 'not significantly different',
    });
    // B: mean 5, s = 1, n = 3: t = 3 ÷ (1/√3) = 5.196, df 2, p = 0.0351.
    expect(b!.vsScotland.statistic).toBeCloseTo(5.196152422706632, 10);
    expect(b!.vsScotland.pValue).toBeCloseTo(0.03509871864598465, 10);
    expect(b!.vsScotland.verdict).toBe('significantly better');
  });

  it('turns the verdicts round where higher is bad', () => {
    const [a2, b2] = localityTest(
      [loc('A', [z(1), z(2), z(3)]), loc('B', [z(4), z(5), z(6)])],
      [],
      { value: 2 },
      false,
      params,
    );
    expect(a2!.vsArea.verdict).toBe('significantly better');
    expect(b2!.vsArea.verdict).toBe('significantly poorer');
    expect(b2!.vsScotland.verdict).toBe('significantly poorer');
  });

  it('uses unequal group sizes and variances (fractional df)', () => {
    // A 12, 15, 11, 14 against the rest 10, 9, 11, 8, 10 (one locality B and one zone in no locality).
    const [a3] = localityTest(
      [loc('A', [z(12), z(15), z(11), z(14)]), loc('B', [z(10), z(9), z(11), z(8)])],
      [z(10)],
      { value: 10 },
      false,
      params,
    );
    expect(a3!.vsArea.statistic).toBeCloseTo(3.2516412366230254, 10);
    expect(a3!.vsArea.df).toBeCloseTo(4.81266868466964, 10);
    expect(a3!.vsArea.pValue).toBeCloseTo(0.023943664284951694, 10);
    expect(a3!.vsArea.verdict).toBe('significantly poorer');
    expect(a3!.vsScotland.pValue).toBeCloseTo(0.046205091353363266, 10);
    expect(a3!.vsScotland.verdict).toBe('significantly poorer');
  });

  it('finds no significant difference where p is above the level', () => {
    const [a4] = localityTest(
      [loc('A', [z(1), z(1), z(2)]), loc('B', [z(1), z(2), z(2), z(3)])],
      [],
      { value: 1.5 },
      true,
      params,
    );
    expect(a4!.vsArea.pValue).toBeCloseTo(0.2616517662995255, 10);
    expect(a4!.vsArea.verdict).toBe('not significantly different');
  });
});

describe('localityTest: proportion z-tests when numerators and denominators are given', () => {
  // Child poverty (higher is bad). A: 30 of 100 in each of 3 zones; B: 20 of 100; Scotland 25 of 100.
  const pc = (num: number, den: number) => z((100 * num) / den, den, num, den);
  const [a] = localityTest(
    [loc('A', [pc(30, 100), pc(30, 100), pc(30, 100)]), loc('B', [pc(20, 100), pc(20, 100), pc(20, 100)])],
    [],
    { value: 25, numerator: 25, denominator: 100 },
    false,
    params,
  );

  it('against the rest of the area: pooled p = .25, se = √(.25·.75·2/300), z = .1 ÷ .03536 = 2.828', () => {
    expect(a!.vsArea).toMatchObject({
      test: 'two-proportion z-test',
      comparatorValue: 20,
      difference: 10,
      df: null,
      verdict: 'significantly poorer',
    });
    expect(a!.vsArea.statistic).toBeCloseTo(2 * Math.SQRT2, 10);
    expect(a!.vsArea.pValue).toBeCloseTo(0.0046777349810472576, 10);
  });

  it('against Scotland: z = (.30 − .25) ÷ √(.25·.75/300) = .05 ÷ .025 = 2', () => {
    expect(a!.vsScotland).toMatchObject({
      test: 'one-sample proportion z-test',
      comparatorValue: 25,
      verdict: 'significantly poorer',
    });
    expect(a!.vsScotland.difference).toBeCloseTo(5, 10);
    expect(a!.vsScotland.statistic).toBeCloseTo(2, 10);
    expect(a!.vsScotland.pValue).toBeCloseTo(0.04550026389635839, 10);
  });

  it('falls back to the t-tests when an expected count is below the minimum', () => {
    // 1 of 10 in each zone: n·p = 3 for the locality, below 5.
    const small = [loc('A', [pc(1, 10), pc(1, 10), pc(2, 10)]), loc('B', [pc(1, 10), pc(1, 10), pc(1, 10)])];
    const [s] = localityTest(small, [], { value: 10, numerator: 1, denominator: 10 }, false, params);
    expect(s!.vsArea.test).toBe("Welch's t-test");
    expect(s!.vsArea.note).toBe('an expected count is below 5, so the zone values were compared instead');
    expect(s!.vsScotland.test).toBe('one-sample t-test');
    expect(s!.vsScotland.note).toBe('an expected count is below 5, so the zone values were compared instead');
  });

  it('uses the t-tests when any zone lacks its counts', () => {
    const mixed = [loc('A', [pc(30, 100), pc(30, 100), z(31)]), loc('B', [pc(20, 100), pc(20, 100), pc(21, 100)])];
    const [m] = localityTest(mixed, [], { value: 25, numerator: 25, denominator: 100 }, false, params);
    expect(m!.vsArea.test).toBe("Welch's t-test");
    expect(m!.vsScotland.test).toBe('one-sample t-test');
  });
});

describe('localityTest: comparators and missing data', () => {
  it("weights the values by population, and counts other localities' zones and unassigned zones as the rest of the area", () => {
    // A: 10 (100 people) and 40 (300) → 32.5. Rest: B's 20 (100) and an unassigned 60 (100) → 40.
    const [a] = localityTest(
      [loc('A', [z(10, 100), z(40, 300)]), loc('B', [z(20, 100)])],
      [z(60, 100)],
      { value: 30 },
      true,
      params,
    );
    expect(a!.value).toBe(32.5);
    expect(a!.vsArea.comparatorValue).toBe(40);
    expect(a!.vsArea.difference).toBe(-7.5);
    expect(a!.vsScotland.difference).toBe(2.5);
  });

  it('gives "insufficient data" below the minimum number of zones, with the reason', () => {
    const [a, b] = localityTest(
      [loc('A', [z(1), z(2), z(null)]), loc('B', [z(4), z(5), z(6)])],
      [],
      { value: 2 },
      true,
      params,
    );
    expect(a!.zones).toBe(3);
    expect(a!.zonesWithValues).toBe(2);
    expect(a!.vsArea).toMatchObject({
      verdict: 'insufficient data',
      test: null,
      statistic: null,
      pValue: null,
      note: "fewer than 3 of the locality's zones have a value",
    });
    expect(a!.vsScotland.verdict).toBe('insufficient data');
    expect(b!.vsArea).toMatchObject({
      verdict: 'insufficient data',
      note: 'fewer than 3 zones elsewhere in the area have a value',
    });
  });

  it('gives "insufficient data" against Scotland without a Scotland value', () => {
    const [a] = localityTest(
      [loc('A', [z(1), z(2), z(3)]), loc('B', [z(4), z(5), z(6)])],
      [],
      { value: null },
      true,
      params,
    );
    expect(a!.vsScotland).toMatchObject({
      verdict: 'insufficient data',
      comparatorValue: null,
      difference: null,
      note: 'there is no value for Scotland',
    });
  });

  it('handles zone values that do not vary', () => {
    const [same] = localityTest(
      [loc('A', [z(5), z(5), z(5)]), loc('B', [z(5), z(5), z(5)])],
      [],
      { value: 5 },
      true,
      params,
    );
    expect(same!.vsArea).toMatchObject({ verdict: 'not significantly different', statistic: 0, pValue: 1 });
    expect(same!.vsScotland).toMatchObject({ verdict: 'not significantly different', pValue: 1 });
    const [apart] = localityTest(
      [loc('A', [z(5), z(5), z(5)]), loc('B', [z(6), z(6), z(6)])],
      [],
      { value: 7 },
      true,
      params,
    );
    expect(apart!.vsArea).toMatchObject({
      verdict: 'insufficient data',
      note: 'the zone values do not vary, so no t-test can be made',
    });
  });

  it('takes the significance level and minimum zones as parameters', () => {
    const localities = [loc('A', [z(1), z(2), z(3)]), loc('B', [z(4), z(5), z(6)])];
    expect(
      localityTest(localities, [], { value: 2 }, true, { ...params, significanceLevel: 0.01 })[0]!.vsArea.verdict,
    ).toBe('not significantly different'); // p = 0.021
    expect(localityTest(localities, [], { value: 2 }, true, { ...params, minZones: 4 })[0]!.vsArea.verdict).toBe(
      'insufficient data',
    );
    expect(() => localityTest(localities, [], { value: 2 }, true, { ...params, significanceLevel: 1 })).toThrow(
      RangeError,
    );
    expect(() => localityTest(localities, [], { value: 2 }, true, { ...params, minZones: 0 })).toThrow(RangeError);
  });
});

describe('summariseLocalities', () => {
  const localities = [loc('A', [z(1), z(2), z(3)]), loc('B', [z(4), z(5), z(6)]), loc('C', [z(4), z(5), z(null)])];
  // Indicator 1 (higher is better): A poorer than the area (B and C); Scotland 2 → A not different.
  // Indicator 2 (higher is bad): same numbers, so B is poorer than Scotland (and A better than the area).
  const tests: IndicatorLocalityTest[] = [
    {
      indicatorCode: 'attainment',
      indicatorName: 'Attainment',
      results: localityTest(localities, [], { value: 2 }, true, params),
    },
    { indicatorCode: 'crime-rate', results: localityTest(localities, [], { value: 2 }, false, params) },
  ];

  it('counts the indicators each locality is significantly poorer on, and lists them with the evidence', () => {
    const s = summariseLocalities(tests, 1);
    const a = s.find((x) => x.code === 'A')!;
    expect(a).toMatchObject({
      name: 'Locality A',
      poorerThanArea: 1,
      poorerThanScotland: 0,
      poorer: 1,
      tested: 2,
      insufficient: [],
      needsPlan: true,
    });
    expect(a.reasons).toHaveLength(1);
    expect(a.reasons[0]).toMatchObject({
      indicatorCode: 'attainment',
      indicatorName: 'Attainment',
      poorerThan: ['rest of area'],
      value: 2,
    });
    expect(a.reasons[0]!.vsArea.pValue).toBeGreaterThan(0);
    const b = s.find((x) => x.code === 'B')!;
    expect(b.reasons.map((r) => [r.indicatorCode, r.poorerThan])).toEqual([['crime-rate', ['Scotland']]]);
  });

  it('lists an indicator as insufficient where neither comparison could be made', () => {
    const c = summariseLocalities(tests, 1).find((x) => x.code === 'C')!;
    expect(c).toMatchObject({
      poorer: 0,
      tested: 0,
      insufficient: ['attainment', 'crime-rate'],
      needsPlan: false,
      reasons: [],
    });
  });

  it('puts the localities with most poorer indicators first and applies the threshold', () => {
    const s = summariseLocalities(tests, 2);
    expect(s.map((x) => x.code)).toEqual(['A', 'B', 'C']);
    expect(s.every((x) => !x.needsPlan)).toBe(true);
    const counted = summariseLocalities([tests[1]!], 1);
    expect(counted.map((x) => [x.code, x.poorer])).toEqual([
      ['B', 1],
      ['A', 0],
      ['C', 0],
    ]);
  });
});
