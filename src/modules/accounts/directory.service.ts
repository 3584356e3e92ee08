import { distinctKeys } from '../../core/keys.ts';
import type { PeopleDb, PeopleRepository } from './directory.repository.ts';

export type { PeopleDb } from './directory.repository.ts';

/** A person as other modules show them. */
export interface PersonName {
  id: number;
  email: string;
  display_name: string;
  organisation_id: number | null;
  active: boolean;
  fictional: boolean;
}

/**
 * What other modules read of people and their roles (issue #15, item 4: only the accounts module names its
 * tables). Lookups take ids and answer a Map in one query; ids not found are absent. Each takes an optional
 * transaction for a caller reading inside its own.
 */
export class PeopleDirectory {
  constructor(private readonly repo: PeopleRepository) {}

  async usersByIds(ids: readonly number[], db?: PeopleDb): Promise<Map<number, PersonName>> {
    const rows = await this.repo.usersByIds(distinctKeys(ids), db);
    return new Map(rows.map((r) => [r.id, r]));
  }

  /**
   * The active users who hold one of these roles in a partnership (e.g. who can be made responsible for
   * something of it), by name.
   */
  activeRoleHolders(
    partnershipId: number,
    roles: readonly string[],
    db?: PeopleDb,
  ): Promise<{ id: number; display_name: string; email: string }[]> {
    return this.repo.activeRoleHolders(partnershipId, roles, db);
  }
}
