import { distinctKeys } from '../../core/keys.ts';
import type { ACTION_STATUSES } from '../../db/schema.ts';
import type { PlanDirectoryDb, PlanDirectoryRepository } from './directory.repository.ts';

export type { PlanDirectoryDb } from './directory.repository.ts';

/** A plan action as other modules show it. */
export interface PlanActionName {
  id: number;
  title: string;
  status: (typeof ACTION_STATUSES)[number];
}

/**
 * What other modules read of plans, their actions and the annual reports (issue #15, item 4: only the plans
 * module names its tables), each in one query. Each takes an optional transaction for a caller reading inside
 * its own.
 */
export class PlanDirectory {
  constructor(private readonly repo: PlanDirectoryRepository) {}

  /**
   * For each partnership with an annual report of the year, when it first published one (null while none is
   * published): the national view measures timeliness by it.
   */
  firstReportPublications(year: number, db?: PlanDirectoryDb) {
    return this.repo.firstReportPublications(year, db);
  }

  /** Plan actions by id, with their title and status: for display beside another module's rows that link them. */
  async actionsByIds(ids: readonly number[], db?: PlanDirectoryDb): Promise<Map<number, PlanActionName>> {
    const rows = await this.repo.actionsByIds(distinctKeys(ids), db);
    return new Map(rows.map((r) => [r.id, r]));
  }
}
