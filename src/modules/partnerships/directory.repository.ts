import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';

/** A database handle or an open transaction: a caller inside its own transaction hands that in. */
export type DirectoryDb = Kysely<Database> | Transaction<Database>;

/**
 * The reads other modules make of the partnerships module's tables (partnerships, organisations,
 * organisation_types, partnership_organisations): names and codes for display, looked up by id in one query.
 */
export class DirectoryRepository {
  constructor(private readonly db: DirectoryDb) {}

  partnershipsByIds(ids: readonly number[], db: DirectoryDb = this.db) {
    if (ids.length === 0) return Promise.resolve([]);
    return db
      .selectFrom('partnerships')
      .select(['id', 'code', 'name', 'council_area_code', 'fictional'])
      .where('id', 'in', [...ids])
      .execute();
  }

  organisationsByIds(ids: readonly number[], db: DirectoryDb = this.db) {
    if (ids.length === 0) return Promise.resolve([]);
    return db
      .selectFrom('organisations')
      .select(['id', 'name', 'type_code', 'owner_partnership_id', 'fictional'])
      .where('id', 'in', [...ids])
      .execute();
  }
}
