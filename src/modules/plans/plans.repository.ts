import { sql, type Insertable, type Kysely, type Transaction, type Updateable } from 'kysely';
import { tx } from '../../db/tx.ts';
import type { Database } from '../../db/schema.ts';

/**
 * The queries of the plans module (tables plans, plan_priorities, plan_outcomes, plan_outcome_national,
 * plan_measures, measure_targets, measure_values, plan_actions, action_contributors, plan_versions and
 * progress_updates; resources.repository.ts and reports.repository.ts hold the rest). Plain functions taking
 * the database or the caller's transaction; the services keep the rules, authorisation and audit.
 */

/** The type of a database handle or an open transaction, for the methods below that run inside a caller's transaction. */
export type PlansDb = Kysely<Database> | Transaction<Database>;
type Db = PlansDb;
/** The database the module's services are built on (itself a transaction when the demo seeder builds them). */
export type PlansHandle = Kysely<Database>;
/** An open transaction, for the audit row written with a change. */
export type PlansTrx = Transaction<Database>;

/** Run `fn` in a transaction: a new one, or the handle's own when the services were built on a transaction. */
export function transaction<T>(db: PlansHandle, fn: (trx: PlansTrx) => Promise<T>): Promise<T> {
  return tx(db, fn);
}

/**
 * One plan of one partnership. Every query here reaches a plan's rows through both ids, as conditions in
 * the query itself: a plan's id asked for under another partnership finds nothing.
 */
export interface PlanScope {
  planId: number;
  partnershipId: number;
}

/**
 * The plans a hierarchy query reaches: one plan of a partnership, every plan of one partnership, or every
 * plan of every partnership (only for the national view, which reads across partnerships by design).
 */
export type HierarchyScope = PlanScope | { partnershipId: number } | typeof EVERY_PARTNERSHIP;

/** The scope of the national view's hierarchy queries: every partnership's plans. */
export const EVERY_PARTNERSHIP = 'every-partnership';

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
 * THE plan hierarchy, written once: the plans of the scope (`pl`, their partnership a condition of the query)
 * → their priorities (`pr`). Local outcomes, measures and actions join onto it below; a caller adds its own
 * select, conditions and order.
 */
export function planPriorities(db: Db, scope: HierarchyScope) {
  let q = db.selectFrom('plans as pl').innerJoin('plan_priorities as pr', 'pr.plan_id', 'pl.id');
  if (scope === EVERY_PARTNERSHIP) return q;
  if ('planId' in scope) q = q.where('pl.id', '=', scope.planId);
  return q.where('pl.partnership_id', '=', scope.partnershipId);
}

/** A plan's local outcomes (`o`), under its priorities (`pr`). */
export function planOutcomes(db: Db, scope: HierarchyScope) {
  return planPriorities(db, scope).innerJoin('plan_outcomes as o', 'o.priority_id', 'pr.id');
}

/** A plan's measures (`m`), under its local outcomes (`o`). */
export function planMeasures(db: Db, scope: HierarchyScope) {
  return planOutcomes(db, scope).innerJoin('plan_measures as m', 'm.plan_outcome_id', 'o.id');
}

/** A plan's actions (`a`), under its local outcomes (`o`). */
export function planActions(db: Db, scope: HierarchyScope) {
  return planOutcomes(db, scope).innerJoin('plan_actions as a', 'a.plan_outcome_id', 'o.id');
}

// The plan rows the improvement module reads (recommendations and the national view), for PlansService's
// methods of the same names. That module has authorised its reader before it asks.

/** A partnership's actions in its plans of kind 'improvement', in plan order. */
export function improvementActions(db: Db, partnershipId: number) {
  return planActions(db, { partnershipId })
    .select(['a.id', 'a.title', 'a.status', 'pl.id as plan_id', 'pl.title as plan_title'])
    .where('pl.kind', '=', 'improvement')
    .orderBy('pl.id')
    .orderBy('pr.sort_order')
    .orderBy('o.sort_order')
    .orderBy('a.sort_order')
    .execute();
}

/** One action of one of the partnership's plans (of any kind), or undefined. */
export function actionInPartnership(db: Db, actionId: number, partnershipId: number) {
  return planActions(db, { partnershipId })
    .select(['a.id', 'a.title', 'pl.kind', 'pl.id as plan_id'])
    .where('a.id', '=', actionId)
    .executeTakeFirst();
}

