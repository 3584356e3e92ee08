import { parsePeriod, type Period } from '../../core/periods.ts';
import { SCOTLAND, slugify } from '../../db/reference/council-areas.ts';
import {
  DEFAULT_IMPORT_LIMITS,
  MISSING_MARKERS,
  requireColumns,
  rowNumber,
  type CsvTable,
  type ImportLimits,
  type SourceFile,
} from './csv-reader.ts';
import { ImportError } from './import-errors.ts';
import type { ImportTrx } from './imports.repository.ts';
import { fileUnderNpf, upsertNpfIndicators, upsertNpfObservations } from './npf.repository.ts';
import { readTable } from './table-reader.ts';
import type { ImportTable, SheetTable } from './xlsx-reader.ts';

/**
 * The National Performance Framework database (statistics.gov.scot's NPF download, `npf_database.xlsx`, or
 * a CSV export of it): one row per indicator, period and breakdown, in the columns below. What Cairn keeps
 * is one figure per indicator, area and period: Scotland's total and each council's figure. Every other
 * breakdown (sex, age, SIMD, health board, sector…) is skipped and counted under a reason naming it.
 *
 * How the file says where a row belongs:
 *   - Disaggregation "Local authority" (or "Local Authority", "Local Authority Area", "Local Authority (waste
 *     per capita)"): Breakdown names the council, or "Scotland"/"Total" for the Scotland figure. Two
 *     indicators have the two columns the other way round (Breakdown "Local Authority area").
 *   - Breakdown and Disaggregation both "Total" (or "All", "Scotland", "All Scotland"; Breakdown "All Adults
 *     (aged 16+)" or "All Children (aged 2-15)" for the healthy weight indicators): the Scotland total.
 *   - Breakdown "Total" under another Disaggregation (the Total line of a table by sex, age…): Scotland's
 *     figure too, but used only where the file has no plain total for that indicator and period.
 *   - Anything else: a breakdown, named by Characteristic (Age, Gender, Ethnicity, Religion, Disability,
 *     Socio-economic status) or else by Disaggregation.
 * There are no confidence intervals in the file, so lower_bound and upper_bound stay empty.
 *
 * Council names that map to no council area and periods parsePeriod cannot read are not errors: those rows
 * are skipped and listed (`unmapped`, `unparsedPeriods`) for someone to add the spelling to
 * area_name_variants or teach parsePeriod the label. A file that cannot be read as the NPF database (a
 * column missing, a figure that is not a number, text that is not UTF-8, a broken workbook) is refused whole.
 */
const COLUMNS = [
  'Characteristic',
  'Year',
  'Figure',
  'Breakdown',
  'Disaggregation',
  'Indicator',
  'Outcome',
  'Measure',
  'Source',
] as const;
type Column = (typeof COLUMNS)[number];

/** The NPF file also writes "-" (once, for Falkirk's community-owned assets in 2020, where earlier years say NA). */
const MISSING: ReadonlySet<string> = new Set([...MISSING_MARKERS, '-']);
const TOTALS: ReadonlySet<string> = new Set(['total', 'all', 'scotland', 'all scotland']);
/** The whole population of an indicator about adults or children: "All Adults (aged 16+)", "All Children (aged 2-15)". */
const WHOLE_POPULATION = /^all (adults|children)\b/i;
const LOCAL_AUTHORITY = /^local authority\b/i;
const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

export const NPF_SOURCE = 'Scottish Government, National Performance Framework database (statistics.gov.scot, OGL v3)';
export const NPF_CODE_MAX = 64;

const clean = (s: string | undefined) => (s ?? '').replace(/\s+/g, ' ').trim();
const missing = (s: string) => MISSING.has(s);
const isTotal = (s: string) => TOTALS.has(s.toLowerCase()) || WHOLE_POPULATION.test(s);
/** A Characteristic that names a breakdown (Age, Gender…), as opposed to None or Total. */
const realCharacteristic = (s: string) => !missing(s) && s.toLowerCase() !== 'none' && s.toLowerCase() !== 'total';
/** Spellings that differ only in case, "&" for "and", or a closing full stop count as one. */
const sameKey = (s: string) => s.toLowerCase().replace(/&/g, 'and').replace(/\.$/, '').replace(/\s+/g, ' ').trim();

