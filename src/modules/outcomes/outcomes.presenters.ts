import { toCsv } from '../../core/csv.ts';
import type { PartnershipRef } from '../../core/http/env.ts';
import type { LocalityTestResult } from './locality-test.ts';
import { SCOTLAND } from './codes.ts';
import type { IndicatorProfile, InequalityProfile, LocalityTests } from './outcomes.service.ts';

/** A partnership's outcomes as the API and the CSV files give them (schemas in outcomes.api-schemas.ts). */

/** The API's outcomes profile: the partnership, then every CPOP indicator beside Scotland. */
export function outcomesProfileJson(p: PartnershipRef, indicators: IndicatorProfile[]) {
  return { partnership: { code: p.code, name: p.name, councilAreaCode: p.councilAreaCode }, indicators };
}

/** The API's inequality inside a partnership: the partnership, then each indicator's. */
export function inequalityJson(p: PartnershipRef, indicators: InequalityProfile[]) {
  return { partnership: { code: p.code, councilAreaCode: p.councilAreaCode }, indicators };
}

/** The outcomes profile as CSV: one row for each point of the partnership's and Scotland's series. */
export function outcomesProfileCsv(profile: IndicatorProfile[], p: PartnershipRef): string {
  const rows = profile.flatMap((i) => [
    ...i.area.points.map((pt) => ({ i, area: p.councilAreaCode, pt })),
    ...i.scotland.points.map((pt) => ({ i, area: SCOTLAND, pt })),
  ]);
  return toCsv(rows, [
    { header: 'area_code', value: (r) => r.area },
    { header: 'indicator_code', value: (r) => r.i.code },
    { header: 'indicator', value: (r) => r.i.name },
    { header: 'period', value: (r) => r.pt.period },
    { header: 'period_start', value: (r) => r.pt.periodStart },
    { header: 'value_type', value: (r) => r.pt.valueType },
    { header: 'value', value: (r) => r.pt.value },
  ]);
}

/** Inequality inside a partnership as CSV: one row for each indicator and year, the latest year's measures beside it. */
export function inequalityCsv(profiles: InequalityProfile[], p: PartnershipRef): string {
  const rows = profiles.flatMap((i) =>
    i.duncan.map((d) => ({ i, d, latest: i.latest?.year === d.year ? i.latest : null })),
  );
  return toCsv(rows, [
    { header: 'area_code', value: () => p.councilAreaCode },
    { header: 'indicator_code', value: (r) => r.i.indicatorCode },
    { header: 'year', value: (r) => r.d.year },
    { header: 'duncan_index', value: (r) => r.d.value },
    { header: 'most_deprived_mean', value: (r) => r.latest?.mostMean },
    { header: 'least_deprived_mean', value: (r) => r.latest?.leastMean },
    { header: 'gap', value: (r) => r.latest?.gap },
    { header: 'slope_index', value: (r) => r.latest?.sii },
    { header: 'relative_index', value: (r) => r.latest?.rii },
  ]);
}

/** One locality's comparison on one indicator, with the indicator's name and code. */
export interface LocalityTestRow {
  indicator: string;
  code: string;
  r: LocalityTestResult;
}

/** The locality test's comparisons, indicator by indicator and locality by locality. */
export function localityTestRows(t: LocalityTests): LocalityTestRow[] {
  return t.indicators.flatMap((i) =>
    i.results.map((r) => ({ indicator: i.indicatorName ?? i.indicatorCode, code: i.indicatorCode, r })),
  );
}

/** Every comparison of the locality test as CSV, with each test's statistic. */
export function localityTestCsv(rows: LocalityTestRow[]): string {
  const side = (k: 'vsArea' | 'vsScotland', prefix: string) => [
    { header: `${prefix}_value`, value: (x: LocalityTestRow) => x.r[k].comparatorValue },
    { header: `${prefix}_test`, value: (x: LocalityTestRow) => x.r[k].test },
    { header: `${prefix}_statistic`, value: (x: LocalityTestRow) => x.r[k].statistic },
    { header: `${prefix}_p_value`, value: (x: LocalityTestRow) => x.r[k].pValue },
    { header: `${prefix}_verdict`, value: (x: LocalityTestRow) => x.r[k].verdict },
  ];
  return toCsv(rows, [
    { header: 'indicator_code', value: (x) => x.code },
    { header: 'indicator', value: (x) => x.indicator },
    { header: 'locality_code', value: (x) => x.r.code },
    { header: 'locality', value: (x) => x.r.name },
    { header: 'locality_value', value: (x) => x.r.value },
    { header: 'zones_with_values', value: (x) => x.r.zonesWithValues },
    ...side('vsArea', 'rest_of_area'),
    ...side('vsScotland', 'scotland'),
  ]);
}

/** One locality's comparisons as CSV. */
export function localityCsv(rows: LocalityTestRow[]): string {
  return toCsv(rows, [
    { header: 'indicator_code', value: (x) => x.code },
    { header: 'indicator', value: (x) => x.indicator },
    { header: 'locality_code', value: (x) => x.r.code },
    { header: 'locality_value', value: (x) => x.r.value },
    { header: 'zones_with_values', value: (x) => x.r.zonesWithValues },
    { header: 'rest_of_area_value', value: (x) => x.r.vsArea.comparatorValue },
    { header: 'rest_of_area_p_value', value: (x) => x.r.vsArea.pValue },
    { header: 'rest_of_area_verdict', value: (x) => x.r.vsArea.verdict },
    { header: 'scotland_value', value: (x) => x.r.vsScotland.comparatorValue },
    { header: 'scotland_p_value', value: (x) => x.r.vsScotland.pValue },
    { header: 'scotland_verdict', value: (x) => x.r.vsScotland.verdict },
  ]);
}
