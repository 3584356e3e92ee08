import { toCsv } from '../../core/csv.ts';
import type { Sort } from './national-view.schemas.ts';
import type {
  NationalRow,
  NationalView,
  ReportTimeliness,
  RequestCounts,
  StocktakeRow,
} from './national-view.service.ts';

/** The national view's service results sorted as asked, and as CSV. */

const TIMELINESS_ORDER: Record<ReportTimeliness, number> = { on_time: 0, late: 1, not_yet_due: 2, overdue: 3 };

function sortKey(r: NationalRow, sort: Sort): number | string | null {
  switch (sort) {
    case 'name':
      return r.name;
    case 'loip':
      return r.loip?.publishedAt?.getTime() ?? null;
    case 'report':
      return TIMELINESS_ORDER[r.report.timeliness];
    case 'recommendations':
      return r.recommendations.addressed ? r.recommendations.answered / r.recommendations.addressed : null;
    case 'self_evaluation':
      return r.selfEvaluation?.mean ?? null;
    case 'green':
      return r.lights?.green ?? null;
    case 'red':
      return r.lights?.red ?? null;
    case 'participation':
      return r.participation.validated;
    case 'asset_transfer':
      return r.assetTransfer.validated;
  }
}

export function sortNational(rows: NationalRow[], sort: Sort, dir: 'asc' | 'desc'): NationalRow[] {
  const sign = dir === 'asc' ? 1 : -1;
  return [...rows].sort((a, b) => {
    const x = sortKey(a, sort);
    const y = sortKey(b, sort);
    // Rows without a value go last whichever way the table is sorted.
    if (x === null && y === null) return a.name.localeCompare(b.name);
    if (x === null) return 1;
    if (y === null) return -1;
    const c = typeof x === 'string' ? x.localeCompare(String(y)) : x - (y as number);
    return c === 0 ? a.name.localeCompare(b.name) : sign * c;
  });
}

const day = (d: Date | null | undefined) => (d ? d.toLocaleDateString('en-CA', { timeZone: 'Europe/London' }) : null);

export function nationalCsv(v: NationalView, rows: NationalRow[]): string {
  const counts = (prefix: string, pick: (r: NationalRow) => RequestCounts) => [
    { header: `${prefix}_validated`, value: (r: NationalRow) => pick(r).validated },
    { header: `${prefix}_decided`, value: (r: NationalRow) => pick(r).decided },
    { header: `${prefix}_decided_on_time`, value: (r: NationalRow) => pick(r).onTime },
    { header: `${prefix}_overdue_undecided`, value: (r: NationalRow) => pick(r).overdue },
  ];
  return toCsv(rows, [
    { header: 'partnership_code', value: (r) => r.code },
    { header: 'partnership', value: (r) => r.name },
    { header: 'fictional', value: (r) => r.fictional },
    { header: 'loip_title', value: (r) => r.loip?.title },
    { header: 'loip_first_year', value: (r) => r.loip?.startYear },
    { header: 'loip_last_year', value: (r) => r.loip?.endYear },
    { header: 'loip_published_on', value: (r) => day(r.loip?.publishedAt) },
    { header: 'unpublished_loip_title', value: (r) => r.unpublishedLoip?.title },
    { header: 'unpublished_loip_status', value: (r) => r.unpublishedLoip?.status },
    { header: 'report_year', value: () => v.year },
    { header: 'report_published_on', value: (r) => day(r.report.publishedAt) },
    { header: 'report_due_by', value: () => v.dueBy },
    { header: 'report_timeliness', value: (r) => r.report.timeliness },
    { header: 'recommendations_addressed', value: (r) => r.recommendations.addressed },
    { header: 'recommendations_answered', value: (r) => r.recommendations.answered },
    { header: 'self_evaluation_year', value: (r) => r.selfEvaluation?.year },
    {
      header: 'self_evaluation_mean',
      value: (r) => (r.selfEvaluation ? Math.round(r.selfEvaluation.mean * 100) / 100 : null),
    },
    { header: 'outcomes_green', value: (r) => r.lights?.green },
    { header: 'outcomes_amber', value: (r) => r.lights?.amber },
    { header: 'outcomes_red', value: (r) => r.lights?.red },
    ...counts('participation', (r) => r.participation),
    ...counts('asset_transfer', (r) => r.assetTransfer),
  ]);
}

export function stocktakeCsv(rows: StocktakeRow[]): string {
  return toCsv(rows, [
    { header: 'partnership_code', value: (r) => r.code },
    { header: 'partnership', value: (r) => r.name },
    { header: 'fictional', value: (r) => r.fictional },
    { header: 'loip_title', value: (r) => r.plan?.title },
    { header: 'loip_first_year', value: (r) => r.plan?.startYear },
    { header: 'loip_last_year', value: (r) => r.plan?.endYear },
    { header: 'priorities', value: (r) => (r.plan ? r.priorities : null) },
    { header: 'local_outcomes', value: (r) => (r.plan ? r.outcomes : null) },
    { header: 'outcomes_with_measures', value: (r) => (r.plan ? r.outcomesWithMeasures : null) },
    { header: 'measures', value: (r) => (r.plan ? r.measures : null) },
    { header: 'measures_with_targets', value: (r) => (r.plan ? r.measuresWithTargets : null) },
    { header: 'published_locality_plans', value: (r) => (r.plan ? r.localityPlans : null) },
    { header: 'prevention_financial_year', value: (r) => r.prevention?.year },
    {
      header: 'preventative_share',
      value: (r) => (r.prevention ? Math.round(r.prevention.share * 10000) / 10000 : null),
    },
  ]);
}
