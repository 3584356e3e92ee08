import {
  DEFAULT_IMPORT_LIMITS,
  MISSING_MARKERS,
  readCsv,
  requireColumns,
  rowNumber,
  type ImportLimits,
  type SourceFile,
} from './csv-reader.ts';
import { ImportError } from './import-errors.ts';
import type { ImportTrx } from './imports.repository.ts';
import { deleteSimdEdition, insertSimdDataZones } from './simd.repository.ts';

/**
 * SIMD 2020v2 "ranks and indicators" CSV as the Scottish Government publishes it: one row per data zone,
 * council named (not coded), rates as text such as "8%". Needs the geography imported first.
 */
const EDITION = '2020v2';
const COLUMNS = {
  data_zone_code: 'Data_Zone',
  council: 'Council_area',
  population: 'Total_population',
  working_age_population: 'Working_Age_population',
  rank: 'SIMD2020v2_Rank',
  percentile: 'SIMD_2020v2_Percentile',
  vigintile: 'SIMD2020v2_Vigintile',
  decile: 'SIMD2020v2_Decile',
  quintile: 'SIMD2020v2_Quintile',
  income_rank: 'SIMD2020v2_Income_Domain_Rank',
  employment_rank: 'SIMD2020_Employment_Domain_Rank',
  health_rank: 'SIMD2020_Health_Domain_Rank',
  education_rank: 'SIMD2020_Education_Domain_Rank',
  access_rank: 'SIMD2020_Access_Domain_Rank',
  crime_rank: 'SIMD2020_Crime_Domain_Rank',
  housing_rank: 'SIMD2020_Housing_Domain_Rank',
  income_rate_pct: 'income_rate',
  income_count: 'income_count',
  employment_rate_pct: 'employment_rate',
  employment_count: 'employment_count',
} as const;
type Field = keyof typeof COLUMNS;
type Stored = Exclude<Field, 'council'>;
/** Domain ranks can be fractional: tied data zones share the mean of their ranks (e.g. crime, 4563.5). */
const DOMAIN_RANKS: Stored[] = [
  'income_rank',
  'employment_rank',
  'health_rank',
  'education_rank',
  'access_rank',
  'crime_rank',
  'housing_rank',
];
const BOUNDED: [Stored, number][] = [
  ['percentile', 100],
  ['vigintile', 20],
  ['decile', 10],
  ['quintile', 5],
];

export interface SimdContext {
  edition: { code: string; data_zones: number };
  /** data zone code → its council area code */
  dataZoneCouncil: ReadonlyMap<string, string>;
  /** any spelling of a council name (lower case) → its code */
  councilByName: ReadonlyMap<string, string>;
}

export type SimdRow = Record<Stored, string | number | null>;

export interface SimdPlan {
  file: string;
  rows: SimdRow[];
  rowsRead: number;
  missingValues: number;
}

