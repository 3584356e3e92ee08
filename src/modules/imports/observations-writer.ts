import { sql, type Transaction } from 'kysely';
import type { Period } from '../../core/periods.ts';
import { copyChunks } from '../../db/copy.ts';
import type { Database } from '../../db/schema.ts';

/** One observation as the national importers write it. */
export interface ObservationToWrite {
  indicator: string;
  area: string;
  period: Period;
  /** 'raw' when not given. */
  valueType?: 'raw' | 'imputed' | 'projected';
  value: number;
  realTermsValue?: number | null;
  numerator?: number | null;
  denominator?: number | null;
}

/** Rows per COPY: the progress bar moves once per chunk. */
const CHUNK = 25_000;

const STAGED = ['indicator_code', 'area_code', 'period_label', 'period_kind', 'period_start', 'period_end', 'value_type', 'value', 'real_terms_value', 'numerator', 'denominator'] as const;

/**
 * Insert or replace observations, in the caller's transaction (db/copy.ts says why COPY): when none of
 * their indicators has an observation for their areas yet, COPY straight into observations; otherwise
 * COPY into a temporary table, then one INSERT … SELECT … ON CONFLICT from it. With `withParts`, the real-terms value,
 * numerator and denominator are written too (LGBF); without, they are left as they are (CPOP).
 * With `onlyChanged`, a row already holding the same values is not rewritten, and the count returned is
 * of rows inserted or changed. Progress counts rows: each chunk as it is copied, the last one only once
 * the insert is done.
 */
export async function writeObservations(
  trx: Transaction<Database>,
  rows: readonly ObservationToWrite[],
  runId: number,
  options: { withParts: boolean; onlyChanged: boolean; onProgress?: ((done: number, total: number) => void) | undefined },
): Promise<number> {
  const total = rows.length;
  options.onProgress?.(0, total);
  if (!total) return 0;
  const asCsvRow = (x: ObservationToWrite) => [
    x.indicator,
    x.area,
    x.period.label,
    x.period.kind,
    x.period.start,
    x.period.end,
    x.valueType ?? 'raw',
    x.value,
    x.realTermsValue ?? null,
    x.numerator ?? null,
    x.denominator ?? null,
    runId,
  ];
  // The first load of these indicators for these areas (a new installation's national import): nothing
  // to replace, so the rows go straight into observations with COPY.
  const indicators = [...new Set(rows.map((x) => x.indicator))];
  const areas = [...new Set(rows.map((x) => x.area))];
  const held = await sql`
    SELECT 1 FROM observations WHERE indicator_code = ANY(${indicators}::text[]) AND area_code = ANY(${areas}::text[]) LIMIT 1`.execute(trx);
  if (!held.rows.length) {
    await copyChunks(trx, 'observations', [...STAGED, 'import_run_id'], rows, asCsvRow, { chunk: CHUNK, onChunk: (done) => options.onProgress?.(done, total) });
    return total;
  }
  await sql`
    CREATE TEMPORARY TABLE import_observations (
      indicator_code text, area_code text, period_label text, period_kind text, period_start date, period_end date,
      value_type text, value numeric, real_terms_value numeric, numerator numeric, denominator numeric, import_run_id integer
    ) ON COMMIT DROP`.execute(trx);
  await copyChunks(trx, 'import_observations', [...STAGED, 'import_run_id'], rows, asCsvRow, { chunk: CHUNK, onChunk: (done) => done < total && options.onProgress?.(done, total) });
  const parts = options.withParts ? sql`, real_terms_value = EXCLUDED.real_terms_value, numerator = EXCLUDED.numerator, denominator = EXCLUDED.denominator` : sql``;
  const onlyChanged = !options.onlyChanged
    ? sql``
    : options.withParts
      ? sql`WHERE (observations.period_kind, observations.period_start, observations.period_end, observations.value_type,
                   observations.value, observations.real_terms_value, observations.numerator, observations.denominator)
              IS DISTINCT FROM (EXCLUDED.period_kind, EXCLUDED.period_start, EXCLUDED.period_end, EXCLUDED.value_type,
                   EXCLUDED.value, EXCLUDED.real_terms_value, EXCLUDED.numerator, EXCLUDED.denominator)`
      : sql`WHERE (observations.period_kind, observations.period_start, observations.period_end, observations.value_type, observations.value)
              IS DISTINCT FROM (EXCLUDED.period_kind, EXCLUDED.period_start, EXCLUDED.period_end, EXCLUDED.value_type, EXCLUDED.value)`;
  const result = await sql`
    INSERT INTO observations (indicator_code, area_code, period_label, period_kind, period_start, period_end, value_type, value,
                              real_terms_value, numerator, denominator, import_run_id)
    SELECT indicator_code, area_code, period_label, period_kind, period_start, period_end, value_type, value,
           real_terms_value, numerator, denominator, import_run_id
    FROM import_observations
    ON CONFLICT (indicator_code, area_code, period_label) DO UPDATE SET
      period_kind = EXCLUDED.period_kind, period_start = EXCLUDED.period_start, period_end = EXCLUDED.period_end,
      value_type = EXCLUDED.value_type, value = EXCLUDED.value, import_run_id = EXCLUDED.import_run_id ${parts}
    ${onlyChanged}`.execute(trx);
  await sql`DROP TABLE import_observations`.execute(trx);
  options.onProgress?.(total, total);
  return Number(result.numAffectedRows ?? 0n);
}
