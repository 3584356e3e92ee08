import { z } from 'zod';
import { toCsv } from '../../core/csv.ts';
import type { Config } from '../../config.ts';
import type { Router } from '../../core/http/router.ts';
import { todayIn, type Clock } from '../../core/time.ts';
import { csvResponse, fileResponse, formatDate, Table, Tag, TextField } from '../../core/ui/components.tsx';
import { render } from '../../core/ui/layout.tsx';
import { partnershipNav } from '../../core/ui/partnership-nav.ts';
import { addDays } from '../deadlines/index.ts';
import { BoardPaperSchema, boardPaperDocx, progressPaper } from './board-paper.ts';
import { BoardPaperFields } from './board-paper-form.tsx';
import { ACTION_STATUS_LABELS } from './plans.schemas.ts';
import { PROGRESS_LABELS, RAG_COLOUR, RAG_LABEL, type ProgressStatus } from './progress-status.ts';
import type { ProgressSummary } from './progress-summary.ts';
import type { PlansService } from './plans.service.ts';

const Since = z.iso.date({ error: 'Enter the date as YYYY-MM-DD, for example 2026-09-01' }).optional();
const SummaryQuery = z.object({ since: Since });
const CsvQuery = z.object({
  since: Since,
  table: z
    .enum(['plans', 'overdue', 'updates', 'differs'], { error: 'Choose plans, overdue, updates or differs' })
    .default('plans'),
});
const PaperQuery = BoardPaperSchema.extend({ since: Since });

const STATUSES = Object.keys(PROGRESS_LABELS) as ProgressStatus[];
const count = (p: ProgressSummary['plans'][number], s: ProgressStatus) =>
  p.byStatus.find((b) => b.status === s)?.count ?? 0;

