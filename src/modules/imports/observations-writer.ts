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

/** The columns an import writes, in the order of its CSV (the benchmark's COPY uses them too). */
export const WRITTEN_COLUMNS = [
  'indicator_code',
  'area_code',
  'period_label',
  'period_kind',
  'period_start',
  'period_end',
  'value_type',
  'value',
  'real_terms_value',
  'numerator',
  'denominator',
  'import_run_id',
] as const;
/** What replacing an observation replaces (with its import run); the parts only for imports that have them. */
const REPLACED = ['period_kind', 'period_start', 'period_end', 'value_type', 'value'] as const;
const PARTS = ['real_terms_value', 'numerator', 'denominator'] as const;

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
  options: {
    withParts: boolean;
    onlyChanged: boolean;
    onProgress?: ((done: number, total: number) => void) | undefined;
  },
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
    SELECT 1 FROM observations WHERE indicator_code = ANY(${indicators}::text[]) AND area_code = ANY(${areas}::text[]) LIMIT 1`.execute(
    trx,
  );
  if (!held.rows.length) {
    await copyChunks(trx, 'observations', WRITTEN_COLUMNS, rows, asCsvRow, {
      chunk: CHUNK,
      onChunk: (done) => options.onProgress?.(done, total),
    });
    return total;
  }
  // The temporary table takes its columns' types from observations itself.
  const columns = sql.join(WRITTEN_COLUMNS.map((c) => sql.ref(c)));
  await sql`CREATE TEMPORARY TABLE import_observations ON COMMIT DROP AS SELECT ${columns} FROM observations WITH NO DATA`.execute(
    trx,
  );
  await copyChunks(trx, 'import_observations', WRITTEN_COLUMNS, rows, asCsvRow, {
    chunk: CHUNK,
    onChunk: (done) => done < total && options.onProgress?.(done, total),
  });
  const replaced = [...REPLACED, ...(options.withParts ? PARTS : [])];
  const set = sql.join(replaced.map((c) => sql`${sql.ref(c)} = EXCLUDED.${sql.ref(c)}`));
  const onlyChanged = options.onlyChanged
    ? sql`WHERE (${sql.join(replaced.map((c) => sql.ref(`observations.${c}`)))}) IS DISTINCT FROM (${sql.join(replaced.map((c) => sql`EXCLUDED.${sql.ref(c)}`))})`
    : sql``;
  const result = await sql`
    INSERT INTO observations (${columns}) SELECT ${columns} FROM import_observations
    ON CONFLICT (indicator_code, area_code, period_label) DO UPDATE SET ${set}, import_run_id = EXCLUDED.import_run_id
    ${onlyChanged}`.execute(trx);
  await sql`DROP TABLE import_observations`.execute(trx);
  options.onProgress?.(total, total);
  return Number(result.numAffectedRows ?? 0n);
}
