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

// ---------------------------------------------------------------- requests' deadlines (table request_deadlines)

/** Start (or start again) a request's deadline under a rule. */
export async function startRequestDeadline(
  db: DeadlinesDb,
  requestId: number,
  rule: string,
  begins: string,
  due: string,
): Promise<void> {
  await db
    .insertInto('request_deadlines')
    .values({ request_id: requestId, rule_code: rule, begins_on: begins, statutory_due: due, due })
    .onConflict((oc) =>
      oc.columns(['request_id', 'rule_code']).doUpdateSet({
        begins_on: begins,
        statutory_due: due,
        due,
        extended_to: null,
        extension_reason: null,
        met_on: null,
        cancelled: false,
        reminded_at: null,
      }),
    )
    .execute();
}

/** A request's open deadline under a rule (not met, not cancelled), or undefined. */
export function openRequestDeadline(db: DeadlinesDb, requestId: number, rule: string) {
  return db
    .selectFrom('request_deadlines')
    .selectAll()
    .where('request_id', '=', requestId)
    .where('rule_code', '=', rule)
    .where('met_on', 'is', null)
    .where('cancelled', '=', false)
    .executeTakeFirst();
}

/** Mark a request's deadline under a rule met on a date; with null, close it as no longer relevant. */
export async function meetRequestDeadline(
  db: DeadlinesDb,
  requestId: number,
  rule: string,
  on: string | null,
): Promise<void> {
  const q = db
    .updateTable('request_deadlines')
    .where('request_id', '=', requestId)
    .where('rule_code', '=', rule)
    .where('met_on', 'is', null);
  if (on === null) await q.set({ cancelled: true }).execute();
  else await q.set({ met_on: on }).execute();
}

/** Cancel a request's deadlines not yet met. */
export async function cancelRequestDeadlines(db: DeadlinesDb, requestId: number): Promise<void> {
  await db
    .updateTable('request_deadlines')
    .set({ cancelled: true })
    .where('request_id', '=', requestId)
    .where('met_on', 'is', null)
    .execute();
}

/** Extend a deadline by agreement: its reminders start afresh. */
export async function extendRequestDeadline(
  db: DeadlinesDb,
  deadlineId: number,
  extension: { extended_to: string; extension_reason: string; due: string },
): Promise<void> {
  await db
    .updateTable('request_deadlines')
    .set({ ...extension, reminded_at: null })
    .where('id', '=', deadlineId)
    .execute();
}

/** Every deadline of a request with its rule's name, party and whether it can be extended, in order. */
export function requestDeadlinesWithRules(db: DeadlinesDb, requestId: number) {
  return db
    .selectFrom('request_deadlines as d')
    .innerJoin('statutory_rules as s', 's.code', 'd.rule_code')
    .selectAll('d')
    .select(['s.name as rule_name', 's.party', 's.extendable'])
    .where('d.request_id', '=', requestId)
    .orderBy('d.begins_on')
    .orderBy('s.sort_order')
    .execute();
}

/** The open deadlines of these requests, due by `until` when given, with their rule's name and party, soonest first. */
export function openRequestDeadlines(db: DeadlinesDb, requestIds: readonly number[], until?: string) {
  if (requestIds.length === 0) return Promise.resolve([]);
  let q = db
    .selectFrom('request_deadlines as d')
    .innerJoin('statutory_rules as s', 's.code', 'd.rule_code')
    .select([
      'd.id',
      'd.request_id',
      'd.rule_code',
      'd.due',
      'd.statutory_due',
      'd.extended_to',
      's.name as rule_name',
      's.party',
    ])
    .where('d.request_id', 'in', [...requestIds])
    .where('d.met_on', 'is', null)
    .where('d.cancelled', '=', false);
  if (until !== undefined) q = q.where('d.due', '<=', until);
  return q.orderBy('d.due').execute();
}

/** The deadlines of these requests under these rules, open or not: when each was due and met. */
export function requestDeadlinesUnder(db: DeadlinesDb, requestIds: readonly number[], rules: readonly string[]) {
  if (requestIds.length === 0 || rules.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('request_deadlines')
    .select(['request_id', 'rule_code', 'due', 'met_on'])
    .where('request_id', 'in', [...requestIds])
    .where('rule_code', 'in', [...rules])
    .orderBy('request_id')
    .orderBy('id')
    .execute();
}

/** The deadlines under these rules not cancelled, of every request: which request each is of and when it is due. */
export function runningDeadlinesUnder(db: DeadlinesDb, rules: readonly string[]) {
  if (rules.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('request_deadlines')
    .select(['request_id', 'due'])
    .where('rule_code', 'in', [...rules])
    .where('cancelled', '=', false)
    .execute();
}

/**
 * The open deadlines (not met, not cancelled) of every request that are due by `horizon`, overdue ones too,
 * with their rule's name and party: what the reminders look at.
 */
export function openDeadlinesDueBy(db: DeadlinesDb, horizon: string) {
  return db
    .selectFrom('request_deadlines as d')
    .innerJoin('statutory_rules as s', 's.code', 'd.rule_code')
    .select(['d.id', 'd.due', 'd.rule_code', 'd.request_id', 's.name as rule_name', 's.party'])
    .where('d.met_on', 'is', null)
    .where('d.cancelled', '=', false)
    .where('d.due', '<=', horizon)
    .orderBy('d.id')
    .execute();
}

/** Record when a deadline was last reminded of. */
export async function markDeadlineReminded(db: DeadlinesDb, deadlineId: number, at: Date): Promise<void> {
  await db.updateTable('request_deadlines').set({ reminded_at: at }).where('id', '=', deadlineId).execute();
}