/** The four tables of the summary as CSV, one per `table`. */
function summaryCsv(s: ProgressSummary, table: z.output<typeof CsvQuery>['table']): string {
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
      path: '/p/:partnership/progress',
      permission: 'partnership:read',
      kind: 'page',
      summary: 'Progress across the partnership’s plans since a date',
      query: SummaryQuery,
    },
    async (c, { partnership: p, ctx, query }) => {
      const since = sinceOr(query.since);
      const s = await deps.plans.progressSummary(ctx, p, since);
      const csv = (table: string) => `/p/${p.code}/progress.csv?since=${since}&table=${table}`;
      return render(c, {
        title: 'Progress summary',
        label: p.name,
        wide: true,
        subnav: partnershipNav(c, p),
        children: (
          <>
            {p.fictional ? (
              <p>
                <Tag colour="yellow">Demo – fictional</Tag> The demo partnership’s plans and figures are invented.
              </p>
            ) : null}
            <p>
              Every plan of the partnership, with its measures against their targets (from the data), its actions, and
              the progress recorded since {formatDate(since)}.
            </p>
            <form method="get" action={`/p/${p.code}/progress`}>
              <TextField name="since" label="Updates since" type="date" value={since} width="fixed-20" errors={null} />
              <button type="submit" class="ds_button ds_button--secondary">
                Show
              </button>
            </form>
            <h2>Plans</h2>
            <Table
              caption="Plans: measures by status against target, actions and updates"
              rows={s.plans}
              empty="The partnership has no plans yet."
              columns={[
                { header: 'Plan', cell: (x) => <a href={`/p/${p.code}/plans/${x.id}`}>{x.title}</a> },
                { header: 'Status', cell: (x) => x.status },
                ...STATUSES.map((st) => ({
                  header: PROGRESS_LABELS[st],
                  cell: (x: ProgressSummary['plans'][number]) => count(x, st),
                  numeric: true,
                })),
                { header: 'No data', cell: (x) => x.noData, numeric: true },
                { header: 'Actions complete', cell: (x) => `${x.complete} of ${x.actions}` },
                { header: 'Overdue', cell: (x) => x.overdue, numeric: true },
                {
                  header: 'Updates',
                  cell: (x) => (x.awaiting ? `${x.updates} (${x.awaiting} awaiting approval)` : x.updates),
                },
              ]}
            />
            <p>
              <a href={csv('plans')}>Download the plans table as CSV</a>
            </p>
            <h2>Overdue actions</h2>
            <Table
              caption="Overdue actions"
              rows={s.overdue}
              empty="No action is overdue."
              columns={[
                { header: 'Action', cell: (a) => a.title },
                { header: 'Plan', cell: (a) => a.plan },
                { header: 'Lead', cell: (a) => a.lead },
                { header: 'Due', cell: (a) => formatDate(a.due) },
                {
                  header: 'Status',
                  cell: (a) => ACTION_STATUS_LABELS[a.status as keyof typeof ACTION_STATUS_LABELS] ?? a.status,
                },
              ]}
            />
            {s.overdue.length ? (
              <p>
                <a href={csv('overdue')}>Download overdue actions as CSV</a>
              </p>
            ) : null}
            <h2>Where the officer’s RAG differs from the data</h2>
            <Table
              caption="Measures whose latest RAG differs from the status the data gives"
              rows={s.differs}
              empty="Officers’ RAG ratings agree with the data on every measure they rated."
              columns={[
                { header: 'Measure', cell: (d) => d.measure },
                { header: 'Plan', cell: (d) => d.plan },
                { header: 'Officer’s RAG', cell: (d) => <Tag colour={RAG_COLOUR[d.rag]}>{RAG_LABEL[d.rag]}</Tag> },
                { header: 'Rated on', cell: (d) => formatDate(d.date) },
                { header: 'The data says', cell: (d) => PROGRESS_LABELS[d.status] },
              ]}
            />
            {s.differs.length ? (
              <p>
                <a href={csv('differs')}>Download as CSV</a>
              </p>
            ) : null}
            <h2>Updates since {formatDate(since)}</h2>
            <Table
              caption={`Progress updates since ${formatDate(since)}`}
              rows={s.updates}
              empty="No progress was recorded in this period."
              columns={[
                { header: 'Date', cell: (u) => formatDate(u.date) },
                { header: 'About', cell: (u) => u.about },
                { header: 'Plan', cell: (u) => u.plan },
                { header: 'RAG', cell: (u) => <Tag colour={RAG_COLOUR[u.rag]}>{RAG_LABEL[u.rag]}</Tag> },
                { header: 'Narrative', cell: (u) => u.narrative },
                { header: 'By', cell: (u) => (u.approved ? u.author : `${u.author} (awaiting approval)`) },
              ]}
            />
            {s.updates.length ? (
              <p>
                <a href={csv('updates')}>Download the updates as CSV</a>
              </p>
            ) : null}
            <details class="ds_details">
              <summary class="ds_details__summary">Draft a board paper on this progress (.docx)</summary>
              <div class="ds_details__text">
                <BoardPaperFields
                  action={`/p/${p.code}/progress/board-paper.docx`}
                  about="this summary (measures by status, overdue actions, ratings that differ from the data, an appendix of plans and updates)"
                  partnershipName={p.name}
                  hidden={{ since }}
                />
              </div>
            </details>
          </>
        ),
      });
    },
  );

  router.route(
    {
      method: 'GET',
      path: '/p/:partnership/progress.csv',
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
      path: '/p/:partnership/progress/board-paper.docx',
      permission: 'partnership:read',
      kind: 'file',
      summary: 'A board paper on progress since a date, drafted as a Word document (.docx) to edit',
      query: PaperQuery,
    },
    async (c, { partnership: p, ctx, query }) => {
      const since = sinceOr(query.since);
      const s = await deps.plans.progressSummary(ctx, p, since);
      const bytes = await boardPaperDocx(
        progressPaper(s, query, `${deps.config.baseUrl}/p/${p.code}/progress?since=${since}`),
        query,
      );
      return fileResponse(c, 'docx', `${p.code}-board-paper-progress-${query.meeting_date}.docx`, bytes);
    },
  );
}
