import { sql, type Transaction } from 'kysely';
import type { Period } from '../../core/periods.ts';
import type { Database } from '../../db/schema.ts';

/**
 * What the NPF import writes: indicators, indicator_frameworks and observations (tables of the outcomes
 * module; loading the national figures is this importer's job). A row whose values are what the file says
 * already is left alone, import_run_id and all.
 */

/** Insert or update the indicators in one statement; one row per indicator inserted or changed, saying which. */
export async function upsertNpfIndicators(
  trx: Transaction<Database>,
  ind: readonly { code: string; name: string; unit: string | null; category: string | null; source: string }[],
): Promise<{ inserted: boolean }[]> {
  const result = await sql<{ inserted: boolean }>`
          INSERT INTO indicators (code, name, unit, higher_is_better, source, external_code, category)
          SELECT t.c, t.n, t.u, NULL::boolean, t.s, t.n, t.g
          FROM unnest(${ind.map((i) => i.code)}::text[], ${ind.map((i) => i.name)}::text[], ${ind.map((i) => i.unit)}::text[],
                      ${ind.map((i) => i.source)}::text[], ${ind.map((i) => i.category)}::text[]) AS t(c, n, u, s, g)
          ON CONFLICT (code) DO UPDATE SET
            name = EXCLUDED.name, unit = EXCLUDED.unit, source = EXCLUDED.source, external_code = EXCLUDED.external_code, category = EXCLUDED.category
          WHERE (indicators.name, indicators.unit, indicators.source, indicators.external_code, indicators.category)
                IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.unit, EXCLUDED.source, EXCLUDED.external_code, EXCLUDED.category)
          RETURNING (xmax = 0) AS inserted`.execute(trx);
  return result.rows;
}

/** File these indicators under NPF (those filed already stay so). */
export async function fileUnderNpf(trx: Transaction<Database>, codes: readonly string[]): Promise<void> {
  await sql`
      INSERT INTO indicator_frameworks (indicator_code, framework)
      SELECT t.c, 'NPF' FROM unnest(${codes}::text[]) AS t(c)
      ON CONFLICT DO NOTHING`.execute(trx);
}

/**
 * Insert or replace the observations (value type 'raw', no bounds) in one statement; one row per
 * observation inserted or changed, saying which.
 */
export async function upsertNpfObservations(
  trx: Transaction<Database>,
  r: readonly { indicator: string; area: string; period: Period; value: number }[],
  runId: number,
): Promise<{ inserted: boolean }[]> {
  const result = await sql<{ inserted: boolean }>`
          INSERT INTO observations (indicator_code, area_code, period_label, period_kind, period_start, period_end, value_type, value, import_run_id)
          SELECT t.i, t.a, t.l, t.k, t.s, t.e, 'raw', t.v, ${runId}
          FROM unnest(${r.map((x) => x.indicator)}::text[], ${r.map((x) => x.area)}::text[], ${r.map((x) => x.period.label)}::text[],
                      ${r.map((x) => x.period.kind)}::text[], ${r.map((x) => x.period.start)}::date[], ${r.map((x) => x.period.end)}::date[],
                      ${r.map((x) => x.value)}::numeric[]) AS t(i, a, l, k, s, e, v)
          ON CONFLICT (indicator_code, area_code, period_label) DO UPDATE SET
            period_kind = EXCLUDED.period_kind, period_start = EXCLUDED.period_start, period_end = EXCLUDED.period_end,
            value_type = EXCLUDED.value_type, value = EXCLUDED.value, lower_bound = NULL, upper_bound = NULL, import_run_id = EXCLUDED.import_run_id
          WHERE (observations.period_kind, observations.period_start, observations.period_end, observations.value_type, observations.value,
                 observations.lower_bound, observations.upper_bound)
                IS DISTINCT FROM (EXCLUDED.period_kind, EXCLUDED.period_start, EXCLUDED.period_end, EXCLUDED.value_type, EXCLUDED.value,
                 NULL::numeric, NULL::numeric)
          RETURNING (xmax = 0) AS inserted`.execute(trx);
  return result.rows;
}
