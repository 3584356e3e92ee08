import type { PlanDirectoryDb, PlanDirectoryRepository } from './directory.repository.ts';

export type { PlanDirectoryDb } from './directory.repository.ts';

/**
 * What other modules read of plans, their actions and the annual reports (issue #15, item 4: only the plans module names its tables). Lookups take ids or
 * codes and answer in one query. Each takes an optional transaction for a caller reading inside its own.
 */
export class PlanDirectory {
  constructor(private readonly repo: PlanDirectoryRepository) {}
}
