import { describe, expect, it } from 'vitest';
import {
  addDays,
  daysBetween,
  effectiveDue,
  isoDate,
  isoWeekday,
  isWorkingDay,
  parseIsoDate,
  periodEnd,
  type PeriodRule,
  type WorkingDayCalendar,
} from './clock.ts';

/*
 * Every expected date below was worked out by hand against a real calendar (GNU `date -d`, Python's
 * `calendar.month` / `datetime`), never by running the code under test. The `why` column shows the count.
 *
 * Christmas / New Year blocks 2019–2033 (W = falls on a weekday, E = falls on a weekend),
 * in the order 25 Dec, 26 Dec, 1 Jan, 2 Jan:
 *   2019/20 Wed Thu Wed Thu WWWW    2026/27 Fri Sat Fri Sat WEWE
 *   2020/21 Fri Sat Fri Sat WEWE    2027/28 Sat Sun Sat Sun EEEE
 *   2021/22 Sat Sun Sat Sun EEEE    2028/29 Mon Tue Mon Tue WWWW
 *   2022/23 Sun Mon Sun Mon EWEW    2029/30 Tue Wed Tue Wed WWWW
 *   2023/24 Mon Tue Mon Tue WWWW    2030/31 Wed Thu Wed Thu WWWW
 *   2024/25 Wed Thu Wed Thu WWWW    2031/32 Thu Fri Thu Fri WWWW
 *   2025/26 Thu Fri Thu Fri WWWW    2032/33 Sat Sun Sat Sun EEEE
 * (25 Dec and the following 1 Jan always share a weekday, as do 26 Dec and 2 Jan, so WWWW, WEWE, EEEE
 * and EWEW are the only combinations that occur; all four are covered.)
 */

const scotland: WorkingDayCalendar = {
  code: 'scotland',
  exclusions: [
    { kind: 'weekday', weekday: 6 },
    { kind: 'weekday', weekday: 7 },
    { kind: 'annual', month: 12, day: 25 },
    { kind: 'annual', month: 12, day: 26 },
    { kind: 'annual', month: 1, day: 1 },
    { kind: 'annual', month: 1, day: 2 },
  ],
};

/** The rules as the app stores them (migration 0007). */
const rules = {
  'pr-decision': { code: 'pr-decision', unit: 'working_days', length: 30 },
  'pr-decision-joint': { code: 'pr-decision-joint', unit: 'working_days', length: 45 },
  'pr-additional-authority': { code: 'pr-additional-authority', unit: 'working_days', length: 15 },
  'pr-outcome-process': { code: 'pr-outcome-process', unit: 'days', length: 90 },
  'atr-decision': { code: 'atr-decision', unit: 'months', length: 6 },
  'atr-review': { code: 'atr-review', unit: 'working_days', length: 20 },
  'atr-appeal': { code: 'atr-appeal', unit: 'working_days', length: 20 },
} satisfies Record<string, PeriodRule>;

type Row = { start: string; expected: string; why: string };

describe('periodEnd — pr-decision (30 working days)', () => {
  it.each<Row>([
    {
      start: '2026-03-02',
      expected: '2026-04-10',
      why: 'Mon start, no holidays: six full Mon–Fri weeks, day 30 = Fri 10 Apr',
    },
    {
      start: '2026-03-07',
      expected: '2026-04-17',
      why: 'Sat start: counting begins Mon 9 Mar, six weeks → Fri 17 Apr',
    },
    {
      start: '2026-03-08',
      expected: '2026-04-17',
      why: 'Sun start: counting begins Mon 9 Mar, six weeks → Fri 17 Apr',
    },
    {
      start: '2025-12-01',
      expected: '2026-01-15',
      why: '2025/26 WWWW (Thu/Fri): 1–24 Dec = 18, 29–31 Dec = 21, 5–9 Jan = 26, 12–15 Jan = 30; Thu 25, Fri 26 Dec, Thu 1, Fri 2 Jan lost',
    },
    {
      start: '2021-12-06',
      expected: '2022-01-14',
      why: '2021/22 EEEE: all four holidays on Sat/Sun, nothing extra lost, six weeks → Fri 14 Jan',
    },
    {
      start: '2020-12-01',
      expected: '2021-01-13',
      why: '2020/21 WEWE: Fri 25 Dec and Fri 1 Jan lost (26 Dec, 2 Jan are Saturdays); Tue 1 Dec … day 30 = Wed 13 Jan',
    },
    {
      start: '2022-12-01',
      expected: '2023-01-13',
      why: '2022/23 EWEW: Mon 26 Dec and Mon 2 Jan lost (25 Dec, 1 Jan are Sundays); Thu 1 Dec … day 30 = Fri 13 Jan',
    },
    {
      start: '2023-12-25',
      expected: '2024-02-08',
      why: 'start on 25 Dec (Mon): 25, 26 Dec excluded, day 1 = Wed 27 Dec; 1, 2 Jan (Mon, Tue) excluded; day 30 = Thu 8 Feb',
    },
    {
      start: '2019-12-02',
      expected: '2020-01-16',
      why: '2019/20 WWWW (Wed/Thu): four weekday holidays lost; Mon 2 Dec … day 30 = Thu 16 Jan 2020',
    },
  ])('$start → $expected ($why)', ({ start, expected }) => {
    expect(periodEnd(rules['pr-decision'], start, scotland)).toBe(expected);
  });
});

