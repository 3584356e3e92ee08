import { toCsv } from '../../core/csv.ts';
import type { IndicatorEntry } from './indicators.service.ts';

/** The catalogue of national indicators as its CSV file gives it: one row for each indicator. */
export function catalogueCsv(rows: IndicatorEntry[]): string {
  return toCsv(rows, [
    { header: 'code', value: (i) => i.code },
    { header: 'name', value: (i) => i.name },
    { header: 'frameworks', value: (i) => i.frameworks.join('; ') },
    { header: 'external_code', value: (i) => i.externalCode ?? '' },
    { header: 'category', value: (i) => i.category ?? '' },
    { header: 'unit', value: (i) => i.unit ?? '' },
    { header: 'higher_is_better', value: (i) => (i.higherIsBetter === null ? '' : String(i.higherIsBetter)) },
    { header: 'prevention', value: (i) => String(i.prevention) },
    { header: 'prevention_reason', value: (i) => i.preventionNote ?? '' },
    { header: 'values', value: (i) => i.values },
    { header: 'latest_period', value: (i) => i.latestPeriod ?? '' },
    { header: 'source', value: (i) => i.source },
  ]);
}
