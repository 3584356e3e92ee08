import type { Insertable, Kysely, Transaction } from 'kysely';
import { tx } from '../../db/tx.ts';
import type { Database } from '../../db/schema.ts';
import type {
  RecommendationAddresseeTable,
  RecommendationProgressTable,
  RecommendationReportTable,
  RecommendationResponseTable,
  RecommendationTable,
} from '../../db/schema-recommendations.ts';

/** A database handle or an open transaction. */
export type RecommendationsDb = Kysely<Database> | Transaction<Database>;
type Db = RecommendationsDb;

/**
 * The queries of the recommendations tracker (tables recommendation_*): reports, their groups,
 * recommendations, addressees, the audit dimensions they touch, ratings, and each partnership's answers. A
 * partnership's answers are read and written through its id, as a condition in the query. The names beside
 * them (partnerships, organisations, audit dimensions, plan actions, people) are their owners' to read: the
 * service looks them up.
 */
export class RecommendationsRepository {
  constructor(private readonly db: Db) {}

  /** Run `fn` in one transaction, with this repository over it and the transaction (for the audit row). */
  transaction<T>(fn: (repo: RecommendationsRepository, trx: Transaction<Database>) => Promise<T>): Promise<T> {
    return tx(this.db, (trx) => fn(new RecommendationsRepository(trx), trx));
  }

  /** The rows of these reports: the reports, groups, recommendations, addressees, dimension codes and ratings. */
  async reportRows(ids: readonly number[]) {
    const db = this.db;
    const [reports, groups, recs, addressees, dims, ratings] = await Promise.all([
      db.selectFrom('recommendation_reports').selectAll().where('id', 'in', ids).execute(),
      db.selectFrom('recommendation_groups').selectAll().where('report_id', 'in', ids).orderBy('position').execute(),
      db
        .selectFrom('recommendations')
        .selectAll()
        .where('report_id', 'in', ids)
        .orderBy('position')
        .orderBy('id')
        .execute(),
      db
        .selectFrom('recommendation_addressees as a')
        .innerJoin('recommendations as r', 'r.id', 'a.recommendation_id')
        .select(['a.id', 'a.recommendation_id', 'a.kind', 'a.partnership_id', 'a.organisation_id'])
        .where('r.report_id', 'in', ids)
        .orderBy('a.id')
        .execute(),
      db
        .selectFrom('recommendation_dimensions as d')
        .innerJoin('recommendations as r', 'r.id', 'd.recommendation_id')
        .select(['d.recommendation_id', 'd.dimension_code'])
        .where('r.report_id', 'in', ids)
        .execute(),
      db
        .selectFrom('recommendation_progress as g')
        .innerJoin('recommendations as r', 'r.id', 'g.recommendation_id')
        .select([
          'g.id',
          'g.recommendation_id',
          'g.rating',
          'g.narrative',
          'g.evidence',
          'g.as_of',
          'g.author_label',
          'g.created_at',
        ])
        .where('r.report_id', 'in', ids)
        .orderBy('g.as_of')
        .orderBy('g.id')
        .execute(),
    ]);
    return { reports, groups, recs, addressees, dims, ratings };
  }

  /** Every report with its number of recommendations, newest first. */
  listReports() {
    return this.db
      .selectFrom('recommendation_reports as r')
      .select((eb) => [
        'r.id',
        'r.title',
        'r.publisher',
        'r.published_on',
        'r.url',
        'r.summary',
        eb
          .selectFrom('recommendations as x')
          .select((e) => e.fn.countAll<number>().as('n'))
          .whereRef('x.report_id', '=', 'r.id')
          .as('recommendations'),
      ])
      .orderBy('r.published_on', 'desc')
      .orderBy('r.id', 'desc')
      .execute();
  }

  /** Every report's id, oldest first. */
  async reportIdsOldestFirst(): Promise<number[]> {
    return (
      await this.db.selectFrom('recommendation_reports').select('id').orderBy('published_on').orderBy('id').execute()
    ).map((r) => r.id);
  }

  findReport(id: number) {
    return this.db
      .selectFrom('recommendation_reports')
      .select(['id', 'published_on'])
      .where('id', '=', id)
      .executeTakeFirst();
  }

  insertReport(values: Insertable<RecommendationReportTable>) {
    return this.db.insertInto('recommendation_reports').values(values).returningAll().executeTakeFirstOrThrow();
  }

  findRecommendationByRef(reportId: number, ref: string) {
    return this.db
      .selectFrom('recommendations')
      .select('id')
      .where('report_id', '=', reportId)
      .where('ref', '=', ref)
      .executeTakeFirst();
  }