/** An indicator's name as a slug, apostrophes dropped ("Scotland's Reputation" → "scotlands-reputation"). */
const slugOf = (name: string) => slugify(name.replace(/['’]/g, ''));

/** Cairn's code for an NPF indicator: "npf-" and its name as a slug, cut at a hyphen to fit 64 characters. */
export function npfIndicatorCode(name: string): string {
  const code = `npf-${slugOf(name)}`;
  if (code.length <= NPF_CODE_MAX) return code;
  const cut = code.slice(0, NPF_CODE_MAX + 1);
  return cut.slice(0, cut.lastIndexOf('-'));
}

/** Read the workbook (.xlsx, found by its zip signature) or its CSV export. */
export async function readNpfTable(
  source: SourceFile,
  limits: ImportLimits = DEFAULT_IMPORT_LIMITS,
): Promise<ImportTable> {
  return readTable(source, limits);
}

export interface NpfIndicator {
  code: string;
  name: string;
  /** The indicator's Measure as the file words it (most rows' wording). */
  unit: string | null;
  /** The NPF outcome. */
  category: string | null;
  source: string;
}

export interface NpfObservation {
  indicator: string;
  area: string;
  period: Period;
  value: number;
  row: number;
}

export interface NpfConflict {
  indicator: string;
  area: string;
  period: string;
  rows: number[];
  figures: number[];
}

export interface NpfPlan {
  file: string;
  rowsRead: number;
  indicators: NpfIndicator[];
  rows: NpfObservation[];
  skipped: Record<string, number>;
  unmapped: Record<string, number>;
  unparsedPeriods: Record<string, number>;
  conflicts: NpfConflict[];
}

type Placement =
  { kind: 'council'; name: string } | { kind: 'scotland'; tier: 1 | 2 } | { kind: 'skip'; reason: string };

/** Where a row belongs: see the comment at the top. */
function place(characteristic: string, breakdown: string, disaggregation: string): Placement {
  if (missing(breakdown) && missing(disaggregation))
    return { kind: 'skip', reason: 'neither Breakdown nor Disaggregation given' };
  const byCharacteristic = realCharacteristic(characteristic);
  for (const [label, name] of [
    [disaggregation, breakdown],
    [breakdown, disaggregation],
  ] as const) {
    if (!LOCAL_AUTHORITY.test(label)) continue;
    if (isTotal(name)) return { kind: 'scotland', tier: 1 };
    // A council's figure for one sex, age group…, should the file ever have one.
    if (byCharacteristic) return { kind: 'skip', reason: `broken down by ${characteristic}` };
    return { kind: 'council', name };
  }
  if (isTotal(breakdown) && (isTotal(disaggregation) || missing(disaggregation))) return { kind: 'scotland', tier: 1 };
  if (isTotal(breakdown)) return { kind: 'scotland', tier: 2 };
  const by = byCharacteristic
    ? characteristic
    : !missing(disaggregation) && !isTotal(disaggregation)
      ? disaggregation
      : breakdown;
  return { kind: 'skip', reason: `broken down by ${by}` };
}

interface Candidate extends NpfObservation {
  tier: 1 | 2;
  measure: string;
}

/**
 * Counts of spellings that are the same under a key, to pick the commonest (first seen on a tie), shown in
 * its commonest spelling or the first one seen.
 */
class Tally {
  private readonly counts = new Map<string, { n: number; spellings: Map<string, number> }>();
  constructor(
    private readonly keyOf: (text: string) => string = sameKey,
    private readonly show: 'commonest' | 'first' = 'commonest',
  ) {}
  add(text: string) {
    if (missing(text)) return;
    const key = this.keyOf(text);
    const entry = this.counts.get(key) ?? { n: 0, spellings: new Map<string, number>() };
    entry.n++;
    entry.spellings.set(text, (entry.spellings.get(text) ?? 0) + 1);
    this.counts.set(key, entry);
  }
  private spelling(spellings: Map<string, number>): string {
    const all = [...spellings];
    return (this.show === 'first' ? all[0]! : all.reduce((a, b) => (b[1] > a[1] ? b : a)))[0];
  }
  /** The commonest key, spelled. */
  top(): string | null {
    let best: { n: number; spellings: Map<string, number> } | null = null;
    for (const e of this.counts.values()) if (!best || e.n > best.n) best = e;
    return best ? this.spelling(best.spellings) : null;
  }
  /** Every key, spelled, in the order first seen. */
  all(): string[] {
    return [...this.counts.values()].map((e) => this.spelling(e.spellings));
  }
  spellingOf(text: string): string | undefined {
    const e = this.counts.get(this.keyOf(text));
    return e ? this.spelling(e.spellings) : undefined;
  }
}

/**
 * Measures that differ only in their numbers count as one: the file's "aged under 75" runs on as "aged
 * under 76", "77"… and "out of 100" as "out of 101"… where a spreadsheet filled a column down. They are
 * shown as first written.
 */
const measureKey = (s: string) => sameKey(s).replace(/\d+/g, '#');
const measureTally = () => new Tally(measureKey, 'first');

interface IndicatorFacts {
  code: string;
  firstRow: number;
  slug: string;
  names: Tally;
  outcomes: string[];
  measures: Tally;
  candidateMeasures: Tally;
  sources: Tally;
}

/** Decimal places of a figure as written most briefly (17.899999999999999 → 17.9 → 1). */
function decimals(value: number): number {
  const [mantissa = '', exponent = '0'] = String(value).split('e');
  const places = (mantissa.split('.')[1] ?? '').length - Number(exponent);
  return Math.max(0, places);
}

/** Figures that are the same once rounded to the coarsest one's decimal places (23.5 and 23.4910…). */
function agree(values: number[]): boolean {
  const places = Math.min(...values.map(decimals));
  return new Set(values.map((v) => v.toFixed(places))).size === 1;
}

export function planNpf(table: CsvTable | SheetTable, councilByName: ReadonlyMap<string, string>): NpfPlan {
  const col = requireColumnsAt(table);
  if (table.rows.length === 0) throw new ImportError(table.file, 'has a header but no rows');
  const rowOf = (i: number) => ('rowNumbers' in table ? table.rowNumbers[i]! : rowNumber(i));

  const skipped: Record<string, number> = {};
  const reasonSpelling = new Map<string, string>();
  const skip = (reason: string) => {
    const key = reason.toLowerCase();
    if (!reasonSpelling.has(key)) reasonSpelling.set(key, reason);
    const spelled = reasonSpelling.get(key)!;
    skipped[spelled] = (skipped[spelled] ?? 0) + 1;
  };
  const unmapped: Record<string, number> = {};
  const unparsedPeriods: Record<string, number> = {};
  const outcomeSpellings = new Tally();
  const indicators = new Map<string, IndicatorFacts>();
  const candidates: Candidate[] = [];

  table.rows.forEach((cells, i) => {
    const row = rowOf(i);
    // readCsv has checked that a CSV row has one cell for each column of the header.
    const cell = (name: Column) => clean(cells[col[name]]);

    const name = cell('Indicator');
    if (missing(name)) throw new ImportError(table.file, 'has no indicator name', row, 'Indicator');
    const slug = slugOf(name);
    if (!slug)
      throw new ImportError(table.file, `“${name}” has no letters or digits to make a code from`, row, 'Indicator');
    const code = npfIndicatorCode(name);
    let facts = indicators.get(code);
    if (!facts) {
      facts = {
        code,
        firstRow: row,
        slug,
        names: new Tally(),
        outcomes: [],
        measures: measureTally(),
        candidateMeasures: measureTally(),
        sources: new Tally(),
      };
      indicators.set(code, facts);
    } else if (facts.slug !== slug) {
      throw new ImportError(
        table.file,
        `“${name}” and the indicator on row ${facts.firstRow} would share the code ${code}`,
        row,
        'Indicator',
      );
    }
    facts.names.add(name);
    facts.outcomes.push(cell('Outcome'));
    outcomeSpellings.add(cell('Outcome'));
    facts.measures.add(cell('Measure'));
    facts.sources.add(cell('Source'));

    // Every figure must be a number or a missing marker, whether or not the row is kept.
    const figure = cell('Figure');
    if (!missing(figure) && !NUMBER.test(figure))
      throw new ImportError(table.file, `“${figure}” is not a number`, row, 'Figure');

    const placement = place(cell('Characteristic'), cell('Breakdown'), cell('Disaggregation'));
    if (placement.kind === 'skip') return skip(placement.reason);
    let area: string = SCOTLAND.code;
    if (placement.kind === 'council') {
      const found = councilByName.get(placement.name.toLowerCase());
      if (!found) {
        unmapped[placement.name] = (unmapped[placement.name] ?? 0) + 1;
        return skip('council name not known (listed in unmapped)');
      }
      area = found;
    }
    const period = parsePeriod(cell('Year'));
    if (!period) {
      const label = cell('Year') || '(blank)';
      unparsedPeriods[label] = (unparsedPeriods[label] ?? 0) + 1;
      return skip('period not understood (listed in unparsedPeriods)');
    }
    if (missing(figure)) return skip(`figure missing (${figure || 'blank'})`);
    facts.candidateMeasures.add(cell('Measure'));
    candidates.push({
      indicator: code,
      area,
      period,
      value: Number(figure),
      row,
      tier: placement.kind === 'scotland' ? placement.tier : 1,
      measure: cell('Measure'),
    });
  });

  const facts = [...indicators.values()];
  const mainMeasure = new Map(facts.map((f) => [f.code, f.candidateMeasures.top() ?? f.measures.top()] as const));
  const { rows, conflicts } = oneFigureEach(candidates, mainMeasure, skip);
  return {
    file: table.file,
    rowsRead: table.rows.length,
    indicators: facts.map((f) => {
      const outcomes = new Tally();
      for (const o of f.outcomes) if (!missing(o)) outcomes.add(outcomeSpellings.spellingOf(o) ?? o);
      const sources = f.sources.all();
      return {
        code: f.code,
        name: f.names.top()!,
        unit: mainMeasure.get(f.code) ?? null,
        category: outcomes.top(),
        source: sources.length ? sources.join('; ') : NPF_SOURCE,
      };
    }),
    rows,
    skipped,
    unmapped,
    unparsedPeriods,
    conflicts,
  };
}

/** requireColumns, with the header's true row in a worksheet that has a title above it. */
function requireColumnsAt(table: CsvTable | SheetTable): Record<Column, number> {
  try {
    return requireColumns(table, COLUMNS);
  } catch (error) {
    if (error instanceof ImportError && 'headerRow' in table && table.headerRow !== 1)
      throw new ImportError(error.file, error.problem, table.headerRow);
    throw error;
  }
}

/**
 * Keep one figure per indicator, area and period. Where the file gives several:
 *   1. a plain Scotland total wins over the Total line of a breakdown table;
 *   2. figures that agree once rounded alike are one figure at two precisions: the most precise is kept
 *      (the file has Child Social and Physical Development's council series twice, rounded and not);
 *   3. figures of different measures (Waste generated: tonnes, kilograms per person, million tonnes): the
 *      indicator's main measure, the one most of its kept rows have, is kept;
 *   4. figures that still differ are not guessed between: all are skipped and listed in `conflicts`.
 */
function oneFigureEach(
  candidates: Candidate[],
  mainMeasure: ReadonlyMap<string, string | null>,
  skip: (reason: string) => void,
): { rows: NpfObservation[]; conflicts: NpfConflict[] } {
  const groups = new Map<string, Candidate[]>();
  for (const c of candidates) {
    const key = `${c.indicator}|${c.area}|${c.period.label}`;
    const group = groups.get(key);
    if (group) group.push(c);
    else groups.set(key, [c]);
  }
  const rows: NpfObservation[] = [];
  const conflicts: NpfConflict[] = [];
  for (let group of groups.values()) {
    if (group.length > 1 && group.some((c) => c.tier === 1)) {
      for (const c of group) if (c.tier === 2) skip('Scotland total repeated in a breakdown table');
      group = group.filter((c) => c.tier === 1);
    }
    if (group.length > 1 && !agree(group.map((c) => c.value))) {
      const main = mainMeasure.get(group[0]!.indicator);
      const ofMain = group.filter(
        (c) => main !== null && main !== undefined && measureKey(c.measure) === measureKey(main),
      );
      if (ofMain.length > 0 && ofMain.length < group.length) {
        for (let n = group.length - ofMain.length; n > 0; n--)
          skip('another measure of the same indicator, area and period (the main measure kept)');
        group = ofMain;
      }
    }
    if (group.length > 1 && !agree(group.map((c) => c.value))) {
      for (let n = group.length; n > 0; n--)
        skip('conflicting figures for the same indicator, area and period (listed in conflicts)');
      const first = group[0]!;
      conflicts.push({
        indicator: first.indicator,
        area: first.area,
        period: first.period.label,
        rows: group.map((c) => c.row),
        figures: group.map((c) => c.value),
      });
      continue;
    }
    const kept = group.reduce((best, c) => (decimals(c.value) > decimals(best.value) ? c : best));
    for (let n = group.length - 1; n > 0; n--) skip('same figure given twice (the more precise kept)');
    rows.push({ indicator: kept.indicator, area: kept.area, period: kept.period, value: kept.value, row: kept.row });
  }
  rows.sort((a, b) => a.row - b.row);
  return { rows, conflicts };
}

export interface NpfResult {
  rowsRead: number;
  rowsLoaded: number;
  skipped: Record<string, number>;
  /** Council names that map to no council area, with how many rows each. */
  unmapped: Record<string, number>;
  /** Period labels parsePeriod cannot read, with how many rows each. */
  unparsedPeriods: Record<string, number>;
  conflicts: NpfConflict[];
  indicators: number;
  indicatorsWithObservations: number;
  areas: number;
  scotlandObservations: number;
  councilObservations: number;
  indicatorsInserted: number;
  indicatorsUpdated: number;
  observationsInserted: number;
  observationsUpdated: number;
  observationsUnchanged: number;
}

/**
 * Upsert the indicators (framework NPF) and their observations, each in one statement. A row whose
 * values are what the file says already is left alone, import_run_id and all, so that importing the same
 * file again changes nothing.
 */
export async function applyNpf(
  trx: ImportTrx,
  plan: NpfPlan,
  runId: number,
  onProgress?: (done: number, total: number) => void,
): Promise<NpfResult> {
  const ind = plan.indicators;
  onProgress?.(0, 2);
  const indicatorChanges = ind.length ? await upsertNpfIndicators(trx, ind) : [];
  if (ind.length)
    await fileUnderNpf(
      trx,
      ind.map((i) => i.code),
    );
  onProgress?.(1, 2);
  const r = plan.rows;
  const observationChanges = r.length ? await upsertNpfObservations(trx, r, runId) : [];
  onProgress?.(2, 2);
  const observationsInserted = observationChanges.filter((c) => c.inserted).length;
  const indicatorsInserted = indicatorChanges.filter((c) => c.inserted).length;
  const scotlandObservations = r.filter((x) => x.area === SCOTLAND.code).length;
  return {
    rowsRead: plan.rowsRead,
    rowsLoaded: r.length,
    skipped: plan.skipped,
    unmapped: plan.unmapped,
    unparsedPeriods: plan.unparsedPeriods,
    conflicts: plan.conflicts,
    indicators: ind.length,
    indicatorsWithObservations: new Set(r.map((x) => x.indicator)).size,
    areas: new Set(r.map((x) => x.area)).size,
    scotlandObservations,
    councilObservations: r.length - scotlandObservations,
    indicatorsInserted,
    indicatorsUpdated: indicatorChanges.length - indicatorsInserted,
    observationsInserted,
    observationsUpdated: observationChanges.length - observationsInserted,
    observationsUnchanged: r.length - observationChanges.length,
  };
}
