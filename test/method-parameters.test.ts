import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  METHOD_NAMES,
  METHOD_PARAMETER_SCHEMAS,
  MethodParameterError,
  parseMethodParameters,
  type MethodParameterRow,
} from '../src/core/rules/method-parameters.ts';
import { readMethodParameters } from '../src/core/rules/method-parameters.repository.ts';
import type { DatabaseHandle } from '../src/db/connect.ts';
import type { Database } from '../src/db/schema.ts';
import { createTestDatabase, engine } from './helpers/db.ts';

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(async () => {
  await handle?.close();
});

/** Run `fn` on a transaction that is always rolled back, so a broken row never outlives its test. */
async function inRolledBack(fn: (db: Kysely<Database>) => Promise<void>): Promise<void> {
  const rollback = new Error('rollback');
  await expect(
    handle.db.transaction().execute(async (trx) => {
      await fn(trx);
      throw rollback;
    }),
  ).rejects.toBe(rollback);
}

describe(`method parameters in the migrated database on ${engine()}`, () => {
  it('has rows for exactly the methods that have a schema, and every method’s rows match its schema', async () => {
    const rows = await handle.db.selectFrom('method_parameters').select(['method', 'name']).execute();
    expect([...new Set(rows.map((r) => r.method))].sort()).toEqual([...METHOD_NAMES].sort());
    for (const method of METHOD_NAMES) {
      const read = await readMethodParameters(handle.db, method);
      const names = Object.keys(METHOD_PARAMETER_SCHEMAS[method].shape).sort();
      expect(Object.keys(read.values).sort(), method).toEqual(names);
      expect(Object.keys(read.parameters).sort(), method).toEqual(names);
      const parameters: Record<string, { value: unknown; description: string; source: string }> = read.parameters;
      for (const [name, p] of Object.entries(parameters)) {
        expect(typeof p.value, `${method}.${name}`).toBe('number');
        expect(p.source.length, `${method}.${name} has a source`).toBeGreaterThan(0);
        expect(p.description.length, `${method}.${name} has a description`).toBeGreaterThan(0);
      }
    }
  });

  it('reads the values the migrations seed, as numbers', async () => {
    expect((await readMethodParameters(handle.db, 'open_sdg_progress')).values).toEqual({
      on_track: 0.95,
      acceleration: 0.6,
      no_target_on_track: 0.015,
      no_target_acceleration: 0.005,
    });
    expect((await readMethodParameters(handle.db, 'locality_test')).values).toEqual({
      significance_level: 0.05,
      min_zones: 3,
      min_expected_count: 5,
      min_poorer_indicators: 1,
    });
    const nationalView = await readMethodParameters(handle.db, 'national_view');
    expect(nationalView.parameters.annual_report_months.value).toBe(6);
    expect(nationalView.parameters.annual_report_months.source).toMatch(/^Cairn default/);
  });

  it('fails loudly, naming the method and the parameter, when a row is wrong, missing or unknown', async () => {
    await inRolledBack(async (db) => {
      await db
        .updateTable('method_parameters')
        .set({ value: 2.5 })
        .where('method', '=', 'locality_test')
        .where('name', '=', 'min_zones')
        .execute();
      await expect(readMethodParameters(db, 'locality_test')).rejects.toThrow(
        'method_parameters for locality_test: locality_test.min_zones is "2.5": must be a whole number',
      );
    });
    await inRolledBack(async (db) => {
      await db.deleteFrom('method_parameters').where('method', '=', 'plans').execute();
      await expect(readMethodParameters(db, 'plans')).rejects.toThrow('plans.stale_after_years is missing');
    });
    await inRolledBack(async (db) => {
      await db
        .insertInto('method_parameters')
        .values({ method: 'duncan_index', name: 'max_missing', value: 0.3, description: 'A typo', source: 'None' })
        .execute();
      await expect(readMethodParameters(db, 'duncan_index')).rejects.toThrow(
        'duncan_index.max_missing is not one of its parameters (max_missing_share)',
      );
    });
    await inRolledBack(async (db) => {
      // numeric holds NaN, which Number() would carry silently into a calculation.
      await sql`UPDATE method_parameters SET value = 'NaN' WHERE method = 'national_view'`.execute(db);
      await expect(readMethodParameters(db, 'national_view')).rejects.toThrow(
        'national_view.annual_report_months is "NaN": must be a number',
      );
    });
    // Rolled back: the table reads as before.
    expect((await readMethodParameters(handle.db, 'locality_test')).values.min_zones).toBe(3);
  });
});

describe('parseMethodParameters', () => {
  const row = (name: string, value: string, more: Partial<MethodParameterRow> = {}): MethodParameterRow => ({
    name,
    value,
    description: 'What it means',
    source: 'Where it comes from',
    ...more,
  });
  const sdg = (onTrack: string, acceleration: string) => [
    row('on_track', onTrack),
    row('acceleration', acceleration),
    row('no_target_on_track', '0.015'),
    row('no_target_acceleration', '0.005'),
  ];

  it('checks the bounds each method needs and the relations between its parameters', () => {
    expect(parseMethodParameters('open_sdg_progress', sdg('0.95', '0.6')).values.on_track).toBe(0.95);
    expect(() => parseMethodParameters('open_sdg_progress', sdg('0.5', '0.6'))).toThrow(
      'open_sdg_progress.acceleration is "0.6": must not be above on_track',
    );
    expect(() => parseMethodParameters('open_sdg_progress', sdg('1.5', '0.6'))).toThrow(
      'open_sdg_progress.on_track is "1.5": must be 1 or less',
    );
    expect(() => parseMethodParameters('locality_test', [row('significance_level', '1')])).toThrow(
      /locality_test\.significance_level is "1": must be below 1; locality_test\.min_zones is missing; .*min_poorer_indicators is missing/,
    );
    expect(() => parseMethodParameters('deprivation_extremes', [row('deprived_share', '0.6')])).toThrow(
      'deprivation_extremes.deprived_share is "0.6": must be 0.5 or less',
    );
  });

  it('refuses an empty value (not zero) and a row without its source', () => {
    expect(() => parseMethodParameters('plans', [row('stale_after_years', ' ')])).toThrow(
      'plans.stale_after_years is " ": must be a number',
    );
    expect(() => parseMethodParameters('plans', [row('stale_after_years', '3', { source: '' })])).toThrow(
      'plans.stale_after_years has no source',
    );
    expect(() => parseMethodParameters('plans', [row('stale_after_years', '3', { description: ' ' })])).toThrow(
      MethodParameterError,
    );
  });
});
