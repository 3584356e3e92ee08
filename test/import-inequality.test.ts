import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANONYMOUS, systemActor } from '../src/core/access/actor.ts';
import { cliContext } from '../src/core/context.ts';
import { ImportError, type SourceFile } from '../src/modules/imports/index.ts';
import { duncanIndex } from '../src/modules/outcomes/index.ts';
import { createWorld, type TestWorld } from './helpers/app.ts';
import { sharedData } from './helpers/shared-data.ts';

const DIR = sharedData('cpop', 'inequality-inputs');
const FILES: SourceFile[] = readdirSync(DIR)
  .filter((f) => /^\d{4}_IGZ\.csv$/.test(f))
  .sort()
  .map((f) => ({ name: f, content: readFileSync(path.join(DIR, f)) }));
const ctx = cliContext(systemActor('test import'));
const y2021 = () =>
  FILES.find((f) => f.name === '2021_IGZ.csv')!
    .content.toString('utf8')
    .trimEnd()
    .split(/\r?\n/);

let world: TestWorld;
beforeAll(async () => {
  world = await createWorld({ demo: false });
});
afterAll(() => world.close());

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

describe('CPOP inequality inputs and the Duncan index', () => {
  it('loads 16 years of 1,279 zones, ignoring a trailing blank row', async () => {
    expect(FILES).toHaveLength(16);
    const summary = await world.deps.imports.importInequality(ctx, FILES);
    expect(summary.result).toMatchObject({ files: 16, rowsRead: 20464, rowsLoaded: 20464 });
    expect(summary.result.years).toEqual([...Array(16).keys()].map((i) => 2006 + i));
    const perYear = await world.handle.db
      .selectFrom('inequality_zones')
      .select(['year', (eb) => eb.fn.countAll<string>().as('n')])
      .groupBy('year')
      .execute();
    expect(perYear.every((r) => Number(r.n) === 1279)).toBe(true);
  });

  it('gives a Duncan index for every partnership, indicator and year, between −1 and 1', async () => {
    const rows = await world.deps.outcomes.duncanIndexes({ actor: ANONYMOUS, ip: null, requestId: null });
    expect(rows).toHaveLength(32 * 7 * 16);
    const values = rows.filter((r) => r.duncanIndex !== null).map((r) => r.duncanIndex as number);
    expect(values.length).toBeGreaterThan(rows.length * 0.95);
    expect(values.every((d) => d >= -1 && d <= 1)).toBe(true);
    for (const r of rows.filter((x) => x.duncanIndex === null)) expect(r.note).toBeTruthy();
  });

  it('points the way the data says: income-deprived people live where child poverty is high and attainment low', async () => {
    const rows = await world.deps.outcomes.duncanIndexes({ actor: ANONYMOUS, ip: null, requestId: null });
    const of = (indicator: string) =>
      rows
        .filter((r) => r.indicatorCode === indicator && r.year === 2021 && r.duncanIndex !== null)
        .map((r) => r.duncanIndex as number);
    // Values sorted ascending: deprived people concentrated among the highest child-poverty zones → negative.
    expect(median(of('cpop-child-poverty'))).toBeLessThan(-0.2);
    // … and among the lowest-attainment zones → positive.
    expect(median(of('cpop-attainment'))).toBeGreaterThan(0.2);
  });

  it('reads the inputs once for all councils and gives what the pure function gives on each group, and per council what the batch gives', async () => {
    const anyone = { actor: ANONYMOUS, ip: null, requestId: null };
    const rows = await world.deps.outcomes.duncanIndexes(anyone);
    const maxMissing = await world.deps.outcomes.parameter('duncan_index', 'max_missing_share');
    // Three groups straight from the tables, zone by zone, through duncanIndex() itself.
    const pick = (i: number) => rows[Math.floor((rows.length - 1) * i)]!;
    for (const { councilCode: council, indicatorCode: indicator, year } of [pick(0), pick(0.37), pick(0.81), pick(1)]) {
      const zones = await world.handle.db
        .selectFrom('inequality_zone_values as v')
        .innerJoin('inequality_zones as z', (j) =>
          j
            .onRef('z.year', '=', 'v.year')
            .onRef('z.council_code', '=', 'v.council_code')
            .onRef('z.zone_index', '=', 'v.zone_index'),
        )
        .select(['v.value', 'z.income_deprived', 'z.not_income_deprived'])
        .where('v.council_code', '=', council)
        .where('v.indicator_code', '=', indicator)
        .where('v.year', '=', year)
        .orderBy('v.zone_index')
        .execute();
      const n = (x: string | null) => (x === null ? null : Number(x));
      const direct = duncanIndex(
        zones.map((z) => ({
          value: n(z.value),
          incomeDeprived: n(z.income_deprived),
          notIncomeDeprived: n(z.not_income_deprived),
        })),
        maxMissing,
      );
      const row = rows.find((r) => r.councilCode === council && r.indicatorCode === indicator && r.year === year)!;
      expect(row.zones, `${council} ${indicator} ${year}`).toBe(direct.zones);
      expect(row.duncanIndex, `${council} ${indicator} ${year}`).toBe(direct.index);
    }
    const all = await world.deps.outcomes.inequalities(anyone);
    expect(all.size).toBe(32);
    for (const council of [pick(0).councilCode, pick(0.5).councilCode, pick(1).councilCode])
      expect(await world.deps.outcomes.inequality(anyone, council)).toEqual(all.get(council));
  });

  it('takes the missing-value threshold from method_parameters', async () => {
    expect(await world.deps.outcomes.parameter('duncan_index', 'max_missing_share')).toBe(0.2);
  });

  const cases: { name: string; files: () => SourceFile[]; message: RegExp }[] = [
    {
      name: 'a missing column',
      files: () => [{ name: '2021_IGZ.csv', content: Buffer.from(y2021().join('\n').replace(',inc.n,', ',income,')) }],
      message: /^2021_IGZ\.csv, row 1: missing column inc\.n/,
    },
    {
      name: 'an unknown council',
      files: () => [
        {
          name: '2021_IGZ.csv',
          content: Buffer.from(
            y2021()
              .map((l, i) => (i === 5 ? l.replace('Aberdeen City', 'Atlantis') : l))
              .join('\n'),
          ),
        },
      ],
      message: /^2021_IGZ\.csv, row 6, column la: “Atlantis” is not a council area/,
    },
    {
      name: 'two years in one file',
      files: () => [
        {
          name: '2021_IGZ.csv',
          content: Buffer.from(
            y2021()
              .map((l, i) => (i === 9 ? l.replace(',2021,', ',2020,') : l))
              .join('\n'),
          ),
        },
      ],
      message: /^2021_IGZ\.csv, row 10, column year: mixes years 2021 and 2020/,
    },
    {
      name: 'the same year twice',
      files: () => [FILES.at(-1)!, { name: 'copy.csv', content: FILES.at(-1)!.content }],
      message: /^copy\.csv, row 2, column year: holds 2021, which 2021_IGZ\.csv holds too/,
    },
    {
      name: 'a value that is not a number',
      files: () => [
        {
          name: '2021_IGZ.csv',
          content: Buffer.from(
            y2021()
              .map((l, i) => (i === 3 ? l.replace(/,[^,]*$/, ',lots') : l))
              .join('\n'),
          ),
        },
      ],
      message: /row 4, column crime: “lots” is not a number/,
    },
  ];
  for (const c of cases) {
    it(`refuses ${c.name}, writing nothing`, async () => {
      const before = await world.handle.db
        .selectFrom('inequality_zones')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow();
      const error = await world.deps.imports.importInequality(ctx, c.files()).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ImportError);
      expect((error as Error).message).toMatch(c.message);
      const after = await world.handle.db
        .selectFrom('inequality_zones')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow();
      expect(after.n).toBe(before.n);
    });
  }
});
