import type { Insertable, Kysely, Transaction, Updateable } from 'kysely';
import { tx } from '../../db/tx.ts';
import type { CommunityBodyTable, Database } from '../../db/schema.ts';
import type { CommunityTransaction } from './requests.repository.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** The queries of community bodies and their members (tables community_bodies, community_body_members). */
export class BodiesRepository {
  constructor(private readonly db: Db) {}

  /** Run `fn` in one transaction (or the caller's), with this repository over it and the transaction itself. */
  transaction<T>(fn: (repo: BodiesRepository, trx: CommunityTransaction) => Promise<T>): Promise<T> {
    return tx(this.db, (trx) => fn(new BodiesRepository(trx), trx));
  }

  /** A body of the partnership with this name, whatever its case (other than `exceptId`). */
  bodyNamed(partnershipId: number, name: string, exceptId: number | null) {
    let q = this.db
      .selectFrom('community_bodies')
      .select('id')
      .where('partnership_id', '=', partnershipId)
      .where((eb) => eb(eb.fn('lower', ['name']), '=', name.toLowerCase()));
    if (exceptId !== null) q = q.where('id', '!=', exceptId);
    return q.executeTakeFirst();
  }

  insertBody(values: Insertable<CommunityBodyTable>) {
    return this.db.insertInto('community_bodies').values(values).returningAll().executeTakeFirstOrThrow();
  }

  async insertMember(member: {
    community_body_id: number;
    user_id: number;
    role: 'lead' | 'member';
    created_at: Date;
  }): Promise<void> {
    await this.db.insertInto('community_body_members').values(member).execute();
  }

  /** The bodies this user belongs to, with their role, by name (the partnership's name is the service's). */
  bodiesOfUser(userId: number) {
    return this.db
      .selectFrom('community_body_members as m')
      .innerJoin('community_bodies as b', 'b.id', 'm.community_body_id')
      .selectAll('b')
      .select('m.role')
      .where('m.user_id', '=', userId)
      .orderBy('b.name')
      .execute();
  }

  /**
   * The requests of these bodies (every stage: the bodies' own view), last changed first, with the id of the
   * authority each is made to (its name is the service's).
   */
  requestsOfBodies(bodyIds: readonly number[]) {
    return this.db
      .selectFrom('community_requests as r')
      .select([
        'r.id',
        'r.reference',
        'r.kind',
        'r.title',
        'r.status',
        'r.community_body_id',
        'r.updated_at',
        'r.authority_organisation_id',
      ])
      .where('r.community_body_id', 'in', bodyIds)
      .orderBy('r.updated_at', 'desc')
      .execute();
  }

  /** One body, when this user is one of its members, with the user's role. */
  bodyOfMember(userId: number, bodyId: number) {
    return this.db
      .selectFrom('community_bodies as b')
      .innerJoin('community_body_members as m', (j) =>
        j.onRef('m.community_body_id', '=', 'b.id').on('m.user_id', '=', userId),
      )
      .selectAll('b')
      .select('m.role')
      .where('b.id', '=', bodyId)
      .executeTakeFirst();
  }

  /** A body's members: each one's user id and role (who they are is the accounts module's). */
  members(bodyId: number) {
    return this.db
      .selectFrom('community_body_members')
      .select(['user_id', 'role'])
      .where('community_body_id', '=', bodyId)
      .execute();
  }

  updateBody(bodyId: number, set: Updateable<CommunityBodyTable>) {
    return this.db
      .updateTable('community_bodies')
      .set(set)
      .where('id', '=', bodyId)
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  /** The bodies registered in the partnership's area, each with how many requests it has submitted. */
  bodiesOfPartnership(partnershipId: number) {
    return (
      this.db
        .selectFrom('community_bodies as b')
        // Only the requests the partnership may see: submitted ones (a draft is the body's own, see visibility.ts).
        .leftJoin('community_requests as r', (j) =>
          j.onRef('r.community_body_id', '=', 'b.id').on('r.submitted_at', 'is not', null),
        )
        .select([
          'b.id',
          'b.name',
          'b.body_type',
          'b.community',
          'b.community_kind',
          'b.contact_name',
          'b.contact_email',
          'b.involved',
          'b.website',
        ])
        .select((eb) => eb.fn.count<string>('r.id').as('requests'))
        .where('b.partnership_id', '=', partnershipId)
        .groupBy('b.id')
        .orderBy('b.name')
        .execute()
    );
  }

  /** Whether a body of the partnership is involved in its work. */
  involvement(partnershipId: number, bodyId: number) {
    return this.db
      .selectFrom('community_bodies')
      .select(['id', 'involved'])
      .where('id', '=', bodyId)
      .where('partnership_id', '=', partnershipId)
      .executeTakeFirst();
  }

  async setInvolved(partnershipId: number, bodyId: number, involved: boolean, now: Date): Promise<void> {
    await this.db
      .updateTable('community_bodies')
      .set({ involved, updated_at: now })
      .where('id', '=', bodyId)
      .where('partnership_id', '=', partnershipId)
      .execute();
  }

  /** The bodies a partnership involves, by name (names, types and communities only, no contacts). */
  involvedBodies(partnershipId: number) {
    return this.db
      .selectFrom('community_bodies')
      .select(['id', 'name', 'body_type', 'community', 'website'])
      .where('partnership_id', '=', partnershipId)
      .where('involved', '=', true)
      .orderBy('name')
      .execute();
  }
}