describe('periodEnd — pr-decision-joint (45 working days)', () => {
  it.each<Row>([
    {
      start: '2024-11-25',
      expected: '2025-01-30',
      why: '2024/25 WWWW (Wed/Thu): Wed 25, Thu 26 Dec, Wed 1, Thu 2 Jan lost; Mon 25 Nov … day 45 = Thu 30 Jan',
    },
    {
      start: '2027-11-15',
      expected: '2028-01-14',
      why: '2027/28 EEEE: nothing extra lost, nine full weeks from Mon 15 Nov → Fri 14 Jan 2028',
    },
    {
      start: '2026-12-26',
      expected: '2027-03-01',
      why: 'start on 26 Dec (a Saturday): day 1 = Mon 28 Dec; 28–31 Dec = 4, Fri 1 Jan lost, 4 Jan–26 Feb = 44, Mon 1 Mar = 45',
    },
    {
      start: '2032-12-01',
      expected: '2033-02-01',
      why: '2032/33 EEEE: 1–3 Dec = 3, then 8 full weeks to Fri 28 Jan = 43, Mon 31 Jan = 44, Tue 1 Feb = 45',
    },
    {
      start: '2029-12-03',
      expected: '2030-02-07',
      why: '2029/30 WWWW (Tue/Wed): four weekday holidays lost; Mon 3 Dec … day 45 = Thu 7 Feb',
    },
  ])('$start → $expected ($why)', ({ start, expected }) => {
    expect(periodEnd(rules['pr-decision-joint'], start, scotland)).toBe(expected);
  });
});

describe('periodEnd — pr-additional-authority (15 working days)', () => {
  it.each<Row>([
    {
      start: '2025-12-24',
      expected: '2026-01-19',
      why: 'last working day before the block (Wed 24 Dec) counts as day 1; 29–31 Dec = 2–4, 5–9 Jan = 5–9, 12–16 Jan = 10–14, Mon 19 Jan = 15',
    },
    {
      start: '2026-01-01',
      expected: '2026-01-23',
      why: 'start on 1 Jan (Thu): 1, 2 Jan excluded, weekend, day 1 = Mon 5 Jan; three weeks → Fri 23 Jan',
    },
    {
      start: '2026-01-02',
      expected: '2026-01-23',
      why: 'start on 2 Jan (Fri): excluded, day 1 = Mon 5 Jan → Fri 23 Jan',
    },
    {
      start: '2028-12-15',
      expected: '2029-01-10',
      why: '2028/29 WWWW (Mon/Tue): Fri 15 Dec = 1, 18–22 Dec = 6, 27–29 Dec = 9, 3–5 Jan = 12, 8–10 Jan = 15',
    },
    {
      start: '2030-12-16',
      expected: '2031-01-09',
      why: '2030/31 WWWW (Wed/Thu): 16–20 Dec = 5, 23, 24, 27 Dec = 8, 30, 31 Dec = 10, Fri 3 Jan = 11, 6–9 Jan = 15',
    },
    {
      start: '2031-12-19',
      expected: '2032-01-14',
      why: '2031/32 WWWW (Thu/Fri): Fri 19 Dec = 1, 22–24 Dec = 4, 29–31 Dec = 7, 5–9 Jan = 12, 12–14 Jan = 15',
    },
  ])('$start → $expected ($why)', ({ start, expected }) => {
    expect(periodEnd(rules['pr-additional-authority'], start, scotland)).toBe(expected);
  });
});

