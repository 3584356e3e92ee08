import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';

/** The database a national export reads. */
export type DatasetsDb = Kysely<Database>;

/*
 * The queries behind `cairn export <dataset>`. The catalogue owns no table: every one read here is another
 * module's (areas: areas, simd_data_zones, population_estimates, family_groups; outcomes: indicators,
 * indicator_frameworks, observations; imports: import_runs).
 */

/** Every real area, by level then code. */
export function areaRows(db: DatasetsDb) {
  return db
    .selectFrom('areas')
    .select(['code', 'name', 'level', 'parent_code'])
    .where('fictional', '=', false)
    .orderBy('level')
    .orderBy('code')
    .execute();
}

/** Every national indicator once for each of its frameworks, by framework then code. */
export function indicatorRows(db: DatasetsDb) {
  return db
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

/** Every value of a national indicator for a real area, by indicator, area and period. */
export function observationRows(db: DatasetsDb) {
  return db
    .selectFrom('observations as o')
    .innerJoin('indicators as i', 'i.code', 'o.indicator_code')
    .innerJoin('areas as a', 'a.code', 'o.area_code')
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
    .where('i.partnership_id', 'is', null)
    .where('a.fictional', '=', false)
    .orderBy('o.indicator_code')
    .orderBy('o.area_code')
    .orderBy('o.period_start')
    .execute();
}

/** Every SIMD data zone row, by data zone. */
export function simdRows(db: DatasetsDb) {
  return db.selectFrom('simd_data_zones').selectAll().orderBy('data_zone_code').execute();
}

/** Every population estimate, by area, year, sex and age. */
export function populationRows(db: DatasetsDb) {
  return db
    .selectFrom('population_estimates')
    .select(['area_code', 'year', 'sex', 'age', 'population'])
    .orderBy('area_code')
    .orderBy('year')
    .orderBy('sex')
    .orderBy('age')
    .execute();
}

/** Every family group membership, by scheme, group and council. */
export function familyGroupRows(db: DatasetsDb) {
  return db
    .selectFrom('family_groups')
    .select(['scheme_code', 'council_code', 'group_number'])
    .orderBy('scheme_code')
    .orderBy('group_number')
    .orderBy('council_code')
    .execute();
}

/** Every national import run, in the order they were made. */
export function importRunRows(db: DatasetsDb) {
  return db
    .selectFrom('import_runs')
    .select([
      'id',
      'kind',
      'file_name',
      'checksum',
      'bytes',
      'rows_read',
      'rows_loaded',
      'rows_skipped',
      'actor_label',
      'finished_at',
    ])
    .where('partnership_id', 'is', null)
    .orderBy('id')
    .execute();
}
