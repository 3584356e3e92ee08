import type { Insertable } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { planIdIn, planOutcomes, planPriorities, type PlanScope, type PlansDb } from './plans.repository.ts';

/**
 * The queries of partners' resource commitments to a plan (table resource_commitments), and the plan rows
 * a commitment is checked against and shown with (partners' names are the partnerships module's). Plain
 * functions taking the database or the caller's transaction, like plans.repository.ts.
 */
type Db = PlansDb;

/** One local outcome of the plan, under this priority. */
export function findOutcomeOfPriority(db: Db, scope: PlanScope, outcomeId: number, priorityId: number) {
  return planOutcomes(db, scope)
    .select('o.id')
    .where('o.id', '=', outcomeId)
    .where('o.priority_id', '=', priorityId)
    .executeTakeFirst();
}

export function insertCommitment(db: Db, values: Insertable<Database['resource_commitments']>) {
  return db.insertInto('resource_commitments').values(values).returningAll().executeTakeFirstOrThrow();
}

/** The plan's priorities and local outcomes, with their titles: what an imported file's names are read against. */
export function planTitles(db: Db, scope: PlanScope) {
  return Promise.all([
    planPriorities(db, scope).select(['pr.id', 'pr.title']).execute(),
    planOutcomes(db, scope).select(['o.id', 'o.title', 'o.priority_id']).execute(),
  ]);
}

/** Remove what earlier imports brought to the plan for one partner, priority and financial year. */
export async function deleteImportedCommitments(
  db: Db,
  scope: PlanScope,
  key: { organisation_id: number; priority_id: number; financial_year: number },
) {
  await db
    .deleteFrom('resource_commitments')
    .where('plan_id', '=', scope.planId)
    .where('plan_id', 'in', planIdIn(db, scope))
    .where('organisation_id', '=', key.organisation_id)
    .where('priority_id', '=', key.priority_id)
    .where('financial_year', '=', key.financial_year)
    .where('import_run_id', 'is not', null)
    .execute();
}

export async function insertImportedCommitment(db: Db, values: Insertable<Database['resource_commitments']>) {
  await db.insertInto('resource_commitments').values(values).execute();
}

/**
 * Every commitment to the plan, with its priority's and outcome's titles, by year, priority and id (its
 * partner's name is the partnerships module's: ResourcesService.list puts it beside the row and orders by it).
 */
export function listCommitments(db: Db, scope: PlanScope) {
  return planPriorities(db, scope)
    .innerJoin('resource_commitments as r', 'r.priority_id', 'pr.id')
    .leftJoin('plan_outcomes as po', 'po.id', 'r.plan_outcome_id')
    .select([
      'r.id',
      'r.financial_year',
      'r.money',
      'r.fte',
      'r.in_kind',
      'r.arrangement',
      'r.prevention',
      'r.note',
      'r.organisation_id',
      'pr.title as priority',
      'po.title as outcome',
    ])
    .where('r.plan_id', '=', scope.planId)
    .orderBy('r.financial_year')
    .orderBy('pr.sort_order')
    .orderBy('r.id')
    .execute();
}
