import { describe, expect, it } from 'vitest';
import {
  deprivationExtremes,
  deprivationGroupSizes,
  ridits,
  slopeIndexOfInequality,
  type DeprivationZone,
  type SiiZone,
} from './inequality-methods.ts';

describe('deprivationGroupSizes: CPOP tenths by dplyr::ntile', () => {
  const cases: [n: number, share: number, least: number, most: number][] = [
    [25, 0.1, 3, 2], // ntile: the first 5 buckets hold 3, the last 5 hold 2
    [30, 0.1, 3, 3], // 0.1 × 30 is exactly 3 (no floating-point 3.0000000000000004)
    [20, 0.1, 2, 2],
    [12, 0.1, 2, 1], // Clackmannanshire: 12 zones
    [10, 0.1, 1, 1],
    [9, 0.1, 1, 1], // Eilean Siar: each zone its own bucket; CPOP relabels the top one as tenth 10
    [6, 0.1, 1, 1], // Orkney
    [1, 0.1, 1, 1],
    [0, 0.1, 0, 0],
    [12, 0.2, 3, 2], // quintiles
    [5, 0.5, 3, 2],
  ];
  it.each(cases)('%i zones, share %f: %i least and %i most deprived', (n, share, least, most) => {
    expect(deprivationGroupSizes(n, share)).toEqual({ least, most });
  });
  it('refuses a share that is not in (0, 0.5]', () => {
    expect(() => deprivationGroupSizes(10, 0)).toThrow(RangeError);
    expect(() => deprivationGroupSizes(10, 0.6)).toThrow(RangeError);
  });
});

const dz = (
  code: string,
  incomeDeprived: number | null,
  notIncomeDeprived: number | null,
  value: number | null,
): DeprivationZone => ({ code, incomeDeprived, notIncomeDeprived, value });

describe('deprivationExtremes: most vs least income-deprived 10%', () => {
  // 12 zones, income-deprivation rate = k% for zone Zk; values rise with deprivation.
  const twelve = Array.from({ length: 12 }, (_, i) => dz(`Z${i + 1}`, i + 1, 99 - i, 10 * (i + 1)));

  it('takes ceil(0.1 × 12) = 2 least and max(1, floor(1.2)) = 1 most deprived zones, and compares their means', () => {
    const r = deprivationExtremes(twelve, 0.1, false);
    if (r.most === null) throw new Error('expected a result');
    expect(r.least.zones.map((z) => z.code)).toEqual(['Z1', 'Z2']);
    expect(r.most.zones.map((z) => z.code)).toEqual(['Z12']);
    expect(r.least.mean).toBe(15); // (10 + 20) ÷ 2
    expect(r.most.mean).toBe(120);
    expect(r.gap).toBe(105);
    expect(r.ratio).toBe(8);
    expect(r.worse).toBe('most deprived'); // high is bad (e.g. crime): the deprived fare worse
    expect(r.ranked).toBe(12);
    expect(r.unranked).toEqual([]);
  });

  it('turns "worse" round for indicators where higher is better', () => {
    const r = deprivationExtremes(twelve, 0.1, true);
    expect(r.worse).toBe('least deprived');
  });

  it('gives a simple mean (as CPOP) and a population-weighted mean beside it', () => {
    // Least deprived pair: rate 1/100 (100 people, value 10) and 2/400 = 0.5% (400 people, value 30).
    const zones = [
      dz('A', 2, 398, 30),
      dz('B', 1, 99, 10),
      dz('C', 50, 50, 60),
      dz('D', 40, 60, 50),
      dz('E', 30, 70, 40),
      dz('F', 20, 80, 35),
      dz('G', 10, 90, 30),
      dz('H', 9, 91, 30),
      dz('I', 8, 92, 30),
      dz('J', 7, 93, 30),
      dz('K', 6, 94, 30),
    ];
    const r = deprivationExtremes(zones, 0.1, true);
    if (r.most === null) throw new Error('expected a result');
    expect(r.least.zones.map((z) => z.code)).toEqual(['A', 'B']);
    expect(r.least.mean).toBe(20);
    expect(r.least.populationWeightedMean).toBeCloseTo((30 * 400 + 10 * 100) / 500, 12); // 26
    expect(r.most.zones.map((z) => z.code)).toEqual(['C']);
  });

  it('chooses the groups over all ranked zones, then leaves missing values out of the means', () => {
    const zones = twelve.map((z) => (z.code === 'Z1' ? { ...z, value: null } : z));
    const r = deprivationExtremes(zones, 0.1, false);
    if (r.most === null) throw new Error('expected a result');
    expect(r.least.zones.map((z) => z.code)).toEqual(['Z1', 'Z2']);
    expect(r.least.valuesUsed).toBe(1);
    expect(r.least.mean).toBe(20);
  });

  it('gives no mean, gap or verdict for a group without values', () => {
    const zones = twelve.map((z) => (z.code === 'Z12' ? { ...z, value: null } : z));
    const r = deprivationExtremes(zones, 0.1, false);
    if (r.most === null) throw new Error('expected a result');
    expect(r.most.mean).toBeNull();
    expect(r.gap).toBeNull();
    expect(r.ratio).toBeNull();
    expect(r.worse).toBeNull();
  });

  it('keeps input order for tied rates, as ntile does', () => {
    const zones = [dz('P', 1, 9, 1), dz('Q', 1, 9, 2), dz('R', 5, 5, 3)];
    const r = deprivationExtremes(zones, 0.1, true);
    if (r.most === null) throw new Error('expected a result');
    expect(r.least.zones.map((z) => z.code)).toEqual(['P']);
    expect(r.most.zones.map((z) => z.code)).toEqual(['R']);
  });

  it('leaves out zones without income counts, and needs two ranked zones', () => {
    const r = deprivationExtremes([dz('A', null, 10, 1), dz('B', 0, 0, 2), dz('C', 1, 9, 3)], 0.1, true);
    expect(r.most).toBeNull();
    expect(r.unranked).toEqual(['A', 'B']);
    expect(r).toMatchObject({ ranked: 1, reason: 'fewer than two zones with income-deprivation counts' });
  });

  it('gives no ratio when the least deprived mean is zero', () => {
    const r = deprivationExtremes([dz('A', 1, 99, 0), dz('B', 50, 50, 4)], 0.1, false);
    expect(r.gap).toBe(4);
    expect(r.ratio).toBeNull();
  });
});

