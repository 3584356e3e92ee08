import { parsePeriod, type Period } from '../../core/periods.ts';
import {
  applyObservations,
  type ObservationPlan,
  type ObservationRow,
  type ObservationsResult,
} from './cpop.importer.ts';
import {
  checkFileSize,
  countReason,
  DEFAULT_IMPORT_LIMITS,
  MISSING_MARKERS,
  readCsv,
  requireColumns,
  rowNumber,
  type CsvTable,
  type ImportLimits,
  type SourceFile,
} from './csv-reader.ts';
import { ImportError } from './import-errors.ts';
import type { ImportTrx } from './imports.repository.ts';
import { columnLetter, looksLikeXlsx, readWorkbook, type SheetTable } from './xlsx-reader.ts';

/**
 * CPOP's community (intermediate zone) time series, 2010/11 to 2024/25, in either layout:
 *   workbook  IGZ_Data_Sep_23.xlsx: a "Labels" worksheet (InterZone, InterZone_Name, CPP, typology) and one
 *             worksheet per indicator, wide: an InterZone column, then one column per year headed
 *             "<Indicator>_<Raw data|Imputed|Projected>_<yyyy/yy>" (so projections are marked in the heading);
 *             a cell left blank is a value CPOP does not have
 *   tidy CSV  cpop_intermediate_zone_timeseries.csv (data/derived): one row per zone, indicator and year,
 *             columns intermediate_zone_code, council_code, indicator, year, value_type, value; values CPOP
 *             does not have are left out
 * The layout is told from the file itself (an .xlsx is a zip archive). Both give the same observations,
 * and both report the same holes in the grid of zones × years (`missing`): in the workbook as blank cells,
 * in the CSV as absent rows. Zones are known by their 2011 code and must be in Cairn's geography (import the
 * data zone lookup first), in the council area the file puts them in.
 */

export const COMMUNITY_COLUMNS = [
  'intermediate_zone_code',
  'council_code',
  'indicator',
  'year',
  'value_type',
  'value',
] as const;
const LABELS_SHEET = 'Labels';
const LABEL_COLUMNS = ['InterZone', 'CPP'] as const;
const ZONE_COLUMN = 'InterZone';
/** "Child Poverty_Raw data_2014/15", "Attainment_Imputed_2021/22", "Crime Rate_Projected_2022/23" */
const WIDE_HEADER = /^(.+?)_(raw data|imputed|projected)_(.+)$/i;
const TYPES: Record<string, ObservationRow['valueType']> = {
  'raw data': 'raw',
  imputed: 'imputed',
  projected: 'projected',
};
/** How many of the missing values a result lists by name (it counts them all). */
const LIST_MISSING = 20;

export interface CommunitiesContext {
  /** CPOP indicator name (lower case) → Cairn indicator code */
  indicatorByName: ReadonlyMap<string, string>;
  /** Every real intermediate zone Cairn knows → the code of its council area */
  zoneCouncil: ReadonlyMap<string, string>;
  /** Any spelling of a council area's name (lower case) → its code (the workbook's Labels name councils) */
  councilByName: ReadonlyMap<string, string>;
  /** Council codes, current and pre-2018/19, → the current code (the CSV gives codes) */
  councilCodes: ReadonlyMap<string, string>;
}

export interface MissingValue {
  area: string;
  indicator: string;
  period: string;
}

export interface CommunitiesPlan extends ObservationPlan {
  layout: 'workbook' | 'csv';
  /** Values absent from the grid each indicator's zones and years make, in zone, indicator, period order. */
  missing: MissingValue[];
}

export interface CommunitiesResult extends ObservationsResult {
  layout: 'workbook' | 'csv';
  /** Council areas whose zones were loaded. */
  councils: number;
  /** Values the source does not have (a blank cell, or a row left out), and the first of them by name. */
  missingValues: number;
  missing: MissingValue[];
}

/** Reads values and checks each (zone, indicator, period) once, whichever layout they come from. */
class Collector {
  readonly rows: ObservationRow[] = [];
  readonly skipped: Record<string, number> = {};
  private readonly seen = new Map<string, string>();
  /** indicator → periods it has, and zones with any value (or hole) for it */
  private readonly grid = new Map<string, { periods: Map<string, Period>; zones: Set<string> }>();
  private readonly present = new Set<string>();

  constructor(private readonly context: CommunitiesContext) {}

  indicator(file: string, name: string, row: number, column: string): string {
    const code = this.context.indicatorByName.get(name.trim().toLowerCase());
    if (!code) throw new ImportError(file, `“${name}” is not a CPOP indicator`, row, column);
    return code;
  }

  valueType(file: string, raw: string, row: number, column: string): ObservationRow['valueType'] {
    const type = TYPES[raw.trim().toLowerCase()];
    if (!type) throw new ImportError(file, `“${raw}” is not one of Raw data, Imputed, Projected`, row, column);
    return type;
  }

