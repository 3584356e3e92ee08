import type { RequestContext } from '../../core/context.ts';
import type { CsvColumn } from '../../core/csv.ts';
import type { Geography } from '../areas/index.ts';
import type { RecommendationsService } from '../improvement/index.ts';
import type { ImportsService } from '../imports/index.ts';
import type { OutcomesService } from '../outcomes/index.ts';

type Row = Record<string, unknown>;

/**
 * What the exports read, each through the module that owns it (issue #15, item 4: the catalogue owns no
 * table): the geography (areas), the indicators, their values and the Duncan index (outcomes), the national
 * import runs (imports), and the recommendations with their latest ratings (improvement).
 */
export interface DatasetSources {
  recommendations: Pick<RecommendationsService, 'exportRows'>;
  geography: Pick<Geography, 'exportAreas' | 'exportSimd' | 'exportPopulation' | 'exportFamilyGroups'>;
  outcomes: Pick<OutcomesService, 'exportIndicators' | 'exportObservations' | 'duncanIndexes'>;
  imports: Pick<ImportsService, 'exportNationalRuns'>;
}

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
  rows: (sources: DatasetSources, ctx: RequestContext) => Promise<Row[]>;
}

const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

export const DATASETS: readonly Dataset[] = [
  {
    name: 'areas',
    description:
      'every area: code, name, level (country, council_area, intermediate_zone, data_zone, ward, health_board) and parent',
    rows: ({ geography }) => geography.exportAreas(),
  },
  {
    name: 'indicators',
    description:
      'every national indicator: code, name, unit, polarity, framework, its code in its framework, category, source',
    rows: ({ outcomes }, ctx) => outcomes.exportIndicators(ctx),
  },
  {
    name: 'observations',
    description:
      'every national value: area, indicator, period, value type (raw, imputed, projected), value, real terms, bounds, numerator, denominator',
    rows: async ({ outcomes }, ctx) =>
      (await outcomes.exportObservations(ctx)).map((r) => ({
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
    rows: async ({ geography }) =>
      (await geography.exportSimd()).map((r) => {
        const out: Row = {};
        for (const [k, v] of Object.entries(r))
          out[k] = typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v) ? Number(v) : v;
        return out;
      }),
  },
  {
    name: 'population',
    description: 'NRS mid-year population estimates: area, year, sex, age, population',
    rows: ({ geography }) => geography.exportPopulation(),
  },
  {
    name: 'family-groups',
    description: 'CPOP and LGBF family groups: scheme, council area, group',
    rows: ({ geography }) => geography.exportFamilyGroups(),
  },
  {
    name: 'inequality',
    description: 'the Duncan index for every partnership, indicator and year',
    rows: async ({ outcomes }, ctx) =>
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
    rows: async ({ imports }) =>
      (await imports.exportNationalRuns()).map((r) => ({
        ...r,
        finished_at: new Date(r.finished_at).toISOString(),
      })),
  },
  {
    name: 'recommendations',
    description:
      'every report’s recommendations (the impact table): report, group, ref, text, addressees, audit dimensions, latest rating, its date and narrative',
    rows: async ({ recommendations }) => (await recommendations.exportRows()).map((r) => ({ ...r })),
  },
];

/** The exports, over the sources the composition root hands the datasets module. */
export class DatasetExports {
  constructor(private readonly sources: DatasetSources) {}

  /** One dataset's rows, to write as CSV or JSON. */
  rows(dataset: Dataset, ctx: RequestContext): Promise<Row[]> {
    return dataset.rows(this.sources, ctx);
  }
}

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
