import { toCsv } from '../../core/csv.ts';
import type { ReportContent } from './reports.service.ts';

/** The annual report's measures as rows and as CSV (the pages are in reports.views.tsx). */

/** Every measure of the report with its plan and outcome: the data behind the chart, and the CSV. */
export function measureRows(r: ReportContent) {
  return r.plans.flatMap((p) =>
    p.outcomes.flatMap((o) => o.measures.map((m) => ({ plan: p.title, outcome: o.title, m }))),
  );
}

export function reportCsv(r: ReportContent): string {
  return toCsv(measureRows(r), [
    { header: 'reporting_year', value: () => r.yearLabel },
    { header: 'plan', value: (x) => x.plan },
    { header: 'local_outcome', value: (x) => x.outcome },
    { header: 'measure', value: (x) => x.m.title },
    { header: 'unit', value: (x) => x.m.unit },
    { header: 'previous_year', value: (x) => x.m.previous?.year },
    { header: 'previous_value', value: (x) => x.m.previous?.value },
    { header: 'latest_year', value: (x) => x.m.latest?.year },
    { header: 'latest_value', value: (x) => x.m.latest?.value },
    { header: 'change', value: (x) => x.m.change },
    { header: 'progress_status', value: (x) => x.m.status },
    { header: 'target_year', value: (x) => x.m.target?.year },
    { header: 'target_value', value: (x) => x.m.target?.value },
  ]);
}
