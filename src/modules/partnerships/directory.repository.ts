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

  partnershipsByCodes(codes: readonly string[], db: DirectoryDb = this.db) {
    if (codes.length === 0) return Promise.resolve([]);
    return db
      .selectFrom('partnerships')
      .select(['id', 'code', 'name', 'council_area_code', 'fictional'])
      .where('code', 'in', [...codes])
      .execute();
  }

  /** The partnership's statutory partners (public service authorities), by name; with an id, only that one. */
  authorities(partnershipId: number, organisationId: number | undefined, db: DirectoryDb = this.db) {
    let q = db
      .selectFrom('partnership_organisations as po')
      .innerJoin('organisations as o', 'o.id', 'po.organisation_id')
      .innerJoin('organisation_types as t', 't.code', 'o.type_code')
      .select(['o.id', 'o.name', 'o.type_code'])
      .where('po.partnership_id', '=', partnershipId)
      .where('t.category', '=', 'statutory_partner');
    if (organisationId !== undefined) q = q.where('o.id', '=', organisationId);
    return q.orderBy('o.name').execute();
  }

  /** The ids of the statutory partners whose lower-cased name matches a LIKE pattern (lower-cased and escaped). */
  async authorityIdsNamedLike(pattern: string, db: DirectoryDb = this.db): Promise<number[]> {
    const rows = await db
      .selectFrom('organisations as o')
      .innerJoin('organisation_types as t', 't.code', 'o.type_code')
      .select('o.id')
      .where('t.category', '=', 'statutory_partner')
      .where((eb) => eb(eb.fn('lower', ['o.name']), 'like', pattern))
      .execute();
    return rows.map((r) => r.id);
  }

  /** The partnership's partner organisations (of every kind), by name. */
  partnerOrganisations(partnershipId: number, db: DirectoryDb = this.db) {
    return db
      .selectFrom('partnership_organisations as po')
      .innerJoin('organisations as o', 'o.id', 'po.organisation_id')
      .select(['o.id', 'o.name', 'po.kind'])
      .where('po.partnership_id', '=', partnershipId)
      .orderBy('o.name')
      .execute();
  }

  /** Every partnership, by name. */
  allPartnerships(db: DirectoryDb = this.db) {
    return db
      .selectFrom('partnerships')
      .select(['id', 'code', 'name', 'council_area_code', 'fictional'])
      .orderBy('name')
      .execute();
  }

  /** The national organisations (owned by no partnership), by name. */
  nationalOrganisations(db: DirectoryDb = this.db) {
    return db
      .selectFrom('organisations')
      .select(['id', 'name'])
      .where('owner_partnership_id', 'is', null)
      .orderBy('name')
      .execute();
  }
}
