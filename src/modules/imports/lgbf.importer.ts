import { parsePeriod, type Period } from '../../core/periods.ts';
import { countReason, MISSING_MARKERS, requireColumns, type SourceFile } from './csv-reader.ts';
import { ImportError } from './import-errors.ts';
import type { ImportTrx } from './imports.repository.ts';
import {
  deleteObservations,
  fileUnderLgbf,
  indicatorsHeld,
  updateIndicatorLabels,
  upsertLgbfIndicators,
} from './lgbf.repository.ts';
import { writeObservations } from './observations-writer.ts';
import { columnLetter, readXlsx, type SheetTable, type XlsxLimits } from './xlsx-reader.ts';

/**
 * The Local Government Benchmarking Framework (LGBF) of the Improvement Service, from its own workbooks:
 *   Metadata_Shiny.xlsx   one row per variable: the indicators (those with a polarity, "One is high"),
 *                         their numerators and denominators, and groupings
 *   new_bnch_data.xlsx    sheet "Raw Data": one row per council and Scotland; for each indicator and year
 *                         a column "CODE yyyy-yy", for some the two columns after it holding the numerator
 *                         and denominator ("<label> yyyy-yy"), and for cost indicators "CODE yyyy-yy Real"
 *                         (in real terms) further on. Multi-year survey periods are labelled "2016-19".
 * The indicators must be imported (from the metadata) before the data.
 */
export const LGBF_SOURCE = 'Improvement Service, Local Government Benchmarking Framework (LGBF)';

/** Cairn's code for an LGBF indicator: "CHN1" → "lgbf-chn1", "C&L5a" → "lgbf-c-l5a", "CORP 3b" → "lgbf-corp-3b". */
export function lgbfIndicatorCode(externalCode: string): string {
  return `lgbf-${externalCode
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')}`;
}

/**
 * The markers the LGBF workbook puts where there is no value: those of every publisher, "-", and "!"
 * (the workbook has "!" in four CORP 3c hourly-rate cells, the numerator and denominator of the 2015-16
 * gender pay gap for South Ayrshire and South Lanarkshire, whose gap itself is given).
 */
const LGBF_MISSING: ReadonlySet<string> = new Set([...MISSING_MARKERS, '-', '!']);

/** A column as messages name it: its header and its letter, as the workbook has hundreds of columns. */
const columnName = (table: SheetTable, index: number) =>
  table.header[index] ? `${table.header[index]} (${columnLetter(index)})` : columnLetter(index);

const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i;

// ---------------------------------------------------------------------------------------------------
// Indicators, from Metadata_Shiny.xlsx

const META = {
  code: 'Variable name',
  title: 'Title',
  domain: 'Domain',
  source: 'Source',
  description: 'Description',
  polarity: 'One is high',
} as const;
const META_SHEET = 'metadata';

export interface LgbfIndicatorRow {
  code: string;
  externalCode: string;
  name: string;
  higherIsBetter: boolean;
  /** The service area ("Children's Services", "Environmental Services", …): what the Improvement Service calls an indicator's category. */
  category: string | null;
  definition: string | null;
  source: string;
}

export interface LgbfIndicatorPlan {
  file: string;
  rows: LgbfIndicatorRow[];
  rowsRead: number;
  skipped: Record<string, number>;
}

