import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';

/** A database handle or an open transaction: a caller inside its own transaction hands that in. */
export type CommunityDb = Kysely<Database> | Transaction<Database>;

/** The reads other modules make of the community module's tables (community_bodies, community_body_members, community_requests), each in one query. */
export class CommunityDirectoryRepository {
  constructor(private readonly db: CommunityDb) {}

  /** Every partnership's community requests that entered the public register (validated). */
  validatedRequests(db: CommunityDb = this.db) {
    return db
      .selectFrom('community_requests')
      .select(['id', 'partnership_id', 'kind', 'status', 'validation_date', 'decision_date'])
      .where('validation_date', 'is not', null)
      .execute();
  }

  /** How many community bodies the partnership involves. */
  async involvedBodyCount(partnershipId: number, db: CommunityDb = this.db): Promise<number> {
    const row = await db
      .selectFrom('community_bodies')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('partnership_id', '=', partnershipId)
      .where('involved', '=', true)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** A community body the user is a member of, by id; undefined when there is none or they are not a member. */
  bodyOfMember(userId: number, bodyId: number, db: CommunityDb = this.db) {
    return db
      .selectFrom('community_bodies as b')
      .innerJoin('community_body_members as m', (j) =>
        j.onRef('m.community_body_id', '=', 'b.id').on('m.user_id', '=', userId),
      )
      .select(['b.id', 'b.name', 'b.partnership_id', 'b.fictional'])
      .where('b.id', '=', bodyId)
      .executeTakeFirst();
  }

  bodiesByIds(ids: readonly number[], db: CommunityDb = this.db) {
    if (ids.length === 0) return Promise.resolve([]);
    return db
      .selectFrom('community_bodies')
      .select(['id', 'name', 'partnership_id', 'fictional'])
      .where('id', 'in', [...ids])
      .execute();
  }
}
