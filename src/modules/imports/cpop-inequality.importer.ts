import {
  DEFAULT_IMPORT_LIMITS,
  MISSING_MARKERS,
  readCsv,
  requireColumns,
  rowNumber,
  type ImportLimits,
  type SourceFile,
} from './csv-reader.ts';
import { deleteInequalityYears, insertInequalityValues, insertInequalityZones } from './cpop-inequality.repository.ts';
import { ImportError } from './import-errors.ts';
import type { ImportTrx } from './imports.repository.ts';

/**
 * CPOP's inequality inputs, `YEAR_IGZ.csv` (2006 to 2021): one row per intermediate zone, known by its
 * council (`la`, by name) and its position in the council's list; income-deprived and other people;
 * the outcome values. Missing values appear as NA, #N/A or blank, and some years lack the counts.
 */
export const INEQUALITY_COLUMNS: Record<string, string> = {
  Depop: 'cpop-depopulation',
  EM: 'cpop-early-mortality',
  CP: 'cpop-child-poverty',
  Attain: 'cpop-attainment',
  PD: 'cpop-participation-rate',
  EA: 'cpop-emergency-admissions',
  crime: 'cpop-crime-rate',
};

export interface InequalityPlan {
  files: string[];
  zones: {
    year: number;
    council: string;
    index: number;
    deprived: number | null;
    other: number | null;
    population: number | null;
  }[];
  values: { year: number; council: string; index: number; indicator: string; value: number | null }[];
  rowsRead: number;
  missing: number;
}

export function planInequality(
  sources: SourceFile[],
  councilByName: ReadonlyMap<string, string>,
  limits: ImportLimits = DEFAULT_IMPORT_LIMITS,
): InequalityPlan {
  const plan: InequalityPlan = { files: [], zones: [], values: [], rowsRead: 0, missing: 0 };
  const years = new Map<number, string>();
  for (const source of sources) {
    const table = readCsv(source, limits);
    const col: Record<string, number> = requireColumns(table, [
      'year',
      'la',
      'inc.n',
      'noninc.n',
      'pop',
      ...Object.keys(INEQUALITY_COLUMNS),
    ]);
    if (table.rows.length === 0) throw new ImportError(table.file, 'has a header but no rows');
    plan.files.push(table.file);
    plan.rowsRead += table.rows.length;
    const counters = new Map<string, number>();
    let fileYear: number | null = null;
    table.rows.forEach((cells, i) => {
      const row = rowNumber(i);
      const cell = (name: string) => (cells[col[name] ?? -1] ?? '').trim();
      const year = Number(cell('year'));
      if (!Number.isInteger(year) || year < 1990 || year > 2100)
        throw new ImportError(table.file, `“${cell('year')}” is not a year`, row, 'year');
      if (fileYear === null) {
        fileYear = year;
        const other = years.get(year);
        if (other) throw new ImportError(table.file, `holds ${year}, which ${other} holds too`, row, 'year');
        years.set(year, table.file);
      } else if (year !== fileYear)
        throw new ImportError(table.file, `mixes years ${fileYear} and ${year}`, row, 'year');
      const council = councilByName.get(cell('la').toLowerCase());
      if (!council)
        throw new ImportError(
          table.file,
          `“${cell('la')}” is not a council area under any name Cairn knows`,
          row,
          'la',
        );
      const index = (counters.get(council) ?? 0) + 1;
      counters.set(council, index);
      const num = (name: string): number | null => {
        const raw = cell(name);
        if (MISSING_MARKERS.has(raw)) {
          plan.missing++;
          return null;
        }
        const v = Number(raw);
        if (!Number.isFinite(v)) throw new ImportError(table.file, `“${raw}” is not a number`, row, name);
        return v;
      };
      plan.zones.push({ year, council, index, deprived: num('inc.n'), other: num('noninc.n'), population: num('pop') });
      for (const [column, indicator] of Object.entries(INEQUALITY_COLUMNS))
        plan.values.push({ year, council, index, indicator, value: num(column) });
    });
  }
  return plan;
}

export interface InequalityResult {
  files: number;
  years: number[];
  rowsRead: number;
  rowsLoaded: number;
  missingValues: number;
}

export async function applyInequality(trx: ImportTrx, plan: InequalityPlan, runId: number): Promise<InequalityResult> {
  const years = [...new Set(plan.zones.map((z) => z.year))].sort();
  await deleteInequalityYears(trx, years);
  const z = plan.zones;
  await insertInequalityZones(trx, z, runId);
  await insertInequalityValues(trx, plan.values);
  return {
    files: plan.files.length,
    years,
    rowsRead: plan.rowsRead,
    rowsLoaded: z.length,
    missingValues: plan.missing,
  };
}
