import { readFileSync } from 'node:fs';
import { sql } from 'kysely';
import writeExcelFile from 'write-excel-file/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../src/core/access/actor.ts';
import { cliContext } from '../src/core/context.ts';
import { ImportError, type SourceFile } from '../src/modules/imports/index.ts';
import { createWorld, type TestWorld } from './helpers/app.ts';
import { sharedData } from './helpers/shared-data.ts';

const NAME = 'Mid-year_population_estimates.xlsx';
const WORKBOOK = readFileSync(sharedData('population', NAME));
const ctx = cliContext(systemActor('test import'));
const file = (name: string, content: Buffer | string): SourceFile => ({
  name,
  content: Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8'),
});
const SCOTLAND = 'S92000003';

type Cell = string | number;
const HEADER: Cell[] = ['Area', 'Year', 'Sex', 'Age', 'Population'];
const AGES = Array.from({ length: 91 }, (_v, a) => a);
/** One area and year as the NRS workbook lays it out: F then M, ages 0 to 90 (90 meaning 90 and over). Data row i is spreadsheet row i + 2. */
const sample = (area = 'Aberdeen City', year = 2018): Cell[][] =>
  ['F', 'M'].flatMap((sex) => AGES.map((age) => [area, year, sex, age, 1000 + age]));
const workbook = async (rows: Cell[][], header = HEADER) =>
  file('population.xlsx', Buffer.from(await writeExcelFile([header, ...rows]).toBuffer()));

let world: TestWorld;
beforeAll(async () => {
  world = await createWorld({ demo: false });
});
afterAll(() => world.close());

/** What is stored: every import sets import_run_id on the rows it writes, so a failed one leaves this as it was. */
async function fingerprint() {
  const r = await sql<{ n: string; pop: string | null; run: number | null }>`
    SELECT count(*) AS n, sum(population) AS pop, max(import_run_id) AS run FROM population_estimates`.execute(
    world.handle.db,
  );
  const runs = await world.handle.db
    .selectFrom('import_runs')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return {
    rows: Number(r.rows[0]?.n),
    population: r.rows[0]?.pop ?? null,
    lastRun: r.rows[0]?.run ?? null,
    runs: Number(runs.n),
  };
}

const contents = () =>
  sql<{
    s: string;
  }>`SELECT md5(string_agg(area_code || year || sex || age || population, ',' ORDER BY area_code, year, sex, age)) AS s FROM population_estimates`
    .execute(world.handle.db)
    .then((r) => r.rows[0]?.s);

async function total(area: string, year: number, sex = 'all', age = 'all'): Promise<number | undefined> {
  const row = await world.handle.db
    .selectFrom('population_estimates')
    .select('population')
    .where('area_code', '=', area)
    .where('year', '=', year)
    .where('sex', '=', sex as 'all')
    .where('age', '=', age)
    .executeTakeFirst();
  return row?.population;
}

