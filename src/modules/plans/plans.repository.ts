import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';

type Db = Kysely<Database> | Transaction<Database>;

/**
 * One plan of one partnership. Every query here reaches a plan's rows through both ids, as conditions in
 * the query itself: a plan's id asked for under another partnership finds nothing.
 */
export interface PlanScope {
  planId: number;
  partnershipId: number;
}

/** The plan, inside its partnership. */
export function findPlan(db: Db, scope: PlanScope) {
  return db
    .selectFrom('plans')
    .selectAll()
    .where('id', '=', scope.planId)
    .where('partnership_id', '=', scope.partnershipId)
    .executeTakeFirst();
}

/**
 * THE plan hierarchy, written once: a plan (`pl`, inside its partnership) → its priorities (`pr`). Local
 * outcomes, measures and actions join onto it below; a caller adds its own select, conditions and order.
 */
export function planPriorities(db: Db, scope: PlanScope) {
  return db
    .selectFrom('plans as pl')
    .innerJoin('plan_priorities as pr', 'pr.plan_id', 'pl.id')
    .where('pl.id', '=', scope.planId)
    .where('pl.partnership_id', '=', scope.partnershipId);
}

/** A plan's local outcomes (`o`), under its priorities (`pr`). */
export function planOutcomes(db: Db, scope: PlanScope) {
  return planPriorities(db, scope).innerJoin('plan_outcomes as o', 'o.priority_id', 'pr.id');
}

/** A plan's measures (`m`), under its local outcomes (`o`). */
export function planMeasures(db: Db, scope: PlanScope) {
  return planOutcomes(db, scope).innerJoin('plan_measures as m', 'm.plan_outcome_id', 'o.id');
}

/** A plan's actions (`a`), under its local outcomes (`o`). */
export function planActions(db: Db, scope: PlanScope) {
  return planOutcomes(db, scope).innerJoin('plan_actions as a', 'a.plan_outcome_id', 'o.id');
}

/** The indicators a partnership's measures may follow: the national ones and its own. */
export function indicatorChoices(db: Db, partnershipId: number) {
  return db
    .selectFrom('indicators')
    .select(['code', 'name'])
    .where((eb) => eb.or([eb('partnership_id', 'is', null), eb('partnership_id', '=', partnershipId)]))
    .orderBy('name')
    .execute();
}

/** The National Performance Framework's outcomes, in their order. */
export function listNationalOutcomes(db: Db) {
  return db.selectFrom('national_outcomes').select(['code', 'name']).orderBy('sort_order').execute();
}