export async function planLgbfIndicators(source: SourceFile, limits: XlsxLimits): Promise<LgbfIndicatorPlan> {
  const table = await readXlsx(source, limits, META_SHEET);
  const col = requireColumns(table, Object.values(META));
  if (table.rows.length === 0) throw new ImportError(table.file, 'has a header but no rows');
  const skipped: Record<string, number> = {};
  const rows: LgbfIndicatorRow[] = [];
  const seen = new Map<string, { row: number; externalCode: string }>();
  table.rows.forEach((cells, i) => {
    const row = table.rowNumbers[i]!;
    const cell = (field: keyof typeof META) => (cells[col[META[field]]] ?? '').trim();
    const externalCode = cell('code');
    const polarity = cell('polarity');
    if (cells.every((c) => c.trim() === '')) return countReason(skipped, 'blank row');
    // Only indicators have a polarity; numerators, denominators and groupings have none.
    if (polarity === '')
      return countReason(skipped, 'not an indicator (a numerator, denominator or grouping: no polarity)');
    if (!/^(yes|no)$/i.test(polarity))
      throw new ImportError(table.file, `“${polarity}” is not Yes or No`, row, META.polarity);
    if (externalCode === '')
      throw new ImportError(table.file, 'an indicator with a polarity has no code', row, META.code);
    // "CHN1-Real" is CHN1 in real terms: Cairn keeps it beside the cash value (observations.real_terms_value).
    if (/-real$/i.test(externalCode))
      return countReason(skipped, 'real-terms twin of another indicator (kept beside its cash value)');
    const name = cell('title');
    if (name === '') throw new ImportError(table.file, `indicator ${externalCode} has no title`, row, META.title);
    const code = lgbfIndicatorCode(externalCode);
    const earlier = seen.get(code);
    if (earlier) {
      const what =
        earlier.externalCode === externalCode
          ? `${externalCode} appears twice`
          : `${earlier.externalCode} and ${externalCode} would both be ${code}`;
      throw new ImportError(table.file, `${what} (rows ${earlier.row} and ${row})`, row, META.code);
    }
    seen.set(code, { row, externalCode });
    const from = cell('source');
    rows.push({
      code,
      externalCode,
      name,
      higherIsBetter: polarity.toLowerCase() === 'yes',
      category: cell('domain') || null,
      definition: cell('description') || null,
      source: LGBF_MISSING.has(from) || /^internal$/i.test(from) ? LGBF_SOURCE : `${LGBF_SOURCE}; data from ${from}`,
    });
  });
  if (rows.length === 0)
    throw new ImportError(table.file, `has no indicators (no row has Yes or No under “${META.polarity}”)`);
  return { file: table.file, rows, rowsRead: table.rows.length, skipped };
}

export interface LgbfIndicatorsResult {
  rowsRead: number;
  rowsLoaded: number;
  skipped: Record<string, number>;
  /** Indicators new to Cairn, and those whose name, polarity, category, definition or source changed. */
  created: number;
  changed: number;
  byCategory: Record<string, number>;
}

/** Insert or update the indicators (never their numerator and denominator labels, which come with the data) and file them under LGBF. */
export async function applyLgbfIndicators(
  trx: ImportTrx,
  plan: LgbfIndicatorPlan,
  onProgress?: (done: number, total: number) => void,
): Promise<LgbfIndicatorsResult> {
  const r = plan.rows;
  onProgress?.(0, 1);
  const codes = r.map((x) => x.code);
  const existing = await indicatorsHeld(trx, codes);
  const written = await upsertLgbfIndicators(trx, r);
  await fileUnderLgbf(trx, codes);
  onProgress?.(1, 1);
  const byCategory: Record<string, number> = {};
  for (const x of r) countReason(byCategory, x.category ?? 'none');
  const created = r.length - existing.length;
  return {
    rowsRead: plan.rowsRead,
    rowsLoaded: r.length,
    skipped: plan.skipped,
    created,
    changed: written - created,
    byCategory,
  };
}

// ---------------------------------------------------------------------------------------------------
// Data, from the "Raw Data" sheet of new_bnch_data.xlsx

const DATA_SHEET = 'Raw Data';
const AREA_COLUMN = 'Local Authority';
/** "CHN1 2010-11", "CHN10 2016-19", "CHN1 2010-11 Real", "No of Pupils Primary 2010-11" */
const HEADER = /^(.+?)\s+(\d{4}\s*-\s*\d{2})(\s+real)?$/i;
/** What an LGBF code looks like ("CHN12a", "CORP 3b", "C&L5d", "CORP-ASSET1"), as against a numerator's or denominator's label. */
const LOOKS_LIKE_CODE = /^[A-Z]+(?:[ &-][A-Z]+)*[ -]?\d+[a-z]?\d*$/;

export interface LgbfContext {
  /** LGBF code (lower case) → Cairn indicator code, for the indicators filed under LGBF */
  indicatorByExternalCode: ReadonlyMap<string, string>;
  /** any spelling of a council's or Scotland's name (lower case) → its code */
  areaByName: ReadonlyMap<string, string>;
}

interface ValueColumn {
  index: number;
  indicator: string;
  period: Period;
  numerator: number | null;
  denominator: number | null;
  real: number | null;
}

export interface LgbfObservation {
  indicator: string;
  area: string;
  period: Period;
  value: number;
  realTermsValue: number | null;
  numerator: number | null;
  denominator: number | null;
}

