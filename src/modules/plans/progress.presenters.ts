import { toCsv } from '../../core/csv.ts';
import { PROGRESS_LABELS, type ProgressStatus } from './progress-status.ts';
import type { ProgressSummary } from './progress-summary.ts';

/** The progress summary's files: its four tables as CSV (the page is in progress.views.tsx). */

/** The tables of the summary a CSV file may hold. */
export const SUMMARY_TABLES = ['plans', 'overdue', 'updates', 'differs'] as const;
export type SummaryTable = (typeof SUMMARY_TABLES)[number];

/** The progress statuses, in their order: one column each. */
export const STATUSES = Object.keys(PROGRESS_LABELS) as ProgressStatus[];

/** How many of the plan's measures have this status. */
export const count = (p: ProgressSummary['plans'][number], s: ProgressStatus) =>
  p.byStatus.find((b) => b.status === s)?.count ?? 0;

/** The four tables of the summary as CSV, one per `table`. */
export function summaryCsv(s: ProgressSummary, table: SummaryTable): string {
  switch (table) {
    case 'plans':
      return toCsv(s.plans, [
        { header: 'plan', value: (p) => p.title },
        { header: 'kind', value: (p) => p.kind },
        { header: 'status', value: (p) => p.status },
        { header: 'measures', value: (p) => p.measures },
        ...STATUSES.map((st) => ({ header: st, value: (p: ProgressSummary['plans'][number]) => count(p, st) })),
        { header: 'no_data', value: (p) => p.noData },
        { header: 'stale', value: (p) => p.stale },
        { header: 'actions', value: (p) => p.actions },
        { header: 'complete', value: (p) => p.complete },
        { header: 'overdue', value: (p) => p.overdue },
        { header: 'updates_since', value: (p) => p.updates },
        { header: 'awaiting_approval', value: (p) => p.awaiting },
      ]);
    case 'overdue':
      return toCsv(s.overdue, [
        { header: 'plan', value: (a) => a.plan },
        { header: 'action', value: (a) => a.title },
        { header: 'lead', value: (a) => a.lead },
        { header: 'due', value: (a) => a.due ?? '' },
        { header: 'status', value: (a) => a.status },
      ]);
    case 'updates':
      return toCsv(s.updates, [
        { header: 'date', value: (u) => u.date },
        { header: 'plan', value: (u) => u.plan },
        { header: 'about', value: (u) => u.about },
        { header: 'rag', value: (u) => u.rag },
        { header: 'narrative', value: (u) => u.narrative },
        { header: 'author', value: (u) => u.author },
        { header: 'approved', value: (u) => (u.approved ? 'yes' : 'no') },
      ]);
    case 'differs':
      return toCsv(s.differs, [
        { header: 'plan', value: (d) => d.plan },
        { header: 'measure', value: (d) => d.measure },
        { header: 'officer_rag', value: (d) => d.rag },
        { header: 'rag_date', value: (d) => d.date },
        { header: 'data_status', value: (d) => d.status },
      ]);
  }
}
