import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';

/** A database handle or an open transaction: a caller inside its own transaction hands that in. */
export type PeopleDb = Kysely<Database> | Transaction<Database>;

/**
 * The reads other modules make of the accounts module's tables (users, partnership_roles): who someone is, for
 * display, looked up by id, and who holds a role in a partnership, each in one query.
 */
export class PeopleRepository {
  constructor(private readonly db: PeopleDb) {}

  usersByIds(ids: readonly number[], db: PeopleDb = this.db) {
    if (ids.length === 0) return Promise.resolve([]);
    return db
      .selectFrom('users')
      .select(['id', 'email', 'display_name', 'organisation_id', 'active', 'fictional'])
      .where('id', 'in', [...ids])
      .execute();
  }

  /** Active users holding one of these roles in a partnership, by name. */
  activeRoleHolders(partnershipId: number, roles: readonly string[], db: PeopleDb = this.db) {
    if (roles.length === 0) return Promise.resolve([]);
    return db
      .selectFrom('partnership_roles as r')
      .innerJoin('users as u', 'u.id', 'r.user_id')
      .select(['u.id', 'u.display_name', 'u.email'])
      .where('r.partnership_id', '=', partnershipId)
      .where('r.role', 'in', [...roles])
      .where('u.active', '=', true)
      .orderBy('u.display_name')
      .execute();
  }
}
