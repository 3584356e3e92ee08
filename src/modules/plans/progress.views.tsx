import { formatDate, Table, Tag, TextField } from '../../core/ui/components.tsx';
import { BoardPaperFields } from './board-paper-form.tsx';
import { ACTION_STATUS_LABELS } from './plans.schemas.ts';
import { count, STATUSES, type SummaryTable } from './progress.presenters.ts';
import { PROGRESS_LABELS, RAG_COLOUR, RAG_LABEL } from './progress-status.ts';
import type { ProgressSummary } from './progress-summary.ts';

/** The progress summary's page: props in, JSX out (the routes are in progress.routes.tsx). */

export interface ProgressPageProps {
  p: { name: string; fictional: boolean };
  since: string;
  s: ProgressSummary;
  /** The page's own address (its form's action), a plan's workspace page, a table's CSV, the board paper. */
  hrefs: { self: string; plan: (id: number) => string; csv: (table: SummaryTable) => string; boardPaper: string };
}

function PlansTable({ s, hrefs }: Pick<ProgressPageProps, 's' | 'hrefs'>) {
  return (
    <Table
      caption="Plans: measures by status against target, actions and updates"
      rows={s.plans}
      empty="The partnership has no plans yet."
      columns={[
        { header: 'Plan', cell: (x) => <a href={hrefs.plan(x.id)}>{x.title}</a> },
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
  );
}

function OverdueTable({ s }: Pick<ProgressPageProps, 's'>) {
  return (
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
  );
}

function DiffersTable({ s }: Pick<ProgressPageProps, 's'>) {
  return (
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
  );
}

function UpdatesTable({ s, since }: Pick<ProgressPageProps, 's' | 'since'>) {
  return (
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
  );
}

/** Progress across the partnership's plans since a date, with each table as CSV and a board paper to draft. */
export function ProgressPage({ p, since, s, hrefs }: ProgressPageProps) {
  return (
    <>
      {p.fictional ? (
        <p>
          <Tag colour="yellow">Demo – fictional</Tag> The demo partnership’s plans and figures are invented.
        </p>
      ) : null}
      <p>
        Every plan of the partnership, with its measures against their targets (from the data), its actions, and the
        progress recorded since {formatDate(since)}.
      </p>
      <form method="get" action={hrefs.self}>
        <TextField name="since" label="Updates since" type="date" value={since} width="fixed-20" errors={null} />
        <button type="submit" class="ds_button ds_button--secondary">
          Show
        </button>
      </form>
      <h2>Plans</h2>
      <PlansTable s={s} hrefs={hrefs} />
      <p>
        <a href={hrefs.csv('plans')}>Download the plans table as CSV</a>
      </p>
      <h2>Overdue actions</h2>
      <OverdueTable s={s} />
      {s.overdue.length ? (
        <p>
          <a href={hrefs.csv('overdue')}>Download overdue actions as CSV</a>
        </p>
      ) : null}
      <h2>Where the officer’s RAG differs from the data</h2>
      <DiffersTable s={s} />
      {s.differs.length ? (
        <p>
          <a href={hrefs.csv('differs')}>Download as CSV</a>
        </p>
      ) : null}
      <h2>Updates since {formatDate(since)}</h2>
      <UpdatesTable s={s} since={since} />
      {s.updates.length ? (
        <p>
          <a href={hrefs.csv('updates')}>Download the updates as CSV</a>
        </p>
      ) : null}
      <details class="ds_details">
        <summary class="ds_details__summary">Draft a board paper on this progress (.docx)</summary>
        <div class="ds_details__text">
          <BoardPaperFields
            action={hrefs.boardPaper}
            about="this summary (measures by status, overdue actions, ratings that differ from the data, an appendix of plans and updates)"
            partnershipName={p.name}
            hidden={{ since }}
          />
        </div>
      </details>
    </>
  );
}
