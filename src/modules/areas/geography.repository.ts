import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';

/** A database handle or an open transaction: a caller inside its own transaction hands that in. */
export type GeographyDb = Kysely<Database> | Transaction<Database>;

/**
 * The reads other modules make of the geography (areas and the tables beside it: boundaries, SIMD, population,
 * family groups): looked up by code, in one query.
 */
export class GeographyRepository {
  constructor(private readonly db: GeographyDb) {}

  areasByCodes(codes: readonly string[], db: GeographyDb = this.db) {
    if (codes.length === 0) return Promise.resolve([]);
    return db
      .selectFrom('areas')
      .select(['code', 'name', 'level', 'parent_code', 'partnership_id', 'fictional'])
      .where('code', 'in', [...codes])
      .execute();
  }
}
