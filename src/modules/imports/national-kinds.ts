import { readdirSync } from 'node:fs';
import path from 'node:path';
import type { RequestContext } from '../../core/context.ts';
import type { SourceFile } from './csv-reader.ts';
import type { ImportOptions, ImportsService, ImportSummary } from './imports.service.ts';

export type AnySummary = ImportSummary<{ rowsRead: number; rowsLoaded: number; skipped?: Record<string, number> }>;

/**
 * The national files Cairn reads, in the order a fresh database needs them (areas before the data
 * about them), each with where it sits in the folder layout of ../shared/data. The CLI
 * (`cairn import scotland`, `cairn import <kind>`) and the browser upload both read this list.
 */
export interface NationalImportKind {
  kind: string;
  label: string;
  description: string;
  /** Several files in one all-or-nothing import (CPOP's inequality inputs, one per year). */
  multiple: boolean;
  /** The files of this kind in the shared data layout, relative to its root. */
  layout: (root: string) => string[];
  run: (
    imports: ImportsService,
    ctx: RequestContext,
    sources: SourceFile[],
    options: ImportOptions,
  ) => Promise<AnySummary>;
}

const one =
  (...parts: string[]) =>
  () => [path.join(...parts)];
const first = (sources: SourceFile[]) => sources[0]!;

export const NATIONAL_IMPORTS: readonly NationalImportKind[] = [
  {
    kind: 'geography',
    label: 'Data zone lookup',
    description:
      'The data zone 2011 lookup (statistics.gov.scot or NRS layout): intermediate zones, data zones, wards, health boards, urban/rural classes.',
    multiple: false,
    layout: () => [
      path.join('geography', 'DataZone2011lookup.csv'),
      path.join('geography', 'Datazone2011lookup_all_geographies.csv'),
    ],
    run: (i, ctx, s, o) => i.importGeography(ctx, first(s), o),
  },
  {
    kind: 'simd',
    label: 'SIMD 2020v2',
    description:
      'SIMD 2020v2 ranks and indicators (CSV): ranks, deciles, quintiles, domain ranks, population, income and employment per data zone.',
    multiple: false,
    layout: one('simd', 'simd2020_withinds.csv'),
    run: (i, ctx, s, o) => i.importSimd(ctx, first(s), o),
  },
  {
    kind: 'boundaries',
    label: 'Boundaries (GeoJSON)',
    description: 'Council area or intermediate zone boundaries as a GeoJSON FeatureCollection, for maps.',
    multiple: false,
    layout: () => [
      path.join('boundaries', 'npw_scotland_boundaries.geojson'),
      path.join('boundaries', 'izboundaries_simplified.geojson'),
    ],
    run: (i, ctx, s, o) => i.importBoundaries(ctx, first(s), o),
  },
  {
    kind: 'population',
    label: 'NRS population estimates',
    description: 'NRS mid-year population estimates by council area, sex and single year of age (.xlsx).',
    multiple: false,
    layout: one('population', 'Mid-year_population_estimates.xlsx'),
    run: (i, ctx, s, o) => i.importPopulation(ctx, first(s), o),
  },
  {
    kind: 'cpop-partnerships',
    label: 'CPOP partnership series',
    description:
      'CPOP’s time series for the 32 partnerships and Scotland (CPPcleandata.csv), raw, imputed and projected kept apart, with CPOP’s family groups.',
    multiple: false,
    layout: one('cpop', 'CPPcleandata.csv'),
    run: (i, ctx, s, o) => i.importCpopPartnerships(ctx, first(s), o),
  },
  {
    kind: 'cpop-inequality',
    label: 'CPOP inequality inputs',
    description:
      'CPOP’s inequality inputs (YEAR_IGZ.csv, one file a year): income-deprived and other people and outcome values per intermediate zone.',
    multiple: true,
    layout: (root) =>
      readdirSync(path.join(root, 'cpop', 'inequality-inputs'))
        .filter((f) => /^\d{4}_IGZ\.csv$/.test(f))
        .sort()
        .map((f) => path.join('cpop', 'inequality-inputs', f)),
    run: (i, ctx, s, o) => i.importInequality(ctx, s, o),
  },
  {
    kind: 'cpop-communities',
    label: 'CPOP community series',
    description: 'CPOP’s intermediate zone (community) time series: IGZ_Data_Sep_23.xlsx or its tidy CSV derivative.',
    multiple: false,
    layout: one('cpop', 'IGZ_Data_Sep_23.xlsx'),
    run: (i, ctx, s, o) => i.importCpopCommunities(ctx, first(s), o),
  },
  {
    kind: 'lgbf-indicators',
    label: 'LGBF indicator definitions',
    description: 'The LGBF metadata workbook (Metadata_Shiny.xlsx): codes, titles, categories and polarity.',
    multiple: false,
    layout: one('lgbf', 'Metadata_Shiny.xlsx'),
    run: (i, ctx, s, o) => i.importLgbfIndicators(ctx, first(s), o),
  },
  {
    kind: 'lgbf',
    label: 'LGBF benchmarking data',
    description:
      'The LGBF raw benchmarking workbook (new_bnch_data.xlsx, sheet “Raw Data”): cash and real-terms values with numerators and denominators.',
    multiple: false,
    layout: one('lgbf', 'new_bnch_data.xlsx'),
    run: (i, ctx, s, o) => i.importLgbf(ctx, first(s), o),
  },
  {
    kind: 'family-groups',
    label: 'LGBF family groups',
    description:
      'LGBF family groups (Family_Groups.csv): four groups of eight councils, for each of the two kinds of indicator.',
    multiple: false,
    layout: one('lgbf', 'Family_Groups.csv'),
    run: (i, ctx, s, o) => i.importFamilyGroups(ctx, first(s), o),
  },
  {
    kind: 'npf',
    label: 'National Performance Framework',
    description:
      'The NPF database download (npf_database.xlsx or CSV): Scotland and council-area figures, messy names and periods mapped, what cannot be mapped reported.',
    multiple: false,
    layout: one('npf', 'npf_database.xlsx'),
    run: (i, ctx, s, o) => i.importNpf(ctx, first(s), o),
  },
];

export function nationalImport(kind: string): NationalImportKind | undefined {
  return NATIONAL_IMPORTS.find((k) => k.kind === kind);
}
