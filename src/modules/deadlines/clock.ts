/**
 * The statutory clock: pure functions that turn a rule (kept as data in `statutory_rules`) and a start
 * date into a due date. Dates are ISO calendar dates ("YYYY-MM-DD"); no time zone is involved.
 *
 * Conventions (issue 5, from the Participation Requests (Procedure) (Scotland) Regulations 2017 and the
 * Asset Transfer Request (Procedure) (Scotland) Regulations 2016 as councils apply them):
 * - N working days beginning with day D end on the Nth working day, counting D itself when D is a
 *   working day (when it is not, counting starts on the next working day);
 * - N days beginning with D end on D + N − 1;
 * - N months beginning with D end on the day before the date N months after D; where that month has
 *   no such date, the period ends on the last day of that month.
 */

export type PeriodUnit = 'working_days' | 'days' | 'months';

export interface CalendarExclusion {
  /** weekday: ISO weekday (6 = Saturday, 7 = Sunday); annual: a month and day every year; date: one date. */
  kind: 'weekday' | 'annual' | 'date';
  weekday?: number | null;
  month?: number | null;
  day?: number | null;
  date?: string | null;
}

export interface WorkingDayCalendar {
  code: string;
  exclusions: readonly CalendarExclusion[];
}

export interface PeriodRule {
  code: string;
  unit: PeriodUnit;
  length: number;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Parse a YYYY-MM-DD date that exists in the calendar, or return null. */
export function parseIsoDate(text: string): Date | null {
  const m = DATE.exec(text.trim());
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
  return date;
}

export function isoDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}

function mustParse(text: string): Date {
  const d = parseIsoDate(text);
  if (!d) throw new RangeError(`Not a date in the form YYYY-MM-DD: ${text}`);
  return d;
}

export function addDays(date: string, n: number): string {
  const d = mustParse(date);
  d.setUTCDate(d.getUTCDate() + n);
  return isoDate(d);
}

/** ISO weekday: Monday 1 … Sunday 7. */
export function isoWeekday(date: string): number {
  const w = mustParse(date).getUTCDay();
  return w === 0 ? 7 : w;
}

export function isWorkingDay(date: string, calendar: WorkingDayCalendar): boolean {
  const d = mustParse(date);
  const weekday = d.getUTCDay() === 0 ? 7 : d.getUTCDay();
  const month = d.getUTCMonth() + 1;
  const day = d.getUTCDate();
  for (const x of calendar.exclusions) {
    if (x.kind === 'weekday' && x.weekday === weekday) return false;
    if (x.kind === 'annual' && x.month === month && x.day === day) return false;
    if (x.kind === 'date' && x.date === date) return false;
  }
  return true;
}

function daysInMonth(year: number, monthIndex: number): number {
  return new Date(Date.UTC(year, monthIndex + 1, 0)).getUTCDate();
}

/** The last day of a period of `rule.length` units beginning with `start`. */
export function periodEnd(rule: PeriodRule, start: string, calendar: WorkingDayCalendar): string {
  if (!Number.isInteger(rule.length) || rule.length < 1)
    throw new RangeError(`Rule ${rule.code}: the length must be a whole number of at least 1`);
  const d = mustParse(start);
  switch (rule.unit) {
    case 'days':
      return addDays(start, rule.length - 1);
    case 'months': {
      const target = d.getUTCMonth() + rule.length;
      const year = d.getUTCFullYear() + Math.floor(target / 12);
      const monthIndex = target % 12;
      if (d.getUTCDate() > daysInMonth(year, monthIndex))
        return isoDate(new Date(Date.UTC(year, monthIndex, daysInMonth(year, monthIndex))));
      return isoDate(new Date(Date.UTC(year, monthIndex, d.getUTCDate() - 1)));
    }
    case 'working_days': {
      let day = start;
      let counted = 0;
      // A calendar that excludes every day would loop for ever; ten years is far beyond any statutory period.
      for (let guard = 0; guard < 3660; guard++) {
        if (isWorkingDay(day, calendar)) {
          counted++;
          if (counted === rule.length) return day;
        }
        day = addDays(day, 1);
      }
      throw new RangeError(`Calendar ${calendar.code} has too few working days to count ${rule.length}`);
    }
  }
}

/**
 * The date a deadline falls due, after any agreed extensions. An extension can only lengthen a
 * statutory period (the Acts let the parties agree a longer period, never a shorter one), so the
 * latest of the statutory date and the agreed dates wins.
 */
export function effectiveDue(statutoryDue: string, extendedTo: readonly string[] = []): string {
  return [statutoryDue, ...extendedTo].reduce((a, b) => (b > a ? b : a));
}

/** Calendar days from `from` to `to`: positive when `to` is later, negative when earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round((mustParse(to).getTime() - mustParse(from).getTime()) / 86_400_000);
}

/** How a rule's period reads: `20 working days`, `6 months`. */
const UNIT_WORDS: Record<PeriodUnit, [string, string]> = {
  working_days: ['working day', 'working days'],
  days: ['day', 'days'],
  months: ['month', 'months'],
};

export function describePeriod(rule: Pick<PeriodRule, 'unit' | 'length'>): string {
  const [one, many] = UNIT_WORDS[rule.unit];
  return `${rule.length} ${rule.length === 1 ? one : many}`;
}
