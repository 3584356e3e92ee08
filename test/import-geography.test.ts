import { readFileSync } from 'node:fs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANONYMOUS, systemActor } from '../src/core/access/actor.ts';
import { cliContext } from '../src/core/context.ts';
import { ForbiddenError, UnauthenticatedError } from '../src/core/errors.ts';
import { ImportError, type SourceFile } from '../src/modules/imports/index.ts';
import { createWorld, type TestWorld } from './helpers/app.ts';
import { sharedData } from './helpers/shared-data.ts';

const STATS = readFileSync(sharedData('geography', 'DataZone2011lookup.csv'));
const NRS = readFileSync(sharedData('geography', 'Datazone2011lookup_all_geographies.csv'));
const ctx = cliContext(systemActor('test import'));

let world: TestWorld;
beforeAll(async () => {
  world = await createWorld({ demo: false });
});
afterAll(() => world.close());

async function levelCounts(): Promise<Record<string, number>> {
  const rows = await world.handle.db
    .selectFrom('areas')
    .select(['level', (eb) => eb.fn.countAll<string>().as('n')])
    .where('fictional', '=', false)
    .groupBy('level')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.level, Number(r.n)]));
}

async function tableCount(
  table: 'import_runs' | 'audit_events' | 'area_links' | 'area_classifications',
): Promise<number> {
  const r = await sql<{ n: string }>`SELECT count(*) AS n FROM ${sql.table(table)}`.execute(world.handle.db);
  return Number(r.rows[0]?.n);
}

const file = (name: string, content: Buffer | string): SourceFile => ({
  name,
  content: Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8'),
});
const statsLines = () => STATS.toString('utf8').trimEnd().split(/\r?\n/);

