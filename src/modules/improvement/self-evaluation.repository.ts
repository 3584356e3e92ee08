import { sql, type Kysely, type Transaction } from 'kysely';
import { readMethodParameters } from '../../core/rules/method-parameters.repository.ts';
import { tx } from '../../db/tx.ts';
import type { Database } from '../../db/schema.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** The database the self-evaluation service is built on (the module's factory hands it over). */
export type SelfEvaluationDb = Kysely<Database>;

/** The national framework of the nine principles of effective community planning (migration 0020). */
export const PRINCIPLES_FRAMEWORK = 'principles-2016';

/** Whether every id is one of the nine principles (ids repeated count once). */
export async function arePrinciples(db: Db, ids: readonly number[]): Promise<boolean> {
  const wanted = [...new Set(ids)];
  if (wanted.some((n) => !Number.isInteger(n) || n <= 0)) return false;
  if (!wanted.length) return true;
  const known = await db
    .selectFrom('evaluation_criteria as c')
    .innerJoin('evaluation_frameworks as f', 'f.id', 'c.framework_id')
    .select('c.id')
    .where('f.code', '=', PRINCIPLES_FRAMEWORK)
    .where('c.id', 'in', wanted)
    .execute();
  return known.length === wanted.length;
}

/** The nine principles, in the guidance's order. */
export function principlesOf(db: Db) {
  return db
    .selectFrom('evaluation_criteria as c')
    .innerJoin('evaluation_frameworks as f', 'f.id', 'c.framework_id')
    .select(['c.id', 'c.code', 'c.title'])
    .where('f.code', '=', PRINCIPLES_FRAMEWORK)
    .orderBy('c.position')
    .execute();
}

/**
 * The queries of self-evaluation (tables evaluation_frameworks, evaluation_scale_levels, evaluation_criteria,
 * self_evaluations, self_evaluation_scores, self_evaluation_views). A partnership's rows are reached with the
 * partnership's id as a condition of the query itself, children through a join to their self-evaluation.
 * It also reads method_parameters (through its one reader). Who scored, published and gave views, whom a view
 * speaks for and the partnerships of the national spread are their owners' to name: the service looks them up.
 */
export class SelfEvaluationRepository {
  constructor(private readonly db: Db) {}

  /** Run `fn` in one transaction, with this repository over it and the transaction (for the audit row). */
  transaction<T>(fn: (repo: SelfEvaluationRepository, trx: Transaction<Database>) => Promise<T>): Promise<T> {
    return tx(this.db, (trx) => fn(new SelfEvaluationRepository(trx), trx));
  }

  /** The handle this repository reads over (the transaction, inside `transaction`): other modules' lookups read over it too. */
  get handle(): Db {
    return this.db;
  }

  // ---- Frameworks

