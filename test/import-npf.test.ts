import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../src/core/access/actor.ts';
import { cliContext } from '../src/core/context.ts';
import { ImportError, type NpfResult, type SourceFile } from '../src/modules/imports/index.ts';
import { npfIndicatorCode } from '../src/modules/imports/npf.importer.ts';
import { createWorld, type TestWorld } from './helpers/app.ts';
import { sharedData } from './helpers/shared-data.ts';

const XLSX = readFileSync(sharedData('npf', 'npf_database.xlsx'));
const CSV = readFileSync(sharedData('derived', 'npf_database.csv'));
const TEXT = CSV.toString('utf8');
const HEADER = TEXT.slice(0, TEXT.indexOf('\n'));
const ctx = cliContext(systemActor('test import'));
const file = (name: string, content: Buffer | string): SourceFile => ({
  name,
  content: Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8'),
});
const sum = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);

const SCOTLAND = 'S92000003';

let world: TestWorld;
beforeAll(async () => {
  world = await createWorld({ demo: false });
});
afterAll(() => world.close());

async function counts() {
  const db = world.handle.db;
  const [obs, ind, runs] = await Promise.all([
    db
      .selectFrom('observations')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('indicators')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('import_runs')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { observations: Number(obs.n), indicators: Number(ind.n), runs: Number(runs.n) };
}

async function value(indicator: string, area: string, period: string): Promise<number | null> {
  const row = await world.handle.db
    .selectFrom('observations')
    .select('value')
    .where('indicator_code', '=', indicator)
    .where('area_code', '=', area)
    .where('period_label', '=', period)
    .executeTakeFirst();
  return row ? Number(row.value) : null;
}

async function npfObservations() {
  return world.handle.db
    .selectFrom('observations')
    .selectAll()
    .where('indicator_code', 'like', 'npf-%')
    .orderBy('indicator_code')
    .orderBy('area_code')
    .orderBy('period_label')
    .execute();
}

/** What the real file gives, with the current parsePeriod (which reads "2010-13" as a span of financial years). */
const SKIPPED_OTHER_THAN_BREAKDOWNS = {
  'figure missing (NA)': 134,
  'figure missing (blank)': 3,
  'figure missing (-)': 1,
  'neither Breakdown nor Disaggregation given': 6,
  'period not understood (listed in unparsedPeriods)': 2,
  'same figure given twice (the more precise kept)': 284,
  'another measure of the same indicator, area and period (the main measure kept)': 306,
  'Scotland total repeated in a breakdown table': 450,
  'conflicting figures for the same indicator, area and period (listed in conflicts)': 4,
};

const CONFLICTS = [
  {
    indicator: 'npf-economic-participation',
    area: SCOTLAND,
    period: '2012 - Q3',
    rows: [3040, 3041],
    figures: [-1.1, 0.8],
  },
  {
    indicator: 'npf-waste-generated',
    area: 'S12000033',
    period: '2011',
    rows: [13500, 13501],
    figures: [441, 97183.83],
  },
];

describe('NPF database import', () => {
  let first: NpfResult;

  it('a dry run writes nothing, and reports its progress', async () => {
    const before = await counts();
    const progress: [number, number][] = [];
    const dry = await world.deps.imports.importNpf(ctx, file('npf_database.xlsx', XLSX), {
      dryRun: true,
      onProgress: (done, total) => progress.push([done, total]),
    });
    expect(dry.dryRun).toBe(true);
    expect(dry.runId).toBeNull();
    expect(dry.result.rowsLoaded).toBe(5385);
    expect(dry.result.indicatorsInserted).toBe(101);
    expect(progress).toEqual([
      [0, 2],
      [1, 2],
      [2, 2],
    ]);
    expect(await counts()).toEqual(before);
  });

  it('loads the workbook: 101 indicators, 883 Scotland totals and 4,502 council figures, every other row skipped with its reason', async () => {
    const before = await counts();
    const summary = await world.deps.imports.importNpf(ctx, file('npf_database.xlsx', XLSX));
    first = summary.result;
    const { skipped, ...rest } = summary.result;
    expect(rest).toEqual({
      rowsRead: 16792,
      rowsLoaded: 5385,
      unmapped: {},
      unparsedPeriods: { '2001/02, 2003/04, 2004/05': 1, '2011/12, 2013/14, 2014/15': 1 },
      conflicts: CONFLICTS,
      indicators: 101,
      indicatorsWithObservations: 87,
      areas: 33,
      scotlandObservations: 883,
      councilObservations: 4502,
      indicatorsInserted: 101,
      indicatorsUpdated: 0,
      observationsInserted: 5385,
      observationsUpdated: 0,
      observationsUnchanged: 0,
    });
    // Every row is either loaded or skipped under a reason.
    expect(summary.result.rowsLoaded + sum(skipped)).toBe(16792);
    const breakdowns = Object.fromEntries(
      Object.entries(skipped).filter(([reason]) => reason.startsWith('broken down by ')),
    );
    const others = Object.fromEntries(
      Object.entries(skipped).filter(([reason]) => !reason.startsWith('broken down by ')),
    );
    expect(others).toEqual(SKIPPED_OTHER_THAN_BREAKDOWNS);
    expect(Object.keys(breakdowns)).toHaveLength(146);
    expect(sum(breakdowns)).toBe(10217);
    expect(breakdowns).toMatchObject({
      'broken down by Age': 1758,
      'broken down by Socio-economic status': 1619,
      'broken down by Ethnicity': 1004,
      'broken down by Gender': 991,
      'broken down by Urban Rural classification': 562,
      'broken down by Religion': 423,
      'broken down by Disability': 393,
      'broken down by Health Board': 336,
      'broken down by NHS Board': 14,
      'broken down by Health and Social Care Partnership': 62,
      'broken down by Sector': 345,
      'broken down by Marine abundance': 25,
    });

    expect(await counts()).toEqual({
      observations: before.observations + 5385,
      indicators: before.indicators + 101,
      runs: before.runs + 1,
    });
    const run = await world.handle.db
      .selectFrom('import_runs')
      .selectAll()
      .where('id', '=', summary.runId!)
      .executeTakeFirstOrThrow();
    expect(run).toMatchObject({
      kind: 'npf',
      file_name: 'npf_database.xlsx',
      rows_read: 16792,
      rows_loaded: 5385,
      rows_skipped: 11407,
    });
    const provenance = await world.handle.db
      .selectFrom('observations')
      .select('import_run_id')
      .distinct()
      .where('indicator_code', 'like', 'npf-%')
      .execute();
    expect(provenance).toEqual([{ import_run_id: summary.runId }]);
    const audit = await world.handle.db
      .selectFrom('audit_events')
      .select('action')
      .where('action', '=', 'import.npf')
      .execute();
    expect(audit).toHaveLength(1);
  });

  it('makes one indicator per NPF indicator, in framework NPF, with its outcome, measure and source', async () => {
    const db = world.handle.db;
    const npf = await db
      .selectFrom('indicators')
      .innerJoin('indicator_frameworks', 'indicator_frameworks.indicator_code', 'indicators.code')
      .select(['code', 'higher_is_better'])
      .where('framework', '=', 'NPF')
      .execute();
    expect(npf).toHaveLength(101);
    for (const i of npf) {
      expect(i.code).toMatch(/^npf-[a-z0-9-]+$/);
      expect(i.code.length).toBeLessThanOrEqual(64);
      expect(i.higher_is_better).toBeNull();
    }
    const pick = [
      'code',
      'name',
      'unit',
      'category',
      'source',
      'external_code',
      'higher_is_better',
      'partnership_id',
    ] as const;
    expect(
      await db
        .selectFrom('indicators')
        .select(pick)
        .where('code', '=', 'npf-waste-generated')
        .executeTakeFirstOrThrow(),
    ).toEqual({
      code: 'npf-waste-generated',
      name: 'Waste generated',
      unit: 'The amount of household waste generated in tonnes',
      category: 'Environment',
      source: 'Scottish Environmental Protection Agency',
      external_code: 'Waste generated',
      higher_is_better: null,
      partnership_id: null,
    });
    // The file's spreadsheet fill-down ("out of 100", "out of 101"…) does not make the unit.
    expect(
      await db
        .selectFrom('indicators')
        .select(['code', 'unit', 'category'])
        .where('code', '=', 'npf-scotlands-reputation')
        .executeTakeFirstOrThrow(),
    ).toEqual({
      code: 'npf-scotlands-reputation',
      unit: 'Anholt GfK-Roper Nation Brands Index measures the average of scores across the six dimensions of national competence, given as a value (not percentage) out of 100',
      category: 'International',
    });
    // An indicator the file lists with no data at all (every cell NA).
    expect(
      await db
        .selectFrom('indicators')
        .select(['unit', 'category', 'source'])
        .where('code', '=', 'npf-natural-capital')
        .executeTakeFirstOrThrow(),
    ).toEqual({
      unit: null,
      category: null,
      source: 'Scottish Government, National Performance Framework database (statistics.gov.scot, OGL v3)',
    });
    // Outcome spellings that differ in case or "&" are one outcome ("Human rights"/"Human Rights").
    const categories = await db
      .selectFrom('indicators')
      .select('category')
      .distinct()
      .where('code', 'like', 'npf-%')
      .orderBy('category')
      .execute();
    expect(categories.map((c) => c.category)).toEqual([
      'Children',
      'Children and Young People',
      'Communities',
      'Culture',
      'Economy',
      'Education',
      'Environment',
      'Fair Work & Business',
      'Health',
      'Human rights',
      'International',
      'Poverty',
      'Transport',
      null,
    ]);
  });

  it('codes an indicator "npf-" and its name as a slug, cut at a hyphen to fit 64 characters', () => {
    expect(npfIndicatorCode("Scotland's Reputation")).toBe('npf-scotlands-reputation');
    expect(npfIndicatorCode('Journeys by active travel: walking')).toBe('npf-journeys-by-active-travel-walking');
    const long = npfIndicatorCode(
      'Percentage of adults who agree that they can influence decisions affecting their local area (2020)',
    );
    expect(long).toBe('npf-percentage-of-adults-who-agree-that-they-can-influence');
    expect(long.length).toBeLessThanOrEqual(64);
  });

  it('loads council figures as the file gives them (Glasgow City, school leavers with 1+ award at SCQF level 4, 2009-10: 89.4)', async () => {
    expect(await value('npf-educational-attainment-5', 'S12000049', '2009-10')).toBe(89.4);
    expect(await value('npf-waste-generated', 'S12000047', '2016')).toBe(187746.42);
    // "The number of businesses" has Breakdown and Disaggregation the other way round.
    expect(await value('npf-the-number-of-businesses', 'S12000049', '2010')).toBe(336);
    // 32 councils for an indicator with full council coverage.
    const councils = await world.handle.db
      .selectFrom('observations')
      .select('area_code')
      .distinct()
      .where('indicator_code', '=', 'npf-educational-attainment-5')
      .where('area_code', '!=', SCOTLAND)
      .execute();
    expect(councils).toHaveLength(32);
  });

  it('maps the messy council names ("Argyle & Bute", "Na-h Eileanan Siar", "Edinburgh City", trailing spaces) through the names Cairn knows', async () => {
    expect(await value('npf-journeys-by-active-travel-walking', 'S12000035', '2012')).toBe(50.1); // "Argyle & Bute"
    expect(await value('npf-loneliness', 'S12000013', '2018')).toBe(17.2); // "Na-h Eileanan Siar"
    expect(await value('npf-attendance-at-cultural-events-or-places-of-culture', 'S12000013', '2018')).toBe(68.2);
    expect(await value('npf-educational-attainment-1', 'S12000036', '2016-17')).toBe(73.4); // "Edinburgh City"
    expect(await value('npf-loneliness', 'S12000023', '2018')).toBe(18.7); // "Orkney Islands"
    expect(await value('npf-healthy-start', 'S12000033', '2021')).toBe(6.8359375); // "Aberdeen City   "
  });

  it('loads Scotland totals: plain Total rows, "All Children", the Scotland line of council tables, and a breakdown table’s Total where there is nothing else', async () => {
    expect(await value('npf-a-positive-experience-for-people-coming-to-scotland', SCOTLAND, '2019')).toBe(67.3);
    expect(await value('npf-premature-mortality', SCOTLAND, '2019')).toBe(425.8);
    expect(await value('npf-premature-mortality', SCOTLAND, '2011')).toBe(456.1); // its Measure says "under 76", a fill-down slip
    expect(await value('npf-healthy-weight-children', SCOTLAND, '2003')).toBe(66);
    expect(await value('npf-the-number-of-businesses', SCOTLAND, '2010')).toBe(357);
    expect(await value('npf-scotlands-reputation', SCOTLAND, '2008')).toBe(60.2);
    expect(await value('npf-cost-of-living', SCOTLAND, '2013/14 - 2015/16')).toBe(26.1);
  });

  it('keeps one figure per indicator, area and period, by rule, and loads neither of two figures that conflict', async () => {
    // The council series given twice, rounded and not: the precise one is kept.
    expect(await value('npf-child-social-and-physical-development', 'S12000008', '2013-2014')).toBe(23.491027732463198);
    // Tonnes, kilograms per person and million tonnes: the indicator's main measure (tonnes) is kept.
    expect(await value('npf-waste-generated', SCOTLAND, '2019')).toBe(2421790.48);
    // Two wordings and two figures for Scotland: the main measure's (65.6) is kept.
    expect(await value('npf-access-to-green-and-blue-space', SCOTLAND, '2019')).toBe(65.6);
    // Conflicts: skipped and listed.
    expect(await value('npf-economic-participation', SCOTLAND, '2012 - Q3')).toBeNull();
    expect(await value('npf-waste-generated', 'S12000033', '2011')).toBeNull();
    // "-" and NA are no figure.
    expect(await value('npf-community-ownership-in-scotland', 'S12000014', '2020')).toBeNull();
    // Breakdowns by anything but council area are not loaded: no health board or partnership codes appear.
    const areas = await world.handle.db
      .selectFrom('observations')
      .innerJoin('areas', 'areas.code', 'observations.area_code')
      .select('areas.level')
      .distinct()
      .where('indicator_code', 'like', 'npf-%')
      .execute();
    expect(areas.map((a) => a.level).sort()).toEqual(['council_area', 'country']);
  });

  it('is idempotent: the CSV export of the same file loads the same figures and changes no row', async () => {
    const before = await npfObservations();
    const indicatorsBefore = await world.handle.db
      .selectFrom('indicators')
      .selectAll()
      .where('code', 'like', 'npf-%')
      .orderBy('code')
      .execute();
    const again = await world.deps.imports.importNpf(ctx, file('npf_database.csv', CSV));
    expect(again.result).toEqual({
      ...first,
      indicatorsInserted: 0,
      indicatorsUpdated: 0,
      observationsInserted: 0,
      observationsUpdated: 0,
      observationsUnchanged: 5385,
    });
    expect(await npfObservations()).toEqual(before);
    expect(
      await world.handle.db
        .selectFrom('indicators')
        .selectAll()
        .where('code', 'like', 'npf-%')
        .orderBy('code')
        .execute(),
    ).toEqual(indicatorsBefore);
    const frameworks = await world.handle.db
      .selectFrom('indicator_frameworks')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('framework', '=', 'NPF')
      .executeTakeFirstOrThrow();
    expect(Number(frameworks.n)).toBe(101);
  });

  it('reports council names it cannot map and periods it cannot read, loading the rest', async () => {
    const before = await counts();
    const text = [
      HEADER,
      'None,2019,12,Atlantis,Local authority,Test indicator,Health,Percentage,Test survey',
      'None,2019,13,Atlantis ,Local Authority,Test indicator,Health,Percentage,Test survey',
      'Total,2019 Q5,3,Total,Total,Test indicator,Health,Percentage,Test survey',
      'Total,2019,4,Total,Total,Test indicator,Health,Percentage,Test survey',
      'None,2019,5,  Fife  ,Local Authority,Test indicator,Health,Percentage,Test survey',
    ].join('\n');
    const dry = await world.deps.imports.importNpf(ctx, file('npf.csv', text), { dryRun: true });
    expect(dry.result).toMatchObject({
      rowsRead: 5,
      rowsLoaded: 2,
      unmapped: { Atlantis: 2 },
      unparsedPeriods: { '2019 Q5': 1 },
      skipped: {
        'council name not known (listed in unmapped)': 2,
        'period not understood (listed in unparsedPeriods)': 1,
      },
      scotlandObservations: 1,
      councilObservations: 1,
    });
    expect(await counts()).toEqual(before);
  });

  it('resolves duplicates by rule and lists the ones it cannot', async () => {
    const row = (figure: string, place = 'Fife,Local Authority', year = '2019') =>
      `None,${year},${figure},${place},Dup test,Health,Percentage,Test survey`;
    const text = [
      HEADER,
      row('23.5'),
      row('23.4910277'),
      row('10', 'Fife,Local Authority', '2020'),
      row('11', 'Fife,Local Authority', '2020'),
      row('7', 'Total,Total'),
      row('7', 'Total,Total'),
    ].join('\n');
    const dry = await world.deps.imports.importNpf(ctx, file('npf.csv', text), { dryRun: true });
    expect(dry.result).toMatchObject({
      rowsRead: 6,
      rowsLoaded: 2,
      skipped: {
        'same figure given twice (the more precise kept)': 2,
        'conflicting figures for the same indicator, area and period (listed in conflicts)': 2,
      },
      conflicts: [{ indicator: 'npf-dup-test', area: 'S12000047', period: '2020', rows: [4, 5], figures: [10, 11] }],
    });
  });

  const cut = (marker: string, keep: string) => TEXT.slice(0, TEXT.indexOf(marker) + keep.length);
  const badByte = (marker: string, at: string): Buffer => {
    const i = TEXT.indexOf(marker);
    const j = i + marker.indexOf(at);
    return Buffer.concat([
      Buffer.from(TEXT.slice(0, j), 'utf8'),
      Buffer.from([0x92]),
      Buffer.from(TEXT.slice(j + at.length), 'utf8'),
    ]);
  };
  const cases: { name: string; file: () => SourceFile; message: RegExp }[] = [
    {
      name: 'a renamed column',
      file: () => file('npf.csv', TEXT.replace('Characteristic,Year,Figure,', 'Characteristic,Year,Value,')),
      message: /^npf\.csv, row 1: missing column Figure \(found: Characteristic, Year, Value, Breakdown/,
    },
    {
      name: 'a missing column',
      file: () => file('npf.csv', TEXT.replace(',Measure,Source\n', ',Source\n')),
      // Only the heading is taken away, so every row has a cell more than the header: readCsv says so first.
      message: /^npf\.csv, row 2, column 9 \(no heading\): “Scottish Household Survey” is beyond the last column$/,
    },
    {
      name: 'a figure that is not a number on the first row',
      file: () => file('npf.csv', TEXT.replace('Total,2019,67.3,', 'Total,2019,about 67,')),
      message: /^npf\.csv, row 2, column Figure: “about 67” is not a number$/,
    },
    {
      name: 'a figure that is not a number after rows with line breaks inside quotes',
      file: () => file('npf.csv', TEXT.replace('None,2009-10,89.4,Glasgow City', 'None,2009-10,89.4%,Glasgow City')),
      message: /^npf\.csv, row 4122, column Figure: “89\.4%” is not a number$/,
    },
    {
      name: 'text that is not UTF-8',
      file: () => file('npf.csv', badByte('Total,2017,5.7,Don’t know', '’')),
      message:
        /^npf\.csv, row 2231, column Breakdown: is not UTF-8 text: “Don\uFFFDt know” has a character saved in another encoding/,
    },
    {
      name: 'a truncated workbook',
      file: () => file('npf_database.xlsx', XLSX.subarray(0, Math.floor(XLSX.length / 2))),
      message: /^npf_database\.xlsx: is not an Excel workbook that can be read/,
    },
    {
      name: 'a CSV file cut short in a row',
      file: () => file('npf.csv', cut('None,2009-10,89.4,Glasgow City', 'None,2009-10,89.4,Glasgow')),
      message: /^npf\.csv, row 4122, column Disaggregation: has 4 cells where the header has 9/,
    },
    {
      name: 'a value beyond the last column',
      file: () => file('npf.csv', TEXT.replace('Scottish Household Survey\n', 'Scottish Household Survey,oops\n')),
      message: /^npf\.csv, row 2, column 10 \(no heading\): “oops” is beyond the last column$/,
    },
    {
      name: 'a row with no indicator name',
      file: () =>
        file(
          'npf.csv',
          TEXT.replace('Total,Total,A positive experience for people coming to Scotland,', 'Total,Total,,'),
        ),
      message: /^npf\.csv, row 2, column Indicator: has no indicator name$/,
    },
    {
      name: 'a header with no rows',
      file: () => file('npf.csv', `${HEADER}\n`),
      message: /^npf\.csv: has a header but no rows$/,
    },
  ];
  for (const c of cases) {
    it(`refuses ${c.name}, writing nothing`, async () => {
      const before = await counts();
      const error = await world.deps.imports.importNpf(ctx, c.file()).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ImportError);
      expect((error as Error).message).toMatch(c.message);
      expect(await counts()).toEqual(before);
    });
  }
});
