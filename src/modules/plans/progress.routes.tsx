import { z } from 'zod';
import type { Config } from '../../config.ts';
import { partnershipHref } from '../../core/http/paths.ts';
import type { Router } from '../../core/http/router.ts';
import { todayIn, type Clock } from '../../core/time.ts';
import { csvResponse, fileResponse } from '../../core/ui/components.tsx';
import { render } from '../../core/ui/layout.tsx';
import { partnershipNav } from '../../core/ui/partnership-nav.ts';
import { addDays } from '../deadlines/index.ts';
import { BoardPaperSchema, boardPaperDocx, progressPaper } from './board-paper.ts';
import type { PlansService } from './plans.service.ts';
import { SUMMARY_TABLES, summaryCsv, type SummaryTable } from './progress.presenters.ts';
import { ProgressPage } from './progress.views.tsx';

const Since = z.iso.date({ error: 'Enter the date as YYYY-MM-DD, for example 2026-09-01' }).optional();
const SummaryQuery = z.object({ since: Since });
const CsvQuery = z.object({
  since: Since,
  table: z.enum(SUMMARY_TABLES, { error: 'Choose plans, overdue, updates or differs' }).default('plans'),
});
const PaperQuery = BoardPaperSchema.extend({ since: Since });

/** What the progress summary uses: the plans' progress, today's date, and the address board papers link to. */
export interface ProgressRoutesDeps {
  plans: Pick<PlansService, 'progressSummary'>;
  clock: Clock;
  config: Pick<Config, 'baseUrl'>;
}

export function progressRoutes(router: Router, deps: ProgressRoutesDeps): void {
  /** By default the summary looks back three months: the usual gap between board meetings. */
  const sinceOr = (since: string | undefined) => since ?? addDays(todayIn(deps.clock), -91);

  router.route(
    {
      method: 'GET',
      path: '/partnerships/:partnership/progress',
      permission: 'partnership:read',
      kind: 'page',
      summary: 'Progress across the partnership’s plans since a date',
      query: SummaryQuery,
    },
    async (c, { partnership: p, ctx, query }) => {
      const since = sinceOr(query.since);
      const s = await deps.plans.progressSummary(ctx, p, since);
      const hrefs = {
        self: partnershipHref(p.code, 'progress'),
        plan: (id: number) => partnershipHref(p.code, 'plans', id),
        csv: (table: SummaryTable) => `${partnershipHref(p.code, 'progress.csv')}?since=${since}&table=${table}`,
        boardPaper: partnershipHref(p.code, 'progress', 'board-paper.docx'),
      };
      return render(c, {
        title: 'Progress summary',
        label: p.name,
        wide: true,
        subnav: partnershipNav(c, p),
        children: <ProgressPage p={p} since={since} s={s} hrefs={hrefs} />,
      });
    },
  );

  router.route(
    {
      method: 'GET',
      path: '/partnerships/:partnership/progress.csv',
      permission: 'partnership:read',
      kind: 'file',
      summary: 'A table of the progress summary as CSV (plans, overdue, updates or differs)',
      query: CsvQuery,
    },
    async (c, { partnership: p, ctx, query }) => {
      const since = sinceOr(query.since);
      const s = await deps.plans.progressSummary(ctx, p, since);
      return csvResponse(c, `${p.code}-progress-${query.table}-since-${since}.csv`, summaryCsv(s, query.table));
    },
  );

  router.route(
    {
      method: 'GET',
      path: '/partnerships/:partnership/progress/board-paper.docx',
      permission: 'partnership:read',
      kind: 'file',
      summary: 'A board paper on progress since a date, drafted as a Word document (.docx) to edit',
      query: PaperQuery,
    },
    async (c, { partnership: p, ctx, query }) => {
      const since = sinceOr(query.since);
      const s = await deps.plans.progressSummary(ctx, p, since);
      const bytes = await boardPaperDocx(
        progressPaper(s, query, `${deps.config.baseUrl}${partnershipHref(p.code, 'progress')}?since=${since}`),
        query,
      );
      return fileResponse(c, 'docx', `${p.code}-board-paper-progress-${query.meeting_date}.docx`, bytes);
    },
  );
}
