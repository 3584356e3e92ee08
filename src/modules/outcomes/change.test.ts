import { describe, expect, it } from 'vitest';
import {
  classifyChange,
  classifySeriesChange,
  criterionFor,
  type ChangeCriterion,
  type ChangeCriterionRow,
  type ChangePoint,
  type ChangeDirection,
} from './change.ts';

const relative1pc = { kind: 'relative', threshold: 0.01 } as const;
const absolute01 = { kind: 'absolute', threshold: 0.1 } as const;

describe('classifyChange', () => {
  const cases: [
    string,
    number,
    number,
    Pick<ChangeCriterion, 'kind' | 'threshold'>,
    boolean,
    ChangeDirection | null,
  ][] = [
    ['relative: up 2% where higher is better', 100, 102, relative1pc, true, 'improving'],
    ['relative: up 2% where higher is bad', 100, 102, relative1pc, false, 'worsening'],
    ['relative: down 2% where higher is bad', 100, 98, relative1pc, false, 'improving'],
    ['relative: up 0.5% is within the band', 100, 100.5, relative1pc, true, 'maintaining'],
    ['relative: exactly 1% is at the threshold, so counts', 100, 101, relative1pc, true, 'improving'],
    ['relative: from a negative value, the share is of its size', -10, -9, relative1pc, true, 'improving'],
    [
      'absolute: 0.1 points up is at the threshold (0.3 − 0.2 in floating point)',
      0.2,
      0.3,
      absolute01,
      true,
      'improving',
    ],
    ['absolute: 0.05 points down is within the band', 50, 49.95, absolute01, true, 'maintaining'],
    ['absolute: 0.5 points down where higher is better', 50, 49.5, absolute01, true, 'worsening'],
    [
      'no change is maintaining even with a zero threshold',
      7,
      7,
      { kind: 'absolute', threshold: 0 },
      true,
      'maintaining',
    ],
    ['any change counts with a zero threshold', 7, 7.001, { kind: 'absolute', threshold: 0 }, false, 'worsening'],
    ['relative change from zero cannot be measured', 0, 5, relative1pc, true, null],
    ['absolute change from zero can', 0, 5, absolute01, true, 'improving'],
    ['a missing value gives no rating', Number.NaN, 5, absolute01, true, null],
  ];
  it.each(cases)('%s', (_label, from, to, criterion, higherIsBetter, expected) => {
    expect(classifyChange(from, to, criterion, higherIsBetter).direction).toBe(expected);
  });

  it('returns the change as the criterion measures it', () => {
    expect(classifyChange(80, 84, relative1pc, true)).toEqual({
      direction: 'improving',
      change: 0.05,
      from: 80,
      to: 84,
    });
    expect(classifyChange(80, 84, absolute01, true)).toMatchObject({ change: 4 });
  });

  it('refuses a negative threshold', () => {
    expect(() => classifyChange(1, 2, { kind: 'absolute', threshold: -1 }, true)).toThrow(RangeError);
  });
});

const pt = (year: number, value: number | null, valueType: ChangePoint['valueType'] = 'raw'): ChangePoint => ({
  year,
  value,
  valueType,
});

describe('classifySeriesChange', () => {
  const yearly: ChangeCriterion = { kind: 'relative', threshold: 0.01, yearsBack: 1 };

  it('compares the last two yearly values, leaving projections out', () => {
    const r = classifySeriesChange(
      [pt(2019, 20), pt(2021, 18), pt(2020, 19), pt(2022, 30, 'projected')],
      yearly,
      false,
    );
    expect(r).toMatchObject({ direction: 'improving', fromYear: 2020, toYear: 2021, from: 19, to: 18 });
  });

  it('compares with N years before, using the nearest earlier year when that one is missing', () => {
    const fiveYears = { ...yearly, yearsBack: 5 };
    expect(classifySeriesChange([pt(2015, 100), pt(2016, 50), pt(2020, 100.5)], fiveYears, true)).toMatchObject({
      direction: 'maintaining',
      fromYear: 2015,
      toYear: 2020,
    });
    expect(classifySeriesChange([pt(2014, 90), pt(2016, 50), pt(2020, 100)], fiveYears, true)).toMatchObject({
      direction: 'improving',
      fromYear: 2014,
    });
  });

  it('skips missing values, and keeps imputed ones', () => {
    expect(
      classifySeriesChange([pt(2019, 10, 'imputed'), pt(2020, null), pt(2021, 9)], { ...yearly, yearsBack: 1 }, true),
    ).toMatchObject({ direction: 'worsening', fromYear: 2019, toYear: 2021 });
  });

  it('gives no rating without a value far enough back', () => {
    expect(classifySeriesChange([pt(2020, 1), pt(2021, 2)], { ...yearly, yearsBack: 3 }, true)).toEqual({
      direction: null,
      reason: 'no value 3 or more years before 2021',
    });
    expect(classifySeriesChange([], yearly, true)).toEqual({ direction: null, reason: 'no values' });
  });

  it('refuses a yearsBack that is not a whole number of years', () => {
    expect(() => classifySeriesChange([pt(2020, 1)], { ...yearly, yearsBack: 0 }, true)).toThrow(RangeError);
  });
});

describe('criterionFor', () => {
  const rows: ChangeCriterionRow[] = [
    { indicatorCode: '*', kind: 'relative', threshold: 0.01, yearsBack: 1, source: 'default' },
    { indicatorCode: 'employment-rate', kind: 'absolute', threshold: 0.5, yearsBack: 1, source: 'partnership' },
  ];
  it("uses the indicator's own row, else the default", () => {
    expect(criterionFor('employment-rate', rows)?.kind).toBe('absolute');
    expect(criterionFor('crime-rate', rows)?.indicatorCode).toBe('*');
    expect(criterionFor('crime-rate', rows.slice(1))).toBeNull();
  });
});