describe('periodEnd — atr-review (20 working days)', () => {
  it.each<Row>([
    {
      start: '2026-12-24',
      expected: '2027-01-22',
      why: '2026/27 WEWE, last day before the block: Thu 24 Dec = 1, Fri 25 Dec lost, 28–31 Dec = 5, Fri 1 Jan lost, 4–22 Jan = 20',
    },
    {
      start: '2022-12-25',
      expected: '2023-01-24',
      why: 'start on 25 Dec (Sun), next day Mon 26 Dec also excluded: day 1 = Tue 27 Dec; 27–30 Dec = 4, Mon 2 Jan lost, 3–6 Jan = 8, … Tue 24 Jan = 20',
    },
    {
      start: '2023-12-26',
      expected: '2024-01-25',
      why: 'start on 26 Dec (Tue): day 1 = Wed 27 Dec; 27–29 Dec = 3, Mon 1, Tue 2 Jan lost, 3–5 Jan = 6, … Thu 25 Jan = 20',
    },
    {
      start: '2024-01-01',
      expected: '2024-01-30',
      why: 'start on 1 Jan (Mon): 1, 2 Jan excluded, day 1 = Wed 3 Jan → day 20 = Tue 30 Jan',
    },
    {
      start: '2024-01-02',
      expected: '2024-01-30',
      why: 'start on 2 Jan (Tue): excluded, day 1 = Wed 3 Jan → day 20 = Tue 30 Jan',
    },
  ])('$start → $expected ($why)', ({ start, expected }) => {
    expect(periodEnd(rules['atr-review'], start, scotland)).toBe(expected);
  });
});

describe('periodEnd — atr-appeal (20 working days)', () => {
  it.each<Row>([
    {
      start: '2021-12-25',
      expected: '2022-01-21',
      why: 'start on 25 Dec (Sat), 2021/22 EEEE: day 1 = Mon 27 Dec, four full weeks → Fri 21 Jan',
    },
    {
      start: '2022-01-01',
      expected: '2022-01-28',
      why: 'start on 1 Jan (Sat): day 1 = Mon 3 Jan, four weeks → Fri 28 Jan',
    },
    { start: '2022-01-02', expected: '2022-01-28', why: 'start on 2 Jan (Sun): day 1 = Mon 3 Jan → Fri 28 Jan' },
    {
      start: '2020-12-31',
      expected: '2021-01-28',
      why: 'last day before 1 Jan (Thu 31 Dec) = 1; Fri 1 Jan lost, Sat 2 Jan weekend; 4–28 Jan = 2–20',
    },
    {
      start: '2028-12-22',
      expected: '2029-01-24',
      why: 'Fri 22 Dec, last day before the block = 1; Mon 25, Tue 26 Dec lost, 27–29 Dec = 4, Mon 1, Tue 2 Jan lost, 3–5 Jan = 7, … Wed 24 Jan = 20',
    },
    {
      start: '2029-06-01',
      expected: '2029-06-28',
      why: 'ordinary Fri start: Fri 1 Jun = 1, 4–8 = 6, 11–15 = 11, 18–22 = 16, 25–28 = 20',
    },
  ])('$start → $expected ($why)', ({ start, expected }) => {
    expect(periodEnd(rules['atr-appeal'], start, scotland)).toBe(expected);
  });
});