export interface LgbfPlan {
  file: string;
  rows: LgbfObservation[];
  /** Cells the workbook marks as having no value: any observation Cairn holds there is removed. */
  cleared: { indicator: string; area: string; period: string }[];
  /** Indicator → the labels of its numerator and denominator columns (from its latest year that has them). */
  labels: Map<string, { numerator: string | null; denominator: string | null }>;
  /** Value cells read (indicator-years × areas), so that rowsRead − rowsLoaded is what was skipped. */
  rowsRead: number;
  skipped: Record<string, number>;
  /** Numerators, denominators and real-terms values missing beside a value that is there. */
  partsMissing: Record<string, number>;
  areas: number;
  columns: { values: number; realTerms: number; numerators: number; denominators: number };
}

/** Read the header: which column holds which indicator and period, and where its numerator, denominator and real-terms value are. */
function planColumns(table: SheetTable, areaColumn: number, context: LgbfContext): ValueColumn[] {
  const row = table.headerRow;
  const byKey = new Map<string, ValueColumn>();
  const columns: ValueColumn[] = [];
  const realColumns: { index: number; key: string; stem: string; period: string }[] = [];
  let last: ValueColumn | null = null;
  let labelsAfterLast = 0;
  table.header.forEach((header, index) => {
    if (index === areaColumn) return;
    const name = columnName(table, index);
    if (header === '') {
      const filled = table.rows.findIndex((cells) => (cells[index] ?? '').trim() !== '');
      if (filled >= 0)
        throw new ImportError(table.file, 'has values but no header: what are they?', table.rowNumbers[filled]!, name);
      last = null;
      return;
    }
    const m = HEADER.exec(header);
    if (!m)
      throw new ImportError(
        table.file,
        `“${header}” is not “CODE yyyy-yy”, “CODE yyyy-yy Real” or a numerator’s or denominator’s “label yyyy-yy”`,
        row,
        name,
      );
    const stem = m[1]!.trim();
    const period = parsePeriod(m[2]!);
    if (!period) throw new ImportError(table.file, `“${m[2]}” is not a financial year or a range of them`, row, name);
    const indicator = context.indicatorByExternalCode.get(stem.toLowerCase());
    if (indicator) {
      const key = `${indicator}|${period.label}`;
      if (m[3]) {
        realColumns.push({ index, key, stem, period: period.label });
        last = null;
        return;
      }
      const earlier = byKey.get(key);
      if (earlier)
        throw new ImportError(
          table.file,
          `${stem} ${period.label} appears twice (columns ${columnLetter(earlier.index)} and ${columnLetter(index)})`,
          row,
          name,
        );
      last = { index, indicator, period, numerator: null, denominator: null, real: null };
      labelsAfterLast = 0;
      byKey.set(key, last);
      columns.push(last);
      return;
    }
    // An unknown code is refused rather than created from the header, which gives neither a title nor a polarity.
    if (m[3] || LOOKS_LIKE_CODE.test(stem)) {
      throw new ImportError(
        table.file,
        `“${stem}” is not an LGBF indicator Cairn knows (import the LGBF metadata, Metadata_Shiny.xlsx, first)`,
        row,
        name,
      );
    }
    // A label: the numerator, then the denominator, right after their indicator's column for the same period.
    const owner = last as ValueColumn | null;
    if (!owner || owner.period.label !== period.label || labelsAfterLast >= 2) {
      throw new ImportError(
        table.file,
        `“${header}” is neither an indicator’s column nor the numerator or denominator right after one for ${period.label}`,
        row,
        name,
      );
    }
    if (labelsAfterLast === 0) owner.numerator = index;
    else owner.denominator = index;
    labelsAfterLast++;
  });
  for (const r of realColumns) {
    const cash = byKey.get(r.key);
    const name = columnName(table, r.index);
    if (!cash)
      throw new ImportError(
        table.file,
        `is in real terms but there is no column “${r.stem} ${r.period}” for the value itself`,
        row,
        name,
      );
    if (cash.real !== null)
      throw new ImportError(
        table.file,
        `${r.stem} ${r.period} in real terms appears twice (columns ${columnLetter(cash.real)} and ${columnLetter(r.index)})`,
        row,
        name,
      );
    cash.real = r.index;
  }
  if (columns.length === 0) throw new ImportError(table.file, 'has no indicator columns (“CODE yyyy-yy”)', row);
  return columns;
}

