import { parsePeriod, type Period } from '../../core/periods.ts';
import {
  DEFAULT_IMPORT_LIMITS,
  MISSING_MARKERS,
  readCsv,
  requireColumns,
  rowNumber,
  type ImportLimits,
  type SourceFile,
} from './csv-reader.ts';
import { applyFamilyGroups, type FamilyGroupRow } from './family-groups.importer.ts';
import { ImportError } from './import-errors.ts';
import type { ImportTrx } from './imports.repository.ts';
import { writeObservations } from './observations-writer.ts';

/**
 * CPOP's partnership time series, `CPPcleandata.csv`: one row per partnership (or Scotland), indicator
 * and year, typed "Raw data", "Imputed" or "Projected" — kept apart, as CPOP's methods use raw and
 * imputed values and leave projections out. FG is the council's CPOP family group (1 to 4), the same on
 * all its rows, and NA for Scotland.
 */
const COLUMNS = ['CPP', 'Indicator', 'Type', 'Year', 'value', 'FG'] as const;
const TYPES: Record<string, 'raw' | 'imputed' | 'projected'> = {
  'raw data': 'raw',
  imputed: 'imputed',
  projected: 'projected',
};

export interface ObservationRow {
  indicator: string;
  area: string;
  period: Period;
  valueType: 'raw' | 'imputed' | 'projected';
  value: number;
}

export interface ObservationPlan {
  file: string;
  rows: ObservationRow[];
  rowsRead: number;
  skipped: Record<string, number>;
}

export interface CpopPlan extends ObservationPlan {
  /** Each council's CPOP family group, scheme 'cpop'. */
  familyGroups: FamilyGroupRow[];
}

export interface CpopContext {
  indicatorByName: ReadonlyMap<string, string>;
  areaByName: ReadonlyMap<string, string>;
  /** The code of Scotland, which has no family group. */
  country: string;
}

export function planCpopPartnerships(
  source: SourceFile,
  context: CpopContext,
  limits: ImportLimits = DEFAULT_IMPORT_LIMITS,
): CpopPlan {
  const table = readCsv(source, limits);
  const col = requireColumns(table, COLUMNS);
  if (table.rows.length === 0) throw new ImportError(table.file, 'has a header but no rows');
  const seen = new Map<string, number>();
  const skipped: Record<string, number> = {};
  const rows: ObservationRow[] = [];
  const groups = new Map<string, { group: number; row: number }>();
  table.rows.forEach((cells, i) => {
    const row = rowNumber(i);
    const cell = (name: (typeof COLUMNS)[number]) => (cells[col[name]] ?? '').trim();
    const area = context.areaByName.get(cell('CPP').toLowerCase());
    if (!area)
      throw new ImportError(
        table.file,
        `“${cell('CPP')}” is not a council area or Scotland under any name Cairn knows`,
        row,
        'CPP',
      );
    const indicator = context.indicatorByName.get(cell('Indicator').toLowerCase());
    if (!indicator)
      throw new ImportError(table.file, `“${cell('Indicator')}” is not a CPOP indicator`, row, 'Indicator');
    const valueType = TYPES[cell('Type').toLowerCase()];
    if (!valueType)
      throw new ImportError(table.file, `“${cell('Type')}” is not one of Raw data, Imputed, Projected`, row, 'Type');
    const period = parsePeriod(cell('Year'));
    if (!period)
      throw new ImportError(
        table.file,
        `“${cell('Year')}” is not a year, financial year, range or quarter`,
        row,
        'Year',
      );
    const key = `${indicator}|${area}|${period.label}`;
    const earlier = seen.get(key);
    if (earlier !== undefined)
      throw new ImportError(
        table.file,
        `${cell('CPP')}, ${cell('Indicator')}, ${period.label} appears twice (rows ${earlier} and ${row})`,
        row,
      );
    seen.set(key, row);
    const fg = cell('FG');
    if (area === context.country) {
      if (!MISSING_MARKERS.has(fg))
        throw new ImportError(table.file, `Scotland has no family group, but “${fg}” is given`, row, 'FG');
    } else {
      const group = Number(fg);
      if (!/^\d$/.test(fg) || group < 1 || group > 8)
        throw new ImportError(table.file, `“${fg}” is not a family group (1 to 8)`, row, 'FG');
      const first = groups.get(area);
      if (!first) groups.set(area, { group, row });
      else if (first.group !== group)
        throw new ImportError(
          table.file,
          `${cell('CPP')} is in family group ${first.group} on row ${first.row} but ${group} here`,
          row,
          'FG',
        );
    }
    const raw = cell('value');
    if (MISSING_MARKERS.has(raw)) {
      const reason = `value missing (${raw || 'blank'})`;
      skipped[reason] = (skipped[reason] ?? 0) + 1;
      return;
    }
    const value = Number(raw);
    if (!Number.isFinite(value)) throw new ImportError(table.file, `“${raw}” is not a number`, row, 'value');
    rows.push({ indicator, area, period, valueType, value });
  });
  const familyGroups = [...groups].map(([council, g]) => ({ scheme: 'cpop', council, group: g.group }));
  return { file: table.file, rows, rowsRead: table.rows.length, skipped, familyGroups };
}

export interface ObservationsResult {
  rowsRead: number;
  rowsLoaded: number;
  skipped: Record<string, number>;
  byType: Record<string, number>;
  indicators: number;
  areas: number;
}

export interface CpopResult extends ObservationsResult {
  /** Councils whose CPOP family group was recorded. */
  familyGroups: number;
}

/** The observations and, in the same transaction, each council's CPOP family group. */
export async function applyCpopPartnerships(
  trx: ImportTrx,
  plan: CpopPlan,
  runId: number,
  onProgress?: (done: number, total: number) => void,
): Promise<CpopResult> {
  const result = await applyObservations(trx, plan, runId, onProgress);
  await applyFamilyGroups(trx, plan.familyGroups, runId);
  return { ...result, familyGroups: plan.familyGroups.length };
}

/** Insert or replace observations (observations-writer.ts). */
export async function applyObservations(
  trx: ImportTrx,
  plan: ObservationPlan,
  runId: number,
  onProgress?: (done: number, total: number) => void,
): Promise<ObservationsResult> {
  const r = plan.rows;
  await writeObservations(trx, r, runId, { withParts: false, onlyChanged: false, onProgress });
  const byType: Record<string, number> = {};
  for (const x of r) byType[x.valueType] = (byType[x.valueType] ?? 0) + 1;
  return {
    rowsRead: plan.rowsRead,
    rowsLoaded: r.length,
    skipped: plan.skipped,
    byType,
    indicators: new Set(r.map((x) => x.indicator)).size,
    areas: new Set(r.map((x) => x.area)).size,
  };
}
