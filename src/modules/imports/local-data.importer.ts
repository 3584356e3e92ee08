import { z } from 'zod';
import { parsePeriod, type Period } from '../../core/periods.ts';
import {
  DEFAULT_IMPORT_LIMITS,
  MISSING_MARKERS,
  readCsv,
  requireColumns,
  rowNumber,
  type CsvTable,
  type ImportLimits,
  type SourceFile,
} from './csv-reader.ts';
import { ImportError, shown } from './import-errors.ts';
import type { ImportTrx } from './imports.repository.ts';
import { fileUnderLocal, insertOwnIndicator, upsertLocalObservations } from './local-data.repository.ts';

/**
 * A partnership's own data, for the measures of its plans that no national file holds: a survey, a
 * service count, a locality figure. Two layouts are read:
 *
 * - tidy CSV: `area_code, indicator, period, value`, optionally `lower_bound, upper_bound, numerator,
 *   denominator` — one row per area, indicator and period; the indicator is named by its code or name;
 * - Open SDG CSV (the data files of Open SDG platforms): `Year, Value`, optionally `GeoCode`, `Units`,
 *   `Series` and any disaggregation columns, for one indicator named on upload. Cairn keeps the headline
 *   series: rows with every disaggregation blank; the others are counted as skipped.
 *
 * An indicator Cairn does not know becomes one of the partnership's own (framework "local"). Every area
 * must lie inside the partnership's council area.
 */
export type LocalDataFormat = 'tidy' | 'open-sdg';

/**
 * The longest name and unit a partnership's own indicator may have. The upload form (imports.routes.tsx)
 * and the files read here use these same schemas: a name in a file is held to what the form allows.
 */
export const OWN_INDICATOR_NAME_MAX = 200;
export const OWN_INDICATOR_UNIT_MAX = 100;
export const OwnIndicatorName = z
  .string()
  .trim()
  .max(OWN_INDICATOR_NAME_MAX, { error: `An indicator’s name has at most ${OWN_INDICATOR_NAME_MAX} characters` });
export const OwnIndicatorUnit = z
  .string()
  .trim()
  .max(OWN_INDICATOR_UNIT_MAX, { error: `A unit has at most ${OWN_INDICATOR_UNIT_MAX} characters` });

export interface LocalDataContext {
  partnershipId: number;
  partnershipCode: string;
  councilAreaCode: string;
  /** Codes of the areas inside the partnership (the council area, its localities, zones). */
  areas: ReadonlySet<string>;
  /** The partnership's own indicators, by lower-cased code and name → code. */
  indicators: ReadonlyMap<string, string>;
  /** National indicators' lower-cased codes and names: loaded from the national files only, never from a partnership's upload. */
  national: ReadonlySet<string>;
  /** Open SDG: the indicator the file is about, and its unit and polarity when new. */
  openSdg?: { indicator: string; unit: string | null; higherIsBetter: boolean | null };
}

export interface LocalObservation {
  indicator: string;
  area: string;
  period: Period;
  value: number;
  lower: number | null;
  upper: number | null;
  numerator: number | null;
  denominator: number | null;
}

export interface LocalDataPlan {
  file: string;
  rowsRead: number;
  rows: LocalObservation[];
  /** Indicators to create as the partnership's own: code → name, unit, polarity. */
  newIndicators: Map<string, { name: string; unit: string | null; higherIsBetter: boolean | null }>;
  skipped: Record<string, number>;
}

const slug = (s: string) =>
  s
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48);

function numberOrNull(table: CsvTable, raw: string | undefined, row: number, column: string): number | null {
  const text = (raw ?? '').trim();
  if (MISSING_MARKERS.has(text)) return null;
  const value = Number(text.replace(/,/g, ''));
  if (!Number.isFinite(value) || /,\d{1,2}$/.test(text))
    throw new ImportError(
      table.file,
      `“${shown(text)}” is not a number (write 1234.5, without a currency sign or a decimal comma)`,
      row,
      column,
    );
  return value;
}

