import { authorize } from '../../core/access/actor.ts';
import type { RequestContext } from '../../core/context.ts';
import { ValidationError } from '../../core/errors.ts';
import { reportingYearOf, reportingYearSpan, type ReportingYearSpan, type YearStart } from '../../core/periods.ts';
import {
  describePeriod,
  parseIsoDate,
  periodEnd,
  type CalendarExclusion,
  type PeriodUnit,
  type WorkingDayCalendar,
} from './clock.ts';
import {
  cancelRequestDeadlines,
  extendRequestDeadline,
  markDeadlineReminded,
  meetRequestDeadline,
  openDeadlinesDueBy,
  openRequestDeadline,
  openRequestDeadlines,
  requestDeadlinesUnder,
  requestDeadlinesWithRules,
  ruleBookTables,
  runningDeadlinesUnder,
  startRequestDeadline,
  type DeadlinesDb,
} from './deadlines.repository.ts';

export interface StatutoryRule {
  code: string;
  name: string;
  unit: PeriodUnit;
  length: number;
  calendarCode: string;
  beginsWith: string;
  party: 'authority' | 'additional_authority' | 'community_body';
  extendable: boolean;
  source: string;
  note: string | null;
}

/** When the year of a yearly duty begins (the reporting_years table). */
export interface ReportingYearRule {
  code: string;
  name: string;
  start: YearStart;
  source: string;
  note: string | null;
}

/** The reporting year rules Cairn's yearly reports use. */
export type ReportingYearCode = 'annual-progress-report' | 'request-annual-reports';

export interface RuleBook {
  rules: StatutoryRule[];
  reportingYears: Map<string, ReportingYearRule>;
  calendars: Map<string, WorkingDayCalendar & { name: string; source: string; labels: string[] }>;
}

/** Reads the rules and calendars from their tables (deadlines.repository.ts); everything else here is arithmetic on them. */
export async function loadRuleBook(db: DeadlinesDb): Promise<RuleBook> {
  const { rules, calendars, exclusions, years } = await ruleBookTables(db);
  const map: RuleBook['calendars'] = new Map();
  for (const c of calendars) {
    const own = exclusions.filter((x) => x.calendar_code === c.code);
    map.set(c.code, {
      code: c.code,
      name: c.name,
      source: c.source,
      labels: own.map((x) => x.label),
      exclusions: own.map((x): CalendarExclusion => ({
        kind: x.kind,
        weekday: x.weekday,
        month: x.month,
        day: x.day,
        date: x.date,
      })),
    });
  }
  return {
    calendars: map,
    reportingYears: new Map(
      years.map((y) => [
        y.code,
        {
          code: y.code,
          name: y.name,
          start: { month: y.start_month, day: y.start_day },
          source: y.source,
          note: y.note,
        },
      ]),
    ),
    rules: rules.map((r) => ({
      code: r.code,
      name: r.name,
      unit: r.unit,
      length: r.length,
      calendarCode: r.calendar_code,
      beginsWith: r.begins_with,
      party: r.party,
      extendable: r.extendable,
      source: r.source,
      note: r.note,
    })),
  };
}

export function computeDue(book: RuleBook, ruleCode: string, start: string): { rule: StatutoryRule; due: string } {
  const rule = book.rules.find((r) => r.code === ruleCode);
  if (!rule)
    throw ValidationError.field(
      'rule',
      `Unknown rule “${ruleCode}”: use one of ${book.rules.map((r) => r.code).join(', ')}`,
    );
  if (!parseIsoDate(start)) throw ValidationError.field('start', 'Enter a real date in the form YYYY-MM-DD');
  const calendar = book.calendars.get(rule.calendarCode);
  if (!calendar) throw new Error(`Rule ${rule.code} names calendar ${rule.calendarCode}, which does not exist`);
  return { rule, due: periodEnd(rule, start, calendar) };
}

export class DeadlinesService {
  constructor(private readonly db: DeadlinesDb) {}

  /** The rules change only by migration, so a process reads them once. */
  private book: Promise<RuleBook> | null = null;

  ruleBook(): Promise<RuleBook> {
    this.book ??= loadRuleBook(this.db).catch((e: unknown) => {
      this.book = null;
      throw e;
    });
    return this.book;
  }

