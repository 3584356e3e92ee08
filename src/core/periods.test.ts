import { describe, expect, it } from 'vitest';
import { parsePeriod, reportingYearOf, reportingYearSpan } from './periods.ts';

describe('parsePeriod', () => {
  const cases: [string, ReturnType<typeof parsePeriod>][] = [
    ['2018', { label: '2018', kind: 'year', start: '2018-01-01', end: '2018-12-31' }],
    ['2018/19', { label: '2018/19', kind: 'financial_year', start: '2018-04-01', end: '2019-03-31' }],
    ['2018-19', { label: '2018-19', kind: 'financial_year', start: '2018-04-01', end: '2019-03-31' }],
    ['1999/00', { label: '1999/00', kind: 'financial_year', start: '1999-04-01', end: '2000-03-31' }],
    ['2016-2018', { label: '2016-2018', kind: 'year_range', start: '2016-01-01', end: '2018-12-31' }],
    ['2016 - 2018', { label: '2016 - 2018', kind: 'year_range', start: '2016-01-01', end: '2018-12-31' }],
    [
      '2008/09-2010/11',
      { label: '2008/09-2010/11', kind: 'financial_year_range', start: '2008-04-01', end: '2011-03-31' },
    ],
    ['2010-11', { label: '2010-11', kind: 'financial_year', start: '2010-04-01', end: '2011-03-31' }],
    ['2016-19', { label: '2016-19', kind: 'financial_year_range', start: '2016-04-01', end: '2019-03-31' }],
    ['2009-11', { label: '2009-11', kind: 'financial_year_range', start: '2009-04-01', end: '2011-03-31' }],
    ['2007-11', { label: '2007-11', kind: 'financial_year_range', start: '2007-04-01', end: '2011-03-31' }],
    ['1998-01', { label: '1998-01', kind: 'financial_year_range', start: '1998-04-01', end: '2001-03-31' }],
    ['2010-20', { label: '2010-20', kind: 'financial_year_range', start: '2010-04-01', end: '2020-03-31' }],
    ['2010-21', null],
    ['2018-18', null],
    ['2018-17', null],
    ['2019 - Q1', { label: '2019 - Q1', kind: 'quarter', start: '2019-01-01', end: '2019-03-31' }],
    ['2019 Q4', { label: '2019 Q4', kind: 'quarter', start: '2019-10-01', end: '2019-12-31' }],
    [' 2020/21 ', { label: '2020/21', kind: 'financial_year', start: '2020-04-01', end: '2021-03-31' }],
    ['2018/20', null],
    ['2018-2016', null],
    ['2019 - Q5', null],
    ['twenty', null],
    ['', null],
  ];
  for (const [input, want] of cases) it(JSON.stringify(input), () => expect(parsePeriod(input)).toEqual(want));
});

describe('reporting years', () => {
  const april = { month: 4, day: 1 };
  it.each([
    ['2026-03-31', april, 2025],
    ['2026-04-01', april, 2026],
    ['2026-12-31', april, 2026],
    ['2027-01-01', april, 2026],
    ['2026-01-01', { month: 1, day: 1 }, 2026],
    ['2026-08-14', { month: 8, day: 15 }, 2025],
    ['2026-08-15', { month: 8, day: 15 }, 2026],
  ])('%s with a year starting %o is in the year beginning %i', (date, start, year) => {
    expect(reportingYearOf(date, start)).toBe(year);
  });

  it.each([
    [2026, april, { label: '2026/27', start: '2026-04-01', end: '2027-03-31', words: '1 April 2026 to 31 March 2027' }],
    [1999, april, { label: '1999/00', start: '1999-04-01', end: '2000-03-31', words: '1 April 1999 to 31 March 2000' }],
    [
      2026,
      { month: 1, day: 1 },
      { label: '2026', start: '2026-01-01', end: '2026-12-31', words: '1 January 2026 to 31 December 2026' },
    ],
    [
      2023,
      { month: 3, day: 1 },
      { label: '2023/24', start: '2023-03-01', end: '2024-02-29', words: '1 March 2023 to 29 February 2024' },
    ],
  ])('the year beginning in %i with start %o', (year, start, span) => {
    expect(reportingYearSpan(year, start)).toEqual(span);
  });
});