describe('periodEnd — short working-day periods (edge cases of the counting convention)', () => {
  const one: PeriodRule = { code: 'one', unit: 'working_days', length: 1 };
  const two: PeriodRule = { code: 'two', unit: 'working_days', length: 2 };
  it.each<Row & { rule: PeriodRule }>([
    { rule: one, start: '2026-03-02', expected: '2026-03-02', why: '1 working day on a working day (Mon) is that day' },
    { rule: one, start: '2026-03-07', expected: '2026-03-09', why: '1 working day from a Saturday is the Monday' },
    { rule: one, start: '2026-03-08', expected: '2026-03-09', why: '1 working day from a Sunday is the Monday' },
    {
      rule: one,
      start: '2025-12-25',
      expected: '2025-12-29',
      why: 'from 25 Dec (Thu): 26 Dec (Fri) excluded, weekend → Mon 29 Dec',
    },
    {
      rule: one,
      start: '2026-01-01',
      expected: '2026-01-05',
      why: 'from 1 Jan (Thu): 2 Jan (Fri) excluded, weekend → Mon 5 Jan',
    },
    {
      rule: one,
      start: '2027-12-25',
      expected: '2027-12-27',
      why: 'from 25 Dec 2027 (Sat) → Mon 27 Dec (26th is Sunday)',
    },
    {
      rule: one,
      start: '2025-12-24',
      expected: '2025-12-24',
      why: 'last day before the block is itself a working day',
    },
    { rule: two, start: '2025-12-24', expected: '2025-12-29', why: 'Wed 24 Dec = 1, skip 25–28 Dec, Mon 29 Dec = 2' },
    { rule: one, start: '2025-12-31', expected: '2025-12-31', why: '31 Dec (Wed) is a working day' },
    {
      rule: two,
      start: '2025-12-31',
      expected: '2026-01-05',
      why: 'Wed 31 Dec = 1, skip Thu 1, Fri 2 Jan and the weekend, Mon 5 Jan = 2',
    },
    { rule: one, start: '2027-12-24', expected: '2027-12-24', why: 'Fri 24 Dec 2027 is a working day' },
    {
      rule: two,
      start: '2027-12-24',
      expected: '2027-12-27',
      why: '2027 EEEE: Fri 24 Dec = 1, Mon 27 Dec = 2 (no weekday lost)',
    },
    { rule: two, start: '2027-12-31', expected: '2028-01-03', why: '2027/28 EEEE: Fri 31 Dec = 1, Mon 3 Jan 2028 = 2' },
  ])('$rule.code from $start → $expected ($why)', ({ rule, start, expected }) => {
    expect(periodEnd(rule, start, scotland)).toBe(expected);
  });
});

describe('periodEnd — pr-outcome-process (90 days)', () => {
  it.each<Row>([
    { start: '2026-01-01', expected: '2026-03-31', why: 'Jan 31 + Feb 28 + Mar 31 = 90 → 31 Mar' },
    { start: '2028-01-01', expected: '2028-03-30', why: 'leap year: Jan 31 + Feb 29 = 60, + 30 → 30 Mar' },
    {
      start: '2027-12-15',
      expected: '2028-03-13',
      why: 'across 29 Feb 2028: 15–31 Dec = 17, Jan = 48, Feb (29) = 77, + 13 → 13 Mar',
    },
    {
      start: '2027-12-02',
      expected: '2028-02-29',
      why: '2–31 Dec = 30, Jan = 61, Feb 1–29 = 90 → ends on the leap day',
    },
    {
      start: '2026-12-02',
      expected: '2027-03-01',
      why: 'same start a year earlier, no leap day: 30 + 31 + 28 = 89 → 1 Mar',
    },
    { start: '2027-12-01', expected: '2028-02-28', why: 'Dec 31 + Jan 31 + 28 → 28 Feb 2028' },
    {
      start: '2028-02-29',
      expected: '2028-05-28',
      why: 'start on the leap day: Feb 1 + Mar 31 + Apr 30 = 62, + 28 → 28 May',
    },
    {
      start: '2026-12-20',
      expected: '2027-03-19',
      why: 'calendar days ignore weekends and holidays; start Sun: 20–31 Dec = 12, Jan = 43, Feb = 71, + 19 → 19 Mar',
    },
    {
      start: '2026-12-25',
      expected: '2027-03-24',
      why: 'start on 25 Dec still counts that day: 25–31 Dec = 7, Jan = 38, Feb = 66, + 24 → 24 Mar',
    },
  ])('$start → $expected ($why)', ({ start, expected }) => {
    expect(periodEnd(rules['pr-outcome-process'], start, scotland)).toBe(expected);
  });

  it.each<Row & { length: number }>([
    { length: 1, start: '2026-03-07', expected: '2026-03-07', why: '1 day beginning with D is D, even a Saturday' },
    { length: 2, start: '2028-02-28', expected: '2028-02-29', why: '28 Feb + 1 in a leap year' },
    { length: 2, start: '2027-02-28', expected: '2027-03-01', why: '28 Feb + 1 in a common year' },
    { length: 7, start: '2026-12-28', expected: '2027-01-03', why: 'across the year end: 28 Dec + 6' },
  ])('$length days from $start → $expected ($why)', ({ length, start, expected }) => {
    expect(periodEnd({ code: 'days', unit: 'days', length }, start, scotland)).toBe(expected);
  });
});

