import { toCsv } from '../../core/csv.ts';
import type { PlanTree } from './plans.service.ts';

/** A plan's measures as files (the pages are in plans.views.tsx; the API returns the tree itself). */

export function measuresCsv(t: PlanTree): string {
  const rows = t.priorities.flatMap((p) => p.outcomes.flatMap((o) => o.measures.map((m) => ({ p, o, m }))));
  return toCsv(rows, [
    { header: 'priority', value: (r) => r.p.title },
    { header: 'local_outcome', value: (r) => r.o.title },
    { header: 'national_outcomes', value: (r) => r.o.national.map((n) => n.name).join('; ') },
    { header: 'measure', value: (r) => r.m.title },
    { header: 'indicator_code', value: (r) => r.m.indicatorCode },
    { header: 'area_code', value: (r) => r.m.areaCode },
    { header: 'unit', value: (r) => r.m.unit },
    { header: 'higher_is_better', value: (r) => r.m.higherIsBetter },
    { header: 'baseline_year', value: (r) => r.m.baseline?.year },
    { header: 'baseline_value', value: (r) => r.m.baseline?.value },
    { header: 'latest_year', value: (r) => r.m.values.at(-1)?.year },
    { header: 'latest_value', value: (r) => r.m.values.at(-1)?.value },
    { header: 'targets', value: (r) => r.m.targets.map((x) => `${x.year}:${x.value}`).join(' ') },
    { header: 'progress_status', value: (r) => r.m.progress.status },
  ]);
}

/** Every value and target of the plan's measures by year: the data behind its charts. */
export function measureValuesCsv(t: PlanTree): string {
  const rows = t.priorities.flatMap((pr) =>
    pr.outcomes.flatMap((o) =>
      o.measures.flatMap((m) =>
        [...new Set([...m.values.map((v) => v.year), ...m.targets.map((x) => x.year)])].sort().map((year) => ({
          pr,
          o,
          m,
          year,
          value: m.values.find((v) => v.year === year),
          target: m.targets.find((x) => x.year === year),
        })),
      ),
    ),
  );
  return toCsv(rows, [
    { header: 'priority', value: (r) => r.pr.title },
    { header: 'local_outcome', value: (r) => r.o.title },
    { header: 'measure', value: (r) => r.m.title },
    { header: 'year', value: (r) => r.year },
    { header: 'value', value: (r) => r.value?.value },
    { header: 'target', value: (r) => r.target?.value },
    { header: 'source', value: (r) => r.value?.source },
  ]);
}
