import { toCsv } from '../../core/csv.ts';
import type { Comparison, IndicatorChoice, Overview } from './outcomes.service.ts';

/** The national overview and comparison as the API and the CSV files give them (schemas in outcomes.api-schemas.ts). */

/** The API's Scotland overview: the indicators to choose from and the chosen one's overview (none before any data). */
export function scotlandOverviewJson(choices: IndicatorChoice[], overview: Overview | null) {
  return overview ? { indicators: choices, overview } : { indicators: [], overview: null };
}

/** The overview of one indicator as CSV: one row for each council area. */
export function overviewCsv(o: Overview): string {
  return toCsv(o.rows, [
    { header: 'area_code', value: (r) => r.areaCode },
    { header: 'area', value: (r) => r.area },
    { header: 'cpop_family_group', value: (r) => r.familyGroup },
    { header: 'indicator_code', value: () => o.indicator.code },
    { header: 'latest_period', value: (r) => r.series.latest?.period },
    { header: 'latest_value', value: (r) => r.series.latest?.value },
    { header: 'improvement_rate_percent', value: (r) => r.series.improvementRate },
    { header: 'scotland_latest_value', value: () => o.scotland.latest?.value },
    { header: 'scotland_improvement_rate_percent', value: () => o.scotland.improvementRate },
    { header: 'light_against_scotland', value: (r) => r.light },
    { header: 'light_against_family_group', value: (r) => r.familyLight },
    { header: 'duncan_index_year', value: (r) => r.duncan?.year },
    { header: 'duncan_index', value: (r) => r.duncan?.value },
  ]);
}

/** The compared areas' values as CSV: one row for each area and point. */
export function comparisonCsv(indicatorCode: string, result: Comparison): string {
  const rows = result.areas.flatMap((a) => a.series.points.map((p) => ({ a, p })));
  return toCsv(rows, [
    { header: 'area_code', value: (r) => r.a.code },
    { header: 'area', value: (r) => r.a.name },
    { header: 'indicator_code', value: () => indicatorCode },
    { header: 'period', value: (r) => r.p.period },
    { header: 'period_start', value: (r) => r.p.periodStart },
    { header: 'value_type', value: (r) => r.p.valueType },
    { header: 'value', value: (r) => r.p.value },
  ]);
}