/** Hold a value from the file (or the upload) to the form's schema for it. */
function checked(file: string, schema: z.ZodType<string>, value: string, row: number, column: string): string {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new ImportError(
    file,
    `${result.error.issues[0]!.message} (this one has ${value.trim().length.toLocaleString('en-GB')})`,
    row,
    column,
  );
}

export function planLocalData(
  source: SourceFile,
  format: LocalDataFormat,
  context: LocalDataContext,
  limits: ImportLimits = DEFAULT_IMPORT_LIMITS,
): LocalDataPlan {
  const table = readCsv(source, limits);
  if (table.rows.length === 0) throw new ImportError(table.file, 'has a header but no rows');
  const plan: LocalDataPlan = {
    file: table.file,
    rowsRead: table.rows.length,
    rows: [],
    newIndicators: new Map(),
    skipped: {},
  };
  const skip = (reason: string) => (plan.skipped[reason] = (plan.skipped[reason] ?? 0) + 1);
  const seen = new Map<string, number>();
  const indicatorCode = (
    given: string,
    row: number,
    column: string,
    unit: string | null,
    higherIsBetter: boolean | null,
  ): string => {
    const name = checked(table.file, OwnIndicatorName, given, row, column);
    if (!name) throw new ImportError(table.file, 'the indicator is blank', row, column);
    const known = context.indicators.get(name.toLowerCase());
    if (known) return known;
    if (context.national.has(name.toLowerCase())) {
      throw new ImportError(
        table.file,
        `“${name}” is a national indicator, which Cairn loads from the national files: give your own indicator another name`,
        row,
        column,
      );
    }
    const code = `${context.partnershipCode}-${slug(name)}`.slice(0, 64);
    if (!slug(name))
      throw new ImportError(
        table.file,
        `“${shown(name)}” cannot name an indicator: use letters or digits`,
        row,
        column,
      );
    if (!plan.newIndicators.has(code)) plan.newIndicators.set(code, { name, unit, higherIsBetter });
    return code;
  };
  const add = (o: LocalObservation, row: number) => {
    const key = `${o.indicator}|${o.area}|${o.period.label}`;
    const earlier = seen.get(key);
    if (earlier !== undefined)
      throw new ImportError(
        table.file,
        `${o.area}, ${o.indicator}, ${o.period.label} appears twice (rows ${earlier} and ${row})`,
        row,
      );
    seen.set(key, row);
    plan.rows.push(o);
  };
  const area = (raw: string, row: number, column: string) => {
    const given = raw.trim();
    const code = context.areas.has(given) ? given : given.toUpperCase();
    if (!context.areas.has(code))
      throw new ImportError(
        table.file,
        `“${shown(raw.trim())}” is not an area inside the partnership (give a code such as ${context.councilAreaCode})`,
        row,
        column,
      );
    return code;
  };
  const period = (raw: string, row: number, column: string) => {
    const p = parsePeriod(raw);
    if (!p)
      throw new ImportError(
        table.file,
        `“${shown(raw)}” is not a year (2024), financial year (2024/25), range (2022-2024) or quarter (2024 Q1)`,
        row,
        column,
      );
    return p;
  };

  if (format === 'tidy') {
    const col = requireColumns(table, ['area_code', 'indicator', 'period', 'value'] as const);
    const optional = (name: string) => (table.header.includes(name) ? table.header.indexOf(name) : -1);
    const extra = {
      lower_bound: optional('lower_bound'),
      upper_bound: optional('upper_bound'),
      numerator: optional('numerator'),
      denominator: optional('denominator'),
    };
    table.rows.forEach((cells, i) => {
      const row = rowNumber(i);
      const value = numberOrNull(table, cells[col.value], row, 'value');
      const indicator = indicatorCode((cells[col.indicator] ?? '').trim(), row, 'indicator', null, null);
      const o = {
        indicator,
        area: area(cells[col.area_code] ?? '', row, 'area_code'),
        period: period(cells[col.period] ?? '', row, 'period'),
        lower: extra.lower_bound < 0 ? null : numberOrNull(table, cells[extra.lower_bound], row, 'lower_bound'),
        upper: extra.upper_bound < 0 ? null : numberOrNull(table, cells[extra.upper_bound], row, 'upper_bound'),
        numerator: extra.numerator < 0 ? null : numberOrNull(table, cells[extra.numerator], row, 'numerator'),
        denominator: extra.denominator < 0 ? null : numberOrNull(table, cells[extra.denominator], row, 'denominator'),
      };
      if (value === null) return void skip(`value missing (${(cells[col.value] ?? '').trim() || 'blank'})`);
      if (o.lower !== null && o.upper !== null && o.lower > o.upper)
        throw new ImportError(
          table.file,
          `the lower bound ${o.lower} is above the upper bound ${o.upper}`,
          row,
          'lower_bound',
        );
      add({ ...o, value }, row);
    });
  } else {
    const about = context.openSdg;
    if (!about?.indicator.trim())
      throw new ImportError(table.file, 'an Open SDG file holds one indicator: say which when uploading it');
    const col = requireColumns(table, ['Year', 'Value'] as const);
    const geo = table.header.indexOf('GeoCode');
    const special = new Set([
      'Year',
      'Value',
      'GeoCode',
      'Units',
      'Series',
      'Observation status',
      'Unit multiplier',
      'Unit measure',
    ]);
    const disaggregations = table.header.map((h, i) => ({ h, i })).filter((x) => !special.has(x.h));
    const units = table.header.indexOf('Units');
    const fileUnit = units >= 0 ? (table.rows[0]?.[units] ?? '').trim() || null : null;
    const unit = about.unit
      ? checked(table.file, OwnIndicatorUnit, about.unit, 1, 'unit')
      : fileUnit && checked(table.file, OwnIndicatorUnit, fileUnit, rowNumber(0), 'Units');
    const indicator = indicatorCode(about.indicator.trim(), 1, 'indicator', unit, about.higherIsBetter);
    table.rows.forEach((cells, i) => {
      const row = rowNumber(i);
      const split = disaggregations.find((d) => (cells[d.i] ?? '').trim() !== '');
      if (split) return void skip(`disaggregated by ${split.h} (Cairn keeps the headline series)`);
      const value = numberOrNull(table, cells[col.Value], row, 'Value');
      const o = {
        indicator,
        area: geo >= 0 && (cells[geo] ?? '').trim() ? area(cells[geo]!, row, 'GeoCode') : context.councilAreaCode,
        period: period(cells[col.Year] ?? '', row, 'Year'),
        lower: null,
        upper: null,
        numerator: null,
        denominator: null,
      };
      if (value === null) return void skip(`value missing (${(cells[col.Value] ?? '').trim() || 'blank'})`);
      add({ ...o, value }, row);
    });
  }
  return plan;
}

export interface LocalDataResult {
  rowsRead: number;
  rowsLoaded: number;
  skipped: Record<string, number>;
  indicatorsCreated: string[];
  indicators: number;
  areas: number;
}

export async function applyLocalData(
  trx: ImportTrx,
  plan: LocalDataPlan,
  context: LocalDataContext,
  runId: number,
  source: string,
): Promise<LocalDataResult> {
  const created: string[] = [];
  for (const [code, i] of plan.newIndicators) {
    const inserted = await insertOwnIndicator(trx, {
      code,
      name: i.name,
      unit: i.unit,
      higherIsBetter: i.higherIsBetter,
      source,
      partnershipId: context.partnershipId,
      createdAt: new Date(),
    });
    if (inserted) created.push(code);
    await fileUnderLocal(trx, code);
  }
  const r = plan.rows;
  if (r.length) await upsertLocalObservations(trx, r, runId);
  return {
    rowsRead: plan.rowsRead,
    rowsLoaded: r.length,
    skipped: plan.skipped,
    indicatorsCreated: created,
    indicators: new Set(r.map((x) => x.indicator)).size,
    areas: new Set(r.map((x) => x.area)).size,
  };
}
