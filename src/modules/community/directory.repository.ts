import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';

/** A database handle or an open transaction: a caller inside its own transaction hands that in. */
export type CommunityDb = Kysely<Database> | Transaction<Database>;

/** The reads other modules make of the community module's tables (community_bodies, community_body_members, community_requests), each in one query. */
export class CommunityDirectoryRepository {
  constructor(private readonly db: CommunityDb) {}
}
