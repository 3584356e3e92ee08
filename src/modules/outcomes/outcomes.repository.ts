import { sql, type Kysely, type Transaction } from 'kysely';
import { dataVersion } from '../../db/data-version.ts';
import type { MethodName, MethodParameters } from '../../core/rules/method-parameters.ts';
import { readMethodParameters } from '../../core/rules/method-parameters.repository.ts';
import type { Database } from '../../db/schema.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** A council's zones' people counts in one year of the inequality inputs, keyed by zone. */
export type ZonePeopleRow = {
  council_code: string;
  year: number;
  /** zone → [income-deprived, not income-deprived] */
  zones: Record<number, [number | null, number | null]>;
};

/** A council's zones' values for one indicator and year of the inequality inputs, keyed by zone. */
export type ZoneValuesRow = {
  council_code: string;
  indicator_code: string;
  year: number;
  zones: Record<number, number | null>;
};

/**
 * The queries behind outcomes and the measures computed from them: indicators, observations, change
 * criteria and the inequality inputs (outcomes' own tables). The geography they are of is the areas module's
 * (Geography), and partnerships the partnerships module's: the service asks them.
 */
export class OutcomesRepository {
  constructor(private readonly db: Db) {}

  /** The `imports` data version: it moves at every import run's commit. */
  importsVersion(): Promise<string> {
    return dataVersion(this.db, 'imports');
  }

  /** One method's parameters, checked against its schema (core/rules/method-parameters.ts). */
  methodParameters<M extends MethodName>(method: M): Promise<MethodParameters<M>> {
    return readMethodParameters(this.db, method);
  }

  /** The CPOP indicators, by name, with their polarity and prevention tag. */
  cpopIndicators() {
    return this.db
      .selectFrom('indicators')
      .innerJoin('indicator_frameworks as f', 'f.indicator_code', 'indicators.code')
      .select(['code', 'name', 'unit', 'higher_is_better', 'prevention'])
      .where('f.framework', '=', 'CPOP')
      .orderBy('name')
      .execute();
  }

  changeCriteria() {
    return this.db.selectFrom('change_criteria').selectAll().execute();
  }

  /** The observations of these areas on the CPOP indicators, in no order. */
  cpopObservations(areaCodes: readonly string[]) {
    return this.db
      .selectFrom('observations')
      .select(['indicator_code', 'area_code', 'period_label', 'period_start', 'value_type', 'value'])
      .where('area_code', 'in', [...areaCodes])
      .where('indicator_code', 'in', (eb) =>
        eb.selectFrom('indicator_frameworks').select('indicator_code').where('framework', '=', 'CPOP'),
      )
      .execute();
  }

  /** The actual (not projected) values of national indicators for these areas, with each indicator's name and polarity. */
  actualNationalObservations(areaCodes: readonly string[]) {
    return this.db
      .selectFrom('observations as o')
      .innerJoin('indicators as i', 'i.code', 'o.indicator_code')
      .select([
        'o.indicator_code',
        'i.name',
        'i.higher_is_better',
        'o.area_code',
        'o.period_label',
        'o.period_start',
        'o.value',
        'o.numerator',
        'o.denominator',
      ])
      .where('o.area_code', 'in', [...areaCodes])
      .where('o.value_type', '!=', 'projected')
      .where('i.partnership_id', 'is', null)
      .execute();
  }