  period(file: string, raw: string, row: number, column: string): Period {
    const period = parsePeriod(raw);
    if (!period) throw new ImportError(file, `“${raw}” is not a year or financial year`, row, column);
    return period;
  }

  /** The zone's council area, checking the zone is one Cairn knows. */
  zone(file: string, raw: string, row: number, column: string): string {
    const code = raw.trim();
    if (code === '') throw new ImportError(file, 'has no intermediate zone code', row, column);
    const council = this.context.zoneCouncil.get(code);
    if (!council) {
      const hint = /^S02\d{6}$/.test(code)
        ? ' (import the data zone lookup first, or check the code)'
        : ' (codes look like S02001236)';
      throw new ImportError(file, `“${code}” is not an intermediate zone Cairn knows${hint}`, row, column);
    }
    return council;
  }

  /** Add one value (or record a hole where the source has none). `where` names the place for a duplicate. */
  add(
    file: string,
    o: { area: string; indicator: string; period: Period; valueType: ObservationRow['valueType'] },
    raw: string,
    row: number,
    column: string,
    where: string,
  ) {
    const key = `${o.area}|${o.indicator}|${o.period.label}`;
    const earlier = this.seen.get(key);
    if (earlier !== undefined)
      throw new ImportError(
        file,
        `${o.area}, ${o.indicator}, ${o.period.label} appears twice (${earlier} and ${where})`,
        row,
        column,
      );
    this.seen.set(key, where);
    const g =
      this.grid.get(o.indicator) ??
      this.grid.set(o.indicator, { periods: new Map(), zones: new Set() }).get(o.indicator)!;
    g.periods.set(o.period.label, o.period);
    g.zones.add(o.area);
    const text = raw.trim();
    if (MISSING_MARKERS.has(text)) {
      countReason(this.skipped, `value missing (${text || 'blank'})`);
      return;
    }
    const value = Number(text);
    if (!Number.isFinite(value)) throw new ImportError(file, `“${text}” is not a number`, row, column);
    this.present.add(key);
    this.rows.push({ ...o, value });
  }

  /** Every (zone, indicator, period) in the grid of an indicator's zones × years that has no value. */
  missing(): MissingValue[] {
    const out: MissingValue[] = [];
    for (const [indicator, g] of this.grid) {
      const periods = [...g.periods.values()].sort((a, b) => a.start.localeCompare(b.start));
      for (const area of g.zones)
        for (const p of periods)
          if (!this.present.has(`${area}|${indicator}|${p.label}`)) out.push({ area, indicator, period: p.label });
    }
    return out.sort(
      (a, b) =>
        a.area.localeCompare(b.area) || a.indicator.localeCompare(b.indicator) || a.period.localeCompare(b.period),
    );
  }
}

function planWorkbook(
  name: string,
  sheets: SheetTable[],
  context: CommunitiesContext,
): { collector: Collector; rowsRead: number } {
  const collector = new Collector(context);
  const labels = sheets.find((s) => s.sheet.trim().toLowerCase() === LABELS_SHEET.toLowerCase());
  if (!labels)
    throw new ImportError(
      name,
      `has no worksheet named “${LABELS_SHEET}”, which names each zone’s council area (it has: ${sheets.map((s) => s.sheet.trim()).join(', ')})`,
    );

  // Labels: each zone once, in the council area Cairn has it in.
  const labelled = new Map<string, number>();
  const lc = requireColumns(labels, LABEL_COLUMNS);
  labels.rows.forEach((cells, i) => {
    const row = labels.rowNumbers[i]!;
    if (cells.every((c) => c.trim() === '')) return;
    const code = (cells[lc.InterZone] ?? '').trim();
    const council = collector.zone(labels.file, code, row, 'InterZone');
    const cpp = (cells[lc.CPP] ?? '').trim();
    const named = context.councilByName.get(cpp.toLowerCase());
    if (!named)
      throw new ImportError(labels.file, `“${cpp}” is not a council area under any name Cairn knows`, row, 'CPP');
    if (named !== council)
      throw new ImportError(
        labels.file,
        `${code} lies in council area ${council}, not in ${cpp} (${named})`,
        row,
        'CPP',
      );
    const earlier = labelled.get(code);
    if (earlier !== undefined)
      throw new ImportError(labels.file, `${code} appears twice (rows ${earlier} and ${row})`, row, 'InterZone');
    labelled.set(code, row);
  });

  let rowsRead = 0;
  for (const sheet of sheets) {
    if (sheet === labels) continue;
    const zc = requireColumns(sheet, [ZONE_COLUMN]).InterZone;
    const columnName = (j: number) => `${sheet.header[j] || '(no heading)'} (${columnLetter(j)})`;
    // Each value column says what it holds: indicator, value type and year.
    const columns = sheet.header.flatMap((h, j) => {
      if (j === zc) return [];
      if (h === '') {
        if (sheet.rows.every((r) => (r[j] ?? '').trim() === '')) return [];
        throw new ImportError(
          sheet.file,
          `column ${columnLetter(j)} has values but no heading`,
          sheet.headerRow,
          columnLetter(j),
        );
      }
      const m = WIDE_HEADER.exec(h);
      if (!m)
        throw new ImportError(
          sheet.file,
          `the heading “${h}” is not <indicator>_<Raw data, Imputed or Projected>_<year>, like “Child Poverty_Raw data_2014/15”`,
          sheet.headerRow,
          columnName(j),
        );
      return [
        {
          index: j,
          indicator: collector.indicator(sheet.file, m[1]!, sheet.headerRow, columnName(j)),
          valueType: collector.valueType(sheet.file, m[2]!, sheet.headerRow, columnName(j)),
          period: collector.period(sheet.file, m[3]!, sheet.headerRow, columnName(j)),
        },
      ];
    });
    if (columns.length === 0)
      throw new ImportError(
        sheet.file,
        'has no value columns (headed like “Child Poverty_Raw data_2014/15”)',
        sheet.headerRow,
      );
    if (sheet.rows.length === 0) throw new ImportError(sheet.file, 'has a header but no rows');
    sheet.rows.forEach((cells, i) => {
      const row = sheet.rowNumbers[i]!;
      if (cells.every((c) => c.trim() === '')) return;
      const area = (cells[zc] ?? '').trim();
      collector.zone(sheet.file, area, row, ZONE_COLUMN);
      if (!labelled.has(area))
        throw new ImportError(sheet.file, `${area} is not in the ${LABELS_SHEET} worksheet`, row, ZONE_COLUMN);
      for (const c of columns) {
        rowsRead++;
        collector.add(
          sheet.file,
          { area, indicator: c.indicator, period: c.period, valueType: c.valueType },
          cells[c.index] ?? '',
          row,
          columnName(c.index),
          `worksheet “${sheet.sheet.trim()}” row ${row}`,
        );
      }
    });
  }
  if (rowsRead === 0) throw new ImportError(name, 'has no indicator worksheets beside Labels');
  return { collector, rowsRead };
}