describe('periodEnd — atr-decision (6 months)', () => {
  it.each<Row>([
    { start: '2026-01-15', expected: '2026-07-14', why: '15 Jan + 6 months = 15 Jul, day before → 14 Jul' },
    { start: '2026-08-15', expected: '2027-02-14', why: 'rolls over the year end: 15 Feb 2027, day before → 14 Feb' },
    { start: '2028-02-29', expected: '2028-08-28', why: 'start on the leap day: 29 Aug 2028, day before → 28 Aug' },
    { start: '2027-08-31', expected: '2028-02-29', why: 'no 31 Feb 2028 → last day of Feb 2028 (leap) = 29 Feb' },
    { start: '2027-08-30', expected: '2028-02-29', why: 'no 30 Feb 2028 → last day of Feb 2028 = 29 Feb' },
    { start: '2027-08-29', expected: '2028-02-28', why: '29 Feb 2028 exists → day before = 28 Feb' },
    {
      start: '2026-08-31',
      expected: '2027-02-28',
      why: 'no 31 Feb 2027 → last day of Feb 2027 (common year) = 28 Feb',
    },
    { start: '2026-08-29', expected: '2027-02-28', why: 'no 29 Feb 2027 → last day of Feb = 28 Feb' },
    { start: '2026-09-01', expected: '2027-02-28', why: '1 Mar 2027, day before = 28 Feb (common year)' },
    { start: '2027-09-01', expected: '2028-02-29', why: '1 Mar 2028, day before = 29 Feb (leap year)' },
    { start: '2026-03-31', expected: '2026-09-30', why: 'no 31 Sep → last day of Sep = 30 Sep' },
    { start: '2026-03-30', expected: '2026-09-29', why: '30 Sep exists → day before = 29 Sep' },
    { start: '2026-05-31', expected: '2026-11-30', why: 'no 31 Nov → last day of Nov = 30 Nov' },
    { start: '2026-06-01', expected: '2026-11-30', why: '1 Dec, day before = 30 Nov' },
    {
      start: '2026-07-01',
      expected: '2026-12-31',
      why: '1 Jan 2027, day before = 31 Dec 2026 (day-before crosses the year end)',
    },
    { start: '2026-12-31', expected: '2027-06-30', why: 'no 31 Jun → last day of Jun = 30 Jun' },
    { start: '2027-06-30', expected: '2027-12-29', why: '30 Dec exists → day before = 29 Dec' },
    { start: '2028-03-01', expected: '2028-08-31', why: '1 Sep, day before = 31 Aug' },
    {
      start: '2026-12-25',
      expected: '2027-06-24',
      why: 'months ignore working days: 25 Jun 2027, day before → 24 Jun',
    },
  ])('$start → $expected ($why)', ({ start, expected }) => {
    expect(periodEnd(rules['atr-decision'], start, scotland)).toBe(expected);
  });

  it.each<Row & { length: number }>([
    { length: 1, start: '2026-01-01', expected: '2026-01-31', why: '1 Feb, day before → 31 Jan' },
    { length: 1, start: '2026-01-31', expected: '2026-02-28', why: 'no 31 Feb 2026 → 28 Feb' },
    { length: 1, start: '2028-01-30', expected: '2028-02-29', why: 'no 30 Feb 2028 → 29 Feb' },
    { length: 12, start: '2026-01-01', expected: '2026-12-31', why: '1 Jan 2027, day before → 31 Dec 2026' },
    { length: 12, start: '2028-02-29', expected: '2029-02-28', why: 'no 29 Feb 2029 → last day of Feb 2029 = 28 Feb' },
    {
      length: 18,
      start: '2026-08-31',
      expected: '2028-02-29',
      why: 'more than a year ahead: no 31 Feb 2028 → 29 Feb 2028',
    },
  ])('$length months from $start → $expected ($why)', ({ length, start, expected }) => {
    expect(periodEnd({ code: 'months', unit: 'months', length }, start, scotland)).toBe(expected);
  });
});

