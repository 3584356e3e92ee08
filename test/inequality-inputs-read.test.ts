import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANONYMOUS } from '../src/core/access/actor.ts';
import { duncanIndex } from '../src/modules/outcomes/index.ts';
import { createWorld, type TestWorld } from './helpers/app.ts';

// How the outcomes service reads the inequality inputs for a recompute (each council, indicator and
// year's zones as JSON from the database), on whichever engine the suite runs on: zones in zone order
// whatever order they were written in, values to the last digit, a zone without a value kept as missing.
// The two codes have the same length and the same middle and last characters (a home-made reader told
// names apart by those).

const COUNCIL = 'S12000991';
const CODES = ['test-ab-x1', 'test-cb-y1'] as const;
const anyone = { actor: ANONYMOUS, ip: null, requestId: null };

// Zone → [income-deprived, not income-deprived].
const PEOPLE: Record<number, [number | null, number | null]> = {
  0: [120, 880],
  1: [15.5, 400],
  2: [300, 700],
  3: [80, 1020],
  4: [210, 640.25],
};
// Written out of zone order, with one zone without a value, and 0.1 + 0.2-style decimals.
const VALUES: Record<(typeof CODES)[number], [number, number | null][]> = {
  'test-ab-x1': [
    [3, 12.5],
    [0, 0.1],
    [4, 9.3],
    [1, null],
    [2, 0.30000000000000004],
  ],
  'test-cb-y1': [
    [2, 1e-7],
    [1, 250],
    [0, 1234567.891],
    [4, -2.5],
    [3, 73.123456789012],
  ],
};

let world: TestWorld;
beforeAll(async () => {
  world = await createWorld({ demo: false });
  const db = world.handle.db;
  await db.insertInto('areas').values({ code: COUNCIL, name: 'Testshire', level: 'council_area' }).execute();
  await db
    .insertInto('indicators')
    .values(CODES.map((code) => ({ code, name: `Test ${code}`, source: 'test', higher_is_better: true })))
    .execute();
  const run = await db
    .insertInto('import_runs')
    .values({
      kind: 'cpop-inequality',
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
  await db
    .insertInto('inequality_zones')
    .values(
      Object.entries(PEOPLE).map(([zone, [deprived, other]]) => ({
        year: 2021,
        council_code: COUNCIL,
        zone_index: Number(zone),
        income_deprived: deprived,
        not_income_deprived: other,
        population: null,
        import_run_id: run.id,
      })),
    )
    .execute();
  for (const code of CODES)
    for (const [zone, value] of VALUES[code])
      await db
        .insertInto('inequality_zone_values')
        .values({ year: 2021, council_code: COUNCIL, zone_index: zone, indicator_code: code, value })
        .execute();
});
afterAll(() => world.close());

describe('the inequality inputs as the recompute reads them', () => {
  it('gives each indicator, whatever its code, the Duncan index of its own zones in zone order', async () => {
    const rows = (await world.deps.outcomes.duncanIndexes(anyone, { council: COUNCIL })).filter((r) =>
      (CODES as readonly string[]).includes(r.indicatorCode),
    );
    expect(rows.map((r) => r.indicatorCode).sort()).toEqual([...CODES].sort());
    const maxMissing = await world.deps.outcomes.parameter('duncan_index', 'max_missing_share');
    for (const code of CODES) {
      const zones = [...VALUES[code]]
        .sort((a, b) => a[0] - b[0])
        .map(([zone, value]) => ({
          value,
          incomeDeprived: PEOPLE[zone]![0],
          notIncomeDeprived: PEOPLE[zone]![1],
        }));
      const expected = duncanIndex(zones, maxMissing);
      const row = rows.find((r) => r.indicatorCode === code)!;
      expect(row.year).toBe(2021);
      expect(row.zones, code).toBe(expected.zones);
      expect(row.missingValues, code).toBe(expected.missing);
      expect(row.duncanIndex, code).toBe(expected.index);
      expect(row.duncanIndex, code).not.toBeNull();
    }
  });

  it('counts a zone without a value as missing', async () => {
    const rows = await world.deps.outcomes.duncanIndexes(anyone, { council: COUNCIL });
    const first = rows.find((r) => r.indicatorCode === 'test-ab-x1')!;
    expect(first.zones).toBe(5);
    expect(first.missingValues).toBe(1);
  });

  it('gives the latest year’s measures of each indicator from the same zones', async () => {
    const profiles = (await world.deps.outcomes.inequalities(anyone, [COUNCIL])).get(COUNCIL)!;
    expect(profiles.map((x) => x.indicatorCode)).toEqual([...CODES].sort());
    for (const x of profiles) {
      expect(x.latest?.year, x.indicatorCode).toBe(2021);
      expect(x.latest?.zones, x.indicatorCode).toBe(5);
    }
  });
});
