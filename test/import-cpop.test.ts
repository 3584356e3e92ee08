import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../src/core/access/actor.ts';
import { cliContext } from '../src/core/context.ts';
import { ImportError, type SourceFile } from '../src/modules/imports/index.ts';
import { dataset } from '../src/modules/datasets/index.ts';
import { improvementRate } from '../src/modules/outcomes/cpop-methods.ts';
import { createWorld, type TestWorld } from './helpers/app.ts';
import { sharedData } from './helpers/shared-data.ts';

const CPP = readFileSync(sharedData('cpop', 'CPPcleandata.csv'));
const ctx = cliContext(systemActor('test import'));
const file = (name: string, content: Buffer | string): SourceFile => ({
  name,
  content: Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8'),
});
const lines = () => CPP.toString('utf8').trimEnd().split(/\r?\n/);

let world: TestWorld;
beforeAll(async () => {
  world = await createWorld({ demo: false });
});
afterAll(() => world.close());

async function observationCount(): Promise<number> {
  const r = await world.handle.db
    .selectFrom('observations')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

async function series(area: string, indicator: string) {
  const rows = await world.handle.db
    .selectFrom('observations')
    .select(['period_start', 'value', 'value_type'])
    .where('area_code', '=', area)
    .where('indicator_code', '=', indicator)
    .execute();
  return rows.map((r) => ({ periodStart: String(r.period_start), value: Number(r.value), valueType: r.value_type }));
}

describe('CPOP partnership time series import', () => {
  it('a dry run writes nothing', async () => {
    const dry = await world.deps.imports.importCpopPartnerships(ctx, file('CPPcleandata.csv', CPP), { dryRun: true });
    expect(dry.result.rowsLoaded).toBe(8809);
    expect(await observationCount()).toBe(0);
  });

  it('loads 20 indicators for the 32 partnerships and Scotland, raw, imputed and projected kept apart; the two NA values are skipped with their reason', async () => {
    const summary = await world.deps.imports.importCpopPartnerships(ctx, file('CPPcleandata.csv', CPP));
    expect(summary.result).toEqual({
      rowsRead: 8811,
      rowsLoaded: 8809,
      skipped: { 'value missing (NA)': 2 },
      byType: { raw: 6895, imputed: 1023, projected: 891 },
      indicators: 20,
      areas: 33,
      familyGroups: 32,
    });
    expect(await observationCount()).toBe(8809);
    const provenance = await world.handle.db.selectFrom('observations').select('import_run_id').distinct().execute();
    expect(provenance).toEqual([{ import_run_id: summary.runId }]);
    const run = await world.handle.db
      .selectFrom('import_runs')
      .selectAll()
      .where('id', '=', summary.runId!)
      .executeTakeFirstOrThrow();
    expect(run).toMatchObject({ rows_read: 8811, rows_loaded: 8809, rows_skipped: 2 });
  });

  it('is read back by `cairn export` through the modules that own it: indicators, values, family groups, the run', async () => {
    const rows = (name: string) => world.deps.datasets.rows(dataset(name)!, ctx);
    const [indicators, observations, groups, runs] = await Promise.all(
      ['indicators', 'observations', 'family-groups', 'imports'].map(rows),
    );
    const cpop = indicators!.filter((r) => r['framework'] === 'CPOP');
    expect(cpop).toHaveLength(20);
    expect(cpop[0]).toMatchObject({ code: expect.stringMatching(/^cpop-/), source: expect.any(String) });
    expect(observations).toHaveLength(8809);
    const glasgow = observations!.filter(
      (r) => r['area_code'] === 'S12000049' && r['indicator_code'] === 'cpop-child-poverty',
    );
    expect(glasgow.length).toBeGreaterThan(5);
    expect(glasgow.every((r) => typeof r['value'] === 'number')).toBe(true);
    expect(groups!.filter((r) => r['scheme_code'] === 'cpop')).toHaveLength(32);
    expect(runs!.at(-1)).toMatchObject({ file_name: 'CPPcleandata.csv', rows_read: 8811, rows_loaded: 8809 });
    expect(String(runs!.at(-1)!['finished_at'])).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it('reproduces CPOP: Glasgow City’s child poverty improvement rate is +52.2%', async () => {
    const rate = improvementRate(await series('S12000049', 'cpop-child-poverty'));
    expect(rate).not.toBeNull();
    expect(rate!.toFixed(1)).toBe('52.2');
  });

  it('maps the names CPOP uses ("Edinburgh, City of", "Eilean Siar") to GSS codes', async () => {
    expect((await series('S12000036', 'cpop-crime-rate')).length).toBeGreaterThan(5);
    expect((await series('S12000013', 'cpop-crime-rate')).length).toBeGreaterThan(5);
    expect((await series('S92000003', 'cpop-crime-rate')).length).toBeGreaterThan(5);
  });

  it('records each council’s CPOP family group from the FG column, in the same import; Scotland has none', async () => {
    const rows = await world.handle.db
      .selectFrom('family_groups')
      .select(['council_code', 'group_number', 'import_run_id'])
      .where('scheme_code', '=', 'cpop')
      .execute();
    expect(rows.length).toBe(32);
    const group = new Map(rows.map((r) => [r.council_code, r.group_number]));
    // Glasgow City, Edinburgh ("Edinburgh, City of"), Eilean Siar, Fife, Highland
    expect(['S12000049', 'S12000036', 'S12000013', 'S12000047', 'S12000017'].map((c) => group.get(c))).toEqual([
      4, 1, 4, 3, 2,
    ]);
    expect(group.has('S92000003')).toBe(false);
    const counts = [1, 2, 3, 4].map((g) => rows.filter((r) => r.group_number === g).length);
    expect(counts).toEqual([8, 8, 8, 8]);
    const run = await world.handle.db
      .selectFrom('observations')
      .select('import_run_id')
      .limit(1)
      .executeTakeFirstOrThrow();
    expect(new Set(rows.map((r) => r.import_run_id))).toEqual(new Set([run.import_run_id]));
  });

  it('is idempotent', async () => {
    const groups = () => world.handle.db.selectFrom('family_groups').selectAll().orderBy('council_code').execute();
    const before = await groups();
    const again = await world.deps.imports.importCpopPartnerships(ctx, file('CPPcleandata.csv', CPP));
    expect(again.result).toMatchObject({ rowsLoaded: 8809, familyGroups: 32 });
    expect(await observationCount()).toBe(8809);
    expect(await groups()).toEqual(before);
  });

  const header = () => lines()[0]!;
  const cases: { name: string; content: () => string; message: RegExp }[] = [
    {
      name: 'an unknown partnership',
      content: () => [header(), 'Atlantis,Child Poverty,Raw data,2015/16,20,Child Poverty,1'].join('\n'),
      message: /^cpp\.csv, row 2, column CPP: “Atlantis” is not a council area or Scotland/,
    },
    {
      name: 'an unknown indicator',
      content: () => [header(), 'Fife,Happiness,Raw data,2015/16,20,Happiness,1'].join('\n'),
      message: /row 2, column Indicator: “Happiness” is not a CPOP indicator/,
    },
    {
      name: 'an unknown value type',
      content: () => [header(), 'Fife,Child Poverty,Guessed,2015/16,20,Child Poverty,1'].join('\n'),
      message: /row 2, column Type: “Guessed” is not one of Raw data, Imputed, Projected/,
    },
    {
      name: 'a period it cannot read',
      content: () => [header(), 'Fife,Child Poverty,Raw data,2015/17,20,Child Poverty,1'].join('\n'),
      message: /row 2, column Year: “2015\/17” is not a year/,
    },
    {
      name: 'a value that is not a number',
      content: () => [header(), 'Fife,Child Poverty,Raw data,2015/16,twenty,Child Poverty,1'].join('\n'),
      message: /row 2, column value: “twenty” is not a number/,
    },
    {
      name: 'a duplicate row',
      content: () =>
        [
          header(),
          'Fife,Child Poverty,Raw data,2015/16,20,Child Poverty,1',
          'Fife,Child Poverty,Imputed,2015/16,21,Child Poverty,1',
        ].join('\n'),
      message: /row 3: Fife, Child Poverty, 2015\/16 appears twice \(rows 2 and 3\)/,
    },
    {
      name: 'a missing column',
      content: () => lines().join('\n').replace('Indicator,Type', 'Measure,Type'),
      message: /row 1: missing column Indicator/,
    },
    {
      name: 'a family group that is not one',
      content: () => [header(), 'Fife,Child Poverty,Raw data,2015/16,20,Child Poverty,three'].join('\n'),
      message: /row 2, column FG: “three” is not a family group \(1 to 8\)/,
    },
    {
      name: 'a council in two family groups',
      content: () =>
        [
          header(),
          'Fife,Child Poverty,Raw data,2015/16,20,Child Poverty,3',
          'Fife,Crime Rate,Raw data,2015/16,20,Crime Rate,2',
        ].join('\n'),
      message: /row 3, column FG: Fife is in family group 3 on row 2 but 2 here/,
    },
    {
      name: 'a family group for Scotland',
      content: () => [header(), 'Scotland,Child Poverty,Raw data,2015/16,20,Child Poverty,1'].join('\n'),
      message: /row 2, column FG: Scotland has no family group, but “1” is given/,
    },
  ];
  for (const c of cases) {
    it(`refuses ${c.name}, writing nothing`, async () => {
      const before = await observationCount();
      const groups = await world.handle.db.selectFrom('family_groups').selectAll().orderBy('council_code').execute();
      const error = await world.deps.imports
        .importCpopPartnerships(ctx, file('cpp.csv', c.content()))
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ImportError);
      expect((error as Error).message).toMatch(c.message);
      expect(await observationCount()).toBe(before);
      expect(await world.handle.db.selectFrom('family_groups').selectAll().orderBy('council_code').execute()).toEqual(
        groups,
      );
    });
  }
});