function planTidy(table: CsvTable, context: CommunitiesContext): { collector: Collector; rowsRead: number } {
  const col = requireColumns(table, COMMUNITY_COLUMNS);
  if (table.rows.length === 0) throw new ImportError(table.file, 'has a header but no rows');
  const collector = new Collector(context);
  table.rows.forEach((cells, i) => {
    const row = rowNumber(i);
    const cell = (name: (typeof COMMUNITY_COLUMNS)[number]) => (cells[col[name]] ?? '').trim();
    const area = cell('intermediate_zone_code');
    const council = collector.zone(table.file, area, row, 'intermediate_zone_code');
    const given = context.councilCodes.get(cell('council_code'));
    if (!given)
      throw new ImportError(table.file, `“${cell('council_code')}” is not a council area code`, row, 'council_code');
    if (given !== council)
      throw new ImportError(
        table.file,
        `${area} lies in council area ${council}, not ${cell('council_code')}`,
        row,
        'council_code',
      );
    const indicator = collector.indicator(table.file, cell('indicator'), row, 'indicator');
    const valueType = collector.valueType(table.file, cell('value_type'), row, 'value_type');
    const period = collector.period(table.file, cell('year'), row, 'year');
    collector.add(table.file, { area, indicator, period, valueType }, cell('value'), row, 'value', `row ${row}`);
  });
  return { collector, rowsRead: table.rows.length };
}

/** Read and check the whole file, in either layout, before anything is written. */
export async function planCpopCommunities(
  source: SourceFile,
  context: CommunitiesContext,
  limits: ImportLimits = DEFAULT_IMPORT_LIMITS,
): Promise<CommunitiesPlan> {
  checkFileSize(source, limits);
  const workbook = looksLikeXlsx(source);
  const { collector, rowsRead } = workbook
    ? planWorkbook(source.name, await readWorkbook(source, limits), context)
    : planTidy(readCsv(source, limits), context);
  if (collector.rows.length === 0) throw new ImportError(source.name, 'has no values');
  return {
    file: source.name,
    layout: workbook ? 'workbook' : 'csv',
    rows: collector.rows,
    rowsRead,
    skipped: collector.skipped,
    missing: collector.missing(),
  };
}

/** Insert or replace the observations (one statement, as every CPOP import does). */
export async function applyCpopCommunities(
  trx: ImportTrx,
  plan: CommunitiesPlan,
  runId: number,
  zoneCouncil: ReadonlyMap<string, string>,
  onProgress?: (done: number, total: number) => void,
): Promise<CommunitiesResult> {
  const result = await applyObservations(trx, plan, runId, onProgress);
  const councils = new Set(plan.rows.map((r) => zoneCouncil.get(r.area)));
  return {
    ...result,
    layout: plan.layout,
    councils: councils.size,
    missingValues: plan.missing.length,
    missing: plan.missing.slice(0, LIST_MISSING),
  };
}