/** For each of these actions, its plan's partnership and status, whichever partnership it is. */
export async function actionPlans(db: Db, actionIds: readonly number[]) {
  if (actionIds.length === 0) return [];
  return planActions(db, EVERY_PARTNERSHIP)
    .select(['a.id as action_id', 'pl.partnership_id', 'pl.status'])
    .where('a.id', 'in', actionIds)
    .execute();
}

/** Every partnership's LOIPs, newest first. */
export function listLoips(db: Db) {
  return db
    .selectFrom('plans')
    .select(['id', 'partnership_id', 'title', 'status', 'start_year', 'end_year', 'published_at', 'updated_at'])
    .where('kind', '=', 'loip')
    .orderBy('published_at', 'desc')
    .orderBy('updated_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

/** Every partnership's published plans, newest first. */
export function listPublishedPlans(db: Db) {
  return db
    .selectFrom('plans')
    .select(['id', 'partnership_id', 'kind', 'title', 'start_year', 'end_year', 'published_at'])
    .where('status', '=', 'published')
    .orderBy('published_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

/**
 * The shape of these plans (any partnership's): each priority with each of its local outcomes (`outcome_id`
 * null for a priority without one), each measure with whether it has a target, and per financial year the
 * money committed to the plan and its preventative part.
 */
export async function planShapes(db: Db, planIds: readonly number[]) {
  if (planIds.length === 0) return { outcomes: [], measures: [], money: [] };
  const [outcomes, measures, money] = await Promise.all([
    planPriorities(db, EVERY_PARTNERSHIP)
      .leftJoin('plan_outcomes as o', 'o.priority_id', 'pr.id')
      .select(['pr.plan_id', 'pr.id as priority_id', 'o.id as outcome_id'])
      .where('pr.plan_id', 'in', planIds)
      .execute(),
    planMeasures(db, EVERY_PARTNERSHIP)
      .select([
        'pr.plan_id',
        'm.id',
        'm.plan_outcome_id',
        (eb) =>
          eb
            .exists(eb.selectFrom('measure_targets as t').select('t.measure_id').whereRef('t.measure_id', '=', 'm.id'))
            .as('has_target'),
      ])
      .where('pr.plan_id', 'in', planIds)
      .execute(),
    db
      .selectFrom('resource_commitments')
      .select([
        'plan_id',
        'financial_year',
        (eb) => eb.fn.sum<string>('money').as('money'),
        sql<string>`sum(CASE WHEN prevention = 'preventative' THEN money ELSE 0 END)`.as('preventative'),
      ])
      .where('plan_id', 'in', planIds)
      .groupBy(['plan_id', 'financial_year'])
      .execute(),
  ]);
  return { outcomes, measures, money };
}

/** The approved progress updates of these actions, in the partnership's plans only, oldest first. */
export async function approvedActionUpdates(db: Db, partnershipId: number, actionIds: readonly number[]) {
  if (actionIds.length === 0) return [];
  return db
    .selectFrom('progress_updates as u')
    .innerJoin('plans as pl', 'pl.id', 'u.plan_id')
    .select(['u.subject_id', 'u.rag', 'u.update_date', 'u.narrative', 'u.id'])
    .where('pl.partnership_id', '=', partnershipId)
    .where('u.subject_kind', '=', 'action')
    .where('u.subject_id', 'in', actionIds)
    .where('u.approved', '=', true)
    .orderBy('u.update_date')
    .orderBy('u.id')
    .execute();
}

// The queries of PlansService.

/** One of the plan's priorities. */
export function findPriority(db: Db, scope: PlanScope, priorityId: number) {
  return planPriorities(db, scope).select('pr.id').where('pr.id', '=', priorityId).executeTakeFirst();
}

/** One of the plan's local outcomes. */
export function findOutcome(db: Db, scope: PlanScope, outcomeId: number) {
  return planOutcomes(db, scope).select('o.id').where('o.id', '=', outcomeId).executeTakeFirst();
}

/** The partnership's plans, with their locality's code (its name is the geography's: see PlansService.list). */
export function listPlans(db: Db, partnershipId: number) {
  return db
    .selectFrom('plans as pl')
    .select([
      'pl.id',
      'pl.kind',
      'pl.title',
      'pl.status',
      'pl.start_year',
      'pl.end_year',
      'pl.version',
      'pl.published_at',
      'pl.partnership_id',
      'pl.fictional',
      'pl.locality_code',
    ])
    .where('pl.partnership_id', '=', partnershipId)
    .orderBy('pl.kind')
    .orderBy('pl.start_year', 'desc')
    .orderBy('pl.title')
    .execute();
}

export function insertPlan(db: Db, values: Insertable<Database['plans']>) {
  return db.insertInto('plans').values(values).returningAll().executeTakeFirstOrThrow();
}

/** The next sort order under a parent row: one past the largest of its children. */
export async function nextSort(
  db: Db,
  table: 'plan_priorities' | 'plan_outcomes' | 'plan_measures' | 'plan_actions',
  column: string,
  value: number,
): Promise<number> {
  const r = await db
    .selectFrom(table)
    .select((eb) => eb.fn.max<number>('sort_order').as('m'))
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the parent column differs per table
    .where(column as any, '=', value)
    .executeTakeFirst();
  return Number(r?.m ?? 0) + 1;
}

export function insertPriority(db: Db, values: Insertable<Database['plan_priorities']>) {
  return db.insertInto('plan_priorities').values(values).returningAll().executeTakeFirstOrThrow();
}

export function insertOutcome(db: Db, values: Insertable<Database['plan_outcomes']>) {
  return db.insertInto('plan_outcomes').values(values).returningAll().executeTakeFirstOrThrow();
}

/** The national outcomes a local outcome contributes to. */
export async function insertOutcomeNational(db: Db, planOutcomeId: number, codes: readonly string[]) {
  await db
    .insertInto('plan_outcome_national')
    .values(codes.map((c) => ({ plan_outcome_id: planOutcomeId, national_outcome_code: c })))
    .execute();
}

export function insertMeasure(db: Db, values: Insertable<Database['plan_measures']>) {
  return db.insertInto('plan_measures').values(values).returningAll().executeTakeFirstOrThrow();
}

export async function insertTargets(db: Db, measureId: number, targets: readonly { year: number; value: number }[]) {
  await db
    .insertInto('measure_targets')
    .values(targets.map((t) => ({ measure_id: measureId, year: t.year, value: t.value })))
    .execute();
}

/** One measure of the plan. */
export function findMeasure(db: Db, scope: PlanScope, measureId: number) {
  return planMeasures(db, scope).select(['m.id', 'm.indicator_code']).where('m.id', '=', measureId).executeTakeFirst();
}

/** A measure's value for a year, replacing the one there was. */
export async function upsertMeasureValue(
  db: Db,
  value: { measure_id: number; year: number; value: number; source: string | null },
) {
  await db
    .insertInto('measure_values')
    .values(value)
    .onConflict((oc) => oc.columns(['measure_id', 'year']).doUpdateSet({ value: value.value, source: value.source }))
    .execute();
}

export function insertAction(db: Db, values: Insertable<Database['plan_actions']>) {
  return db.insertInto('plan_actions').values(values).returningAll().executeTakeFirstOrThrow();
}

export async function insertContributors(db: Db, actionId: number, organisationIds: readonly number[]) {
  await db
    .insertInto('action_contributors')
    .values(organisationIds.map((c) => ({ action_id: actionId, organisation_id: c })))
    .execute();
}

/** Every plan of the partnership, with its parent: the chain a new parent is checked along. */
export function plansWithParents(db: Db, partnershipId: number) {
  return db
    .selectFrom('plans')
    .select(['id', 'title', 'parent_plan_id'])
    .where('partnership_id', '=', partnershipId)
    .execute();
}

/** Change the plan (inside its partnership), returning it as it is now. */
export function updatePlan(db: Db, scope: PlanScope, set: Updateable<Database['plans']>) {
  return db
    .updateTable('plans')
    .set(set)
    .where('id', '=', scope.planId)
    .where('partnership_id', '=', scope.partnershipId)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Mark the plan (inside its partnership) as changed now. */
export async function touchPlan(db: Db, scope: PlanScope, now: Date) {
  await db
    .updateTable('plans')
    .set({ updated_at: now })
    .where('id', '=', scope.planId)
    .where('partnership_id', '=', scope.partnershipId)
    .execute();
}

export async function insertVersion(db: Db, values: Insertable<Database['plan_versions']>) {
  await db.insertInto('plan_versions').values(values).execute();
}

/** The ids of the plan, inside its partnership: the condition that keeps a plan's own rows in their partnership. */
export function planIdIn(db: Db, scope: PlanScope) {
  return db
    .selectFrom('plans')
    .select('id')
    .where('id', '=', scope.planId)
    .where('partnership_id', '=', scope.partnershipId);
}

/** The plan's frozen versions, newest first. */
export function listVersions(db: Db, scope: PlanScope) {
  return db
    .selectFrom('plan_versions')
    .selectAll()
    .where('plan_id', '=', scope.planId)
    .where('plan_id', 'in', planIdIn(db, scope))
    .orderBy('version', 'desc')
    .execute();
}

/** Is this outcome, measure or action one of the plan's? */
export async function subjectInPlan(
  db: Db,
  scope: PlanScope,
  kind: 'outcome' | 'measure' | 'action',
  id: number,
): Promise<boolean> {
  const q =
    kind === 'outcome'
      ? planOutcomes(db, scope).select('o.id').where('o.id', '=', id)
      : kind === 'measure'
        ? planMeasures(db, scope).select('m.id as id').where('m.id', '=', id)
        : planActions(db, scope).select('a.id as id').where('a.id', '=', id);
  return Boolean(await q.executeTakeFirst());
}

/** The plan's action, if this organisation leads it or contributes to it. */
export function actionInvolving(db: Db, scope: PlanScope, actionId: number, organisationId: number) {
  return planActions(db, scope)
    .leftJoin('action_contributors as c', 'c.action_id', 'a.id')
    .select('a.id')
    .where('a.id', '=', actionId)
    .where((eb) =>
      eb.or([eb('a.lead_organisation_id', '=', organisationId), eb('c.organisation_id', '=', organisationId)]),
    )
    .executeTakeFirst();
}

export function insertUpdate(db: Db, values: Insertable<Database['progress_updates']>) {
  return db.insertInto('progress_updates').values(values).returningAll().executeTakeFirstOrThrow();
}

/** Approve one of the plan's updates awaiting approval; undefined when there is none such. */
export function approveUpdate(
  db: Db,
  scope: PlanScope,
  updateId: number,
  approval: { approved_by_user_id: number | null; approved_at: Date },
) {
  return db
    .updateTable('progress_updates')
    .set({ approved: true, ...approval })
    .where('id', '=', updateId)
    .where('plan_id', '=', scope.planId)
    .where('plan_id', 'in', planIdIn(db, scope))
    .where('approved', '=', false)
    .returningAll()
    .executeTakeFirst();
}

/**
 * The plan's own rows a tree is built from, in one go: its priorities, outcomes (with the codes of their
 * national outcomes), measures (with their targets and entered values), actions (with their contributors' ids)
 * and every progress update, newest first. The names beside them (partnership, locality, national outcomes,
 * indicators, organisations) are their owners': PlansService.tree looks them up.
 */
export async function treeRows(db: Db, scope: PlanScope) {
  const [priorities, outcomes, national, measures, targets, values, actions, contributors, updates] = await Promise.all(
    [
      planPriorities(db, scope).selectAll('pr').orderBy('pr.sort_order').execute(),
      planOutcomes(db, scope).selectAll('o').orderBy('o.sort_order').execute(),
      planOutcomes(db, scope)
        .innerJoin('plan_outcome_national as n', 'n.plan_outcome_id', 'o.id')
        .select(['n.plan_outcome_id', 'n.national_outcome_code'])
        .execute(),
      planMeasures(db, scope).selectAll('m').orderBy('m.sort_order').execute(),
      planMeasures(db, scope)
        .innerJoin('measure_targets as t', 't.measure_id', 'm.id')
        .select(['t.measure_id', 't.year', 't.value'])
        .orderBy('t.year')
        .execute(),
      planMeasures(db, scope)
        .innerJoin('measure_values as v', 'v.measure_id', 'm.id')
        .select(['v.measure_id', 'v.year', 'v.value', 'v.source'])
        .orderBy('v.year')
        .execute(),
      planActions(db, scope).selectAll('a').orderBy('a.sort_order').execute(),
      planActions(db, scope)
        .innerJoin('action_contributors as c', 'c.action_id', 'a.id')
        .select(['c.action_id', 'c.organisation_id'])
        .execute(),
      db
        .selectFrom('progress_updates')
        .selectAll()
        .where('plan_id', '=', scope.planId)
        .where('plan_id', 'in', planIdIn(db, scope))
        .orderBy('update_date', 'desc')
        .orderBy('id', 'desc')
        .execute(),
    ],
  );
  return { priorities, outcomes, national, measures, targets, values, actions, contributors, updates };
}

/** The plan's parent and children, inside its partnership, by title. */
export function relatedPlans(db: Db, partnershipId: number, plan: { id: number; parent_plan_id: number | null }) {
  return db
    .selectFrom('plans')
    .select(['id', 'title', 'kind', 'status', 'parent_plan_id', 'partnership_id'])
    .where('partnership_id', '=', partnershipId)
    .where((eb) => eb.or([eb('id', '=', plan.parent_plan_id ?? -1), eb('parent_plan_id', '=', plan.id)]))
    .orderBy('title')
    .execute();
}
