import { DEFAULT_IMPORT_LIMITS, requireColumns, type ImportLimits, type SourceFile } from './csv-reader.ts';
import { ImportError } from './import-errors.ts';
import type { ImportTrx } from './imports.repository.ts';
import { upsertPopulationEstimates } from './population.repository.ts';
import { readTable } from './table-reader.ts';

/**
 * NRS mid-year population estimates as `ScotGovAnalysis/population_estimates` publishes them
 * (`Mid-year_population_estimates.xlsx`): one row per area, year, sex and single year of age, columns
 * Area, Year, Sex, Age, Population. Areas are named (the 32 council areas and Scotland), sex is F or M,
 * ages run 0 to 90 where 90 is the open-ended "90 and over" group. The file holds no totals: Cairn adds
 * them (sex 'all' for every age, age 'all' for each sex, and both), computed here from the rows given.
 * Files that do carry totals ("Persons", "All ages") keep them, checked against the sum of their parts.
 * The same layout as CSV, or with GSS codes in Area, is read too.
 */
const COLUMNS = ['Area', 'Year', 'Sex', 'Age', 'Population'] as const;
type Column = (typeof COLUMNS)[number];
type Sex = 'all' | 'female' | 'male';

const SEXES: Record<string, Sex> = {
  f: 'female',
  female: 'female',
  females: 'female',
  m: 'male',
  male: 'male',
  males: 'male',
  persons: 'all',
  all: 'all',
  'all people': 'all',
  total: 'all',
};
const ALL_AGES = new Set(['all', 'all ages', 'total']);
/** The oldest age group is open-ended: NRS writes it "90" in this file and "90+" elsewhere. */
const OLDEST = 90;
const AGES = [...Array.from({ length: OLDEST }, (_v, a) => String(a)), `${OLDEST}+`];
const YEARS = { min: 1900, max: 2100 };

export interface PopulationRow {
  area: string;
  year: number;
  sex: Sex;
  age: string;
  population: number;
}

export interface PopulationPlan {
  file: string;
  rows: PopulationRow[];
  rowsRead: number;
  /** Totals not in the file, computed from its rows. */
  computedTotals: number;
  /** Whether every Scotland figure equals the sum of the 32 councils' (null: the file lacks one or the other). */
  scotlandMatchesCouncils: boolean | null;
}

export interface PopulationContext {
  /** Any spelling of Scotland or a council name (lower case), and any current or previous code → its code. */
  areaByName: ReadonlyMap<string, string>;
  councils: number;
  scotland: string;
}

const key = (area: string, year: number, sex: Sex, age: string) => `${area}|${year}|${sex}|${age}`;

