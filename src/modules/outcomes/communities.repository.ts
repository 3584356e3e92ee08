import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** One observation of a community indicator, as the communities' queries read it. */
export type CommunityObservationRow = {
  indicator_code: string;
  area_code: string;
  period_label: string;
  period_start: unknown;
  value_type: 'raw' | 'imputed' | 'projected';
  value: string;
};

/**
 * The queries behind the communities ranked in the round: CPOP's indicators and observations (tables of
 * outcomes). The council areas and intermediate zones they are of are the areas module's (Geography).
 */
export class CommunitiesRepository {
  constructor(private readonly db: Db) {}

  /** The CPOP indicators, by name, with their polarity. */
  cpopIndicators() {
    return this.db
      .selectFrom('indicators as i')
      .innerJoin('indicator_frameworks as f', 'f.indicator_code', 'i.code')
      .select(['i.code', 'i.name', 'i.unit', 'i.higher_is_better'])
      .where('f.framework', '=', 'CPOP')
      .orderBy('i.name')
      .execute();
  }

  /** Every observation of these areas (a council area's intermediate zones), in period order (projections too, when asked). */
  zoneObservations(zoneCodes: readonly string[], withProjections: boolean): Promise<CommunityObservationRow[]> {
    if (zoneCodes.length === 0) return Promise.resolve([]);
    let q = this.db
      .selectFrom('observations as o')
      .select(['o.indicator_code', 'o.area_code', 'o.period_label', 'o.period_start', 'o.value_type', 'o.value'])
      .where('o.area_code', 'in', [...zoneCodes])
      .orderBy('o.period_start');
    if (!withProjections) q = q.where('o.value_type', '!=', 'projected');
    return q.execute() as Promise<CommunityObservationRow[]>;
  }

  /** The observations of these areas on these indicators, in period order. */
  observations(areaCodes: readonly string[], indicatorCodes: readonly string[]): Promise<CommunityObservationRow[]> {
    return this.db
      .selectFrom('observations')
      .select(['indicator_code', 'area_code', 'period_label', 'period_start', 'value_type', 'value'])
      .where('area_code', 'in', [...areaCodes])
      .where('indicator_code', 'in', [...indicatorCodes])
      .orderBy('period_start')
      .execute() as Promise<CommunityObservationRow[]>;
  }
}
