import { toCsv } from '../../core/csv.ts';
import type { ImportRun, ImportSummary, OwnValue } from './imports.service.ts';

/** What the import routes answer besides pages: the flash message of an import, and the CSV downloads. */

/** What an import did, in a sentence a person can act on. */
export function describeImport(
  s: ImportSummary<{ rowsRead: number; rowsLoaded: number; skipped?: Record<string, number> }>,
): string {
  const skipped = Object.entries(s.result.skipped ?? {})
    .map(([reason, n]) => `${n} ${reason}`)
    .join('; ');
  return `${s.file}: ${s.result.rowsRead} rows read, ${s.result.rowsLoaded} ${s.dryRun ? 'would be loaded (checked only; nothing was saved)' : 'loaded'}${skipped ? `; skipped: ${skipped}` : ''}.`;
}

/** The national files loaded, as CSV. */
export function importRunsCsv(runs: ImportRun[]): string {
  return toCsv(runs, [
    { header: 'id', value: (r) => r.id },
    { header: 'kind', value: (r) => r.kind },
    { header: 'file_name', value: (r) => r.file_name },
    { header: 'checksum_sha256', value: (r) => r.checksum },
    { header: 'bytes', value: (r) => r.bytes },
    { header: 'rows_read', value: (r) => r.rows_read },
    { header: 'rows_loaded', value: (r) => r.rows_loaded },
    { header: 'rows_skipped', value: (r) => r.rows_skipped },
    { header: 'by', value: (r) => r.actor_label },
    { header: 'started_at', value: (r) => new Date(r.started_at).toISOString() },
    { header: 'finished_at', value: (r) => new Date(r.finished_at).toISOString() },
  ]);
}

/** Every value of a partnership's own indicators, as a tidy CSV (the import layout). */
export function ownValuesCsv(rows: OwnValue[]): string {
  return toCsv(rows, [
    { header: 'area_code', value: (r) => r.area_code },
    { header: 'indicator', value: (r) => r.name },
    { header: 'period', value: (r) => r.period_label },
    { header: 'value', value: (r) => r.value },
    { header: 'lower_bound', value: (r) => r.lower_bound },
    { header: 'upper_bound', value: (r) => r.upper_bound },
    { header: 'numerator', value: (r) => r.numerator },
    { header: 'denominator', value: (r) => r.denominator },
  ]);
}
