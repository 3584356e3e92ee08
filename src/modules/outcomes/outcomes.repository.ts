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
 * criteria and the inequality inputs (outcomes' own tables). Other modules' tables read here: `areas`,
 * `area_boundaries`, `family_groups` and `simd_data_zones` (areas), `partnerships` and
 * `locality_components` (partnerships).
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

  /** The CPOP family groups: each council's group number. */
  cpopFamilyGroups() {
    return this.db
      .selectFrom('family_groups')
      .select(['council_code', 'group_number'])
      .where('scheme_code', '=', 'cpop')
      .execute();
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

  /** Every council area's code, in code order. */
  async councilAreaCodes(): Promise<string[]> {
    const rows = await this.db
      .selectFrom('areas')
      .select('code')
      .where('level', '=', 'council_area')
      .orderBy('code')
      .execute();
    return rows.map((a) => a.code);
  }

  /** Every council area's code and name. */
  councilAreas() {
    return this.db.selectFrom('areas').select(['code', 'name']).where('level', '=', 'council_area').execute();
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

  /** One of the partnership's localities, or undefined. */
  locality(partnershipId: number, localityCode: string) {
    return this.db
      .selectFrom('areas')
      .select(['code', 'name'])
      .where('level', '=', 'locality')
      .where('partnership_id', '=', partnershipId)
      .where('code', '=', localityCode)
      .executeTakeFirst();
  }

  /**
   * The intermediate zones of one of the partnership's localities, by name: its own intermediate zones and
   * those of its data zones.
   */
  localityZones(partnershipId: number, localityCode: string) {
    return this.db
      .selectFrom('locality_components as c')
      .innerJoin('areas as l', 'l.code', 'c.locality_code')
      .innerJoin('areas as part', 'part.code', 'c.component_code')
      .innerJoin('areas as iz', (j) =>
        j.on((eb) =>
          eb.or([
            eb.and([eb('part.level', '=', 'intermediate_zone'), eb('iz.code', '=', eb.ref('part.code'))]),
            eb.and([eb('part.level', '=', 'data_zone'), eb('iz.code', '=', eb.ref('part.parent_code'))]),
          ]),
        ),
      )
      .select(['iz.code', 'iz.name'])
      .distinct()
      .where('c.locality_code', '=', localityCode)
      .where('l.partnership_id', '=', partnershipId)
      .orderBy('iz.name')
      .execute();
  }

  /** A council area's intermediate zones with their population (the sum of their data zones' in SIMD). */
  zonePopulations(councilCode: string) {
    return this.db
      .selectFrom('areas as iz')
      .leftJoin('areas as dz', (j) => j.onRef('dz.parent_code', '=', 'iz.code').on('dz.level', '=', 'data_zone'))
      .leftJoin('simd_data_zones as s', 's.data_zone_code', 'dz.code')
      .select((eb) => ['iz.code', 'iz.name', eb.fn.sum<string>('s.population').as('population')])
      .where('iz.level', '=', 'intermediate_zone')
      .where('iz.parent_code', '=', councilCode)
      .groupBy(['iz.code', 'iz.name'])
      .execute();
  }

  /** The partnership's localities, by name. */
  localities(partnershipId: number) {
    return this.db
      .selectFrom('areas')
      .select(['code', 'name'])
      .where('level', '=', 'locality')
      .where('partnership_id', '=', partnershipId)
      .orderBy('name')
      .execute();
  }

  /** The components (areas) of the partnership's localities. */
  localityComponents(partnershipId: number) {
    return this.db
      .selectFrom('locality_components as c')
      .innerJoin('areas as a', 'a.code', 'c.locality_code')
      .innerJoin('areas as part', 'part.code', 'c.component_code')
      .select(['c.locality_code', 'part.code', 'part.level', 'part.parent_code'])
      .where('a.partnership_id', '=', partnershipId)
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

  /** The boundaries of the real areas of a level (in one parent, when given), in code order. */
  boundaries(filter: { level: 'council_area' | 'intermediate_zone'; parent?: string }) {
    let q = this.db
      .selectFrom('area_boundaries as b')
      .innerJoin('areas as a', 'a.code', 'b.area_code')
      .select(['a.code', 'a.name', 'b.geometry'])
      .where('a.level', '=', filter.level)
      .where('a.fictional', '=', false);
    if (filter.parent) q = q.where('a.parent_code', '=', filter.parent);
    return q.orderBy('a.code').execute();
  }

  /** National indicators with values for real council areas, each once per framework, by framework then name. */
  indicatorChoices() {
    return this.db
      .selectFrom('indicators as i')
      .innerJoin('indicator_frameworks as f', 'f.indicator_code', 'i.code')
      .select(['i.code', 'i.name', 'i.unit', 'i.higher_is_better', 'f.framework'])
      .where('i.partnership_id', 'is', null)
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom('observations as o')
            .innerJoin('areas as a', 'a.code', 'o.area_code')
            .select('o.indicator_code')
            .whereRef('o.indicator_code', '=', 'i.code')
            .where('a.level', '=', 'council_area')
            .where('a.fictional', '=', false)
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

  /** The real council areas that have a partnership, by name, with its code and their CPOP family group. */
  partnershipCouncils() {
    return this.db
      .selectFrom('areas as a')
      .innerJoin('partnerships as p', 'p.council_area_code', 'a.code')
      .leftJoin('family_groups as g', (j) => j.onRef('g.council_code', '=', 'a.code').on('g.scheme_code', '=', 'cpop'))
      .select(['a.code', 'a.name', 'p.code as partnership_code', 'g.group_number'])
      .where('a.level', '=', 'council_area')
      .where('a.fictional', '=', false)
      .orderBy('a.name')
      .execute();
  }

  /** The real areas of these codes, in no order. */
  realAreas(codes: readonly string[]) {
    return this.db
      .selectFrom('areas')
      .select(['code', 'name'])
      .where('code', 'in', [...codes])
      .where('fictional', '=', false)
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
