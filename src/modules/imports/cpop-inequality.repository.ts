import { sql, type Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';

/**
 * What CPOP's inequality import writes: inequality_zones and inequality_zone_values (tables of the
 * outcomes module; loading them is this importer's job).
 */

/** Remove the zones (and, by their keys, their values) of these years. */
export async function deleteInequalityYears(trx: Transaction<Database>, years: readonly number[]): Promise<void> {
  await trx.deleteFrom('inequality_zones').where('year', 'in', years).execute();
}

/** Insert the zones, each with its counts of people, in one statement. */
export async function insertInequalityZones(
  trx: Transaction<Database>,
  z: readonly {
    year: number;
    council: string;
    index: number;
    deprived: number | null;
    other: number | null;
    population: number | null;
  }[],
  runId: number,
): Promise<void> {
  await sql`
    INSERT INTO inequality_zones (year, council_code, zone_index, income_deprived, not_income_deprived, population, import_run_id)
    SELECT t.y, t.c, t.i, t.d, t.o, t.p, ${runId}
    FROM unnest(${z.map((x) => x.year)}::int[], ${z.map((x) => x.council)}::text[], ${z.map((x) => x.index)}::int[],
                ${z.map((x) => x.deprived)}::numeric[], ${z.map((x) => x.other)}::numeric[], ${z.map((x) => x.population)}::numeric[]) AS t(y, c, i, d, o, p)`.execute(
    trx,
  );
}

/** Insert the zones' outcome values, in one statement. */
export async function insertInequalityValues(
  trx: Transaction<Database>,
  v: readonly { year: number; council: string; index: number; indicator: string; value: number | null }[],
): Promise<void> {
  await sql`
    INSERT INTO inequality_zone_values (year, council_code, zone_index, indicator_code, value)
    SELECT * FROM unnest(${v.map((x) => x.year)}::int[], ${v.map((x) => x.council)}::text[], ${v.map((x) => x.index)}::int[],
                         ${v.map((x) => x.indicator)}::text[], ${v.map((x) => x.value)}::numeric[])`.execute(trx);
}
