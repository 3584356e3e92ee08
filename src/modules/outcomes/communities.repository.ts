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
 * outcomes), and the council areas and intermediate zones they are of (the areas module's table `areas`,
 * read here).
 */
export class CommunitiesRepository {
  constructor(private readonly db: Db) {}

  /** A council area by code, or undefined. */
  councilArea(code: string) {
    return this.db
      .selectFrom('areas')
      .select(['code', 'name', 'fictional'])
      .where('code', '=', code)
      .where('level', '=', 'council_area')
      .executeTakeFirst();
  }

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

  /** The intermediate zones of a council area (real or fictional as it is), by name then code. */
  zones(council: { code: string; fictional: boolean }) {
    return this.db
      .selectFrom('areas')
      .select(['code', 'name'])
      .where('level', '=', 'intermediate_zone')
      .where('parent_code', '=', council.code)
      .where('fictional', '=', council.fictional)
      .orderBy('name')
      .orderBy('code')
      .execute();
  }

  /** One intermediate zone of a council area, or undefined. */
  zone(council: { code: string; fictional: boolean }, zoneCode: string) {
    return this.db
      .selectFrom('areas')
      .select(['code', 'name'])
      .where('code', '=', zoneCode)
      .where('level', '=', 'intermediate_zone')
      .where('parent_code', '=', council.code)
      .where('fictional', '=', council.fictional)
      .executeTakeFirst();
  }

  /** Every observation of a council area's intermediate zones, in period order (projections too, when asked). */
  zoneObservations(
    council: { code: string; fictional: boolean },
    withProjections: boolean,
  ): Promise<CommunityObservationRow[]> {
    let q = this.db
      .selectFrom('observations as o')
      .innerJoin('areas as a', 'a.code', 'o.area_code')
      .select(['o.indicator_code', 'o.area_code', 'o.period_label', 'o.period_start', 'o.value_type', 'o.value'])
      .where('a.level', '=', 'intermediate_zone')
      .where('a.parent_code', '=', council.code)
      .where('a.fictional', '=', council.fictional)
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