describe('periodEnd — invalid input', () => {
  it.each([
    { unit: 'working_days', length: 0 },
    { unit: 'days', length: 0 },
    { unit: 'months', length: 0 },
    { unit: 'working_days', length: -1 },
    { unit: 'days', length: 1.5 },
  ] as const)('throws RangeError for $unit of length $length', ({ unit, length }) => {
    expect(() => periodEnd({ code: 'bad', unit, length }, '2026-03-02', scotland)).toThrow(RangeError);
  });

  it.each(['2027-02-29', '2026-13-01', 'tomorrow'])(
    'throws RangeError for a start date %s that does not exist',
    (start) => {
      expect(() => periodEnd(rules['pr-decision'], start, scotland)).toThrow(RangeError);
    },
  );

  it('throws RangeError rather than looping for ever when the calendar has no working days', () => {
    const never: WorkingDayCalendar = {
      code: 'never',
      exclusions: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ kind: 'weekday' as const, weekday })),
    };
    expect(() => periodEnd(rules['pr-decision'], '2026-03-02', never)).toThrow(RangeError);
  });
});

describe('isWorkingDay (Scotland calendar)', () => {
  it.each<{ date: string; expected: boolean; why: string }>([
    { date: '2026-03-02', expected: true, why: 'ordinary Monday' },
    { date: '2026-03-06', expected: true, why: 'ordinary Friday' },
    { date: '2026-03-07', expected: false, why: 'Saturday' },
    { date: '2026-03-08', expected: false, why: 'Sunday' },
    { date: '2025-12-25', expected: false, why: '25 Dec on a Thursday' },
    { date: '2025-12-26', expected: false, why: '26 Dec on a Friday' },
    { date: '2026-01-01', expected: false, why: '1 Jan on a Thursday' },
    { date: '2026-01-02', expected: false, why: '2 Jan on a Friday' },
    { date: '2023-12-25', expected: false, why: '25 Dec on a Monday' },
    { date: '2023-12-26', expected: false, why: '26 Dec on a Tuesday' },
    { date: '2024-01-01', expected: false, why: '1 Jan on a Monday' },
    { date: '2024-01-02', expected: false, why: '2 Jan on a Tuesday' },
    { date: '2021-12-25', expected: false, why: '25 Dec on a Saturday' },
    { date: '2021-12-26', expected: false, why: '26 Dec on a Sunday' },
    { date: '2022-01-01', expected: false, why: '1 Jan on a Saturday' },
    { date: '2022-01-02', expected: false, why: '2 Jan on a Sunday' },
    { date: '2021-12-27', expected: true, why: 'Mon 27 Dec 2021: no substitute days in this calendar' },
    { date: '2022-01-03', expected: true, why: 'Mon 3 Jan 2022: no substitute days in this calendar' },
    { date: '2025-12-24', expected: true, why: 'Christmas Eve (Wed) is a working day' },
    { date: '2025-12-31', expected: true, why: 'Hogmanay (Wed) is a working day' },
    { date: '2024-01-03', expected: true, why: '3 Jan (Wed) is a working day' },
    { date: '2028-02-29', expected: true, why: 'leap day 2028 is a Tuesday' },
  ])('$date is $expected ($why)', ({ date, expected }) => {
    expect(isWorkingDay(date, scotland)).toBe(expected);
  });

  it('honours one-off date exclusions and an empty calendar', () => {
    const withOneOff: WorkingDayCalendar = {
      code: 'x',
      exclusions: [...scotland.exclusions, { kind: 'date', date: '2026-06-15' }],
    };
    expect(isWorkingDay('2026-06-15', withOneOff)).toBe(false);
    expect(isWorkingDay('2026-06-16', withOneOff)).toBe(true);
    expect(isWorkingDay('2026-06-15', scotland)).toBe(true);
    expect(isWorkingDay('2026-03-07', { code: 'every-day', exclusions: [] })).toBe(true);
  });
});

describe('isoWeekday', () => {
  it.each([
    { date: '2026-03-02', expected: 1, why: 'Monday' },
    { date: '2026-03-06', expected: 5, why: 'Friday' },
    { date: '2026-03-07', expected: 6, why: 'Saturday' },
    { date: '2026-03-08', expected: 7, why: 'Sunday is 7, not 0' },
    { date: '2028-02-29', expected: 2, why: 'Tuesday' },
    { date: '2021-12-25', expected: 6, why: 'Saturday' },
    { date: '2022-12-25', expected: 7, why: 'Sunday' },
  ])('$date → $expected ($why)', ({ date, expected }) => {
    expect(isoWeekday(date)).toBe(expected);
  });
});

