import type { CommunityDb, CommunityDirectoryRepository } from './directory.repository.ts';

export type { CommunityDb } from './directory.repository.ts';

/**
 * What other modules read of community bodies and their requests (issue #15, item 4: only the community module names its tables). Lookups take ids or
 * codes and answer in one query. Each takes an optional transaction for a caller reading inside its own.
 */
export class CommunityDirectory {
  constructor(private readonly repo: CommunityDirectoryRepository) {}
}
