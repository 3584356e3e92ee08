import { describePeriod } from './clock.ts';
import type { DeadlinesService, RuleBook } from './deadlines.service.ts';

/**
 * The deadlines API's JSON, from the service's results: plain functions, types in, JSON out. The response
 * schemas (deadlines.api-schemas.ts) describe what these return; test/api-responses.test.ts checks it.
 */

/** The statutory time limits and the working-day calendars, with their sources. */
export function deadlineRulesJson(book: RuleBook) {
  return {
    data: book.rules.map((r) => ({
      code: r.code,
      name: r.name,
      period: describePeriod(r),
      unit: r.unit,
      length: r.length,
      beginsWith: r.beginsWith,
      party: r.party,
      extendable: r.extendable,
      calendar: r.calendarCode,
      source: r.source,
      note: r.note,
    })),
    calendars: [...book.calendars.values()].map((cal) => ({
      code: cal.code,
      name: cal.name,
      source: cal.source,
      exclusions: cal.exclusions,
    })),
  };
}

/** One deadline worked out. */
export function deadlineCalculationJson(r: Awaited<ReturnType<DeadlinesService['calculate']>>) {
  return {
    rule: r.rule.code,
    start: r.start,
    due: r.due,
    period: r.period,
    beginsWith: r.rule.beginsWith,
    source: r.rule.source,
  };
}