export async function planLgbf(source: SourceFile, context: LgbfContext, limits: XlsxLimits): Promise<LgbfPlan> {
  const table = await readXlsx(source, limits, DATA_SHEET);
  const areaColumn = requireColumns(table, [AREA_COLUMN])[AREA_COLUMN];
  if (table.rows.length === 0) throw new ImportError(table.file, 'has a header but no rows');
  const columns = planColumns(table, areaColumn, context);
  const plan: LgbfPlan = {
    file: table.file,
    rows: [],
    cleared: [],
    labels: new Map(),
    rowsRead: 0,
    skipped: {},
    partsMissing: {},
    areas: 0,
    columns: {
      values: columns.length,
      realTerms: columns.filter((c) => c.real !== null).length,
      numerators: columns.filter((c) => c.numerator !== null).length,
      denominators: columns.filter((c) => c.denominator !== null).length,
    },
  };
  // Labels from each indicator's latest period that has them (they have not changed in the workbooks seen).
  for (const c of [...columns].sort((a, b) => a.period.start.localeCompare(b.period.start))) {
    if (c.numerator === null) continue;
    plan.labels.set(c.indicator, {
      numerator: HEADER.exec(table.header[c.numerator]!)![1]!.trim(),
      denominator: c.denominator === null ? null : HEADER.exec(table.header[c.denominator]!)![1]!.trim(),
    });
  }
  const seen = new Map<string, number>();
  table.rows.forEach((cells, i) => {
    const row = table.rowNumbers[i]!;
    if (cells.every((c) => c.trim() === '')) return;
    const name = (cells[areaColumn] ?? '').trim();
    const area = context.areaByName.get(name.toLowerCase());
    if (!area)
      throw new ImportError(
        table.file,
        name
          ? `“${name}” is not a council area or Scotland under any name Cairn knows`
          : 'has values but no council name',
        row,
        AREA_COLUMN,
      );
    const earlier = seen.get(area);
    if (earlier !== undefined)
      throw new ImportError(table.file, `${name} appears twice (rows ${earlier} and ${row})`, row, AREA_COLUMN);
    seen.set(area, row);
    const number = (index: number, what: string, parts: boolean): number | null => {
      const raw = (cells[index] ?? '').trim();
      if (LGBF_MISSING.has(raw)) {
        countReason(parts ? plan.partsMissing : plan.skipped, `${what} missing (${raw || 'blank'})`);
        return null;
      }
      if (!NUMBER.test(raw))
        throw new ImportError(table.file, `“${raw}” is not a number`, row, columnName(table, index));
      return Number(raw);
    };
    for (const c of columns) {
      plan.rowsRead++;
      const value = number(c.index, 'value', false);
      if (value === null) {
        plan.cleared.push({ indicator: c.indicator, area, period: c.period.label });
        continue;
      }
      plan.rows.push({
        indicator: c.indicator,
        area,
        period: c.period,
        value,
        realTermsValue: c.real === null ? null : number(c.real, 'real-terms value', true),
        numerator: c.numerator === null ? null : number(c.numerator, 'numerator', true),
        denominator: c.denominator === null ? null : number(c.denominator, 'denominator', true),
      });
    }
  });
  plan.areas = seen.size;
  if (plan.areas === 0) throw new ImportError(table.file, 'has a header but no rows');
  return plan;
}

export interface LgbfResult {
  rowsRead: number;
  rowsLoaded: number;
  /** Observations new to Cairn or changed by this import (0 when the same workbook is imported again). */
  written: number;
  /** Observations Cairn held where the workbook now has no value, removed. */
  removed: number;
  skipped: Record<string, number>;
  partsMissing: Record<string, number>;
  indicators: number;
  areas: number;
  periods: number;
  realTermsValues: number;
  columns: LgbfPlan['columns'];
}

/** Write the observations (value type 'raw'), the numerator and denominator labels, and clear what the workbook marks as missing. */
export async function applyLgbf(
  trx: ImportTrx,
  plan: LgbfPlan,
  runId: number,
  onProgress?: (done: number, total: number) => void,
): Promise<LgbfResult> {
  const written = await writeObservations(trx, plan.rows, runId, { withParts: true, onlyChanged: true, onProgress });
  let removed = 0;
  const c = plan.cleared;
  if (c.length) removed = await deleteObservations(trx, c);
  const labels = [...plan.labels];
  if (labels.length) await updateIndicatorLabels(trx, labels);
  const r = plan.rows;
  return {
    rowsRead: plan.rowsRead,
    rowsLoaded: r.length,
    written,
    removed,
    skipped: plan.skipped,
    partsMissing: plan.partsMissing,
    indicators: new Set(r.map((x) => x.indicator)).size,
    areas: new Set(r.map((x) => x.area)).size,
    periods: new Set(r.map((x) => x.period.label)).size,
    realTermsValues: r.filter((x) => x.realTermsValue !== null).length,
    columns: plan.columns,
  };
}
