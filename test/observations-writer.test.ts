import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parsePeriod } from '../src/core/periods.ts';
import { copyChunks, csvOf } from '../src/db/copy.ts';
import { writeObservations, type ObservationToWrite } from '../src/modules/imports/observations-writer.ts';
import { createWorld, type TestWorld } from './helpers/app.ts';

// The national importers' write path (COPY, straight in or through a temporary table), on whichever
// engine the suite runs on: both CI runs exercise it.

let world: TestWorld;
let runId: number;
beforeAll(async () => {
  world = await createWorld({ demo: false });
  const db = world.handle.db;
  await db
    .insertInto('areas')
    .values([
      { code: 'S12000901', name: 'Testshire', level: 'council_area' },
      { code: 'S12000902', name: 'Otherton', level: 'council_area' },
    ])
    .execute();
  await db
    .insertInto('indicators')
    .values([
      { code: 'test-a', name: 'Test A', source: 'test' },
      { code: 'test-b', name: 'Test B', source: 'test' },
    ])
    .execute();
  const run = await db
    .insertInto('import_runs')
    .values({
      kind: 'test',
      file_name: 'test.csv',
      checksum: 'x',
      bytes: 1,
      rows_read: 0,
      rows_loaded: 0,
      rows_skipped: 0,
      actor_label: 'test',
      started_at: new Date(),
      finished_at: new Date(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  runId = Number(run.id);
});
afterAll(() => world.close());

const obs = (
  indicator: string,
  area: string,
  year: number,
  value: number,
  parts: Partial<ObservationToWrite> = {},
): ObservationToWrite => ({
  indicator,
  area,
  period: parsePeriod(String(year))!,
  valueType: 'raw',
  value,
  ...parts,
});

async function held() {
  const rows = await world.handle.db
    .selectFrom('observations')
    .select(['indicator_code', 'area_code', 'period_label', 'value', 'real_terms_value', 'numerator', 'value_type'])
    .where('indicator_code', 'like', 'test-%')
    .orderBy('indicator_code')
    .orderBy('area_code')
    .orderBy('period_label')
    .execute();
  return rows.map(
    (r) =>
      `${r.indicator_code} ${r.area_code} ${r.period_label} ${Number(r.value)} ${r.real_terms_value === null ? '-' : Number(r.real_terms_value)} ${r.numerator === null ? '-' : Number(r.numerator)} ${r.value_type}`,
  );
}

describe('CSV for COPY', () => {
  it('quotes text, doubles quotes inside it, keeps commas and line breaks, and writes null as an empty unquoted field', () => {
    expect(
      csvOf([
        ['a "b", c', null, '', 1.5, -0],
        ['line\nbreak', 'plain', null, 1e-7, 12345678901234],
      ]).toString('utf8'),
    ).toBe('"a ""b"", c",,"",1.5,0\n"line\nbreak","plain",,1e-7,12345678901234\n');
  });

  it('refuses a table or column name that is not a plain identifier', async () => {
    await expect(
      copyChunks(world.handle.db, 'observations; DROP TABLE areas', ['value'], [[1]], (r) => r, { chunk: 10 }),
    ).rejects.toThrow(/not a plain identifier/);
    await expect(
      copyChunks(world.handle.db, 'observations', ['value"'], [[1]], (r) => r, { chunk: 10 }),
    ).rejects.toThrow(/not a plain identifier/);
  });

  it('carries text with quotes, commas and line breaks into the database exactly', async () => {
    const label = 'He said "no", then\nleft';
    await world.handle.db.transaction().execute(async (trx) => {
      await sql`CREATE TEMPORARY TABLE copy_check (t text, n numeric, e text) ON COMMIT DROP`.execute(trx);
      await copyChunks(
        trx,
        'copy_check',
        ['t', 'n', 'e'],
        [
          [label, 0.1, null],
          ['', 2, 'x'],
        ],
        (r) => r,
        { chunk: 1 },
      );
      const rows = await sql<{
        t: string;
        n: string;
        e: string | null;
      }>`SELECT t, n, e FROM copy_check ORDER BY n`.execute(trx);
      expect(rows.rows).toEqual([
        { t: label, n: '0.1', e: null },
        { t: '', n: '2', e: 'x' },
      ]);
    });
  });

  it('rejects with the database’s error when it refuses a row of the COPY itself, and the connection serves the next query', async () => {
    const db = world.handle.db;
    await expect(
      db.transaction().execute(async (trx) => {
        await sql`CREATE TEMPORARY TABLE copy_refused (n numeric NOT NULL) ON COMMIT DROP`.execute(trx);
        await copyChunks(trx, 'copy_refused', ['n'], [[1], ['not a number'], [3]], (r) => r, { chunk: 10 });
      }),
    ).rejects.toThrow(/invalid input syntax for type numeric/);
    // Every connection (PostgreSQL's pool has several) still answers.
    const answers = await Promise.all(
      Array.from({ length: 4 }, () => sql<{ one: number }>`SELECT 1 AS one`.execute(db)),
    );
    expect(answers.map((a) => a.rows[0]!.one)).toEqual([1, 1, 1, 1]);
  });
});

describe('writing observations', () => {
  it('loads a first set straight in, then replaces and adds through the temporary table, counting only what changed', async () => {
    const db = world.handle.db;
    const first = [
      obs('test-a', 'S12000901', 2019, 1),
      obs('test-a', 'S12000901', 2020, 2, { realTermsValue: 2.5, numerator: 20 }),
      obs('test-b', 'S12000902', 2020, 3),
    ];
    const progress: [number, number][] = [];
    const written = await db.transaction().execute((trx) =>
      writeObservations(trx, first, runId, {
        withParts: true,
        onlyChanged: true,
        onProgress: (d, t) => progress.push([d, t]),
      }),
    );
    expect(written).toBe(3);
    expect(progress[0]).toEqual([0, 3]);
    expect(progress.at(-1)).toEqual([3, 3]);
    expect(await held()).toEqual([
      'test-a S12000901 2019 1 - - raw',
      'test-a S12000901 2020 2 2.5 20 raw',
      'test-b S12000902 2020 3 - - raw',
    ]);

    // Now the rows are there: one unchanged, one changed, one new.
    const second = [
      obs('test-a', 'S12000901', 2019, 1),
      obs('test-a', 'S12000901', 2020, 2.25, { realTermsValue: 2.5, numerator: 20 }),
      obs('test-a', 'S12000901', 2021, 4),
    ];
    const changed = await db
      .transaction()
      .execute((trx) => writeObservations(trx, second, runId, { withParts: true, onlyChanged: true }));
    expect(changed).toBe(2);
    expect(await held()).toEqual([
      'test-a S12000901 2019 1 - - raw',
      'test-a S12000901 2020 2.25 2.5 20 raw',
      'test-a S12000901 2021 4 - - raw',
      'test-b S12000902 2020 3 - - raw',
    ]);

    // Without parts (CPOP): the value and type are replaced, real terms and numerators left as they are.
    await db.transaction().execute((trx) =>
      writeObservations(trx, [obs('test-a', 'S12000901', 2020, 9, { valueType: 'projected' })], runId, {
        withParts: false,
        onlyChanged: false,
      }),
    );
    expect(await held()).toContain('test-a S12000901 2020 9 2.5 20 projected');
  });

  it('writes nothing when the transaction fails afterwards, by either path', async () => {
    const db = world.handle.db;
    const before = await held();
    for (const rows of [
      [obs('test-b', 'S12000901', 2010, 1)],
      [obs('test-a', 'S12000901', 2019, 100), obs('test-b', 'S12000901', 2011, 1)],
    ]) {
      await expect(
        db.transaction().execute(async (trx) => {
          await writeObservations(trx, rows, runId, { withParts: true, onlyChanged: true });
          throw new Error('later step failed');
        }),
      ).rejects.toThrow('later step failed');
    }
    expect(await held()).toEqual(before);
  });

  it('names the problem when a row breaks a rule of the table, and writes nothing', async () => {
    const db = world.handle.db;
    const before = await held();
    await expect(
      db
        .transaction()
        .execute((trx) =>
          writeObservations(trx, [obs('test-a', 'S12000999', 2019, 1)], runId, { withParts: true, onlyChanged: true }),
        ),
    ).rejects.toThrow(/foreign key/);
    expect(await held()).toEqual(before);
  });
});