  findRecommendationInReport(id: number, reportId: number) {
    return this.db
      .selectFrom('recommendations')
      .select(['id', 'ref'])
      .where('id', '=', id)
      .where('report_id', '=', reportId)
      .executeTakeFirst();
  }

  findGroup(reportId: number, title: string) {
    return this.db
      .selectFrom('recommendation_groups')
      .select('id')
      .where('report_id', '=', reportId)
      .where('title', '=', title)
      .executeTakeFirst();
  }

  async insertGroup(reportId: number, title: string, position: number): Promise<number> {
    const row = await this.db
      .insertInto('recommendation_groups')
      .values({ report_id: reportId, title, position })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  /** The next position in a report, after its last recommendation or group. */
  async nextPosition(table: 'recommendations' | 'recommendation_groups', reportId: number): Promise<number> {
    const r = await this.db
      .selectFrom(table)
      .select((eb) => eb.fn.max<number>('position').as('m'))
      .where('report_id', '=', reportId)
      .executeTakeFirst();
    return Number(r?.m ?? 0) + 1;
  }

  insertRecommendation(values: Insertable<RecommendationTable>) {
    return this.db.insertInto('recommendations').values(values).returningAll().executeTakeFirstOrThrow();
  }

  async insertAddressees(rows: readonly Insertable<RecommendationAddresseeTable>[]): Promise<void> {
    await this.db.insertInto('recommendation_addressees').values(rows).execute();
  }

  async insertDimensions(recommendationId: number, codes: readonly string[]): Promise<void> {
    await this.db
      .insertInto('recommendation_dimensions')
      .values(codes.map((d) => ({ recommendation_id: recommendationId, dimension_code: d })))
      .execute();
  }

  insertRating(values: Insertable<RecommendationProgressTable>) {
    return this.db.insertInto('recommendation_progress').values(values).returningAll().executeTakeFirstOrThrow();
  }

  // ---- A partnership's answers

  /** The recommendations addressed to all partnerships or to this one by name, with their reports. */
  addressedTo(partnershipId: number) {
    return this.db
      .selectFrom('recommendation_addressees as a')
      .innerJoin('recommendations as r', 'r.id', 'a.recommendation_id')
      .select(['r.id', 'r.report_id'])
      .where((eb) =>
        eb.or([
          eb('a.kind', '=', 'all_cpps'),
          eb.and([eb('a.kind', '=', 'partnership'), eb('a.partnership_id', '=', partnershipId)]),
        ]),
      )
      .execute();
  }

  /** Whether the recommendation is addressed to all partnerships or to this one by name. */
  findAddressedTo(recommendationId: number, partnershipId: number) {
    return this.db
      .selectFrom('recommendation_addressees')
      .select('recommendation_id')
      .where('recommendation_id', '=', recommendationId)
      .where((eb) =>
        eb.or([
          eb('kind', '=', 'all_cpps'),
          eb.and([eb('kind', '=', 'partnership'), eb('partnership_id', '=', partnershipId)]),
        ]),
      )
      .executeTakeFirst();
  }

  /** The partnership's answers: each link of a recommendation to an action, with who made it, oldest first. */
  responses(partnershipId: number) {
    return this.db
      .selectFrom('recommendation_responses as s')
      .select(['s.id', 's.recommendation_id', 's.action_id', 's.note', 's.created_at', 's.created_by_user_id'])
      .where('s.partnership_id', '=', partnershipId)
      .orderBy('s.id')
      .execute();
  }

  findResponse(recommendationId: number, actionId: number) {
    return this.db
      .selectFrom('recommendation_responses')
      .select('id')
      .where('recommendation_id', '=', recommendationId)
      .where('action_id', '=', actionId)
      .executeTakeFirst();
  }

  findResponseInPartnership(id: number, partnershipId: number) {
    return this.db
      .selectFrom('recommendation_responses')
      .selectAll()
      .where('id', '=', id)
      .where('partnership_id', '=', partnershipId)
      .executeTakeFirst();
  }

  insertResponse(values: Insertable<RecommendationResponseTable>) {
    return this.db.insertInto('recommendation_responses').values(values).returningAll().executeTakeFirstOrThrow();
  }

  async deleteResponse(id: number, partnershipId: number): Promise<void> {
    await this.db
      .deleteFrom('recommendation_responses')
      .where('id', '=', id)
      .where('partnership_id', '=', partnershipId)
      .execute();
  }
}