export async function planPopulation(
  source: SourceFile,
  context: PopulationContext,
  limits: ImportLimits = DEFAULT_IMPORT_LIMITS,
): Promise<PopulationPlan> {
  const table = await readTable(source, limits);
  let col: Record<Column, number>;
  try {
    col = requireColumns(table, COLUMNS);
  } catch (error) {
    // requireColumns counts the header as row 1, as in a CSV file; a worksheet may have titles above it.
    if (error instanceof ImportError) throw new ImportError(error.file, error.problem, table.headerRow);
    throw error;
  }
  if (table.rows.length === 0) throw new ImportError(table.file, 'has a header but no rows');

  const given = new Map<string, { row: number; value: number }>();
  const names = new Map<string, string>();
  table.rows.forEach((cells, i) => {
    const row = table.rowNumbers[i]!;
    const cell = (name: Column) => (cells[col[name]] ?? '').trim();
    const areaText = cell('Area');
    const area = context.areaByName.get(areaText.toLowerCase());
    if (!area)
      throw new ImportError(
        table.file,
        `“${areaText}” is not a council area or Scotland under any name or code Cairn knows`,
        row,
        'Area',
      );
    if (!names.has(area)) names.set(area, areaText);
    const yearText = cell('Year');
    const year = Number(yearText);
    if (!/^\d{4}$/.test(yearText) || year < YEARS.min || year > YEARS.max)
      throw new ImportError(table.file, `“${yearText}” is not a year`, row, 'Year');
    const sex = SEXES[cell('Sex').toLowerCase()];
    if (!sex)
      throw new ImportError(table.file, `“${cell('Sex')}” is not a sex (F, M, Female, Male or Persons)`, row, 'Sex');
    const ageText = cell('Age').replace(/\s+/g, ' ');
    let age: string;
    if (ALL_AGES.has(ageText.toLowerCase())) age = 'all';
    else if (/^\d{1,2}$/.test(ageText) && Number(ageText) < OLDEST) age = String(Number(ageText));
    else if (ageText === String(OLDEST) || ageText === `${OLDEST}+`) age = `${OLDEST}+`;
    else throw new ImportError(table.file, `“${ageText}” is not an age from 0 to ${OLDEST}+ or “All ages”`, row, 'Age');
    const popText = cell('Population').replace(/,/g, '');
    const population = Number(popText);
    if (!/^-?\d+(\.\d+)?$/.test(popText) || !Number.isInteger(population) || population < 0) {
      throw new ImportError(table.file, `“${cell('Population')}” is not a whole number of people`, row, 'Population');
    }
    const k = key(area, year, sex, age);
    const earlier = given.get(k);
    if (earlier)
      throw new ImportError(
        table.file,
        `${areaText}, ${year}, ${sex}, age ${age} appears twice (rows ${earlier.row} and ${row})`,
        row,
      );
    given.set(k, { row, value: population });
  });

  // Every area must cover the same years, and each sex it gives by age must have every age: a file cut
  // short (or a sheet filtered before saving) shows up here, and the totals below would be wrong.
  const years = new Map<string, Set<number>>();
  for (const k of given.keys()) {
    const [area, year] = k.split('|') as [string, string];
    const set = years.get(area) ?? new Set<number>();
    set.add(Number(year));
    years.set(area, set);
  }
  const span = (set: Set<number>) => [...set].sort((a, b) => a - b).join(', ');
  const [firstArea, firstYears] = [...years][0]!;
  for (const [area, set] of years) {
    if (span(set) !== span(firstYears)) {
      throw new ImportError(
        table.file,
        `${names.get(area)} has years ${span(set)} but ${names.get(firstArea)} has ${span(firstYears)} (is the file cut short?)`,
      );
    }
  }
  for (const [area, set] of years) {
    for (const year of set) {
      for (const sex of ['female', 'male', 'all'] as const) {
        const have = AGES.filter((a) => given.has(key(area, year, sex, a)));
        if (have.length === 0 || have.length === AGES.length) continue;
        const lacking = AGES.filter((a) => !given.has(key(area, year, sex, a)));
        throw new ImportError(
          table.file,
          `${names.get(area)}, ${year}, ${sex}: no row for age ${lacking.slice(0, 5).join(', ')}${lacking.length > 5 ? ` and ${lacking.length - 5} more` : ''} (is the file cut short?)`,
        );
      }
    }
  }

  // Totals: a total in the file is kept (and must equal its parts where the file gives them); a total
  // missing from the file is computed from its parts: sex 'all' = female + male, age 'all' = the sum
  // over every age (or, for sex 'all', female 'all' + male 'all').
  const computed = new Map<string, number | null>();
  const fromParts = (area: string, year: number, sex: Sex, age: string): number | null => {
    const parts: [Sex, string][] =
      sex === 'all'
        ? [
            ['female', age],
            ['male', age],
          ]
        : age === 'all'
          ? AGES.map((a): [Sex, string] => [sex, a])
          : [];
    if (!parts.length) return null;
    let sum = 0;
    for (const [s, a] of parts) {
      const v = value(area, year, s, a);
      if (v === null) return sex === 'all' && age === 'all' ? sumOfAges(area, year) : null;
      sum += v;
    }
    return sum;
  };
  const sumOfAges = (area: string, year: number): number | null => {
    let sum = 0;
    for (const a of AGES) {
      const v = given.get(key(area, year, 'all', a))?.value;
      if (v === undefined) return null;
      sum += v;
    }
    return sum;
  };
  const value = (area: string, year: number, sex: Sex, age: string): number | null => {
    const k = key(area, year, sex, age);
    const stated = given.get(k);
    if (stated) return stated.value;
    if (!computed.has(k)) computed.set(k, fromParts(area, year, sex, age));
    return computed.get(k)!;
  };

  const rows: PopulationRow[] = [];
  let computedTotals = 0;
  for (const [area, set] of years) {
    for (const year of [...set].sort((a, b) => a - b)) {
      for (const sex of ['all', 'female', 'male'] as const) {
        for (const age of ['all', ...AGES]) {
          const stated = given.get(key(area, year, sex, age));
          const sum = fromParts(area, year, sex, age);
          if (stated && sum !== null && sum !== stated.value) {
            throw new ImportError(
              table.file,
              `the total ${stated.value} is not the sum of its parts (${sum})`,
              stated.row,
              'Population',
            );
          }
          const population = stated?.value ?? sum;
          if (population === null) continue;
          if (!stated) computedTotals++;
          rows.push({ area, year, sex, age, population });
        }
      }
    }
  }

  let scotlandMatchesCouncils: boolean | null = null;
  const councilAreas = [...years.keys()].filter((a) => a !== context.scotland);
  if (years.has(context.scotland) && councilAreas.length === context.councils) {
    const sums = new Map<string, number>();
    for (const r of rows)
      if (r.area !== context.scotland)
        sums.set(key('', r.year, r.sex, r.age), (sums.get(key('', r.year, r.sex, r.age)) ?? 0) + r.population);
    scotlandMatchesCouncils = rows
      .filter((r) => r.area === context.scotland)
      .every((r) => sums.get(key('', r.year, r.sex, r.age)) === r.population);
  }
  return { file: table.file, rows, rowsRead: table.rows.length, computedTotals, scotlandMatchesCouncils };
}