const sz = (value: number | null, population: number | null, deprivationRank: number, code?: string): SiiZone => ({
  value,
  population,
  deprivationRank,
  code,
});

describe('ridits', () => {
  it('are the midpoints of cumulative population shares from most to least deprived', () => {
    // Shares .1, .3, .6 in deprivation order 1, 2, 3 (given out of order).
    expect(
      ridits([
        { population: 60, deprivationRank: 3 },
        { population: 10, deprivationRank: 1 },
        { population: 30, deprivationRank: 2 },
      ]).map((x) => +x.toFixed(12)),
    ).toEqual([0.7, 0.05, 0.25]);
  });
  it('pool zones with equal ranks at the midpoint of their combined span', () => {
    expect(
      ridits([
        { population: 50, deprivationRank: 1 },
        { population: 25, deprivationRank: 2 },
        { population: 25, deprivationRank: 2 },
      ]),
    ).toEqual([0.25, 0.75, 0.75]);
  });
});

describe('slopeIndexOfInequality: hand-worked cases', () => {
  it('three equal zones with values 30, 20, 10 from most to least deprived', () => {
    // ridits 1/6, 1/2, 5/6; mean ridit 1/2, mean value 20.
    // Sxx = 100·(1/9 + 0 + 1/9) = 200/9; Sxy = 100·((−1/3)(10) + (1/3)(−10)) = −2000/3; b = −30.
    // Fitted: 35 at the most deprived end, 5 at the least. RII = −30 ÷ 20 = −1.5.
    const r = slopeIndexOfInequality([sz(20, 100, 2), sz(30, 100, 1), sz(10, 100, 3)], false);
    if (r.sii === null) throw new Error('expected an index');
    expect(r.sii).toBeCloseTo(-30, 10);
    expect(r.rii).toBeCloseTo(-1.5, 10);
    expect(r.mean).toBeCloseTo(20, 10);
    expect(r.predictedMostDeprived).toBeCloseTo(35, 10);
    expect(r.predictedLeastDeprived).toBeCloseTo(5, 10);
    expect(r.worse).toBe('most deprived'); // e.g. early mortality: high is bad
    expect(slopeIndexOfInequality([sz(20, 100, 2), sz(30, 100, 1), sz(10, 100, 3)], true).worse).toBe('least deprived');
  });

  it('weights by population: two zones of 100 and 300 people', () => {
    // ridits .125 and .625; the line passes through both points: b = (20 − 10) ÷ .5 = 20.
    // Weighted mean = (10·100 + 20·300) ÷ 400 = 17.5; RII = 20 ÷ 17.5; fitted 7.5 and 27.5 at the ends.
    const r = slopeIndexOfInequality([sz(10, 100, 1), sz(20, 300, 2)], true);
    if (r.sii === null) throw new Error('expected an index');
    expect(r.points.map((p) => p.ridit)).toEqual([0.125, 0.625]);
    expect(r.sii).toBeCloseTo(20, 10);
    expect(r.mean).toBeCloseTo(17.5, 10);
    expect(r.rii).toBeCloseTo(20 / 17.5, 10);
    expect(r.predictedMostDeprived).toBeCloseTo(7.5, 10);
    expect(r.predictedLeastDeprived).toBeCloseTo(27.5, 10);
    expect(r.worse).toBe('most deprived'); // higher is better and the deprived end is lower
  });

  it('four zones that are not on a line', () => {
    // Equal populations: ridits 1/8, 3/8, 5/8, 7/8 (centred: −3/8, −1/8, 1/8, 3/8); values 8, 4, 6, 2 (mean 5).
    // Sxy = Σ dx·dy = (−3/8)(3) + (−1/8)(−1) + (1/8)(1) + (3/8)(−3) = −2; Sxx = 2·(9 + 1)/64 = 20/64.
    // b = −2 ÷ (20/64) = −6.4; RII = −6.4 ÷ 5 = −1.28.
    const r = slopeIndexOfInequality([sz(8, 1, 1), sz(4, 1, 2), sz(6, 1, 3), sz(2, 1, 4)], false);
    expect(r.sii).toBeCloseTo(-6.4, 10);
    expect(r.rii).toBeCloseTo(-1.28, 10);
  });

  it('is zero, with no end worse, when every zone has the same value', () => {
    const r = slopeIndexOfInequality([sz(5, 10, 1), sz(5, 20, 2), sz(5, 30, 3)], true);
    expect(r.sii).toBeCloseTo(0, 12);
    expect(r.rii).toBeCloseTo(0, 12);
    if (r.sii !== null) expect(r.worse).toBe('neither');
  });

  it('leaves out zones with no value or no population before ranking', () => {
    // The empty and the unpopulated zones drop out, leaving the two-zone case above.
    const r = slopeIndexOfInequality(
      [sz(10, 100, 1), sz(null, 500, 2), sz(99, 0, 3), sz(20, 300, 4), sz(7, null, 5)],
      true,
    );
    expect(r.leftOut).toBe(3);
    expect(r.points.map((p) => p.ridit)).toEqual([0.125, 0.625]);
    expect(r.sii).toBeCloseTo(20, 10);
  });

  it('gives no index with fewer than two zones, or when every zone is equally deprived', () => {
    expect(slopeIndexOfInequality([sz(10, 100, 1)], true)).toMatchObject({
      sii: null,
      rii: null,
      reason: 'fewer than two zones with a value and a population',
    });
    expect(slopeIndexOfInequality([sz(10, 100, 1), sz(null, 100, 2)], true).sii).toBeNull();
    expect(slopeIndexOfInequality([], true).sii).toBeNull();
    expect(slopeIndexOfInequality([sz(10, 100, 1), sz(20, 100, 1)], true)).toMatchObject({
      sii: null,
      reason: 'all zones are equally deprived',
    });
  });

  it('gives no RII when the mean is zero', () => {
    const r = slopeIndexOfInequality([sz(-1, 1, 1), sz(1, 1, 2)], true);
    expect(r.sii).toBeCloseTo(4, 10); // ridits .25 and .75
    expect(r.rii).toBeNull();
  });
});
