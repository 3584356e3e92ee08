import { distinctKeys } from '../../core/keys.ts';
import type { AreaLevel } from '../../db/schema.ts';
import type { GeographyDb, GeographyRepository } from './geography.repository.ts';

export type { GeographyDb } from './geography.repository.ts';

/** An area as other modules show it. */
export interface AreaName {
  code: string;
  name: string;
  level: AreaLevel;
  parent_code: string | null;
  /** Set for localities: the partnership that drew it. */
  partnership_id: number | null;
  fictional: boolean;
}

/**
 * What other modules read of Scotland's geography (issue #15, item 4: only the areas module names its tables).
 * Lookups take codes and answer in one query; codes not found are absent. Each takes an optional transaction
 * for a caller reading inside its own.
 */
export class Geography {
  constructor(private readonly repo: GeographyRepository) {}

  async areasByCodes(codes: readonly string[], db?: GeographyDb): Promise<Map<string, AreaName>> {
    const rows = await this.repo.areasByCodes(distinctKeys(codes), db);
    return new Map(rows.map((r) => [r.code, r]));
  }
}
