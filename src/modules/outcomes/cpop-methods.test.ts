import { describe, expect, it } from 'vitest';
import { communityZScores, improvementRate, trafficLight, type SeriesPoint } from './cpop-methods.ts';

const p = (periodStart: string, value: number, valueType: SeriesPoint['valueType'] = 'raw'): SeriesPoint => ({
  periodStart,
  value,
  valueType,
});

describe('improvementRate', () => {
  it('is (last ÷ first − 1) × 100 over raw and imputed values, in period order', () => {
    expect(improvementRate([p('2012-04-01', 12), p('2010-04-01', 10), p('2011-04-01', 11, 'imputed')])).toBeCloseTo(
      20,
      10,
    );
  });
  it('leaves projections out', () => {
    expect(improvementRate([p('2010-04-01', 10), p('2011-04-01', 15), p('2012-04-01', 99, 'projected')])).toBeCloseTo(
      50,
      10,
    );
  });
  it('is negative when the value falls', () => {
    expect(improvementRate([p('2010-04-01', 20), p('2020-04-01', 15)])).toBeCloseTo(-25, 10);
  });
  it('is null with fewer than two values or a zero start', () => {
    expect(improvementRate([p('2010-04-01', 10)])).toBeNull();
    expect(improvementRate([p('2010-04-01', 10), p('2011-04-01', 11, 'projected')])).toBeNull();
    expect(improvementRate([p('2010-04-01', 0), p('2011-04-01', 3)])).toBeNull();
  });
});

describe('trafficLight', () => {
  it('is green when better and improving faster, red when worse and slower, amber otherwise (higher is better)', () => {
    expect(trafficLight(80, 5, 75, 2, true)).toBe('green');
    expect(trafficLight(70, 1, 75, 2, true)).toBe('red');
    expect(trafficLight(80, 1, 75, 2, true)).toBe('amber');
    expect(trafficLight(70, 5, 75, 2, true)).toBe('amber');
  });
  it('turns round for indicators where lower is better', () => {
    // Child poverty 20% falling 10% against Scotland's 24% falling 5%: better and faster.
    expect(trafficLight(20, -10, 24, -5, false)).toBe('green');
    expect(trafficLight(30, 8, 24, -5, false)).toBe('red');
  });
  it('counts a tie as not better', () => {
    expect(trafficLight(75, 5, 75, 2, true)).toBe('amber');
  });
});

describe('communityZScores', () => {
  it('is (value − mean) ÷ sample standard deviation, flipped where high is bad', () => {
    // values 1, 2, 3: mean 2, sample sd 1
    expect(communityZScores([1, 2, 3], true)).toEqual([-1, 0, 1]);
    expect(communityZScores([1, 2, 3], false)).toEqual([1, -0, -1]);
  });
  it('leaves communities without a value out', () => {
    const [a, b, c] = communityZScores([1, null, 3], true);
    expect(a).toBeCloseTo(-Math.SQRT1_2, 12);
    expect(b).toBeNull();
    expect(c).toBeCloseTo(Math.SQRT1_2, 12);
  });
  it('gives nothing for fewer than two values, and 0 when all are equal', () => {
    expect(communityZScores([5, null], true)).toEqual([null, null]);
    expect(communityZScores([4, 4], true)).toEqual([0, 0]);
  });
});