describe('geography import from the real data zone 2011 lookups', () => {
  it('a dry run checks and counts everything and writes nothing', async () => {
    const before = {
      areas: await levelCounts(),
      runs: await tableCount('import_runs'),
      audit: await tableCount('audit_events'),
    };
    const summary = await world.deps.imports.importGeography(ctx, file('DataZone2011lookup.csv', STATS), {
      dryRun: true,
    });
    expect(summary.dryRun).toBe(true);
    expect(summary.runId).toBeNull();
    expect(summary.result.counts['data_zone']).toEqual({ created: 6976, updated: 0 });
    expect({
      areas: await levelCounts(),
      runs: await tableCount('import_runs'),
      audit: await tableCount('audit_events'),
    }).toEqual(before);
  });

  it('loads 1,279 intermediate zones and 6,976 data zones, each inside one of the 32 council areas', async () => {
    const progress: number[] = [];
    const summary = await world.deps.imports.importGeography(ctx, file('DataZone2011lookup.csv', STATS), {
      onProgress: (d) => progress.push(d),
    });
    expect(summary.result.layout).toBe('statistics.gov.scot');
    expect(summary.result.councilAreas).toBe(32);
    expect(progress).toEqual([1, 2]);
    expect(await levelCounts()).toEqual({ country: 1, council_area: 32, intermediate_zone: 1279, data_zone: 6976 });
    const range = await world.handle.db
      .selectFrom('areas')
      .select(['level', (eb) => eb.fn.min('code').as('first'), (eb) => eb.fn.max('code').as('last')])
      .where('level', 'in', ['data_zone', 'intermediate_zone'])
      .groupBy('level')
      .orderBy('level')
      .execute();
    expect(range).toEqual([
      { level: 'data_zone', first: 'S01006506', last: 'S01013481' },
      { level: 'intermediate_zone', first: 'S02001236', last: 'S02002514' },
    ]);
    // Every data zone's parent is an intermediate zone whose parent is a council area.
    const orphans = await sql<{ n: string }>`
      SELECT count(*) AS n FROM areas dz
      LEFT JOIN areas iz ON iz.code = dz.parent_code AND iz.level = 'intermediate_zone'
      LEFT JOIN areas la ON la.code = iz.parent_code AND la.level = 'council_area'
      WHERE dz.level = 'data_zone' AND la.code IS NULL`.execute(world.handle.db);
    expect(Number(orphans.rows[0]?.n)).toBe(0);
    const run = await world.handle.db
      .selectFrom('import_runs')
      .selectAll()
      .where('id', '=', summary.runId!)
      .executeTakeFirstOrThrow();
    expect(run).toMatchObject({
      kind: 'geography',
      file_name: 'DataZone2011lookup.csv',
      rows_read: 6976,
      rows_loaded: 6976,
      rows_skipped: 0,
      actor_label: 'test import',
    });
    expect(run.checksum).toMatch(/^[0-9a-f]{64}$/);
    const [audit] = await world.handle.db
      .selectFrom('audit_events')
      .selectAll()
      .orderBy('id', 'desc')
      .limit(1)
      .execute();
    expect(audit).toMatchObject({
      action: 'import.geography',
      resource_type: 'import_run',
      resource_id: String(summary.runId),
    });
  });

  it('adds wards, health boards and urban/rural classes from the NRS layout, and agrees with the first file', async () => {
    const summary = await world.deps.imports.importGeography(ctx, file('Datazone2011lookup_all_geographies.csv', NRS));
    expect(summary.result.layout).toBe('NRS');
    expect(summary.result.counts['data_zone']).toEqual({ created: 0, updated: 6976 });
    expect(summary.result.counts['intermediate_zone']).toEqual({ created: 0, updated: 1279 });
    expect(await levelCounts()).toEqual({
      country: 1,
      council_area: 32,
      intermediate_zone: 1279,
      data_zone: 6976,
      ward: 354,
      health_board: 14,
    });
    expect(await tableCount('area_links')).toBe(6976 * 2);
    expect(await tableCount('area_classifications')).toBe(6976 * 4);
    const culter = await world.handle.db
      .selectFrom('area_classifications')
      .select(['scheme', 'value', 'label'])
      .where('area_code', '=', 'S01006506')
      .orderBy('scheme')
      .execute();
    expect(culter[0]).toEqual({ scheme: 'urban_rural_2', value: 1, label: 'Urban' });
  });

  it('is idempotent: the same file again changes no row', async () => {
    const before = await levelCounts();
    const fingerprint = async () =>
      (
        await sql<{
          s: string;
        }>`SELECT md5(string_agg(code || name || level || coalesce(parent_code, ''), ',' ORDER BY code)) AS s FROM areas`.execute(
          world.handle.db,
        )
      ).rows[0]?.s;
    const print = await fingerprint();
    const runs = await tableCount('import_runs');
    await world.deps.imports.importGeography(ctx, file('Datazone2011lookup_all_geographies.csv', NRS));
    expect(await levelCounts()).toEqual(before);
    expect(await fingerprint()).toBe(print);
    expect(await tableCount('import_runs')).toBe(runs + 1);
  });

  it('lets a partnership build a locality from the imported zones', async () => {
    const edinburgh = (await world.deps.partnerships.resolve('city-of-edinburgh'))!;
    const zones = await world.handle.db
      .selectFrom('areas')
      .select('code')
      .where('parent_code', '=', 'S12000036')
      .where('level', '=', 'intermediate_zone')
      .limit(3)
      .execute();
    const created = await world.deps.partnerships.createLocality(ctx, edinburgh, {
      name: 'Test Locality',
      components: zones.map((z) => z.code),
    });
    expect(created.components).toHaveLength(3);
    const glasgowZone = await world.handle.db
      .selectFrom('areas')
      .select('code')
      .where('parent_code', '=', 'S12000049')
      .where('level', '=', 'intermediate_zone')
      .limit(1)
      .executeTakeFirstOrThrow();
    await expect(
      world.deps.partnerships.createLocality(ctx, edinburgh, { name: 'Wrong Place', components: [glasgowZone.code] }),
    ).rejects.toMatchObject({
      fields: {
        components: [expect.stringMatching(/Not an intermediate zone, data zone or ward of this council area/)],
      },
    });
  });
});

