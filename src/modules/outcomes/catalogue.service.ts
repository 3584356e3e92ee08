import { distinctKeys } from '../../core/keys.ts';
import type { CatalogueDb, CatalogueRepository } from './catalogue.repository.ts';

export type { CatalogueDb } from './catalogue.repository.ts';

/** An indicator as other modules show it. */
export interface IndicatorName {
  code: string;
  name: string;
  unit: string | null;
  higher_is_better: boolean | null;
  prevention: boolean;
  source: string;
  /** Set for a partnership's own local indicator. */
  partnership_id: number | null;
}

/**
 * What other modules read of the indicators, national outcomes and observations (issue #15, item 4: only the
 * outcomes module names its tables). Lookups take codes and answer in one query; codes not found are absent.
 * Each takes an optional transaction for a caller reading inside its own.
 */
export class IndicatorCatalogue {
  constructor(private readonly repo: CatalogueRepository) {}

  async indicatorsByCodes(codes: readonly string[], db?: CatalogueDb): Promise<Map<string, IndicatorName>> {
    const rows = await this.repo.indicatorsByCodes(distinctKeys(codes), db);
    return new Map(rows.map((r) => [r.code, r]));
  }
}
