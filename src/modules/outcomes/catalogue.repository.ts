import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';

/** A database handle or an open transaction: a caller inside its own transaction hands that in. */
export type CatalogueDb = Kysely<Database> | Transaction<Database>;

/**
 * The reads other modules make of the outcomes module's tables (indicators, indicator_frameworks,
 * national_outcomes, observations): looked up by code, in one query.
 */
export class CatalogueRepository {
  constructor(private readonly db: CatalogueDb) {}

  indicatorsByCodes(codes: readonly string[], db: CatalogueDb = this.db) {
    if (codes.length === 0) return Promise.resolve([]);
    return db
      .selectFrom('indicators')
      .select(['code', 'name', 'unit', 'higher_is_better', 'prevention', 'source', 'partnership_id'])
      .where('code', 'in', [...codes])
      .execute();
  }
}
