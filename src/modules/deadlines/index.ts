import type { Kysely } from 'kysely';
import type { Router } from '../../core/http/router.ts';
import type { Database } from '../../db/schema.ts';
import { deadlinesRoutes } from './deadlines.routes.tsx';
import { DeadlinesService } from './deadlines.service.ts';

export {
  DeadlinesService,
  computeDue,
  loadRuleBook,
  type ReportingYearCode,
  type ReportingYearRule,
  type RuleBook,
  type StatutoryRule,
} from './deadlines.service.ts';
export {
  addDays,
  daysBetween,
  describePeriod,
  effectiveDue,
  isoDate,
  isWorkingDay,
  parseIsoDate,
  periodEnd,
} from './clock.ts';

/** What the deadlines module needs from outside: exactly these, nothing else. */
export interface DeadlinesModuleDeps {
  db: Kysely<Database>;
}

export interface DeadlinesModule {
  services: { deadlines: DeadlinesService };
  /** The statutory deadline calculator, as a page and as JSON, and the rules it applies. */
  routes(router: Router): void;
}

/** Statutory deadlines: the rule book and the working-day calendar, as data. */
export function deadlinesModule(deps: DeadlinesModuleDeps): DeadlinesModule {
  const deadlines = new DeadlinesService(deps.db);
  return { services: { deadlines }, routes: (router) => deadlinesRoutes(router, { deadlines }) };
}
