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

  /** The indicators a partnership's plan measures may follow (the national ones and its own), by name. */
  indicatorChoices(partnershipId: number, db?: CatalogueDb): Promise<{ code: string; name: string }[]> {
    return this.repo.indicatorChoices(partnershipId, db);
  }

  /** One indicator a partnership may use (a national one or its own), with its unit and polarity; undefined if none. */
  indicatorOpenTo(
    code: string,
    partnershipId: number,
    db?: CatalogueDb,
  ): Promise<{ code: string; unit: string | null; higher_is_better: boolean | null } | undefined> {
    return this.repo.indicatorOpenTo(code, partnershipId, db);
  }

  /** The National Performance Framework's outcomes (code and name), in their order. */
  nationalOutcomes(db?: CatalogueDb): Promise<{ code: string; name: string }[]> {
    return this.repo.nationalOutcomes(db);
  }

  /**
   * The observed (not projected) series of these indicators, each in its area, oldest first: what a plan's
   * measures show. No series, no query.
   */
  async observedSeries(
    series: readonly { indicator_code: string; area_code: string }[],
    db?: CatalogueDb,
  ): Promise<
    { indicator_code: string; area_code: string; period_start: string; period_label: string; value: string }[]
  > {
    if (series.length === 0) return [];
    return this.repo.observedSeries(series, db);
  }

  /** The national indicators (owned by no partnership), code and name, by name: what a national offer may name. */
  nationalIndicators(db?: CatalogueDb): Promise<{ code: string; name: string }[]> {
    return this.repo.nationalIndicators(db);
  }

  /**
   * The observations of these indicators, each in its area, in the periods named by label (projected ones
   * too), in no order: the before and after figures of a case study's measures. Nothing asked, no query.
   */
  async observationsInPeriods(
    wanted: readonly { indicator_code: string; area_code: string; periods: readonly string[] }[],
    db?: CatalogueDb,
  ): Promise<{ indicator_code: string; area_code: string; period_label: string; value: string }[]> {
    if (wanted.length === 0) return [];
    return this.repo.observationsInPeriods(wanted, db);
  }
}
