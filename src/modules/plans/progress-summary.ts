import type { PlanTree, UpdateView } from './plans.service.ts';
import { PROGRESS_LABELS, RAG_OF_STATUS, type ProgressStatus } from './progress-status.ts';

/**
 * Progress across a partnership's plans since a date, as a board sees it between meetings: each plan's
 * measures by status against target, its actions and what is overdue, the updates recorded since the
 * date, and where an officer's RAG differs from what the data says.
 */
export interface ProgressSummary {
  partnership: { code: string; name: string; fictional: boolean };
  since: string;
  today: string;
  plans: {
    id: number;
    title: string;
    kind: PlanTree['plan']['kind'];
    status: PlanTree['plan']['status'];
    measures: number;
    byStatus: { status: ProgressStatus; count: number }[];
    noData: number;
    stale: number;
    actions: number;
    complete: number;
    overdue: number;
    updates: number;
    awaiting: number;
  }[];
  overdue: { plan: string; title: string; lead: string; due: string | null; status: string }[];
  updates: {
    plan: string;
    date: string;
    about: string;
    rag: UpdateView['rag'];
    narrative: string;
    author: string;
    approved: boolean;
  }[];
  differs: { plan: string; measure: string; rag: UpdateView['rag']; status: ProgressStatus; date: string }[];
}

export function summariseProgress(
  partnership: ProgressSummary['partnership'],
  trees: PlanTree[],
  since: string,
  today: string,
): ProgressSummary {
  const summary: ProgressSummary = { partnership, since, today, plans: [], overdue: [], updates: [], differs: [] };
  for (const t of trees) {
    const outcomes = t.priorities.flatMap((p) => p.outcomes);
    const measures = outcomes.flatMap((o) => o.measures);
    const actions = outcomes.flatMap((o) => o.actions);
    const titles = new Map<string, string>([
      ...outcomes.map((o): [string, string] => [`outcome:${o.id}`, o.title]),
      ...measures.map((m): [string, string] => [`measure:${m.id}`, m.title]),
      ...actions.map((a): [string, string] => [`action:${a.id}`, a.title]),
    ]);
    const recent = t.updates.filter((u) => u.date >= since);
    summary.plans.push({
      id: t.plan.id,
      title: t.plan.title,
      kind: t.plan.kind,
      status: t.plan.status,
      measures: measures.length,
      byStatus: (Object.keys(PROGRESS_LABELS) as ProgressStatus[]).map((status) => ({
        status,
        count: measures.filter((m) => m.progress.status === status).length,
      })),
      noData: measures.filter((m) => !m.progress.status).length,
      stale: measures.filter((m) => m.stale).length,
      actions: actions.length,
      complete: actions.filter((a) => a.status === 'complete').length,
      overdue: actions.filter((a) => a.overdue).length,
      updates: recent.length,
      awaiting: recent.filter((u) => !u.approved).length,
    });
    for (const a of actions.filter((x) => x.overdue))
      summary.overdue.push({ plan: t.plan.title, title: a.title, lead: a.lead.name, due: a.dueDate, status: a.status });
    for (const u of recent) {
      summary.updates.push({
        plan: t.plan.title,
        date: u.date,
        about: titles.get(`${u.subjectKind}:${u.subjectId}`) ?? u.subjectKind,
        rag: u.rag,
        narrative: u.narrative,
        author: u.author,
        approved: u.approved,
      });
    }
    for (const m of measures) {
      const officer = t.updates.find((u) => u.subjectKind === 'measure' && u.subjectId === m.id);
      if (officer && m.progress.status && officer.rag !== RAG_OF_STATUS[m.progress.status]) {
        summary.differs.push({
          plan: t.plan.title,
          measure: m.title,
          rag: officer.rag,
          status: m.progress.status,
          date: officer.date,
        });
      }
    }
  }
  summary.overdue.sort((a, b) => (a.due ?? '').localeCompare(b.due ?? ''));
  summary.updates.sort((a, b) => b.date.localeCompare(a.date));
  return summary;
}