export interface PopulationResult {
  rowsRead: number;
  /** Rows of the file stored (all of them: a file with a bad row is refused). */
  rowsLoaded: number;
  /** Totals the file does not hold, computed from its rows and stored with them. */
  computedTotals: number;
  /** Rows written: rowsLoaded + computedTotals. */
  rowsWritten: number;
  /** Of the rows written, how many were already stored, and how many of those with another figure. */
  replaced: number;
  changed: number;
  areas: number;
  years: { from: number; to: number };
  /** Scotland, all ages, both sexes, in each year. */
  scotland: Record<number, number>;
  scotlandMatchesCouncils: boolean | null;
}

const CHUNK = 25_000;

/** Insert or replace the estimates, a chunk at a time (arrays in via unnest), counting what was there before. */
export async function applyPopulation(
  trx: ImportTrx,
  plan: PopulationPlan,
  runId: number,
  scotlandCode: string,
  onProgress?: (done: number, total: number) => void,
): Promise<PopulationResult> {
  const all = plan.rows;
  let replaced = 0;
  let changed = 0;
  onProgress?.(0, all.length);
  for (let start = 0; start < all.length; start += CHUNK) {
    const r = all.slice(start, start + CHUNK);
    const counts = await upsertPopulationEstimates(trx, r, runId);
    replaced += counts.replaced;
    changed += counts.changed;
    onProgress?.(Math.min(start + CHUNK, all.length), all.length);
  }
  let from = Infinity;
  let to = -Infinity;
  const scotland: Record<number, number> = {};
  for (const x of all) {
    from = Math.min(from, x.year);
    to = Math.max(to, x.year);
    if (x.area === scotlandCode && x.sex === 'all' && x.age === 'all') scotland[x.year] = x.population;
  }
  return {
    rowsRead: plan.rowsRead,
    rowsLoaded: all.length - plan.computedTotals,
    computedTotals: plan.computedTotals,
    rowsWritten: all.length,
    replaced,
    changed,
    areas: new Set(all.map((x) => x.area)).size,
    years: { from, to },
    scotland,
    scotlandMatchesCouncils: plan.scotlandMatchesCouncils,
  };
}