describe('bad geography files get an error naming file, row and column, and write nothing', () => {
  const header = statsLines()[0]!;
  const cases: { name: string; content: () => Buffer | string; message: RegExp }[] = [
    {
      name: 'a missing column',
      content: () =>
        statsLines()
          .map((l) => l.replace(/,[^,]*$/, ''))
          .join('\n'),
      message: /^lookup\.csv, row 1: missing column LA_Name \(found: /,
    },
    {
      name: 'a renamed column',
      content: () => statsLines().join('\n').replace('IZ2011_Code', 'IZ_Code'),
      message: /^lookup\.csv, row 1: missing column IZ2011_Code/,
    },
    {
      name: 'a duplicate row',
      content: () => [...statsLines(), statsLines()[10]].join('\n'),
      message: /^lookup\.csv, row 6978, column DZ2011_Code: data zone S01006515 appears twice \(rows 11 and 6978\)/,
    },
    {
      name: 'an unknown council code',
      content: () =>
        statsLines()
          .map((l, i) => (i === 100 ? l.replace(/S12000033/, 'S12999999') : l))
          .join('\n'),
      message: /^lookup\.csv, row 101, column LA_Code: S12999999 is not a Scottish council area code/,
    },
    {
      name: 'a malformed data zone code',
      content: () => [header, 'S0100650X,Culter - 01,S02001236,Culter,S12000033,Aberdeen City'].join('\n'),
      message: /row 2, column DZ2011_Code: “S0100650X” is not a DZ2011 code/,
    },
    {
      name: 'an empty cell',
      content: () => [header, 'S01006506,,S02001236,Culter,S12000033,Aberdeen City'].join('\n'),
      message: /row 2, column DZ2011_Name: is empty/,
    },
    {
      name: 'a zone in two councils',
      content: () =>
        [
          header,
          'S01006506,A,S02001236,Culter,S12000033,Aberdeen City',
          'S01006507,B,S02001236,Culter,S12000034,Aberdeenshire',
        ].join('\n'),
      message: /row 3, column LA_Code: intermediate zone S02001236 is in S12000033 at row 2 but in S12000034 here/,
    },
    {
      name: 'a file cut short in the middle of a row',
      content: () => STATS.subarray(0, 300_001),
      message:
        /^lookup\.csv(, row \d+(, column \w+)?)?: (is not valid CSV|has \d+ cells where the header has 6: is the row cut short\?)/,
    },
    {
      name: 'the wrong encoding',
      content: () =>
        Buffer.concat([
          Buffer.from(header + '\n'),
          Buffer.from('S01006506,Caf\xe9 - 01,S02001236,Culter,S12000033,Aberdeen City\n', 'latin1'),
        ]),
      message:
        /^lookup\.csv, row 2, column DZ2011_Name: is not UTF-8 text: “Caf\uFFFD - 01” has a character saved in another encoding \(Windows-1252 or Latin-1\?\)/,
    },
    {
      name: 'a workbook renamed to .csv',
      content: () => readFileSync(sharedData('simd', 'SIMD_2020v2_ranks.xlsx')),
      message:
        /^lookup\.csv: is an Excel workbook \(\.xlsx\), not CSV: upload it where workbooks are accepted, or save it as UTF-8 CSV/,
    },
    { name: 'an empty file', content: () => '', message: /^lookup\.csv: is empty/ },
    {
      name: 'a header and nothing else',
      content: () => header + '\n',
      message: /^lookup\.csv: has a header but no rows/,
    },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      const before = {
        areas: await levelCounts(),
        runs: await tableCount('import_runs'),
        audit: await tableCount('audit_events'),
      };
      const error = await world.deps.imports
        .importGeography(ctx, file('lookup.csv', c.content()))
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ImportError);
      expect((error as Error).message).toMatch(c.message);
      expect({
        areas: await levelCounts(),
        runs: await tableCount('import_runs'),
        audit: await tableCount('audit_events'),
      }).toEqual(before);
    });
  }
});

describe('who may import', () => {
  it('national analysts and administrators only', async () => {
    const viewer = {
      kind: 'user' as const,
      userId: 1,
      email: 'v@example.org',
      displayName: 'V',
      nationalRoles: [],
      partnershipRoles: new Map([[1, 'partnership_manager' as const]]),
      mustChangePassword: false,
    };
    await expect(
      world.deps.imports.importGeography({ ...ctx, actor: viewer }, file('x.csv', STATS)),
    ).rejects.toBeInstanceOf(ForbiddenError);
    await expect(
      world.deps.imports.importGeography({ ...ctx, actor: ANONYMOUS }, file('x.csv', STATS)),
    ).rejects.toBeInstanceOf(UnauthenticatedError);
  });
});
