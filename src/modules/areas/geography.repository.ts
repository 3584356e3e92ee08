import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';

/** A database handle or an open transaction: a caller inside its own transaction hands that in. */
export type GeographyDb = Kysely<Database> | Transaction<Database>;

/**
 * The reads other modules make of the geography (areas and the tables beside it: boundaries, SIMD, population,
 * family groups): looked up by code, in one query.
 */
export class GeographyRepository {
  constructor(private readonly db: GeographyDb) {}

  areasByCodes(codes: readonly string[], db: GeographyDb = this.db) {
    if (codes.length === 0) return Promise.resolve([]);
    return db
      .selectFrom('areas')
      .select(['code', 'name', 'level', 'parent_code', 'partnership_id', 'fictional'])
      .where('code', 'in', [...codes])
      .execute();
  }

  // The reads of the outcomes engine and the national exports (moved from the outcomes and datasets modules).

  /** Every council area's code, in code order. */
  councilAreaCodes() {
    return this.db.selectFrom('areas').select('code').where('level', '=', 'council_area').orderBy('code').execute();
  }

  /** Every council area's code and name. */
  councilAreaNames() {
    return this.db.selectFrom('areas').select(['code', 'name']).where('level', '=', 'council_area').execute();
  }

  /** The real (not fictional) council areas' codes, in code order. */
  realCouncilAreaCodes() {
    return this.db
      .selectFrom('areas')
      .select('code')
      .where('level', '=', 'council_area')
      .where('fictional', '=', false)
      .orderBy('code')
      .execute();
  }

  /** The real council areas, by name, with their CPOP family group. */
  realCouncilAreasWithCpopGroup() {
    return this.db
      .selectFrom('areas as a')
      .leftJoin('family_groups as g', (j) => j.onRef('g.council_code', '=', 'a.code').on('g.scheme_code', '=', 'cpop'))
      .select(['a.code', 'a.name', 'g.group_number'])
      .where('a.level', '=', 'council_area')
      .where('a.fictional', '=', false)
      .orderBy('a.name')
      .execute();
  }

  /** A council area by code, or undefined. */
  councilArea(code: string) {
    return this.db
      .selectFrom('areas')
      .select(['code', 'name', 'fictional'])
      .where('code', '=', code)
      .where('level', '=', 'council_area')
      .executeTakeFirst();
  }

  /** The intermediate zones of a council area (real or fictional as it is), by name then code. */
  councilZones(council: { code: string; fictional: boolean }) {
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
  councilZone(council: { code: string; fictional: boolean }, zoneCode: string) {
    return this.db
      .selectFrom('areas')
      .select(['code', 'name'])
      .where('code', '=', zoneCode)
      .where('level', '=', 'intermediate_zone')
      .where('parent_code', '=', council.code)
      .where('fictional', '=', council.fictional)
      .executeTakeFirst();
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

  /** One of the partnership's localities (code and name), or undefined: the partnership a condition of the query. */
  localityOfPartnership(partnershipId: number, localityCode: string, db: GeographyDb = this.db) {
    return db
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

  /** The partnership's localities (code and name), by name. */
  localityNames(partnershipId: number) {
    return this.db
      .selectFrom('areas')
      .select(['code', 'name'])
      .where('level', '=', 'locality')
      .where('partnership_id', '=', partnershipId)
      .orderBy('name')
      .execute();
  }

  /** The components (areas) of the partnership's localities, with each component's level and parent. */
  localityMembership(partnershipId: number) {
    return this.db
      .selectFrom('locality_components as c')
      .innerJoin('areas as a', 'a.code', 'c.locality_code')
      .innerJoin('areas as part', 'part.code', 'c.component_code')
      .select(['c.locality_code', 'part.code', 'part.level', 'part.parent_code'])
      .where('a.partnership_id', '=', partnershipId)
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

  /** The real areas of these codes (code and name), in no order. */
  realAreaNames(codes: readonly string[]) {
    if (codes.length === 0) return Promise.resolve([]);
    return this.db
      .selectFrom('areas')
      .select(['code', 'name'])
      .where('code', 'in', [...codes])
      .where('fictional', '=', false)
      .execute();
  }

  /** The CPOP family groups: each council's group number. */
  cpopFamilyGroups() {
    return this.db
      .selectFrom('family_groups')
      .select(['council_code', 'group_number'])
      .where('scheme_code', '=', 'cpop')
      .execute();
  }

  /** The codes of the fictional (demo) areas. */
  fictionalAreaCodes() {
    return this.db.selectFrom('areas').select('code').where('fictional', '=', true).execute();
  }

  /** Every real area, by level then code. */
  exportAreas() {
    return this.db
      .selectFrom('areas')
      .select(['code', 'name', 'level', 'parent_code'])
      .where('fictional', '=', false)
      .orderBy('level')
      .orderBy('code')
      .execute();
  }

  /** Every SIMD data zone row, by data zone. */
  exportSimd() {
    return this.db.selectFrom('simd_data_zones').selectAll().orderBy('data_zone_code').execute();
  }

  /** Every population estimate, by area, year, sex and age. */
  exportPopulation() {
    return this.db
      .selectFrom('population_estimates')
      .select(['area_code', 'year', 'sex', 'age', 'population'])
      .orderBy('area_code')
      .orderBy('year')
      .orderBy('sex')
      .orderBy('age')
      .execute();
  }

  /** Every family group membership, by scheme, group and council. */
  exportFamilyGroups() {
    return this.db
      .selectFrom('family_groups')
      .select(['scheme_code', 'council_code', 'group_number'])
      .orderBy('scheme_code')
      .orderBy('group_number')
      .orderBy('council_code')
      .execute();
  }
}
