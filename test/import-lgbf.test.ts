import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { sql } from 'kysely';
import readXlsxFile from 'read-excel-file/node';
import writeExcelFile from 'write-excel-file/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../src/core/access/actor.ts';
import { cliContext } from '../src/core/context.ts';
import { ImportError, type SourceFile } from '../src/modules/imports/index.ts';
import { createWorld, type TestWorld } from './helpers/app.ts';
import { sharedData } from './helpers/shared-data.ts';

const META = readFileSync(sharedData('lgbf', 'Metadata_Shiny.xlsx'));
const DATA = readFileSync(sharedData('lgbf', 'new_bnch_data.xlsx'));
const FAMILY = readFileSync(sharedData('lgbf', 'Family_Groups.csv'));
const ctx = cliContext(systemActor('test import'));
const file = (name: string, content: Buffer | string): SourceFile => ({
  name,
  content: Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8'),
});
const familyLines = () => FAMILY.toString('utf8').trimEnd().split(/\r?\n/);

type Cell = string | number | null;
/** The "Raw Data" sheet as the workbook has it, read once; error cases write small workbooks from it. */
let rawData: Cell[][];
async function workbook(rows: Cell[][], sheet = 'Raw Data'): Promise<Buffer> {
  return (await writeExcelFile(rows, { sheet }).toBuffer()) as Buffer;
}
/** Local Authority and the CHN1 columns (B to AR: 11 years of value, numerator and denominator, then 11 in real terms). */
const chn1 = () => rawData.map((r) => r.slice(0, 45));

let world: TestWorld;
beforeAll(async () => {
  world = await createWorld({ demo: false });
  rawData = (await readXlsxFile(DATA)).find((s) => s.sheet === 'Raw Data')!.data as Cell[][];
});
afterAll(() => world.close());

async function count(
  table: 'observations' | 'import_runs' | 'family_groups' | 'indicator_frameworks',
): Promise<number> {
  const r = await world.handle.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Everything about the LGBF observations, as one hash: a second import must leave it as it was. */
async function observationsHash(): Promise<string> {
  const r = await sql<{ h: string }>`
    SELECT md5(string_agg(concat_ws('|', indicator_code, area_code, period_label, period_kind, period_start, period_end, value_type, value,
                                    real_terms_value, numerator, denominator, import_run_id), ',' ORDER BY indicator_code, area_code, period_label)) AS h
    FROM observations WHERE indicator_code LIKE 'lgbf-%'`.execute(world.handle.db);
  return r.rows[0]!.h;
}

async function observation(indicator: string, area: string, period: string) {
  return world.handle.db
    .selectFrom('observations')
    .select([
      'period_kind',
      'period_start',
      'period_end',
      'value_type',
      'value',
      'real_terms_value',
      'numerator',
      'denominator',
    ])
    .where('indicator_code', '=', indicator)
    .where('area_code', '=', area)
    .where('period_label', '=', period)
    .executeTakeFirst();
}

async function refuses(run: () => Promise<unknown>, message: RegExp): Promise<void> {
  const before = {
    observations: await count('observations'),
    runs: await count('import_runs'),
    groups: await count('family_groups'),
    frameworks: await count('indicator_frameworks'),
  };
  const error = await run().catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ImportError);
  expect((error as Error).message).toMatch(message);
  expect({
    observations: await count('observations'),
    runs: await count('import_runs'),
    groups: await count('family_groups'),
    frameworks: await count('indicator_frameworks'),
  }).toEqual(before);
}