describe('parseIsoDate / isoDate', () => {
  it.each([
    '2027-02-29',
    '2026-02-30',
    '2026-13-01',
    '2026-00-10',
    '2026-04-31',
    '26-01-01',
    '2026-1-1',
    'tomorrow',
    '',
  ])('rejects %j', (text) => {
    expect(parseIsoDate(text)).toBeNull();
  });

  it.each(['2028-02-29', '2026-01-01', '2026-12-31', '2032-02-29'])('accepts %s and round-trips it', (text) => {
    const d = parseIsoDate(text);
    expect(d).not.toBeNull();
    expect(isoDate(d!)).toBe(text);
  });

  it('gives midnight UTC on the date', () => {
    expect(parseIsoDate('2028-02-29')?.getTime()).toBe(Date.UTC(2028, 1, 29));
  });
});

describe('addDays', () => {
  it.each([
    { date: '2028-02-28', n: 1, expected: '2028-02-29', why: 'into the leap day' },
    { date: '2027-02-28', n: 1, expected: '2027-03-01', why: 'no leap day in 2027' },
    { date: '2026-12-31', n: 1, expected: '2027-01-01', why: 'year end' },
    { date: '2026-03-28', n: 2, expected: '2026-03-30', why: 'across the UK clock change, unaffected' },
    { date: '2028-03-01', n: -1, expected: '2028-02-29', why: 'backwards into the leap day' },
    { date: '2026-01-01', n: 0, expected: '2026-01-01', why: 'zero' },
  ])('$date + $n → $expected ($why)', ({ date, n, expected }) => {
    expect(addDays(date, n)).toBe(expected);
  });

  it('throws RangeError for a date that does not exist', () => {
    expect(() => addDays('2027-02-29', 1)).toThrow(RangeError);
  });
});

describe('effectiveDue', () => {
  it.each<{ statutory: string; extensions: string[] | undefined; expected: string; why: string }>([
    { statutory: '2026-04-10', extensions: undefined, expected: '2026-04-10', why: 'no extensions argument' },
    { statutory: '2026-04-10', extensions: [], expected: '2026-04-10', why: 'empty list of extensions' },
    {
      statutory: '2026-04-10',
      extensions: ['2026-05-01'],
      expected: '2026-05-01',
      why: 'one extension later than the statutory date',
    },
    {
      statutory: '2026-04-10',
      extensions: ['2026-03-31'],
      expected: '2026-04-10',
      why: 'an earlier agreed date is ignored',
    },
    {
      statutory: '2026-04-10',
      extensions: ['2026-04-10'],
      expected: '2026-04-10',
      why: 'an extension to the same date',
    },
    {
      statutory: '2026-04-10',
      extensions: ['2026-05-01', '2026-03-01', '2026-06-15', '2026-05-20'],
      expected: '2026-06-15',
      why: 'several: the latest wins whatever the order',
    },
    { statutory: '2026-12-31', extensions: ['2027-01-04'], expected: '2027-01-04', why: 'later date in the next year' },
    {
      statutory: '2027-01-04',
      extensions: ['2026-12-31', '2026-11-30'],
      expected: '2027-01-04',
      why: 'earlier dates in the previous year ignored',
    },
  ])('$statutory with $extensions → $expected ($why)', ({ statutory, extensions, expected }) => {
    expect(effectiveDue(statutory, extensions)).toBe(expected);
  });
});

describe('daysBetween', () => {
  it.each([
    { from: '2026-03-02', to: '2026-04-10', expected: 39, why: 'Mar 2 → Apr 10: 29 days left in March + 10' },
    { from: '2026-04-10', to: '2026-03-02', expected: -39, why: 'negative when the second date is earlier' },
    { from: '2026-03-02', to: '2026-03-02', expected: 0, why: 'same day' },
    { from: '2028-02-28', to: '2028-03-01', expected: 2, why: 'across the leap day' },
    { from: '2027-02-28', to: '2027-03-01', expected: 1, why: 'no leap day' },
    { from: '2026-01-01', to: '2027-01-01', expected: 365, why: 'common year' },
    { from: '2028-01-01', to: '2029-01-01', expected: 366, why: 'leap year' },
    { from: '2026-03-28', to: '2026-03-30', expected: 2, why: 'across the UK clock change (29 Mar 2026)' },
    { from: '2026-10-24', to: '2026-10-26', expected: 2, why: 'across the UK clock change (25 Oct 2026)' },
  ])('$from → $to = $expected ($why)', ({ from, to, expected }) => {
    expect(daysBetween(from, to)).toBe(expected);
  });
});
