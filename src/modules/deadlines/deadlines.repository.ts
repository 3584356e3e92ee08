import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';

/** The rule book's tables, read whole: statutory_rules, working_day_calendars, calendar_exclusions, reporting_years. */

/** The database, as the deadlines service (and the command line's `cairn deadline`) reads it. */
export type DeadlinesDb = Kysely<Database>;

/** The rules in their order, the calendars, their exclusions in order, and the reporting years by code. */
export async function ruleBookTables(db: DeadlinesDb) {
  const [rules, calendars, exclusions, years] = await Promise.all([
    db.selectFrom('statutory_rules').selectAll().orderBy('sort_order').execute(),
    db.selectFrom('working_day_calendars').selectAll().execute(),
    db.selectFrom('calendar_exclusions').selectAll().orderBy('id').execute(),
    db.selectFrom('reporting_years').selectAll().orderBy('code').execute(),
  ]);
  return { rules, calendars, exclusions, years };
}
