import { readFileSync } from 'node:fs';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../src/core/access/actor.ts';
import { cliContext } from '../src/core/context.ts';
import { ImportError, type SourceFile } from '../src/modules/imports/index.ts';
import { createWorld, type TestWorld } from './helpers/app.ts';
import { sharedData } from './helpers/shared-data.ts';

/**
 * CPOP's community (intermediate zone) time series, from the Improvement Service's workbook and from its
 * tidy derivative: the same observations either way, all or nothing.
 */
const WORKBOOK = readFileSync(sharedData('cpop', 'IGZ_Data_Sep_23.xlsx'));
const TIDY = readFileSync(sharedData('derived', 'cpop_intermediate_zone_timeseries.csv'));
const SOURCES = readFileSync(sharedData('SOURCES.md'), 'utf8');
const ctx = cliContext(systemActor('test import'));
const file = (name: string, content: Buffer | string | Uint8Array): SourceFile => ({
  name,
  content: Buffer.isBuffer(content) ? content : Buffer.from(content),
});

/** What SOURCES.md §8 says of the derivative: its row count, and the two values missing in the source. */
const documented = (() => {
  const m =
    /cpop_intermediate_zone_timeseries\.csv`:[^\n]*?([\d,]+) rows\. (\w+) values \(child poverty for one IZ in (\S+) and (\S+)\) are missing/.exec(
      SOURCES,
    );
  if (!m) throw new Error('SOURCES.md no longer describes cpop_intermediate_zone_timeseries.csv as this test expects');
  return {
    rows: Number(m[1]!.replace(/,/g, '')),
    missing: m[2]!.toLowerCase() === 'two' ? 2 : Number(m[2]),
    periods: [m[3]!, m[4]!],
  };
})();

const BY_TYPE = { raw: 101_039, imputed: 21_743, projected: 30_696 };
const MISSING = [
  { area: 'S02001662', indicator: 'cpop-child-poverty', period: '2018/19' },
  { area: 'S02001662', indicator: 'cpop-child-poverty', period: '2019/20' },
];

/** The workbook with some of its parts rewritten: `parts` maps a part's path to a function of its XML. */
function editedWorkbook(parts: Record<string, (xml: string) => string>): Buffer {
  const zip = unzipSync(new Uint8Array(WORKBOOK));
  for (const [part, edit] of Object.entries(parts)) {
    const before = strFromU8(zip[part]!);
    const after = edit(before);
    if (after === before) throw new Error(`the edit of ${part} changed nothing`);
    zip[part] = strToU8(after);
  }
  return Buffer.from(zipSync(zip, { level: 0 }));
}

let world: TestWorld;
beforeAll(async () => {
  world = await createWorld({ demo: false });
  await world.deps.imports.importGeography(
    ctx,
    file('DataZone2011lookup.csv', readFileSync(sharedData('geography', 'DataZone2011lookup.csv'))),
  );
});
afterAll(() => world.close());

async function counts() {
  const db = world.handle.db;
  const [o, r, a] = await Promise.all([
    db
      .selectFrom('observations')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('import_runs')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('audit_events')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { observations: Number(o.n), runs: Number(r.n), audit: Number(a.n) };
}

/** Every community observation, keyed by zone, indicator and period. */
async function snapshot(): Promise<Map<string, string>> {
  const rows = await world.handle.db
    .selectFrom('observations as o')
    .innerJoin('areas as a', 'a.code', 'o.area_code')
    .select([
      'o.area_code',
      'o.indicator_code',
      'o.period_label',
      'o.period_kind',
      'o.period_start',
      'o.value_type',
      'o.value',
    ])
    .where('a.level', '=', 'intermediate_zone')
    .execute();
  return new Map(
    rows.map((r) => [
      `${r.area_code}|${r.indicator_code}|${r.period_label}`,
      `${r.period_kind}|${String(r.period_start)}|${r.value_type}|${Number(r.value)}`,
    ]),
  );
}

// Each full import writes 153,478 rows: on embedded PGlite on a busy machine that can take most of a minute.
describe('CPOP community time series import', { timeout: 240_000 }, () => {
  let fromWorkbook: Map<string, string>;

  it('SOURCES.md describes the derivative as the test expects', () => {
    expect(documented).toEqual({ rows: 153_478, missing: 2, periods: ['2018/19', '2019/20'] });
    expect(TIDY.toString('utf8').trimEnd().split('\n').length - 1).toBe(documented.rows);
  });

  it('a dry run of the workbook checks everything and writes nothing', async () => {
    const before = await counts();
    const dry = await world.deps.imports.importCpopCommunities(ctx, file('IGZ_Data_Sep_23.xlsx', WORKBOOK), {
      dryRun: true,
    });
    expect(dry.dryRun).toBe(true);
    expect(dry.runId).toBeNull();
    expect(dry.result.rowsLoaded).toBe(documented.rows);
    expect(await counts()).toEqual(before);
  });

  it('loads the workbook: 8 indicators × 15 years for 1,279 zones in 32 council areas, less the two blank cells it reports', async () => {
    const summary = await world.deps.imports.importCpopCommunities(ctx, file('IGZ_Data_Sep_23.xlsx', WORKBOOK));
    expect(summary.kind).toBe('cpop-communities');
    expect(summary.result).toEqual({
      layout: 'workbook',
      rowsRead: 1279 * 8 * 15,
      rowsLoaded: documented.rows,
      skipped: { 'value missing (blank)': documented.missing },
      byType: BY_TYPE,
      indicators: 8,
      areas: 1279,
      councils: 32,
      missingValues: documented.missing,
      missing: MISSING,
    });
    expect(MISSING.map((m) => m.period)).toEqual(documented.periods);
    expect((await counts()).observations).toBe(documented.rows);
    const run = await world.handle.db
      .selectFrom('import_runs')
      .selectAll()
      .where('id', '=', summary.runId!)
      .executeTakeFirstOrThrow();
    expect(run).toMatchObject({
      kind: 'cpop-communities',
      file_name: 'IGZ_Data_Sep_23.xlsx',
      rows_read: 153_480,
      rows_loaded: 153_478,
      rows_skipped: 2,
    });
    const audit = await world.handle.db
      .selectFrom('audit_events')
      .selectAll()
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ action: 'import.cpop-communities', resource_id: String(summary.runId) });
    fromWorkbook = await snapshot();
    expect(fromWorkbook.size).toBe(documented.rows);
  });

  it('keeps the values, value types and periods as published (Culter, Aberdeen City)', async () => {
    // To full precision (IGZ_latest.csv rounds the same value to 15 significant figures, 12.20472440944882).
    expect(fromWorkbook.get('S02001236|cpop-child-poverty|2021/22')).toBe(
      'financial_year|2021-04-01|raw|12.204724409448819',
    );
    expect(fromWorkbook.get('S02001236|cpop-child-poverty|2010/11')).toBe(
      'financial_year|2010-04-01|imputed|4.26219354410252',
    );
    expect(fromWorkbook.get('S02001236|cpop-depopulation|2024/25')).toBe(
      'financial_year|2024-04-01|projected|102.24207772924868',
    );
    expect(fromWorkbook.has('S02001662|cpop-child-poverty|2018/19')).toBe(false);
  });

  it('loads the tidy CSV to the very same observations, reporting the same two missing values (absent rows rather than blank cells)', async () => {
    const summary = await world.deps.imports.importCpopCommunities(
      ctx,
      file('cpop_intermediate_zone_timeseries.csv', TIDY),
    );
    expect(summary.result).toEqual({
      layout: 'csv',
      rowsRead: documented.rows,
      rowsLoaded: documented.rows,
      skipped: {},
      byType: BY_TYPE,
      indicators: 8,
      areas: 1279,
      councils: 32,
      missingValues: documented.missing,
      missing: MISSING,
    });
    expect((await counts()).observations).toBe(documented.rows);
    const fromCsv = await snapshot();
    expect(fromCsv.size).toBe(fromWorkbook.size);
    expect(fromCsv).toEqual(fromWorkbook);
    const provenance = await world.handle.db.selectFrom('observations').select('import_run_id').distinct().execute();
    expect(provenance).toEqual([{ import_run_id: summary.runId }]);
  });

  it('is idempotent', async () => {
    const before = await counts();
    await world.deps.imports.importCpopCommunities(ctx, file('cpop_intermediate_zone_timeseries.csv', TIDY));
    expect((await counts()).observations).toBe(before.observations);
    expect(await snapshot()).toEqual(fromWorkbook);
  });

  const header = 'intermediate_zone_code,council_code,indicator,year,value_type,value';
  const culter = 'S02001236,S12000033,Child Poverty,2010/11,Imputed';
  const cases: { name: string; source: () => SourceFile; message: RegExp }[] = [
    {
      name: 'a renamed column (CSV)',
      source: () => file('iz.csv', [header.replace('value_type', 'type'), `${culter},4.26`].join('\n')),
      message:
        /^iz\.csv, row 1: missing column value_type \(found: intermediate_zone_code, council_code, indicator, year, type, value\)/,
    },
    {
      name: 'a renamed column (workbook)',
      source: () =>
        file(
          'igz.xlsx',
          editedWorkbook({
            'xl/sharedStrings.xml': (x) =>
              x.replace('<t>Child Poverty_Raw data_2014/15</t>', '<t>Child Poverty 2014/15</t>'),
          }),
        ),
      message:
        /^igz\.xlsx \(worksheet “Chi Pov - IGZ”\), row 1, column Child Poverty 2014\/15 \(F\): the heading “Child Poverty 2014\/15” is not <indicator>_<Raw data, Imputed or Projected>_<year>/,
    },
    {
      name: 'a truncated workbook',
      source: () => file('igz.xlsx', WORKBOOK.subarray(0, Math.floor(WORKBOOK.length / 2))),
      message: /^igz\.xlsx: is not an Excel workbook that can be read/,
    },
    {
      name: 'an unknown zone code (CSV)',
      source: () =>
        file('iz.csv', [header, `${culter},4.26`, 'S02999999,S12000033,Child Poverty,2010/11,Imputed,4.26'].join('\n')),
      message: /^iz\.csv, row 3, column intermediate_zone_code: “S02999999” is not an intermediate zone Cairn knows/,
    },
    {
      name: 'an unknown zone code (workbook)',
      source: () =>
        file(
          'igz.xlsx',
          editedWorkbook({ 'xl/sharedStrings.xml': (x) => x.replace('<t>S02001236</t>', '<t>S02999999</t>') }),
        ),
      message:
        /^igz\.xlsx \(worksheet “Labels”\), row 2, column InterZone: “S02999999” is not an intermediate zone Cairn knows/,
    },
    {
      name: 'a zone put in the wrong council area',
      source: () => file('iz.csv', [header, 'S02001236,S12000049,Child Poverty,2010/11,Imputed,4.26'].join('\n')),
      message: /^iz\.csv, row 2, column council_code: S02001236 lies in council area S12000033, not S12000049/,
    },
    {
      name: 'a duplicate row (CSV)',
      source: () =>
        file(
          'iz.csv',
          [header, `${culter},4.26`, 'S02001237,S12000033,Child Poverty,2010/11,Imputed,0.88', `${culter},4.27`].join(
            '\n',
          ),
        ),
      message:
        /^iz\.csv, row 4, column value: S02001236, cpop-child-poverty, 2010\/11 appears twice \(row 2 and row 4\)/,
    },
    {
      name: 'a duplicate row (workbook)',
      // Row 3 of the child poverty sheet given Culter's code (shared string 5) instead of its own.
      source: () =>
        file(
          'igz.xlsx',
          editedWorkbook({ 'xl/worksheets/sheet2.xml': (x) => x.replace(/(<c r="A3"[^>]*><v>)\d+(<\/v>)/, '$15$2') }),
        ),
      message:
        /^igz\.xlsx \(worksheet “Chi Pov - IGZ”\), row 3, column Child Poverty_Imputed_2010\/11 \(B\): S02001236, cpop-child-poverty, 2010\/11 appears twice \(worksheet “Chi Pov - IGZ” row 2 and worksheet “Chi Pov - IGZ” row 3\)/,
    },
    {
      name: 'a value that is not a number (CSV)',
      source: () => file('iz.csv', [header, `${culter},four`].join('\n')),
      message: /^iz\.csv, row 2, column value: “four” is not a number/,
    },
    {
      name: 'a value that is not a number (workbook)',
      source: () =>
        file(
          'igz.xlsx',
          editedWorkbook({
            'xl/worksheets/sheet2.xml': (x) =>
              x.replace(
                /<c r="C2"([^>]*?)( t="\w+")?><v>[^<]*<\/v><\/c>/,
                '<c r="C2"$1 t="inlineStr"><is><t>n/k</t></is></c>',
              ),
          }),
        ),
      message:
        /^igz\.xlsx \(worksheet “Chi Pov - IGZ”\), row 2, column Child Poverty_Imputed_2011\/12 \(C\): “n\/k” is not a number/,
    },
    {
      name: 'an indicator CPOP does not have',
      source: () => file('iz.csv', [header, 'S02001236,S12000033,Happiness,2010/11,Imputed,4.26'].join('\n')),
      message: /^iz\.csv, row 2, column indicator: “Happiness” is not a CPOP indicator/,
    },
  ];
  for (const c of cases) {
    it(`refuses ${c.name}, writing nothing`, async () => {
      const before = await counts();
      const error = await world.deps.imports.importCpopCommunities(ctx, c.source()).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ImportError);
      expect((error as Error).message).toMatch(c.message);
      expect(await counts()).toEqual(before);
    });
  }

  it('needs the zones in Cairn first: without the data zone lookup every zone is unknown', async () => {
    const empty = await createWorld({ demo: false });
    try {
      const error = await empty.deps.imports
        .importCpopCommunities(ctx, file('iz.csv', [header, `${culter},4.26`].join('\n')))
        .catch((e: unknown) => e);
      expect((error as Error).message).toMatch(
        /row 2, column intermediate_zone_code: “S02001236” is not an intermediate zone Cairn knows \(import the data zone lookup first, or check the code\)/,
      );
    } finally {
      await empty.close();
    }
  });
});
