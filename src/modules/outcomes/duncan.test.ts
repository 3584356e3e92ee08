import { describe, expect, it } from 'vitest';
import { duncanIndex, orderByValue, type DuncanZone } from './duncan.ts';

const z = (value: number | null, incomeDeprived: number | null, notIncomeDeprived: number | null): DuncanZone => ({
  value,
  incomeDeprived,
  notIncomeDeprived,
});

describe('Duncan index, hand-worked cases', () => {
  it('is +1 when every deprived person lives in the zone with the lowest value', () => {
    // a = [1, 1], b = [0, 1]: D = a1·b2 − a2·b1 = 1·1 − 1·0 = 1
    expect(duncanIndex([z(2, 0, 10), z(1, 10, 0)], 0.2)).toEqual({ index: 1, zones: 2, missing: 0 });
  });

  it('is −1 when they all live where the value is highest', () => {
    // a = [0, 1], b = [1, 1]: D = 0·1 − 1·1 = −1
    expect(duncanIndex([z(1, 0, 10), z(2, 10, 0)], 0.2).index).toBe(-1);
  });

  it('is 0 when deprived and other people are spread alike', () => {
    expect(duncanIndex([z(1, 5, 5), z(2, 5, 5), z(3, 1, 1)], 0.2).index).toBeCloseTo(0, 12);
  });

  it('matches a three-zone case worked by hand', () => {
    // Sorted by value: (1: 5, 5), (2: 3, 7), (3: 2, 8). Totals 10 and 20.
    // a = [.5, .8, 1], b = [.25, .6, 1]
    // Σ a_i·b_{i+1} = .5·.6 + .8·1 = 1.1;  Σ a_{i+1}·b_i = .8·.25 + 1·.6 = .8;  D = .3
    expect(duncanIndex([z(3, 2, 8), z(1, 5, 5), z(2, 3, 7)], 0.2).index).toBeCloseTo(0.3, 12);
  });

  it('puts zones without a value last, and gives no index when more than the allowed share lack one', () => {
    // Missing value last: order (1: 5,5), (2: 3,7), (missing: 2,8) — the same as the case above.
    expect(duncanIndex([z(null, 2, 8), z(1, 5, 5), z(2, 3, 7)], 0.4).index).toBeCloseTo(0.3, 12);
    const refused = duncanIndex([z(null, 2, 8), z(1, 5, 5), z(2, 3, 7)], 0.2);
    expect(refused.index).toBeNull();
    expect(refused).toMatchObject({ zones: 3, missing: 1, reason: '1 of 3 zones have no value (more than 20%)' });
  });

  it('gives no index without the people counts, or with fewer than two zones', () => {
    expect(duncanIndex([z(1, null, 5), z(2, 3, 7)], 0.2).index).toBeNull();
    expect(duncanIndex([z(1, 5, 5)], 0.2).index).toBeNull();
  });
});

describe('ordering zones by value', () => {
  it('puts values ascending, zones without one (null or NaN) last, ties in position order, in short and long lists alike', () => {
    expect(orderByValue([3, null, 1, Number.NaN, 1, -0, 0, Infinity, -Infinity])).toEqual([8, 5, 6, 2, 4, 0, 7, 1, 3]);
    // The long form (Array.prototype.sort, over 256 zones) and the short form (insertion) agree.
    let seed = 7;
    const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    const long = Array.from({ length: 600 }, () =>
      random() < 0.1 ? null : random() < 0.1 ? Number.NaN : Math.round(random() * 50),
    );
    const reference = long
      .map((_, i) => i)
      .sort((x, y) => {
        const a = long[x] ?? Number.NaN;
        const b = long[y] ?? Number.NaN;
        if (Number.isNaN(a)) return Number.isNaN(b) ? x - y : 1;
        if (Number.isNaN(b)) return -1;
        return a - b || x - y;
      });
    expect(orderByValue(long)).toEqual(reference);
    for (let start = 0; start < 600; start += 200) {
      const part = long.slice(start, start + 200);
      expect(orderByValue(part)).toEqual(reference.filter((i) => i >= start && i < start + 200).map((i) => i - start));
    }
  });
});