  /**
   * National indicators with values for these council areas (the real ones, from the geography), each once per
   * framework, by framework then name.
   */
  indicatorChoices(councilCodes: readonly string[]) {
    if (councilCodes.length === 0) return Promise.resolve([]);
    return this.db
      .selectFrom('indicators as i')
      .innerJoin('indicator_frameworks as f', 'f.indicator_code', 'i.code')
      .select(['i.code', 'i.name', 'i.unit', 'i.higher_is_better', 'f.framework'])
      .where('i.partnership_id', 'is', null)
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom('observations as o')
            .select('o.indicator_code')
            .whereRef('o.indicator_code', '=', 'i.code')
            .where('o.area_code', 'in', [...councilCodes])
            // Council area codes begin S12 (GSS): this lets the primary key skip the zones' rows.
            .where('o.area_code', '>=', 'S12'),
        ),
      )
      .orderBy('f.framework')
      .orderBy('i.name')
      .execute();
  }

  /** One indicator's observations for these areas, in period order. */
  indicatorObservations(indicator: string, areaCodes: readonly string[]) {
    return this.db
      .selectFrom('observations')
      .select(['area_code', 'period_label', 'period_start', 'value_type', 'value'])
      .where('indicator_code', '=', indicator)
      .where('area_code', 'in', [...areaCodes])
      .orderBy('period_start')
      .execute();
  }

  /** Every indicator's code, name, unit and polarity. */
  allIndicators() {
    return this.db.selectFrom('indicators').select(['code', 'name', 'unit', 'higher_is_better']).execute();
  }

  /** Every indicator's code and name. */
  indicatorNames() {
    return this.db.selectFrom('indicators').select(['code', 'name']).execute();
  }

  /** Every national indicator once for each of its frameworks, by framework then code (the national export). */
  nationalIndicatorRows() {
    return this.db
      .selectFrom('indicators as i')
      .innerJoin('indicator_frameworks as f', 'f.indicator_code', 'i.code')
      .select([
        'i.code',
        'i.name',
        'i.unit',
        'i.higher_is_better',
        'f.framework',
        'i.external_code',
        'i.category',
        'i.source',
      ])
      .where('i.partnership_id', 'is', null)
      .orderBy('f.framework')
      .orderBy('i.code')
      .execute();
  }

  /**
   * Every value of a national indicator, but those of the areas named (the fictional ones, from the geography),
   * by indicator, area and period (the national export).
   */
  nationalObservationRows(exceptAreaCodes: readonly string[]) {
    let q = this.db
      .selectFrom('observations as o')
      .innerJoin('indicators as i', 'i.code', 'o.indicator_code')
      .select([
        'o.area_code',
        'o.indicator_code',
        'o.period_label',
        'o.period_start',
        'o.period_end',
        'o.value_type',
        'o.value',
        'o.real_terms_value',
        'o.lower_bound',
        'o.upper_bound',
        'o.numerator',
        'o.denominator',
      ])
      .where('i.partnership_id', 'is', null);
    if (exceptAreaCodes.length) q = q.where('o.area_code', 'not in', [...exceptAreaCodes]);
    return q.orderBy('o.indicator_code').orderBy('o.area_code').orderBy('o.period_start').execute();
  }

  /**
   * The zones' people counts of the inequality inputs, one row for each council and year, as a JSON object
   * keyed by zone (the drivers parse json with JSON.parse, and a number keeps the digits the database holds).
   */
  async zonePeople(): Promise<ZonePeopleRow[]> {
    const result = await sql<ZonePeopleRow>`
      SELECT council_code, year,
             json_object_agg(zone_index, json_build_array(income_deprived, not_income_deprived)) AS zones
      FROM inequality_zones
      GROUP BY council_code, year`.execute(this.db);
    return result.rows;
  }

  /**
   * The zones' values of the inequality inputs, one row for each council, indicator and year, as a JSON
   * object keyed by zone. With `parts` > 1, only the years whose remainder by `parts` is `part`.
   */
  async zoneValues(parts: number, part: number): Promise<ZoneValuesRow[]> {
    const result = await sql<ZoneValuesRow>`
      SELECT council_code, indicator_code, year, json_object_agg(zone_index, value) AS zones
      FROM inequality_zone_values
      ${parts > 1 ? sql`WHERE year % ${parts} = ${part}` : sql``}
      GROUP BY council_code, indicator_code, year`.execute(this.db);
    return result.rows;
  }
}
