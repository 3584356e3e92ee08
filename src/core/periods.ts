/**
 * Time periods as statistics publishers label them, parsed to a kind and a start and end date:
 *   "2018"                      calendar year
 *   "2018/19", "2018-19"        financial year (1 April to 31 March; also the school and reporting year)
 *   "2016-2018", "2016 - 2018"  a range of calendar years
 *   "2008/09-2010/11"           a range of financial years
 *   "2016-19", "2009-11"        a range of financial years as LGBF labels it (2016/17 to 2018/19; 2009/10 and
 *                               2010/11): a four-digit year and a two-digit year 2 to 10 years later
 *   "2019 - Q1", "2019 Q1"      a calendar quarter
 * The reporting year of the 2015 Act starts on 1 April, as the financial year does.
 */
export type PeriodKind = 'year' | 'financial_year' | 'year_range' | 'financial_year_range' | 'quarter';

export interface Period {
  label: string;
  kind: PeriodKind;
  start: string;
  end: string;
}

const pad = (n: number) => String(n).padStart(2, '0');
const iso = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;

/** "18" after 2017 → 2018; a two-digit second year must be the year after the first. */
function secondYear(first: number, two: string): number | null {
  const y = Math.floor(first / 100) * 100 + Number(two);
  const fixed = y <= first ? y + 100 : y;
  return fixed === first + 1 ? fixed : null;
}

function financialYear(text: string): { start: number } | null {
  const m = /^(\d{4})\s*[/-]\s*(\d{2})$/.exec(text);
  if (!m) return null;
  const first = Number(m[1]);
  return secondYear(first, m[2]!) ? { start: first } : null;
}

export function parsePeriod(raw: string): Period | null {
  const label = raw.trim().replace(/\s+/g, ' ');
  let m: RegExpExecArray | null;
  if ((m = /^(\d{4})$/.exec(label))) {
    const y = Number(m[1]);
    return { label, kind: 'year', start: iso(y, 1, 1), end: iso(y, 12, 31) };
  }
  const fy = financialYear(label);
  if (fy) return { label, kind: 'financial_year', start: iso(fy.start, 4, 1), end: iso(fy.start + 1, 3, 31) };
  if ((m = /^(\d{4}) ?- ?(\d{4})$/.exec(label))) {
    const a = Number(m[1]);
    const b = Number(m[2]);
    if (b > a) return { label, kind: 'year_range', start: iso(a, 1, 1), end: iso(b, 12, 31) };
    return null;
  }
  if ((m = /^(\d{4})\s*-\s*(\d{2})$/.exec(label))) {
    // Not a single financial year (that was tried above), so a span of them: "2016-19" runs from
    // 1 April 2016 to 31 March 2019. More than ten years is more likely a mistake than a period.
    const a = Number(m[1]);
    const b = Math.floor(a / 100) * 100 + Number(m[2]) + (Number(m[2]) <= a % 100 ? 100 : 0);
    if (b - a >= 2 && b - a <= 10)
      return { label, kind: 'financial_year_range', start: iso(a, 4, 1), end: iso(b, 3, 31) };
    return null;
  }
  if ((m = /^(\d{4}\s*\/\s*\d{2}) ?- ?(\d{4}\s*\/\s*\d{2})$/.exec(label))) {
    const a = financialYear(m[1]!);
    const b = financialYear(m[2]!);
    if (a && b && b.start > a.start)
      return { label, kind: 'financial_year_range', start: iso(a.start, 4, 1), end: iso(b.start + 1, 3, 31) };
    return null;
  }
  if ((m = /^(\d{4}) ?-? ?Q([1-4])$/i.exec(label))) {
    const y = Number(m[1]);
    const q = Number(m[2]);
    const lastDay = [31, 30, 30, 31][q - 1]!;
    return { label, kind: 'quarter', start: iso(y, (q - 1) * 3 + 1, 1), end: iso(y, q * 3, lastDay) };
  }
  return null;
}

/** A financial (or school, or reporting) year by the year it begins in: 2026 → "2026/27". */
export function financialYearLabel(startYear: number): string {
  return `${startYear}/${String((startYear + 1) % 100).padStart(2, '0')}`;
}

/** When a reporting year begins; kept as data in the reporting_years table with its source. */
export interface YearStart {
  month: number;
  day: number;
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** The reporting year a date falls in, by the calendar year it begins in: with a 1 April start, 2026-03-31 → 2025 and 2026-04-01 → 2026. */
export function reportingYearOf(isoDate: string, start: YearStart): number {
  const year = Number(isoDate.slice(0, 4));
  return isoDate.slice(5, 10) < `${pad(start.month)}-${pad(start.day)}` ? year - 1 : year;
}

export interface ReportingYearSpan {
  /** "2026/27", or "2026" when the year starts on 1 January */
  label: string;
  start: string;
  end: string;
  /** "1 April 2026 to 31 March 2027" */
  words: string;
}

/** The first and last day of the reporting year that begins in startYear. */
export function reportingYearSpan(startYear: number, start: YearStart): ReportingYearSpan {
  const first = new Date(Date.UTC(startYear, start.month - 1, start.day));
  const last = new Date(Date.UTC(startYear + 1, start.month - 1, start.day - 1));
  const day = (d: Date) => `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
  const spansTwo = last.getUTCFullYear() !== startYear;
  return {
    label: spansTwo ? financialYearLabel(startYear) : String(startYear),
    start: first.toISOString().slice(0, 10),
    end: last.toISOString().slice(0, 10),
    words: `${day(first)} to ${day(last)}`,
  };
}

/**
 * Order by period start ('YYYY-MM-DD'): the text's own order, which for ISO dates is the dates' order.
 * Cheaper than localeCompare, which goes through the collator for every pair.
 */
export function byPeriodStart(a: { periodStart: string }, b: { periodStart: string }): number {
  return a.periodStart < b.periodStart ? -1 : a.periodStart > b.periodStart ? 1 : 0;
}
