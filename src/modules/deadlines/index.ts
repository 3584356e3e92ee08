export {
  DeadlinesService,
  computeDue,
  describePeriod,
  loadRuleBook,
  type ReportingYearCode,
  type ReportingYearRule,
  type RuleBook,
  type StatutoryRule,
} from './deadlines.service.ts';
export { deadlinesRoutes } from './deadlines.routes.tsx';
export { addDays, daysBetween, effectiveDue, isoDate, isWorkingDay, parseIsoDate, periodEnd } from './clock.ts';
