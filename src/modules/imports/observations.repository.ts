import { sql, type Transaction } from 'kysely';
import type { Period } from '../../core/periods.ts';
import { copyChunks } from '../../db/copy.ts';
import type { Database } from '../../db/schema.ts';

/**
 * The national importers' writes of observations (a table of the outcomes module; writing the national
 * figures is the importers' job), with COPY (db/copy.ts says why). observations-writer.ts decides which of
 * these an import takes.
 */

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

/** Whether any of these indicators has an observation for any of these areas already. */
export async function observationsHeld(
  trx: Transaction<Database>,
  indicators: readonly string[],
  areas: readonly string[],
): Promise<boolean> {
  const held = await sql`
    SELECT 1 FROM observations WHERE indicator_code = ANY(${indicators}::text[]) AND area_code = ANY(${areas}::text[]) LIMIT 1`.execute(
    trx,
  );
  return held.rows.length > 0;
}

/**
 * COPY the rows, a chunk at a time, into `observations` itself or into the temporary `import_observations`
 * (createImportObservations); `onChunk` is told how many rows have been copied after each chunk.
 */
export async function copyObservations(
  trx: Transaction<Database>,
  table: 'observations' | 'import_observations',
  rows: readonly ObservationToWrite[],
  runId: number,
  onChunk: (done: number) => void,
): Promise<void> {
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
  await copyChunks(trx, table, WRITTEN_COLUMNS, rows, asCsvRow, { chunk: CHUNK, onChunk });
}

/** The temporary table an import's rows are copied into before they are merged; it goes at commit. */
export async function createImportObservations(trx: Transaction<Database>): Promise<void> {
  // The temporary table takes its columns' types from observations itself.
  const columns = sql.join(WRITTEN_COLUMNS.map((c) => sql.ref(c)));
  await sql`CREATE TEMPORARY TABLE import_observations ON COMMIT DROP AS SELECT ${columns} FROM observations WITH NO DATA`.execute(
    trx,
  );
}

/**
 * One INSERT … SELECT … ON CONFLICT from import_observations into observations, then drop the temporary
 * table. With `withParts`, the real-terms value, numerator and denominator are replaced too; with
 * `onlyChanged`, a row already holding the same values is not rewritten. Returns the rows inserted or changed.
 */
export async function mergeImportObservations(
  trx: Transaction<Database>,
  options: { withParts: boolean; onlyChanged: boolean },
): Promise<number> {
  const columns = sql.join(WRITTEN_COLUMNS.map((c) => sql.ref(c)));
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
  return Number(result.numAffectedRows ?? 0n);
}
