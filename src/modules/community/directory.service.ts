import { distinctKeys } from '../../core/keys.ts';
import type { CommunityDb, CommunityDirectoryRepository } from './directory.repository.ts';

export type { CommunityDb } from './directory.repository.ts';

/** A community body as other modules show it. */
export interface CommunityBodyName {
  id: number;
  name: string;
  partnership_id: number;
  fictional: boolean;
}

/**
 * What other modules read of community bodies and their requests (issue #15, item 4: only the community module
 * names its tables), each in one query. Each takes an optional transaction for a caller reading inside its own.
 */
export class CommunityDirectory {
  constructor(private readonly repo: CommunityDirectoryRepository) {}

  /**
   * Every partnership's requests that entered the public register (validated), with their kind, status and
   * dates, in no order: the national view counts them.
   */
  validatedRequests(db?: CommunityDb) {
    return this.repo.validatedRequests(db);
  }

  /** How many community bodies the partnership involves (the annual report's community participation). */
  involvedBodyCount(partnershipId: number, db?: CommunityDb): Promise<number> {
    return this.repo.involvedBodyCount(partnershipId, db);
  }

  /**
   * One of the user's own community bodies (they are a member), by id, with its partnership's id; undefined
   * when it is not theirs: what a body's member may speak for.
   */
  bodyOfMember(userId: number, bodyId: number, db?: CommunityDb): Promise<CommunityBodyName | undefined> {
    return this.repo.bodyOfMember(userId, bodyId, db);
  }

  /** Community bodies by id, with their partnership's id: names for display beside another module's rows. */
  async bodiesByIds(ids: readonly number[], db?: CommunityDb): Promise<Map<number, CommunityBodyName>> {
    const rows = await this.repo.bodiesByIds(distinctKeys(ids), db);
    return new Map(rows.map((r) => [r.id, r]));
  }
}