  findFramework(id: number) {
    return this.db.selectFrom('evaluation_frameworks').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** A framework's scale, lowest score first. */
  scaleLevels(frameworkId: number) {
    return this.db
      .selectFrom('evaluation_scale_levels')
      .select(['score', 'label'])
      .where('framework_id', '=', frameworkId)
      .orderBy('score')
      .execute();
  }

  /** A framework's criteria, in their order. */
  criteria(frameworkId: number) {
    return this.db
      .selectFrom('evaluation_criteria')
      .select(['id', 'code', 'title', 'position'])
      .where('framework_id', '=', frameworkId)
      .orderBy('position')
      .execute();
  }

  /** The id of a framework the partnership may use (national, or its own), by id or code. */
  async usableFrameworkId(partnershipId: number, key: { id: number } | { code: string }): Promise<number | undefined> {
    let q = this.db
      .selectFrom('evaluation_frameworks')
      .select('id')
      .where((eb) => eb.or([eb('partnership_id', 'is', null), eb('partnership_id', '=', partnershipId)]));
    q = 'id' in key ? q.where('id', '=', key.id) : q.where('code', '=', key.code);
    return (await q.executeTakeFirst())?.id;
  }

  /** The frameworks a partnership may use: the national ones first, then its own, each by name. */
  usableFrameworkIds(partnershipId: number) {
    return this.db
      .selectFrom('evaluation_frameworks')
      .select('id')
      .where((eb) => eb.or([eb('partnership_id', 'is', null), eb('partnership_id', '=', partnershipId)]))
      .orderBy(sql`partnership_id nulls first`)
      .orderBy('name')
      .execute();
  }

  /** The national frameworks, by name. */
  nationalFrameworkIds() {
    return this.db
      .selectFrom('evaluation_frameworks')
      .select('id')
      .where('partnership_id', 'is', null)
      .orderBy('name')
      .execute();
  }

  /** A national framework by its code. */
  findNationalFramework(code: string) {
    return this.db
      .selectFrom('evaluation_frameworks')
      .select('id')
      .where('code', '=', code)
      .where('partnership_id', 'is', null)
      .executeTakeFirst();
  }

  /** Any framework with this code (codes are unique across partnerships). */
  findFrameworkByCode(code: string) {
    return this.db.selectFrom('evaluation_frameworks').select('id').where('code', '=', code).executeTakeFirst();
  }

  /** The national six-point scale, lowest first. */
  nationalScaleLevels() {
    return this.db
      .selectFrom('evaluation_scale_levels as l')
      .innerJoin('evaluation_frameworks as f', 'f.id', 'l.framework_id')
      .select(['l.score', 'l.label'])
      .where('f.code', '=', PRINCIPLES_FRAMEWORK)
      .orderBy('l.score')
      .execute();
  }

  insertFramework(values: {
    code: string;
    name: string;
    description: string | null;
    partnership_id: number;
    source: string;
    created_at: Date;
  }) {
    return this.db.insertInto('evaluation_frameworks').values(values).returningAll().executeTakeFirstOrThrow();
  }

  async insertScaleLevels(levels: { framework_id: number; score: number; label: string }[]): Promise<void> {
    await this.db.insertInto('evaluation_scale_levels').values(levels).execute();
  }

  async insertCriteria(
    criteria: { framework_id: number; code: string; title: string; position: number }[],
  ): Promise<void> {
    await this.db.insertInto('evaluation_criteria').values(criteria).execute();
  }

  // ---- A partnership's self-evaluations

  /** The partnership's self-evaluations, newest year first, with counts of criteria, scores and views. */
  listEvaluations(partnershipId: number) {
    return this.db
      .selectFrom('self_evaluations as e')
      .innerJoin('evaluation_frameworks as f', 'f.id', 'e.framework_id')
      .select([
        'e.id',
        'e.year',
        'e.status',
        'e.published_at',
        'f.id as framework_id',
        'f.code as framework_code',
        'f.name as framework_name',
      ])
      .select((eb) => [
        eb
          .selectFrom('evaluation_criteria as c')
          .whereRef('c.framework_id', '=', 'e.framework_id')
          .select((x) => x.fn.countAll<number>().as('n'))
          .as('criteria'),
        eb
          .selectFrom('self_evaluation_scores as s')
          .whereRef('s.evaluation_id', '=', 'e.id')
          .select((x) => x.fn.countAll<number>().as('n'))
          .as('scored'),
        eb
          .selectFrom('self_evaluation_scores as s')
          .whereRef('s.evaluation_id', '=', 'e.id')
          .select((x) => x.fn.avg<number | null>('s.score').as('m'))
          .as('mean'),
        eb
          .selectFrom('self_evaluation_views as v')
          .whereRef('v.evaluation_id', '=', 'e.id')
          .select((x) => x.fn.countAll<number>().as('n'))
          .as('views'),
      ])
      .where('e.partnership_id', '=', partnershipId)
      .orderBy('e.year', 'desc')
      .orderBy('f.name')
      .execute();
  }

  /** One self-evaluation of the partnership, with who published it. */
  findEvaluation(evaluationId: number, partnershipId: number) {
    return this.db
      .selectFrom('self_evaluations as e')
      .select(['e.id', 'e.partnership_id', 'e.framework_id', 'e.year', 'e.status', 'e.published_at', 'e.published_by'])
      .where('e.id', '=', evaluationId)
      .where('e.partnership_id', '=', partnershipId)
      .executeTakeFirst();
  }

  /** A self-evaluation's scores, with who scored each. */
  scores(evaluationId: number, partnershipId: number) {
    return this.db
      .selectFrom('self_evaluation_scores as s')
      .innerJoin('self_evaluations as e', 'e.id', 's.evaluation_id')
      .select(['s.criterion_id', 's.score', 's.evidence', 's.updated_at', 's.scored_by'])
      .where('s.evaluation_id', '=', evaluationId)
      .where('e.partnership_id', '=', partnershipId)
      .execute();
  }

  /** The views given on a self-evaluation, oldest first, with their author and whom they speak for. */
  views(evaluationId: number, partnershipId: number) {
    return this.db
      .selectFrom('self_evaluation_views as v')
      .innerJoin('self_evaluations as e', 'e.id', 'v.evaluation_id')
      .select([
        'v.id',
        'v.criterion_id',
        'v.view',
        'v.score',
        'v.created_at',
        'v.author_user_id',
        'v.organisation_id',
        'v.community_body_id',
      ])
      .where('v.evaluation_id', '=', evaluationId)
      .where('e.partnership_id', '=', partnershipId)
      .orderBy('v.created_at')
      .orderBy('v.id')
      .execute();
  }

  /** The partnership's self-evaluation against a framework for a year, if it has one. */
  findEvaluationOf(partnershipId: number, frameworkId: number, year: number) {
    return this.db
      .selectFrom('self_evaluations')
      .select('id')
      .where('partnership_id', '=', partnershipId)
      .where('framework_id', '=', frameworkId)
      .where('year', '=', year)
      .executeTakeFirst();
  }

  insertEvaluation(values: {
    partnership_id: number;
    framework_id: number;
    year: number;
    status: 'draft';
    created_by: number | null;
    created_at: Date;
  }) {
    return this.db.insertInto('self_evaluations').values(values).returningAll().executeTakeFirstOrThrow();
  }

  /** Write one criterion's score and evidence, replacing the one it had. */
  async upsertScore(score: {
    evaluation_id: number;
    criterion_id: number;
    framework_id: number;
    score: number;
    evidence: string;
    scored_by: number | null;
    updated_at: Date;
  }): Promise<void> {
    await this.db
      .insertInto('self_evaluation_scores')
      .values(score)
      .onConflict((oc) =>
        oc.columns(['evaluation_id', 'criterion_id']).doUpdateSet({
          score: score.score,
          evidence: score.evidence,
          scored_by: score.scored_by,
          updated_at: score.updated_at,
        }),
      )
      .execute();
  }

  /** Publish a draft of the partnership; undefined when it is no longer a draft. */
  publishEvaluation(evaluationId: number, partnershipId: number, publishedAt: Date, publishedBy: number | null) {
    return this.db
      .updateTable('self_evaluations')
      .set({ status: 'published', published_at: publishedAt, published_by: publishedBy })
      .where('id', '=', evaluationId)
      .where('partnership_id', '=', partnershipId)
      .where('status', '=', 'draft')
      .returningAll()
      .executeTakeFirst();
  }

  insertView(values: {
    evaluation_id: number;
    criterion_id: number | null;
    view: string;
    score: number | null;
    author_user_id: number;
    organisation_id: number | null;
    community_body_id: number | null;
    created_at: Date;
  }) {
    return this.db.insertInto('self_evaluation_views').values(values).returningAll().executeTakeFirstOrThrow();
  }

  /** The partnership's self-evaluations against a framework, oldest year first. */
  evaluationsAgainst(partnershipId: number, frameworkId: number) {
    return this.db
      .selectFrom('self_evaluations')
      .select(['id', 'year', 'status'])
      .where('partnership_id', '=', partnershipId)
      .where('framework_id', '=', frameworkId)
      .orderBy('year')
      .execute();
  }

  /** The scores of these self-evaluations of the partnership. */
  scoresOf(partnershipId: number, evaluationIds: readonly number[]) {
    return this.db
      .selectFrom('self_evaluation_scores as s')
      .innerJoin('self_evaluations as e', 'e.id', 's.evaluation_id')
      .select(['s.evaluation_id', 's.criterion_id', 's.score'])
      .where('s.evaluation_id', 'in', evaluationIds)
      .where('e.partnership_id', '=', partnershipId)
      .execute();
  }

  /** The ids of the partnership's self-evaluations of a year in one status, in the order given. */
  evaluationIdsOfYear(
    partnershipId: number,
    year: number,
    status: 'draft' | 'published',
    order: 'id' | 'framework_id',
  ) {
    return this.db
      .selectFrom('self_evaluations')
      .select('id')
      .where('partnership_id', '=', partnershipId)
      .where('year', '=', year)
      .where('status', '=', status)
      .orderBy(order)
      .execute();
  }

  /** Years in which the partnership published a self-evaluation, newest first. */
  publishedYears(partnershipId: number) {
    return this.db
      .selectFrom('self_evaluations')
      .select('year')
      .distinct()
      .where('partnership_id', '=', partnershipId)
      .where('status', '=', 'published')
      .orderBy('year', 'desc')
      .execute();
  }

  /** The partnership's latest self-evaluation against the national framework (published ones only, if so asked). */
  latestAgainstPrinciples(partnershipId: number, publishedOnly: boolean) {
    let q = this.db
      .selectFrom('self_evaluations as e')
      .innerJoin('evaluation_frameworks as f', 'f.id', 'e.framework_id')
      .select(['e.id', 'e.year', 'e.status'])
      .where('e.partnership_id', '=', partnershipId)
      .where('f.code', '=', PRINCIPLES_FRAMEWORK);
    if (publishedOnly) q = q.where('e.status', '=', 'published');
    return q.orderBy('e.year', 'desc').limit(1).executeTakeFirst();
  }

  /** The criteria a self-evaluation of the partnership scored at or below `threshold`, in their order. */
  scoresAtOrBelow(evaluationId: number, partnershipId: number, threshold: number) {
    return this.db
      .selectFrom('self_evaluation_scores as s')
      .innerJoin('self_evaluations as e', 'e.id', 's.evaluation_id')
      .innerJoin('evaluation_criteria as c', 'c.id', 's.criterion_id')
      .innerJoin('evaluation_scale_levels as l', (j) =>
        j.onRef('l.framework_id', '=', 's.framework_id').onRef('l.score', '=', 's.score'),
      )
      .select(['c.id', 'c.code', 'c.title', 's.score', 'l.label', 's.evidence'])
      .where('s.evaluation_id', '=', evaluationId)
      .where('e.partnership_id', '=', partnershipId)
      .where('s.score', '<=', threshold)
      .orderBy('c.position')
      .execute();
  }

  /** The `support_needs` method's parameters. */
  supportNeedsParameters() {
    return readMethodParameters(this.db, 'support_needs');
  }

  // ---- Across partnerships (national)

  /** The years in which any partnership scored itself against a framework, newest first. */
  yearsAgainst(frameworkId: number) {
    return this.db
      .selectFrom('self_evaluations')
      .select('year')
      .distinct()
      .where('framework_id', '=', frameworkId)
      .orderBy('year', 'desc')
      .execute();
  }

  /** Every partnership's scores against a framework in a year, drafts included, with the partnership's id. */
  scoresOfYear(frameworkId: number, year: number) {
    return this.db
      .selectFrom('self_evaluation_scores as s')
      .innerJoin('self_evaluations as e', 'e.id', 's.evaluation_id')
      .select(['s.criterion_id', 's.score', 'e.status', 'e.partnership_id'])
      .where('e.framework_id', '=', frameworkId)
      .where('e.year', '=', year)
      .execute();
  }

  /** Every published self-evaluation against the national framework with its mean score, by partnership and newest year. */
  publishedPrincipleMeans() {
    return this.db
      .selectFrom('self_evaluations as e')
      .innerJoin('evaluation_frameworks as f', 'f.id', 'e.framework_id')
      .leftJoin('self_evaluation_scores as s', 's.evaluation_id', 'e.id')
      .select(['e.id', 'e.partnership_id', 'e.year'])
      .select((eb) => [eb.fn.avg<number | null>('s.score').as('mean'), eb.fn.count<number>('s.score').as('scored')])
      .where('f.code', '=', PRINCIPLES_FRAMEWORK)
      .where('e.status', '=', 'published')
      .groupBy(['e.id', 'e.partnership_id', 'e.year'])
      .orderBy('e.partnership_id')
      .orderBy('e.year', 'desc')
      .execute();
  }

  /** The views a community body gave on a self-evaluation of the partnership, in the order given. */
  viewsOfBody(evaluationId: number, partnershipId: number, bodyId: number) {
    return this.db
      .selectFrom('self_evaluation_views as v')
      .innerJoin('self_evaluations as e', 'e.id', 'v.evaluation_id')
      .select(['v.id', 'v.criterion_id', 'v.view', 'v.score', 'v.created_at'])
      .where('v.evaluation_id', '=', evaluationId)
      .where('e.partnership_id', '=', partnershipId)
      .where('v.community_body_id', '=', bodyId)
      .orderBy('v.id')
      .execute();
  }
}
