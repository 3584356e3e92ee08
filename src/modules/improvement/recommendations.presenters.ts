import { toCsv } from '../../core/csv.ts';
import type { ImpactCsvRow } from './recommendations.service.ts';

/** The recommendations tracker's service results in words and as files. */

/** "A, B and C". */
export function joinAnd(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** The columns of the impact table's CSV and of `cairn export recommendations`. */
export function impactCsv(rows: readonly ImpactCsvRow[]): string {
  return toCsv(rows, [
    { header: 'report', value: (r) => r.report },
    { header: 'publisher', value: (r) => r.publisher },
    { header: 'published_on', value: (r) => r.published_on },
    { header: 'group', value: (r) => r.group },
    { header: 'ref', value: (r) => r.ref },
    { header: 'recommendation', value: (r) => r.text },
    { header: 'addressees', value: (r) => r.addressees },
    { header: 'audit_dimensions', value: (r) => r.dimensions },
    { header: 'rating', value: (r) => r.rating },
    { header: 'as_of', value: (r) => r.as_of },
    { header: 'narrative', value: (r) => r.narrative },
  ]);
}
