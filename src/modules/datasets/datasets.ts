import type { Kysely } from 'kysely';
import type { RequestContext } from '../../core/context.ts';
import type { CsvColumn } from '../../core/csv.ts';
import type { Database } from '../../db/schema.ts';
import { RecommendationsService } from '../improvement/index.ts';
import type { OutcomesService } from '../outcomes/index.ts';

type Row = Record<string, unknown>;

/**
 * The tables `cairn export <dataset>` writes, as CSV or JSON: everything national that Cairn holds, in
 * tidy form, so that an analyst can take it into R, Python or a spreadsheet. Fictional (demo) areas and
 * partnerships' own indicators are never part of a national export.
 *
 * The catalogue is a module of its own because it reads what several modules hold (areas, outcomes,
 * imports, improvement) and none of them owns it: kept in outcomes, it made outcomes and improvement
 * import each other (improvement needs OutcomesService; the recommendations export is improvement's).
 */
export interface Dataset {
  name: string;
  description: string;
  rows: (db: Kysely<Database>, outcomes: OutcomesService, ctx: RequestContext) => Promise<Row[]>;
}

const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

export const DATASETS: readonly Dataset[] = [
  {
    name: 'areas',
    description:
      'every area: code, name, level (country, council_area, intermediate_zone, data_zone, ward, health_board) and parent',
    rows: (db) =>
      db
        .selectFrom('areas')
        .select(['code', 'name', 'level', 'parent_code'])
        .where('fictional', '=', false)
        .orderBy('level')
        .orderBy('code')
        .execute(),
  },
  {
    name: 'indicators',
    description:
      'every national indicator: code, name, unit, polarity, framework, its code in its framework, category, source',
    rows: (db) =>
      db
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
        .execute(),
  },
  {
    name: 'observations',
    description:
      'every national value: area, indicator, period, value type (raw, imputed, projected), value, real terms, bounds, numerator, denominator',
    rows: async (db) =>
      (
        await db
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
          .execute()
      ).map((r) => ({
        ...r,
        period_start: String(r.period_start),
        period_end: String(r.period_end),
        value: num(r.value),
        real_terms_value: num(r.real_terms_value),
        lower_bound: num(r.lower_bound),
        upper_bound: num(r.upper_bound),
        numerator: num(r.numerator),
        denominator: num(r.denominator),
      })),
  },
  {
    name: 'simd',
    description: 'SIMD 2020v2 per data zone: rank, decile, quintile, population',
    rows: async (db) =>
      (await db.selectFrom('simd_data_zones').selectAll().orderBy('data_zone_code').execute()).map((r) => {
        const out: Row = {};
        for (const [k, v] of Object.entries(r))
          out[k] = typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v) ? Number(v) : v;
        return out;
      }),
  },
  {
    name: 'population',
    description: 'NRS mid-year population estimates: area, year, sex, age, population',
    rows: (db) =>
      db
        .selectFrom('population_estimates')
        .select(['area_code', 'year', 'sex', 'age', 'population'])
        .orderBy('area_code')
        .orderBy('year')
        .orderBy('sex')
        .orderBy('age')
        .execute(),
  },
  {
    name: 'family-groups',
    description: 'CPOP and LGBF family groups: scheme, council area, group',
    rows: (db) =>
      db
        .selectFrom('family_groups')
        .select(['scheme_code', 'council_code', 'group_number'])
        .orderBy('scheme_code')
        .orderBy('group_number')
        .orderBy('council_code')
        .execute(),
  },
  {
    name: 'inequality',
    description: 'the Duncan index for every partnership, indicator and year',
    rows: async (_db, outcomes, ctx) =>
      (await outcomes.duncanIndexes(ctx)).map((r) => ({
        council_code: r.councilCode,
        council: r.council,
        indicator_code: r.indicatorCode,
        indicator: r.indicator,
        year: r.year,
        duncan_index: r.duncanIndex === null ? null : Number(r.duncanIndex.toFixed(6)),
        zones: r.zones,
        missing_values: r.missingValues,
        note: r.note,
      })),
  },
  {
    name: 'imports',
    description: 'the national files loaded: kind, file, SHA-256 checksum, counts, who and when',
    rows: async (db) =>
      (
        await db
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
          .execute()
      ).map((r) => ({
        ...r,
        finished_at: new Date(r.finished_at).toISOString(),
      })),
  },
  {
    name: 'recommendations',
    description:
      'every report’s recommendations (the impact table): report, group, ref, text, addressees, audit dimensions, latest rating, its date and narrative',
    rows: async (db) => (await RecommendationsService.exportRows(db)).map((r) => ({ ...r })),
  },
];

export function dataset(name: string): Dataset | undefined {
  return DATASETS.find((d) => d.name === name);
}

/** CSV columns for rows of plain values: the keys of the first row, in order. */
export function columnsOf(rows: readonly Row[]): CsvColumn<Row>[] {
  return Object.keys(rows[0] ?? {}).map((k) => ({
    header: k,
    value: (r: Row) => r[k] as string | number | boolean | null | undefined,
  }));
}
