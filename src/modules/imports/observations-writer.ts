import type { ImportTrx } from './imports.repository.ts';
import {
  copyObservations,
  createImportObservations,
  mergeImportObservations,
  observationsHeld,
  type ObservationToWrite,
} from './observations.repository.ts';

export { WRITTEN_COLUMNS, type ObservationToWrite } from './observations.repository.ts';

/**
 * Insert or replace observations, in the caller's transaction (the database layer's copy.ts says why
 * COPY): when none of their indicators has an observation for their areas yet, COPY straight into
 * observations; otherwise COPY into a temporary table, then one INSERT … SELECT … ON CONFLICT from it. With
 * `withParts`, the real-terms value, numerator and denominator are written too (LGBF); without, they are
 * left as they are (CPOP). With `onlyChanged`, a row already holding the same values is not rewritten, and
 * the count returned is of rows inserted or changed. Progress counts rows: each chunk as it is copied, the
 * last one only once the insert is done. The queries are in observations.repository.ts.
 */
export async function writeObservations(
  trx: ImportTrx,
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
  // The first load of these indicators for these areas (a new installation's national import): nothing
  // to replace, so the rows go straight into observations with COPY.
  const indicators = [...new Set(rows.map((x) => x.indicator))];
  const areas = [...new Set(rows.map((x) => x.area))];
  if (!(await observationsHeld(trx, indicators, areas))) {
    await copyObservations(trx, 'observations', rows, runId, (done) => options.onProgress?.(done, total));
    return total;
  }
  await createImportObservations(trx);
  await copyObservations(trx, 'import_observations', rows, runId, (done) => {
    if (done < total) options.onProgress?.(done, total);
  });
  const written = await mergeImportObservations(trx, options);
  options.onProgress?.(total, total);
  return written;
}
