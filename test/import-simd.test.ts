import { readFileSync } from 'node:fs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../src/core/access/actor.ts';
import { cliContext } from '../src/core/context.ts';
import { ImportError, type SourceFile } from '../src/modules/imports/index.ts';
import { createWorld, type TestWorld } from './helpers/app.ts';
import { sharedData } from './helpers/shared-data.ts';

const SIMD = readFileSync(sharedData('simd', 'simd2020_withinds.csv'));
const LOOKUP = readFileSync(sharedData('geography', 'DataZone2011lookup.csv'));
const ctx = cliContext(systemActor('test import'));
const file = (name: string, content: Buffer | string): SourceFile => ({
  name,
  content: Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8'),
});
const lines = () => SIMD.toString('utf8').trimEnd().split(/\r?\n/);

let world: TestWorld;
beforeAll(async () => {
  world = await createWorld({ demo: false });
});
afterAll(() => world.close());

async function simdRows(): Promise<number> {
  const r = await world.handle.db
    .selectFrom('simd_data_zones')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

describe('SIMD 2020v2 import', () => {
  it('needs the geography first, and says so naming the row and column', async () => {
    const error = await world.deps.imports.importSimd(ctx, file('simd.csv', SIMD)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportError);
    expect((error as Error).message).toBe(
      'simd.csv, row 2, column Data_Zone: “S01006506” is not a known data zone (import the geography first)',
    );
  });

  it('loads all 6,976 data zones with ranks exactly 1 to 6,976 and population 5,424,800', async () => {
    await world.deps.imports.importGeography(ctx, file('DataZone2011lookup.csv', LOOKUP));
    const dry = await world.deps.imports.importSimd(ctx, file('simd2020_withinds.csv', SIMD), { dryRun: true });
    expect(dry.result.rowsLoaded).toBe(6976);
    expect(await simdRows()).toBe(0);

    const summary = await world.deps.imports.importSimd(ctx, file('simd2020_withinds.csv', SIMD));
    expect(summary.result).toMatchObject({
      edition: '2020v2',
      rowsRead: 6976,
      rowsLoaded: 6976,
      replaced: 0,
      population: 5_424_800,
      missingValues: 0,
    });
    const stats = await sql<{ n: string; lo: number; hi: number; distinct: string; pop: string }>`
      SELECT count(*) AS n, min(rank) AS lo, max(rank) AS hi, count(DISTINCT rank) AS distinct, sum(population) AS pop
      FROM simd_data_zones WHERE edition = '2020v2'`.execute(world.handle.db);
    expect(stats.rows[0]).toEqual({ n: '6976', lo: 1, hi: 6976, distinct: '6976', pop: '5424800' });
    const deciles = await sql<{
      decile: number;
      n: string;
    }>`SELECT decile, count(*) AS n FROM simd_data_zones GROUP BY decile ORDER BY decile`.execute(world.handle.db);
    expect(deciles.rows.map((d) => d.decile)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const culter = await world.handle.db
      .selectFrom('simd_data_zones')
      .selectAll()
      .where('data_zone_code', '=', 'S01006506')
      .executeTakeFirstOrThrow();
    expect(culter).toMatchObject({
      population: 894,
      rank: 4691,
      decile: 7,
      quintile: 4,
      income_count: 71,
      employment_count: 49,
    });
    expect(Number(culter.income_rate_pct)).toBe(8);
    // Tied domain ranks are kept as published (the mean of the tied ranks).
    const tied = await world.handle.db
      .selectFrom('simd_data_zones')
      .select('crime_rank')
      .where('crime_rank', '=', '4563.5')
      .execute();
    expect(tied.length).toBeGreaterThan(1);
  });

  it('matches "Na h-Eileanan an Iar" to the council through the name variants', async () => {
    const r = await sql<{ n: string }>`
      SELECT count(*) AS n FROM simd_data_zones s JOIN areas dz ON dz.code = s.data_zone_code JOIN areas iz ON iz.code = dz.parent_code
      WHERE iz.parent_code = 'S12000013'`.execute(world.handle.db);
    expect(Number(r.rows[0]?.n)).toBeGreaterThan(30);
  });

  it('is idempotent: importing again replaces the edition with the same rows', async () => {
    const before = await sql<{
      s: string;
    }>`SELECT md5(string_agg(data_zone_code || rank || population, ',' ORDER BY data_zone_code)) AS s FROM simd_data_zones`.execute(
      world.handle.db,
    );
    const again = await world.deps.imports.importSimd(ctx, file('simd2020_withinds.csv', SIMD));
    expect(again.result.replaced).toBe(6976);
    const after = await sql<{
      s: string;
    }>`SELECT md5(string_agg(data_zone_code || rank || population, ',' ORDER BY data_zone_code)) AS s FROM simd_data_zones`.execute(
      world.handle.db,
    );
    expect(after.rows[0]?.s).toBe(before.rows[0]?.s);
  });

  const header = () => lines()[0]!;
  const cases: { name: string; content: () => string; message: RegExp }[] = [
    {
      name: 'a renamed column',
      content: () => lines().join('\n').replace('"SIMD2020v2_Rank"', '"Rank"'),
      message: /^simd\.csv, row 1: missing column SIMD2020v2_Rank/,
    },
    {
      name: 'a file cut short',
      content: () => lines().slice(0, 5000).join('\n'),
      message: /^simd\.csv: has 4999 data zones; SIMD 2020v2 ranks all 6976 \(is the file cut short\?\)/,
    },
    {
      name: 'a duplicate row',
      content: () => [...lines(), lines()[3]].join('\n'),
      message: /^simd\.csv, row 6978, column Data_Zone: data zone S01006508 appears twice \(rows 4 and 6978\)/,
    },
    {
      name: 'the wrong council',
      content: () =>
        lines()
          .map((l, i) => (i === 1 ? l.replace('"Aberdeen City"', '"Fife"') : l))
          .join('\n'),
      message: /^simd\.csv, row 2, column Council_area: “Fife” is not the council of data zone S01006506 \(S12000033\)/,
    },
    {
      name: 'a rank out of range',
      content: () =>
        lines()
          .map((l, i) => (i === 1 ? l.replace(',894,580,4691,', ',894,580,7000,') : l))
          .join('\n'),
      message: /row 2, column SIMD2020v2_Rank: “7000” is not a whole number from 1 to 6976/,
    },
    {
      name: 'a bad percentage',
      content: () =>
        lines()
          .map((l, i) => (i === 1 ? l.replace('"8%",71,', '"eight%",71,') : l))
          .join('\n'),
      message: /row 2, column income_rate: “eight%” is not a percentage/,
    },
    { name: 'only a header', content: () => header(), message: /^simd\.csv: has a header but no rows/ },
  ];
  for (const c of cases) {
    it(`refuses ${c.name}, writing nothing`, async () => {
      const before = await sql<{
        s: string;
      }>`SELECT md5(string_agg(data_zone_code || rank, ',' ORDER BY data_zone_code)) AS s FROM simd_data_zones`.execute(
        world.handle.db,
      );
      const runs = await world.handle.db
        .selectFrom('import_runs')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow();
      const error = await world.deps.imports.importSimd(ctx, file('simd.csv', c.content())).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ImportError);
      expect((error as Error).message).toMatch(c.message);
      const after = await sql<{
        s: string;
      }>`SELECT md5(string_agg(data_zone_code || rank, ',' ORDER BY data_zone_code)) AS s FROM simd_data_zones`.execute(
        world.handle.db,
      );
      expect(after.rows[0]?.s).toBe(before.rows[0]?.s);
      const runsAfter = await world.handle.db
        .selectFrom('import_runs')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow();
      expect(runsAfter.n).toBe(runs.n);
    });
  }
});