export function planSimd(
  source: SourceFile,
  context: SimdContext,
  limits: ImportLimits = DEFAULT_IMPORT_LIMITS,
): SimdPlan {
  const table = readCsv(source, limits);
  const col = requireColumns(table, Object.values(COLUMNS));
  if (table.rows.length === 0) throw new ImportError(table.file, 'has a header but no rows');
  const n = context.edition.data_zones;
  const seen = new Map<string, number>();
  const rankSeen = new Map<number, number>();
  let missingValues = 0;
  const rows: SimdRow[] = table.rows.map((cells, i) => {
    const row = rowNumber(i);
    const cell = (field: Field) => (cells[col[COLUMNS[field]]] ?? '').trim();
    const integer = (field: Field, min: number, max: number): number => {
      const raw = cell(field);
      const value = Number(raw);
      if (!/^-?\d+$/.test(raw) || value < min || value > max) {
        throw new ImportError(table.file, `“${raw}” is not a whole number from ${min} to ${max}`, row, COLUMNS[field]);
      }
      return value;
    };
    const optional = (field: Field, percent: boolean): number | null => {
      const raw = cell(field);
      if (MISSING_MARKERS.has(raw)) {
        missingValues++;
        return null;
      }
      const text = percent ? raw.replace(/%$/, '') : raw;
      const value = Number(text);
      if (!Number.isFinite(value) || text === '' || value < 0)
        throw new ImportError(table.file, `“${raw}” is not a ${percent ? 'percentage' : 'count'}`, row, COLUMNS[field]);
      return value;
    };
    const dz = cell('data_zone_code');
    const council = context.dataZoneCouncil.get(dz);
    if (!council)
      throw new ImportError(
        table.file,
        `“${dz}” is not a known data zone (import the geography first)`,
        row,
        COLUMNS.data_zone_code,
      );
    const earlier = seen.get(dz);
    if (earlier !== undefined)
      throw new ImportError(
        table.file,
        `data zone ${dz} appears twice (rows ${earlier} and ${row})`,
        row,
        COLUMNS.data_zone_code,
      );
    seen.set(dz, row);
    const named = context.councilByName.get(cell('council').toLowerCase());
    if (named !== council) {
      throw new ImportError(
        table.file,
        `“${cell('council')}” is not the council of data zone ${dz} (${council})`,
        row,
        COLUMNS.council,
      );
    }
    const out: Partial<SimdRow> = { data_zone_code: dz };
    out.population = integer('population', 0, 100_000);
    out.working_age_population = integer('working_age_population', 0, 100_000);
    out.rank = integer('rank', 1, n);
    for (const f of DOMAIN_RANKS) {
      const raw = cell(f);
      const value = Number(raw);
      if (raw === '' || !Number.isFinite(value) || value < 1 || value > n)
        throw new ImportError(table.file, `“${raw}” is not a rank from 1 to ${n}`, row, COLUMNS[f]);
      out[f] = value;
    }
    for (const [f, max] of BOUNDED) out[f] = integer(f, 1, max);
    const rank = out.rank as number;
    const other = rankSeen.get(rank);
    if (other !== undefined)
      throw new ImportError(
        table.file,
        `rank ${rank} is given to two data zones (rows ${other} and ${row})`,
        row,
        COLUMNS.rank,
      );
    rankSeen.set(rank, row);
    out.income_rate_pct = optional('income_rate_pct', true);
    out.income_count = optional('income_count', false);
    out.employment_rate_pct = optional('employment_rate_pct', true);
    out.employment_count = optional('employment_count', false);
    return out as SimdRow;
  });
  if (rows.length !== n) {
    throw new ImportError(
      table.file,
      `has ${rows.length} data zones; SIMD ${context.edition.code} ranks all ${n} (is the file cut short?)`,
    );
  }
  return { file: table.file, rows, rowsRead: table.rows.length, missingValues };
}

export interface SimdResult {
  edition: string;
  rowsRead: number;
  rowsLoaded: number;
  replaced: number;
  population: number;
  missingValues: number;
}

export async function applySimd(trx: ImportTrx, plan: SimdPlan, edition: string): Promise<SimdResult> {
  const replaced = await deleteSimdEdition(trx, edition);
  const fields = Object.keys(COLUMNS).filter((f) => f !== 'council') as Stored[];
  const numeric = new Set<string>(['income_rate_pct', 'employment_rate_pct', ...DOMAIN_RANKS]);
  await insertSimdDataZones(
    trx,
    edition,
    fields.map((f) => ({
      name: f,
      type: f === 'data_zone_code' ? 'text' : numeric.has(f) ? 'numeric' : 'int',
      values: plan.rows.map((r) => r[f]),
    })),
  );
  return {
    edition,
    rowsRead: plan.rowsRead,
    rowsLoaded: plan.rows.length,
    replaced,
    population: plan.rows.reduce((sum, r) => sum + (r.population as number), 0),
    missingValues: plan.missingValues,
  };
}

export const SIMD_EDITION = EDITION;