describe('NRS mid-year population estimates import', () => {
  it('loads all 126,126 rows with the totals the file lacks: Scotland 5,438,100 in 2018 and 5,299,900 in 2011', async () => {
    const dryProgress: [number, number][] = [];
    const dry = await world.deps.imports.importPopulation(ctx, file(NAME, WORKBOOK), {
      dryRun: true,
      onProgress: (d, t) => dryProgress.push([d, t]),
    });
    expect(dry).toMatchObject({ kind: 'population', dryRun: true, runId: null });
    expect(dry.result.rowsLoaded).toBe(126_126);
    expect(dryProgress.at(-1)).toEqual([191_268, 191_268]);
    expect(await fingerprint()).toEqual({ rows: 0, population: null, lastRun: null, runs: 0 });

    const progress: [number, number][] = [];
    const summary = await world.deps.imports.importPopulation(ctx, file(NAME, WORKBOOK), {
      onProgress: (d, t) => progress.push([d, t]),
    });
    // 33 areas × 21 years × 2 sexes × 91 ages in the file; per area and year, 91 + 2 + 1 totals computed.
    expect(summary.result).toMatchObject({
      rowsRead: 126_126,
      rowsLoaded: 126_126,
      computedTotals: 65_142,
      rowsWritten: 191_268,
      replaced: 0,
      changed: 0,
      areas: 33,
      years: { from: 1998, to: 2018 },
      scotlandMatchesCouncils: true,
    });
    expect(summary.result.scotland[2018]).toBe(5_438_100);
    expect(summary.result.scotland[2011]).toBe(5_299_900);
    expect(progress[0]).toEqual([0, 191_268]);
    expect(progress.length).toBeGreaterThan(2);
    expect(progress.at(-1)).toEqual([191_268, 191_268]);

    expect(await total(SCOTLAND, 2018)).toBe(5_438_100);
    expect(await total(SCOTLAND, 2011)).toBe(5_299_900);
    const stats = await sql<{ n: string; areas: string; ages: string; old: string }>`
      SELECT count(*) AS n, count(DISTINCT area_code) AS areas, count(DISTINCT age) AS ages, count(*) FILTER (WHERE age = '90+') AS old
      FROM population_estimates`.execute(world.handle.db);
    expect(stats.rows[0]).toEqual({ n: '191268', areas: '33', ages: '92', old: String(33 * 21 * 3) });
    // Totals add up every way: sexes, ages, and the councils to Scotland.
    const f = (await total(SCOTLAND, 2018, 'female'))!;
    const m = (await total(SCOTLAND, 2018, 'male'))!;
    expect(f + m).toBe(5_438_100);
    expect((await total(SCOTLAND, 2018, 'all', '90+'))!).toBe(
      (await total(SCOTLAND, 2018, 'female', '90+'))! + (await total(SCOTLAND, 2018, 'male', '90+'))!,
    );
    const councils = await sql<{ s: string }>`
      SELECT sum(population) AS s FROM population_estimates p JOIN areas a ON a.code = p.area_code
      WHERE a.level = 'council_area' AND year = 2018 AND sex = 'all' AND age = 'all'`.execute(world.handle.db);
    expect(Number(councils.rows[0]?.s)).toBe(5_438_100);
    // Names matched: "City of Edinburgh" and "Na h-Eileanan Siar".
    expect(await total('S12000036', 2018)).toBeGreaterThan(500_000);
    expect(await total('S12000013', 2018)).toBeGreaterThan(25_000);
    const run = await world.handle.db
      .selectFrom('import_runs')
      .selectAll()
      .where('id', '=', summary.runId!)
      .executeTakeFirstOrThrow();
    expect(run).toMatchObject({
      kind: 'population',
      file_name: NAME,
      rows_read: 126_126,
      rows_loaded: 126_126,
      rows_skipped: 0,
    });
  }, 240_000);

  it('is idempotent: the same file again gives the same counts and changes nothing', async () => {
    const before = await fingerprint();
    const hash = await contents();
    const again = await world.deps.imports.importPopulation(ctx, file(NAME, WORKBOOK));
    expect(again.result).toMatchObject({
      rowsRead: 126_126,
      rowsLoaded: 126_126,
      computedTotals: 65_142,
      rowsWritten: 191_268,
      replaced: 191_268,
      changed: 0,
    });
    expect(await contents()).toBe(hash);
    expect(await fingerprint()).toEqual({ ...before, lastRun: again.runId, runs: before.runs + 1 });
  }, 240_000);

  const cases: { name: string; source: () => Promise<SourceFile>; message: string }[] = [
    {
      name: 'a renamed column',
      source: () => workbook(sample(), ['Area', 'Year', 'Sex', 'Age', 'Pop']),
      message:
        'population.xlsx (worksheet “Sheet1”), row 1: missing column Population (found: Area, Year, Sex, Age, Pop)',
    },
    {
      name: 'a missing column',
      source: () =>
        workbook(
          sample().map((r) => r.filter((_c, i) => i !== 2)),
          ['Area', 'Year', 'Age', 'Population'],
        ),
      message: 'population.xlsx (worksheet “Sheet1”), row 1: missing column Sex (found: Area, Year, Age, Population)',
    },
    {
      name: 'a truncated workbook',
      source: async () => file('cut.xlsx', WORKBOOK.subarray(0, WORKBOOK.length / 2)),
      message:
        'cut.xlsx: is not an Excel workbook that can be read (no zip central directory at its end: not a zip archive, or cut short)',
    },
    {
      name: 'a workbook cut short at a row',
      source: () => workbook(sample().slice(0, -10)),
      message:
        'population.xlsx (worksheet “Sheet1”): Aberdeen City, 2018, male: no row for age 81, 82, 83, 84, 85 and 5 more (is the file cut short?)',
    },
    {
      name: 'an area missing a year the others have',
      source: () => workbook([...sample(), ...sample('Aberdeen City', 2017), ...sample('Fife', 2018)]),
      message:
        'population.xlsx (worksheet “Sheet1”): Fife has years 2018 but Aberdeen City has 2017, 2018 (is the file cut short?)',
    },
    {
      name: 'an unknown area',
      source: () => workbook(sample().map((r, i) => (i === 3 ? ['Atlantis', ...r.slice(1)] : r))),
      message:
        'population.xlsx (worksheet “Sheet1”), row 5, column Area: “Atlantis” is not a council area or Scotland under any name or code Cairn knows',
    },
    {
      name: 'a duplicate row',
      source: () => workbook([...sample(), sample()[5]!]),
      message:
        'population.xlsx (worksheet “Sheet1”), row 184: Aberdeen City, 2018, female, age 5 appears twice (rows 7 and 184)',
    },
    {
      name: 'a negative population',
      source: () => workbook(sample().map((r, i) => (i === 8 ? [...r.slice(0, 4), -3] : r))),
      message: 'population.xlsx (worksheet “Sheet1”), row 10, column Population: “-3” is not a whole number of people',
    },
    {
      name: 'a population that is not a whole number',
      source: () => workbook(sample().map((r, i) => (i === 8 ? [...r.slice(0, 4), 1008.5] : r))),
      message:
        'population.xlsx (worksheet “Sheet1”), row 10, column Population: “1008.5” is not a whole number of people',
    },
    {
      name: 'a population that is not a number',
      source: () => workbook(sample().map((r, i) => (i === 8 ? [...r.slice(0, 4), 'n/a'] : r))),
      message: 'population.xlsx (worksheet “Sheet1”), row 10, column Population: “n/a” is not a whole number of people',
    },
    {
      name: 'an age beyond 90+',
      source: () => workbook(sample().map((r, i) => (i === 8 ? [...r.slice(0, 3), 91, r[4]!] : r))),
      message:
        'population.xlsx (worksheet “Sheet1”), row 10, column Age: “91” is not an age from 0 to 90+ or “All ages”',
    },
    {
      name: 'an unknown sex',
      source: () => workbook(sample().map((r, i) => (i === 8 ? [r[0]!, r[1]!, 'X', r[3]!, r[4]!] : r))),
      message:
        'population.xlsx (worksheet “Sheet1”), row 10, column Sex: “X” is not a sex (F, M, Female, Male or Persons)',
    },
    {
      name: 'a stated total that is not the sum of its parts',
      source: () => workbook([...sample(), ['Aberdeen City', 2018, 'F', 'All ages', 12345]]),
      message:
        'population.xlsx (worksheet “Sheet1”), row 184, column Population: the total 12345 is not the sum of its parts (95095)',
    },
    {
      name: 'a header and no rows',
      source: () => workbook([]),
      message: 'population.xlsx (worksheet “Sheet1”): has a header but no rows',
    },
  ];
  for (const c of cases) {
    it(`refuses ${c.name}, writing nothing`, async () => {
      const before = await fingerprint();
      const error = await world.deps.imports.importPopulation(ctx, await c.source()).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ImportError);
      expect((error as Error).message).toBe(c.message);
      expect(await fingerprint()).toEqual(before);
    });
  }

  it('reads the same layout as CSV, with codes (current or previous) and with totals it already holds', async () => {
    const rows = [
      ...['Females', 'Males'].flatMap((sex) =>
        AGES.map((age) => ['S12000015', 2019, sex, age === 90 ? '90+' : age, 10]),
      ),
      ['S12000047', 2019, 'Persons', 'All ages', 1820],
    ];
    const csv = [HEADER, ...rows].map((r) => r.join(',')).join('\n');
    const summary = await world.deps.imports.importPopulation(ctx, file('fife-2019.csv', csv));
    // 182 rows given and one total; computed: 91 "all" by age, 2 "all ages" by sex.
    expect(summary.result).toMatchObject({
      rowsRead: 183,
      rowsLoaded: 183,
      computedTotals: 93,
      rowsWritten: 276,
      areas: 1,
      scotlandMatchesCouncils: null,
    });
    expect(await total('S12000047', 2019)).toBe(1820);
    expect(await total('S12000047', 2019, 'female')).toBe(910);
    expect(await total('S12000047', 2019, 'all', '90+')).toBe(20);
  });
});