  /** The reporting year rule a yearly report counts by. */
  async reportingYear(code: ReportingYearCode): Promise<ReportingYearRule> {
    const rule = (await this.ruleBook()).reportingYears.get(code);
    if (!rule) throw new Error(`The reporting_years table has no row ${code}; run the migrations`);
    return rule;
  }

  /** The reporting year that begins in startYear, by the named rule. */
  async yearSpan(code: ReportingYearCode, startYear: number): Promise<ReportingYearSpan> {
    return reportingYearSpan(startYear, (await this.reportingYear(code)).start);
  }

  /** The reporting year (by the year it begins in) that a date falls in. */
  async yearOf(code: ReportingYearCode, isoDate: string): Promise<number> {
    return reportingYearOf(isoDate, (await this.reportingYear(code)).start);
  }

  async rules(ctx: RequestContext) {
    authorize(ctx.actor, 'deadline:read');
    return this.ruleBook();
  }

  async calculate(ctx: RequestContext, ruleCode: string, start: string) {
    authorize(ctx.actor, 'deadline:read');
    const book = await this.ruleBook();
    const { rule, due } = computeDue(book, ruleCode, start);
    return { rule, start, due, period: describePeriod(rule) };
  }

  // ---------------------------------------------------------------- requests' deadlines
  // The community module's requests run these clocks; each write takes the caller's transaction, so a
  // deadline starts (or is met) in the same transaction as the request's change and its audit row.

  /** Start (or start again) a request's deadline under a rule, due on `due`, in the caller's transaction. */
  startRequestDeadline(trx: DeadlinesDb, requestId: number, rule: string, begins: string, due: string) {
    return startRequestDeadline(trx, requestId, rule, begins, due);
  }

  /** A request's open deadline under a rule (neither met nor cancelled), or undefined. */
  openRequestDeadline(requestId: number, rule: string, db: DeadlinesDb = this.db) {
    return openRequestDeadline(db, requestId, rule);
  }

  /** Mark a request's open deadline under a rule met on a date (null: no longer relevant), in the caller's transaction. */
  meetRequestDeadline(trx: DeadlinesDb, requestId: number, rule: string, on: string | null) {
    return meetRequestDeadline(trx, requestId, rule, on);
  }

  /** Cancel a request's deadlines not yet met, in the caller's transaction. */
  cancelRequestDeadlines(trx: DeadlinesDb, requestId: number) {
    return cancelRequestDeadlines(trx, requestId);
  }

  /** Extend a deadline by agreement (its reminders start afresh), in the caller's transaction. */
  extendRequestDeadline(
    trx: DeadlinesDb,
    deadlineId: number,
    extension: { extended_to: string; extension_reason: string; due: string },
  ) {
    return extendRequestDeadline(trx, deadlineId, extension);
  }

  /** A request's deadlines, each with its rule's name, party and whether it can be extended, in order. */
  requestDeadlines(requestId: number, db: DeadlinesDb = this.db) {
    return requestDeadlinesWithRules(db, requestId);
  }

  /**
   * The open deadlines of these requests (the caller's, already limited to what its reader may see), due by
   * `until` when given, with their rule's name and party, soonest first.
   */
  openRequestDeadlines(requestIds: readonly number[], until?: string, db: DeadlinesDb = this.db) {
    return openRequestDeadlines(db, requestIds, until);
  }

  /** The deadlines of these requests under these rules, met or not: when each was due and met. */
  requestDeadlinesUnder(requestIds: readonly number[], rules: readonly string[], db: DeadlinesDb = this.db) {
    return requestDeadlinesUnder(db, requestIds, rules);
  }

  /**
   * Every request's deadlines under these rules that are not cancelled (met or open), with when each is due,
   * in no order: the national view measures decisions against them across all partnerships in one query.
   */
  runningDeadlinesUnder(rules: readonly string[], db: DeadlinesDb = this.db) {
    return runningDeadlinesUnder(db, rules);
  }

  /**
   * Every request's open deadlines due by `horizon` (overdue ones too), with their rule's name and party, by id:
   * what the reminders run looks at (the community module keeps those of requests not closed).
   */
  openDeadlinesDueBy(horizon: string, db: DeadlinesDb = this.db) {
    return openDeadlinesDueBy(db, horizon);
  }

  /** Record that a deadline has been reminded of, at `at`, in the caller's transaction `db`. */
  markReminded(deadlineId: number, at: Date, db: DeadlinesDb): Promise<void> {
    return markDeadlineReminded(db, deadlineId, at);
  }
}