describe('LGBF indicators (Metadata_Shiny.xlsx)', () => {
  it('the data needs the indicators first, and says so naming the column', async () => {
    await refuses(
      () => world.deps.imports.importLgbf(ctx, file('new_bnch_data.xlsx', DATA)),
      /^new_bnch_data\.xlsx \(worksheet “Raw Data”\), row 1, column CHN1 2010-11 \(B\): “CHN1” is not an LGBF indicator Cairn knows \(import the LGBF metadata/,
    );
  });

  it('a dry run writes nothing', async () => {
    const progress: [number, number][] = [];
    const dry = await world.deps.imports.importLgbfIndicators(ctx, file('Metadata_Shiny.xlsx', META), {
      dryRun: true,
      onProgress: (d, t) => progress.push([d, t]),
    });
    expect(dry).toMatchObject({ dryRun: true, runId: null, result: { rowsLoaded: 123, created: 123 } });
    expect(progress.at(-1)).toEqual([1, 1]);
    expect(await count('indicator_frameworks')).toBe(20);
  });

  it('loads the 123 indicators that have a polarity, leaving out numerators, denominators, groupings and the real-terms twins', async () => {
    const summary = await world.deps.imports.importLgbfIndicators(ctx, file('Metadata_Shiny.xlsx', META));
    expect(summary.result).toEqual({
      rowsRead: 210,
      rowsLoaded: 123,
      skipped: {
        'not an indicator (a numerator, denominator or grouping: no polarity)': 63,
        'real-terms twin of another indicator (kept beside its cash value)': 24,
      },
      created: 123,
      changed: 0,
      byCategory: {
        "Children's Services": 40,
        'Environmental Services': 18,
        'Corporate Services': 16,
        'Adult Social Care': 13,
        'Economic Development': 13,
        'Culture & Leisure': 8,
        'Housing Services': 8,
        'Financial Sustainability': 5,
        'Tackling Climate Change': 2,
      },
    });
    const framework = await world.handle.db
      .selectFrom('indicator_frameworks')
      .select('indicator_code')
      .where('framework', '=', 'LGBF')
      .execute();
    expect(framework.length).toBe(123);
    const chn1 = await world.handle.db
      .selectFrom('indicators')
      .selectAll()
      .where('code', '=', 'lgbf-chn1')
      .executeTakeFirstOrThrow();
    expect(chn1).toMatchObject({
      name: 'Cost Per Primary School Pupil',
      external_code: 'CHN1',
      category: "Children's Services",
      higher_is_better: false,
      source: 'Improvement Service, Local Government Benchmarking Framework (LGBF)',
      partnership_id: null,
    });
    const others = await world.handle.db
      .selectFrom('indicators')
      .select(['code', 'external_code', 'higher_is_better', 'source'])
      .where('code', 'in', ['lgbf-c-l5a', 'lgbf-corp-3b', 'lgbf-corp-asset1', 'lgbf-chn12a'])
      .orderBy('code')
      .execute();
    expect(others).toEqual([
      {
        code: 'lgbf-c-l5a',
        external_code: 'C&L5a',
        higher_is_better: true,
        source: 'Improvement Service, Local Government Benchmarking Framework (LGBF); data from Local Authorities',
      },
      {
        code: 'lgbf-chn12a',
        external_code: 'CHN12a',
        higher_is_better: true,
        source: 'Improvement Service, Local Government Benchmarking Framework (LGBF); data from Scottish Government',
      },
      {
        code: 'lgbf-corp-3b',
        external_code: 'CORP 3b',
        higher_is_better: true,
        source: 'Improvement Service, Local Government Benchmarking Framework (LGBF); data from Local Authorities',
      },
      {
        code: 'lgbf-corp-asset1',
        external_code: 'CORP-ASSET1',
        higher_is_better: true,
        source: 'Improvement Service, Local Government Benchmarking Framework (LGBF); data from Local Authorities',
      },
    ]);
    expect(
      await world.handle.db.selectFrom('indicators').select('code').where('code', 'like', '%-real').execute(),
    ).toEqual([]);
  });

  it('is idempotent: importing again changes nothing', async () => {
    const before = await sql<{
      h: string;
    }>`SELECT md5(string_agg(concat_ws('|', code, name, higher_is_better, definition, source, external_code, category), ',' ORDER BY code)) AS h FROM indicators`.execute(
      world.handle.db,
    );
    const again = await world.deps.imports.importLgbfIndicators(ctx, file('Metadata_Shiny.xlsx', META));
    expect(again.result).toMatchObject({ rowsLoaded: 123, created: 0, changed: 0 });
    const after = await sql<{
      h: string;
    }>`SELECT md5(string_agg(concat_ws('|', code, name, higher_is_better, definition, source, external_code, category), ',' ORDER BY code)) AS h FROM indicators`.execute(
      world.handle.db,
    );
    expect(after.rows[0]!.h).toBe(before.rows[0]!.h);
    expect(await count('indicator_frameworks')).toBe(20 + 123);
  });

  const metaRows = async () => (await readXlsxFile(META))[0]!.data as Cell[][];
  const metaCases: { name: string; content: () => Promise<Buffer>; message: RegExp }[] = [
    {
      name: 'a renamed column',
      content: async () =>
        workbook(
          (await metaRows()).map((r, i) => (i === 0 ? r.map((c) => (c === 'One is high' ? 'Polarity' : c)) : r)),
          'metadata',
        ),
      message: /^meta\.xlsx \(worksheet “metadata”\), row 1: missing column One is high/,
    },
    {
      name: 'a polarity that is neither Yes nor No',
      content: async () =>
        workbook(
          (await metaRows()).map((r, i) => (i === 3 ? r.map((c, j) => (j === 10 ? 'Maybe' : c)) : r)),
          'metadata',
        ),
      message: /^meta\.xlsx \(worksheet “metadata”\), row 4, column One is high: “Maybe” is not Yes or No/,
    },
    {
      name: 'a duplicate row',
      content: async () => workbook([...(await metaRows()), (await metaRows())[3]!], 'metadata'),
      message: /row 212, column Variable name: CHN1 appears twice \(rows 4 and 212\)/,
    },
    {
      name: 'a truncated workbook',
      content: async () => META.subarray(0, Math.floor(META.length / 2)),
      message: /^meta\.xlsx: is not an Excel workbook that can be read/,
    },
    {
      name: 'a workbook without the metadata sheet',
      content: async () => workbook(await metaRows(), 'Sheet1'),
      message: /^meta\.xlsx: has no worksheet named “metadata” \(it has: Sheet1\)/,
    },
  ];
  for (const c of metaCases) {
    it(`refuses ${c.name}, writing nothing`, async () => {
      const content = await c.content();
      await refuses(() => world.deps.imports.importLgbfIndicators(ctx, file('meta.xlsx', content)), c.message);
    });
  }
});

describe('LGBF data (new_bnch_data.xlsx, sheet "Raw Data")', () => {
  it('a dry run writes nothing', async () => {
    const dry = await world.deps.imports.importLgbf(ctx, file('new_bnch_data.xlsx', DATA), { dryRun: true });
    expect(dry.result.rowsLoaded).toBe(32_330);
    expect(dry.runId).toBeNull();
    expect(await count('observations')).toBe(0);
  });

  it('loads 32,330 values of 115 indicators for the 32 councils and Scotland; the markers and blanks are skipped and counted by reason', async () => {
    const progress: [number, number][] = [];
    const summary = await world.deps.imports.importLgbf(ctx, file('new_bnch_data.xlsx', DATA), {
      onProgress: (d, t) => progress.push([d, t]),
    });
    expect(summary.result).toEqual({
      rowsRead: 34_914,
      rowsLoaded: 32_330,
      written: 32_330,
      removed: 0,
      skipped: {
        'value missing (dna)': 1782,
        'value missing (NA)': 572,
        'value missing (*)': 64,
        'value missing (N/A)': 30,
        'value missing (n/a)': 3,
        'value missing (blank)': 133,
      },
      // Beside a value that is there: CORP 3c's hourly rates for South Ayrshire and South Lanarkshire in 2015-16 ("!"),
      // East Dunbartonshire's dwelling counts for HSN3 in 2013-14 and HSN5 in 2014-15 ("NA").
      partsMissing: {
        'numerator missing (!)': 2,
        'denominator missing (!)': 2,
        'numerator missing (NA)': 2,
        'denominator missing (NA)': 2,
      },
      indicators: 115,
      areas: 33,
      periods: 39,
      realTermsValues: 7591,
      columns: { values: 1058, realTerms: 233, numerators: 448, denominators: 448 },
    });
    expect(progress[0]).toEqual([0, 32_330]);
    expect(progress.at(-1)).toEqual([32_330, 32_330]);
    expect(await count('observations')).toBe(32_330);
    const run = await world.handle.db
      .selectFrom('import_runs')
      .selectAll()
      .where('id', '=', summary.runId!)
      .executeTakeFirstOrThrow();
    expect(run).toMatchObject({
      kind: 'lgbf',
      file_name: 'new_bnch_data.xlsx',
      rows_read: 34_914,
      rows_loaded: 32_330,
      rows_skipped: 2584,
    });
  });

  it('agrees, value for value, with the unpivoted copy in derived/lgbf_council_timeseries.csv (34,781 rows, markers kept)', async () => {
    const derived = parse(readFileSync(sharedData('derived', 'lgbf_council_timeseries.csv')), {
      columns: true,
      bom: true,
    }) as Record<string, string>[];
    expect(derived.length).toBe(34_781);
    expect(new Set(derived.map((d) => d['indicator_code'])).size).toBe(115);
    expect(new Set(derived.map((d) => d['area_code'])).size).toBe(33);
    const numeric = (s: string | undefined) =>
      s !== undefined && /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(s) ? Number(s) : null;
    const codes = new Map(
      (
        await world.handle.db
          .selectFrom('indicators')
          .select(['code', 'external_code'])
          .where('external_code', 'is not', null)
          .execute()
      ).map((i) => [i.external_code!, i.code]),
    );
    const expected = new Map<string, (number | null)[]>();
    for (const d of derived) {
      const value = numeric(d['value']);
      if (value !== null)
        expected.set(`${codes.get(d['indicator_code']!)}|${d['area_code']}|${d['period']}`, [
          value,
          numeric(d['value_real_terms']),
          numeric(d['numerator']),
          numeric(d['denominator']),
        ]);
    }
    expect(expected.size).toBe(32_330);
    const rows = await world.handle.db
      .selectFrom('observations')
      .select(['indicator_code', 'area_code', 'period_label', 'value', 'real_terms_value', 'numerator', 'denominator'])
      .where('indicator_code', 'like', 'lgbf-%')
      .execute();
    const n = (s: string | null) => (s === null ? null : Number(s));
    const actual = new Map(
      rows.map((r) => [
        `${r.indicator_code}|${r.area_code}|${r.period_label}`,
        [Number(r.value), n(r.real_terms_value), n(r.numerator), n(r.denominator)],
      ]),
    );
    expect(actual).toEqual(expected);
  });

  it('keeps exact values, real terms, numerators and denominators, with LGBF periods and the multi-year ranges', async () => {
    expect(await observation('lgbf-chn1', 'S12000033', '2010-11')).toEqual({
      period_kind: 'financial_year',
      period_start: '2010-04-01',
      period_end: '2011-03-31',
      value_type: 'raw',
      value: '4960.336134453782',
      real_terms_value: '6193.572979892178',
      numerator: '59028',
      denominator: '11900',
    });
    expect(await observation('lgbf-chn10', 'S12000033', '2016-19')).toMatchObject({
      period_kind: 'financial_year_range',
      period_start: '2016-04-01',
      period_end: '2019-03-31',
      value: '67.06666666666666',
      real_terms_value: null,
      numerator: null,
    });
    expect(await observation('lgbf-env4e', 'S92000003', '2007-11')).toMatchObject({
      period_kind: 'financial_year_range',
      period_start: '2007-04-01',
      period_end: '2011-03-31',
    });
    // "dna" is no value: nothing is stored for Aberdeen City's satisfaction with schools in 2018-21.
    expect(await observation('lgbf-chn10', 'S12000033', '2018-21')).toBeUndefined();
  });

  it('maps the names LGBF uses ("Argyll & Bute", "Edinburgh City", "Eilean Siar", "Perth & Kinross") to GSS codes', async () => {
    const areas = await sql<{ area_code: string; n: string }>`
      SELECT area_code, count(*) AS n FROM observations WHERE indicator_code = 'lgbf-chn1' GROUP BY area_code ORDER BY area_code`.execute(
      world.handle.db,
    );
    expect(areas.rows.length).toBe(33);
    for (const code of ['S12000035', 'S12000036', 'S12000013', 'S12000048', 'S92000003'])
      expect(areas.rows.find((a) => a.area_code === code)?.n).toBe('11');
  });

  it('sets each indicator’s numerator and denominator labels from the headers', async () => {
    const labels = await world.handle.db
      .selectFrom('indicators')
      .select(['code', 'numerator_label', 'denominator_label'])
      .where('code', 'in', ['lgbf-chn1', 'lgbf-env3a', 'lgbf-sw2', 'lgbf-chn4'])
      .orderBy('code')
      .execute();
    expect(labels).toEqual([
      {
        code: 'lgbf-chn1',
        numerator_label: 'Primary education - Gross expenditure (£000s)',
        denominator_label: 'No of Pupils Primary',
      },
      { code: 'lgbf-chn4', numerator_label: null, denominator_label: null },
      {
        code: 'lgbf-env3a',
        numerator_label: 'Street cleaning -net expenditure (£000s)',
        denominator_label: 'MYE Population',
      },
      { code: 'lgbf-sw2', numerator_label: 'SDS Spend on over 18s', denominator_label: 'Gross SW Spend on over 18s' },
    ]);
    const labelled = await world.handle.db
      .selectFrom('indicators')
      .select('code')
      .where('numerator_label', 'is not', null)
      .where('code', 'like', 'lgbf-%')
      .execute();
    expect(labelled.length).toBe(46);
  });

  it('is idempotent: the same workbook again loads the same counts and changes nothing', async () => {
    const before = await observationsHash();
    const again = await world.deps.imports.importLgbf(ctx, file('new_bnch_data.xlsx', DATA));
    expect(again.result).toMatchObject({ rowsRead: 34_914, rowsLoaded: 32_330, written: 0, removed: 0 });
    expect(await count('observations')).toBe(32_330);
    expect(await observationsHash()).toBe(before);
  });

  it('removes a value the workbook now marks as missing, and restores it from the full workbook', async () => {
    const marked = chn1().map((r, i) => (i === 1 ? r.map((c, j) => (j === 1 ? 'dna' : c)) : r));
    const partial = await world.deps.imports.importLgbf(ctx, file('chn1.xlsx', await workbook(marked)));
    expect(partial.result).toMatchObject({
      rowsRead: 363,
      rowsLoaded: 362,
      written: 0,
      removed: 1,
      skipped: { 'value missing (dna)': 1 },
    });
    expect(await observation('lgbf-chn1', 'S12000033', '2010-11')).toBeUndefined();
    const full = await world.deps.imports.importLgbf(ctx, file('new_bnch_data.xlsx', DATA));
    expect(full.result).toMatchObject({ written: 1, removed: 0 });
    expect(await count('observations')).toBe(32_330);
  });

  const cases: { name: string; content: () => Promise<Buffer>; message: RegExp }[] = [
    {
      name: 'a missing column',
      content: () => workbook(chn1().map((r, i) => (i === 0 ? ['Council', ...r.slice(1)] : r))),
      message: /^lgbf\.xlsx \(worksheet “Raw Data”\), row 1: missing column Local Authority/,
    },
    {
      name: 'an unknown indicator code',
      content: () =>
        workbook(chn1().map((r, i) => (i === 0 ? r.map((c) => (c === 'CHN1 2012-13' ? 'CHN99 2012-13' : c)) : r))),
      message:
        /^lgbf\.xlsx \(worksheet “Raw Data”\), row 1, column CHN99 2012-13 \(H\): “CHN99” is not an LGBF indicator Cairn knows/,
    },
    {
      name: 'a numerator away from its indicator',
      content: () => workbook(chn1().map((r) => [r[0]!, r[2]!, r[1]!, ...r.slice(3)])),
      message:
        /row 1, column Primary education - Gross expenditure \(£000s\) 2010-11 \(B\): “Primary education - Gross expenditure \(£000s\) 2010-11” is neither an indicator’s column nor the numerator or denominator right after one/,
    },
    {
      name: 'a real-terms column without its value column',
      content: () => workbook(chn1().map((r) => [r[0]!, ...r.slice(4)])),
      message: /row 1, column CHN1 2010-11 Real \(AF\): is in real terms but there is no column “CHN1 2010-11”/,
    },
    {
      name: 'a period it cannot read',
      content: () =>
        workbook(chn1().map((r, i) => (i === 0 ? r.map((c) => (c === 'CHN1 2012-13' ? 'CHN1 2012-31' : c)) : r))),
      message: /row 1, column CHN1 2012-31 \(H\): “2012-31” is not a financial year or a range of them/,
    },
    {
      name: 'an unknown council',
      content: () => workbook(chn1().map((r) => (r[0] === 'Fife' ? ['Atlantis', ...r.slice(1)] : r))),
      message:
        /^lgbf\.xlsx \(worksheet “Raw Data”\), row 16, column Local Authority: “Atlantis” is not a council area or Scotland under any name Cairn knows/,
    },
    {
      name: 'a duplicate row',
      content: () => workbook([...chn1(), chn1()[1]!]),
      message: /row 35, column Local Authority: Aberdeen City appears twice \(rows 2 and 35\)/,
    },
    {
      name: 'a value that is not a number',
      content: () => workbook(chn1().map((r, i) => (i === 2 ? r.map((c, j) => (j === 4 ? 'lots' : c)) : r))),
      message: /^lgbf\.xlsx \(worksheet “Raw Data”\), row 3, column CHN1 2011-12 \(E\): “lots” is not a number/,
    },
    {
      name: 'a denominator that is not a number',
      content: () => workbook(chn1().map((r, i) => (i === 33 ? r.map((c, j) => (j === 3 ? 'twelve' : c)) : r))),
      message: /row 34, column No of Pupils Primary 2010-11 \(D\): “twelve” is not a number/,
    },
    {
      name: 'a truncated workbook',
      content: async () => DATA.subarray(0, 1_000_000),
      message: /^lgbf\.xlsx: is not an Excel workbook that can be read/,
    },
    {
      name: 'a workbook without the Raw Data sheet',
      content: () => workbook(chn1(), 'Data'),
      message: /^lgbf\.xlsx: has no worksheet named “Raw Data” \(it has: Data\)/,
    },
  ];
  for (const c of cases) {
    it(`refuses ${c.name}, writing nothing`, async () => {
      const before = await observationsHash();
      const content = await c.content();
      await refuses(() => world.deps.imports.importLgbf(ctx, file('lgbf.xlsx', content)), c.message);
      expect(await observationsHash()).toBe(before);
    });
  }
});

describe('LGBF family groups (Family_Groups.csv)', () => {
  async function groups(scheme: string) {
    const rows = await world.handle.db
      .selectFrom('family_groups')
      .select(['council_code', 'group_number'])
      .where('scheme_code', '=', scheme)
      .execute();
    return new Map(rows.map((r) => [r.council_code, r.group_number]));
  }

  it('a dry run writes nothing', async () => {
    const dry = await world.deps.imports.importFamilyGroups(ctx, file('Family_Groups.csv', FAMILY), { dryRun: true });
    expect(dry.result.rowsLoaded).toBe(64);
    expect(await count('family_groups')).toBe(0);
  });

  it('places all 32 councils in one of four groups of eight, for people services and for other services', async () => {
    const progress: [number, number][] = [];
    const summary = await world.deps.imports.importFamilyGroups(ctx, file('Family_Groups.csv', FAMILY), {
      onProgress: (d, t) => progress.push([d, t]),
    });
    expect(summary.result).toEqual({
      rowsRead: 64,
      rowsLoaded: 64,
      changed: 64,
      bySchemeAndGroup: { 'lgbf-people': { 1: 8, 2: 8, 3: 8, 4: 8 }, 'lgbf-other': { 1: 8, 2: 8, 3: 8, 4: 8 } },
    });
    expect(progress.at(-1)).toEqual([1, 1]);
    const people = await groups('lgbf-people');
    const other = await groups('lgbf-other');
    expect(people.size).toBe(32);
    expect(other.size).toBe(32);
    // Glasgow City, Eilean Siar, Argyll & Bute, Edinburgh City, Shetland Islands
    expect(
      ['S12000049', 'S12000013', 'S12000035', 'S12000036', 'S12000027'].map((c) => [people.get(c), other.get(c)]),
    ).toEqual([
      [4, 4],
      [4, 1],
      [2, 1],
      [1, 4],
      [1, 1],
    ]);
    const provenance = await world.handle.db
      .selectFrom('family_groups')
      .select('import_run_id')
      .distinct()
      .where('scheme_code', 'like', 'lgbf-%')
      .execute();
    expect(provenance).toEqual([{ import_run_id: summary.runId }]);
  });

  it('is idempotent', async () => {
    const before = await sql<{
      h: string;
    }>`SELECT md5(string_agg(concat_ws('|', scheme_code, council_code, group_number, import_run_id), ',' ORDER BY scheme_code, council_code)) AS h FROM family_groups`.execute(
      world.handle.db,
    );
    const again = await world.deps.imports.importFamilyGroups(ctx, file('Family_Groups.csv', FAMILY));
    expect(again.result).toMatchObject({ rowsLoaded: 64, changed: 0 });
    const after = await sql<{
      h: string;
    }>`SELECT md5(string_agg(concat_ws('|', scheme_code, council_code, group_number, import_run_id), ',' ORDER BY scheme_code, council_code)) AS h FROM family_groups`.execute(
      world.handle.db,
    );
    expect(after.rows[0]!.h).toBe(before.rows[0]!.h);
  });

  const replaceLine = (n: number, from: string, to: string) =>
    familyLines()
      .map((l, i) => (i === n ? l.replace(from, to) : l))
      .join('\n');
  const cases: { name: string; content: () => string; message: RegExp }[] = [
    {
      name: 'a renamed column',
      content: () => familyLines().join('\n').replace('Local_Authority', 'Council'),
      message: /^fg\.csv, row 1: missing column Local_Authority/,
    },
    {
      name: 'an unknown council',
      content: () => replaceLine(3, 'Shetland Islands', 'Atlantis'),
      message: /^fg\.csv, row 4, column Local_Authority: “Atlantis” is not a council area under any name Cairn knows/,
    },
    {
      name: 'Scotland as a council',
      content: () => replaceLine(3, 'Shetland Islands', 'Scotland'),
      message: /^fg\.csv, row 4, column Local_Authority: “Scotland” is not a council area/,
    },
    {
      name: 'a group it cannot read',
      content: () => replaceLine(3, 'Family Group 1', 'Family Group One'),
      message: /^fg\.csv, row 4, column Family_Group: “Family Group One” is not “Family Group 1” to “Family Group 8”/,
    },
    {
      name: 'an unknown type',
      content: () => replaceLine(3, '"Environmental, Culture', '"Cultural, Environment'),
      message:
        /^fg\.csv, row 4, column Type: “Cultural, Environment & Leisure, Economic Development, Corporate and Property indicators” is not one of LGBF’s two types/,
    },
    {
      name: 'a duplicate row',
      content: () => [...familyLines(), familyLines()[5]].join('\n'),
      message:
        /^fg\.csv, row 66, column Local_Authority: Orkney Islands is placed twice for lgbf-other \(rows 6 and 66\)/,
    },
    {
      name: 'a file cut short',
      content: () => familyLines().slice(0, 55).join('\n'),
      message: /^fg\.csv: places 22 of the 32 councils in lgbf-people; missing: /,
    },
  ];
  for (const c of cases) {
    it(`refuses ${c.name}, writing nothing`, async () => {
      await refuses(() => world.deps.imports.importFamilyGroups(ctx, file('fg.csv', c.content())), c.message);
    });
  }
});
