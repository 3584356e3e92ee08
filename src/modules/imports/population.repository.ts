import { sql, type Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';

/** What the population import writes: population_estimates (a table of the areas module; loading it is its job). */

/**
 * Insert or replace estimates in one statement, counting how many were there already (from the snapshot
 * the insert started from), and how many of those held another figure.
 */
export async function upsertPopulationEstimates(
  trx: Transaction<Database>,
  r: readonly { area: string; year: number; sex: string; age: string; population: number }[],
  runId: number,
): Promise<{ replaced: number; changed: number }> {
  const arrays = sql`${r.map((x) => x.area)}::text[], ${r.map((x) => x.year)}::smallint[], ${r.map((x) => x.sex)}::text[], ${r.map((x) => x.age)}::text[], ${r.map((x) => x.population)}::int[]`;
  // One statement: the rows already there are counted from the snapshot the insert started from.
  const counts = await sql<{ replaced: string; changed: string }>`
    WITH t AS (SELECT * FROM unnest(${arrays}) AS t(a, y, s, g, n)),
    old AS (
      SELECT count(*) AS replaced, count(*) FILTER (WHERE p.population <> t.n) AS changed
      FROM t JOIN population_estimates p ON p.area_code = t.a AND p.year = t.y AND p.sex = t.s AND p.age = t.g
    ),
    written AS (
      INSERT INTO population_estimates (area_code, year, sex, age, population, import_run_id)
      SELECT t.a, t.y, t.s, t.g, t.n, ${runId} FROM t
      ON CONFLICT (area_code, year, sex, age) DO UPDATE SET population = EXCLUDED.population, import_run_id = EXCLUDED.import_run_id
    )
    SELECT replaced, changed FROM old`.execute(trx);
  return { replaced: Number(counts.rows[0]?.replaced ?? 0), changed: Number(counts.rows[0]?.changed ?? 0) };
}
