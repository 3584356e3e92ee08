import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';

/** A database handle or an open transaction: a caller inside its own transaction hands that in. */
export type PlanDirectoryDb = Kysely<Database> | Transaction<Database>;

/** The reads other modules make of the plans module's tables (plans, plan_actions, annual_reports and the rest), each in one query. */
export class PlanDirectoryRepository {
  constructor(private readonly db: PlanDirectoryDb) {}

  /** For each partnership, when it first published its annual report of the year. */
  firstReportPublications(year: number, db: PlanDirectoryDb = this.db) {
    return db
      .selectFrom('annual_reports')
      .select(['partnership_id', (eb) => eb.fn.min('published_at').as('first')])
      .where('year', '=', year)
      .groupBy('partnership_id')
      .execute();
  }

  actionsByIds(ids: readonly number[], db: PlanDirectoryDb = this.db) {
    if (ids.length === 0) return Promise.resolve([]);
    return db
      .selectFrom('plan_actions')
      .select(['id', 'title', 'status'])
      .where('id', 'in', [...ids])
      .execute();
  }
}
