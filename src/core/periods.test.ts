import { describe, expect, it } from 'vitest';
import { parsePeriod } from './periods.ts';

describe('parsePeriod', () => {
  const cases: [string, ReturnType<typeof parsePeriod>][] = [
    ['2018', { label: '2018', kind: 'year', start: '2018-01-01', end: '2018-12-31' }],
    ['2018/19', { label: '2018/19', kind: 'financial_year', start: '2018-04-01', end: '2019-03-31' }],
    ['2018-19', { label: '2018-19', kind: 'financial_year', start: '2018-04-01', end: '2019-03-31' }],
    ['1999/00', { label: '1999/00', kind: 'financial_year', start: '1999-04-01', end: '2000-03-31' }],
    ['2016-2018', { label: '2016-2018', kind: 'year_range', start: '2016-01-01', end: '2018-12-31' }],
    ['2016 - 2018', { label: '2016 - 2018', kind: 'year_range', start: '2016-01-01', end: '2018-12-31' }],
    ['2008/09-2010/11', { label: '2008/09-2010/11', kind: 'financial_year_range', start: '2008-04-01', end: '2011-03-31' }],
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
