import { raw } from 'hono/html';
import { partnershipHref } from '../../core/http/paths.ts';
import { financialYearLabel } from '../../core/periods.ts';
import { barChartSvg } from '../../core/ui/charts.ts';
import { formatDate, Table, Tag, type TableColumn } from '../../core/ui/components.tsx';
import type { Sort } from './national-view.schemas.ts';
import type {
  NationalRow,
  NationalView,
  ReportTimeliness,
  RequestCounts,
  StocktakeRow,
} from './national-view.service.ts';

/** Views of the national view and the plan stocktake: props in, JSX out (the routes are in national-view.routes.tsx). */

const TIMELINESS: Record<ReportTimeliness, { label: string; colour: 'green' | 'orange' | 'red' | 'grey' }> = {
  on_time: { label: 'On time', colour: 'green' },
  late: { label: 'Late', colour: 'orange' },
  overdue: { label: 'Not published, overdue', colour: 'red' },
  not_yet_due: { label: 'Not yet due', colour: 'grey' },
};

const years = (a: number, b: number) => `${financialYearLabel(a)} to ${financialYearLabel(b)}`;
const pct = (v: number) => `${(v * 100).toLocaleString('en-GB', { maximumFractionDigits: 1 })}%`;

function Counts({ c }: { c: RequestCounts }) {
  return (
    <>
      {c.validated} validated; {c.decided} decided, {c.onTime} on time
      {c.overdue ? (
        <>
          ; <Tag colour="red">{`${c.overdue} overdue`}</Tag>
        </>
      ) : null}
    </>
  );
}

function Fictional({ show }: { show: boolean }) {
  return show ? (
    <>
      {' '}
      <Tag colour="yellow">Demo – fictional</Tag>
    </>
  ) : null;
}

function LoipCell({ r }: { r: NationalRow }) {
  return (
    <>
      {r.loip ? (
        <>
          <a href={partnershipHref(r.code, 'plans', r.loip.id)}>{r.loip.title}</a>,{' '}
          {years(r.loip.startYear, r.loip.endYear)}
          {r.loip.publishedAt ? `; published ${formatDate(r.loip.publishedAt)}` : ''}
        </>
      ) : (
        <span class="cairn-secondary">None published in Cairn</span>
      )}
      {r.unpublishedLoip ? (
        <>
          <br />
          <Tag colour="grey">Not published</Tag>{' '}
          <a href={partnershipHref(r.code, 'plans', r.unpublishedLoip.id)}>{r.unpublishedLoip.title}</a> (
          {r.unpublishedLoip.status}), {years(r.unpublishedLoip.startYear, r.unpublishedLoip.endYear)}
        </>
      ) : null}
    </>
  );
}

/** The national table's columns, each heading a link that sorts by it (the other way when it already does). */
function nationalColumns(v: NationalView, sort: Sort, dir: 'asc' | 'desc'): TableColumn<NationalRow>[] {
  const qs = (s: Sort, d: 'asc' | 'desc') => `/national?year=${v.year}&sort=${s}&dir=${d}`;
  const header = (s: Sort, label: string) => <a href={qs(s, sort === s && dir === 'asc' ? 'desc' : 'asc')}>{label}</a>;
  const sorted = (s: Sort): 'ascending' | 'descending' | undefined =>
    sort === s ? (dir === 'asc' ? 'ascending' : 'descending') : undefined;
  return [
    {
      header: header('name', 'Partnership'),
      sorted: sorted('name'),
      cell: (r) => (
        <>
          <a href={partnershipHref(r.code, 'plans')}>{r.name}</a>
          <Fictional show={r.fictional} />
        </>
      ),
    },
    {
      header: header('loip', 'Local Outcomes Improvement Plan'),
      sorted: sorted('loip'),
      cell: (r) => <LoipCell r={r} />,
    },
    {
      header: header('report', `Annual report ${v.span.label}`),
      sorted: sorted('report'),
      cell: (r) => (
        <>
          <Tag colour={TIMELINESS[r.report.timeliness].colour}>{TIMELINESS[r.report.timeliness].label}</Tag>
          {r.report.publishedAt ? (
            <>
              {' '}
              <a href={partnershipHref(r.code, 'reports', v.year)}>published {formatDate(r.report.publishedAt)}</a>
            </>
          ) : null}
        </>
      ),
    },
    {
      header: header('recommendations', 'Audit recommendations answered'),
      sorted: sorted('recommendations'),
      cell: (r) => `${r.recommendations.answered} of ${r.recommendations.addressed}`,
    },
    {
      header: header('self_evaluation', 'Self-evaluation (published)'),
      sorted: sorted('self_evaluation'),
      cell: (r) =>
        r.selfEvaluation ? (
          `${r.selfEvaluation.year}: mean ${r.selfEvaluation.mean.toLocaleString('en-GB', { maximumFractionDigits: 1 })} over ${r.selfEvaluation.criteria} principles`
        ) : (
          <span class="cairn-secondary">None published</span>
        ),
    },
    {
      header: (
        <>
          {header('green', 'Outcomes against Scotland: green')} / amber / {header('red', 'red')}
        </>
      ),
      sorted: sort === 'green' || sort === 'red' ? sorted(sort) : undefined,
      cell: (r) =>
        r.lights ? (
          `${r.lights.green} green, ${r.lights.amber} amber, ${r.lights.red} red`
        ) : (
          <span class="cairn-secondary">No traffic lights (no data)</span>
        ),
    },
    {
      header: header('participation', `Participation requests ${v.span.label}`),
      sorted: sorted('participation'),
      cell: (r) => <Counts c={r.participation} />,
    },
    {
      header: header('asset_transfer', `Asset transfer requests ${v.span.label}`),
      sorted: sorted('asset_transfer'),
      cell: (r) => <Counts c={r.assetTransfer} />,
    },
  ];
}

function HowToRead({ v }: { v: NationalView }) {
  return (
    <>
      <h2>How to read this table</h2>
      <ul>
        <li>
          <strong>Annual report {v.span.label}</strong> ({v.span.words}): the progress report of section 8 of the 2015
          Act. Cairn counts it as on time if its first version was published by {formatDate(v.dueBy)}, the end of the{' '}
          {v.months.value}th month after the year ends. That is Cairn’s expectation, not a statutory date:{' '}
          {v.months.source}
        </li>
        <li>
          <strong>Audit recommendations answered</strong>: recommendations addressed to all partnerships or to this one,
          and how many of them the partnership has linked to an improvement action in one of its plans (in a published
          plan, unless you work in the partnership).
        </li>
        <li>
          <strong>Self-evaluation</strong>: the latest published self-evaluation against the nine principles, and its
          mean score.
        </li>
        <li>
          <strong>Outcomes against Scotland</strong>: the Community Planning Outcomes Profile’s traffic lights across
          its indicators, as on <a href="/scotland">the Scotland page</a>
          (green: better than Scotland and improving faster; red: worse and improving more slowly; amber: mixed).
        </li>
        <li>
          <strong>Participation and asset transfer requests</strong>: requests in the public registers validated in the
          reporting year, decisions made in it and how many of them within the statutory period (or as extended), and
          requests still undecided past their deadline today.
        </li>
      </ul>
    </>
  );
}

/** All partnerships side by side, sorted by a column. */
export function NationalPage({
  v,
  rows,
  sort,
  dir,
}: {
  v: NationalView;
  /** v.rows, sorted. */
  rows: NationalRow[];
  sort: Sort;
  dir: 'asc' | 'desc';
}) {
  const anyMember = v.rows.some((r) => r.member);
  const csvHref = `/national.csv?year=${v.year}&sort=${sort}&dir=${dir}`;
  return (
    <>
      <p class="ds_lead">
        Every community planning partnership on one page: what it has published and how it is doing.
      </p>
      <p>
        {anyMember
          ? 'You also see the unpublished plans of the partnerships whose work you may read, marked “Not published”, and their answers to recommendations in unpublished plans. Everything else here is public.'
          : 'Only what partnerships have published is shown.'}{' '}
        Click a column heading to sort. <a href={csvHref}>Download CSV</a> ·{' '}
        <a href={`/api/v1/national?year=${v.year}`}>JSON</a> · <a href="/national/stocktake">The plan stocktake</a>
      </p>
      <form method="get" action="/national" class="cairn-filters">
        <div class="ds_question">
          <label class="ds_label" for="year">
            Reporting year (the year it begins)
          </label>
          <input
            class="ds_input ds_input--fixed-4"
            type="text"
            inputmode="numeric"
            id="year"
            name="year"
            value={String(v.year)}
          />
        </div>
        <button type="submit" class="ds_button ds_button--secondary">
          Show
        </button>
      </form>
      <HowToRead v={v} />
      <Table
        caption={`All partnerships, reporting year ${v.span.label}, sorted by ${sort} (${dir === 'asc' ? 'ascending' : 'descending'})`}
        rows={rows}
        empty="No partnerships."
        columns={nationalColumns(v, sort, dir)}
      />
    </>
  );
}

// ---- The plan stocktake

const STOCKTAKE_COLUMNS: TableColumn<StocktakeRow>[] = [
  {
    header: 'Partnership',
    cell: (r) => (
      <>
        {r.name}
        <Fictional show={r.fictional} />
      </>
    ),
  },
  {
    header: 'Plan',
    cell: (r) =>
      r.plan ? (
        <a href={partnershipHref(r.code, 'plans', r.plan.id)}>{r.plan.title}</a>
      ) : (
        <span class="cairn-secondary">None published in Cairn</span>
      ),
  },
  { header: 'Years', cell: (r) => (r.plan ? years(r.plan.startYear, r.plan.endYear) : '—') },
  { header: 'Priorities', cell: (r) => (r.plan ? r.priorities : '—'), numeric: true },
  { header: 'Local outcomes', cell: (r) => (r.plan ? r.outcomes : '—'), numeric: true },
  {
    header: 'Outcomes with measures',
    cell: (r) => (r.plan ? r.outcomesWithMeasures : '—'),
    numeric: true,
  },
  { header: 'Measures', cell: (r) => (r.plan ? r.measures : '—'), numeric: true },
  { header: 'Measures with targets', cell: (r) => (r.plan ? r.measuresWithTargets : '—'), numeric: true },
  { header: 'Published locality plans', cell: (r) => (r.plan ? r.localityPlans : '—'), numeric: true },
  {
    header: 'Preventative share',
    cell: (r) => (r.prevention ? `${pct(r.prevention.share)} (${financialYearLabel(r.prevention.year)})` : '—'),
    numeric: true,
  },
];

/** Each partnership's latest published LOIP compared, with a chart of their local outcomes. */
export function StocktakePage({ rows }: { rows: StocktakeRow[] }) {
  const withPlan = rows.filter((r) => r.plan);
  return (
    <>
      <p class="ds_lead">
        Audit Scotland found that partnerships’ plans vary widely. This compares the latest published Local Outcomes
        Improvement Plan of each partnership in Cairn.
      </p>
      <p>
        Counts are of the plan as published in Cairn. The preventative share is of the money partners commit to the plan
        in its latest financial year with money, as the plan’s resources view computes it. Partnerships whose plan is
        not published in Cairn show no figures. <a href="/national/stocktake.csv">Download CSV</a> ·{' '}
        <a href="/api/v1/national/stocktake">JSON</a>
      </p>
      <Table
        caption="Published Local Outcomes Improvement Plans compared"
        rows={rows}
        empty="No partnerships."
        columns={STOCKTAKE_COLUMNS}
      />
      {withPlan.length ? (
        <figure class="cairn-chart">
          {raw(
            barChartSvg(
              withPlan.map((r) => ({ label: r.name, value: r.outcomes })),
              { title: 'Local outcomes in each published LOIP' },
            ),
          )}
          <figcaption>
            Local outcomes in each partnership’s published LOIP. The same figures are in the “Local outcomes” column of
            the table above and in the <a href="/national/stocktake.csv">CSV</a>.
          </figcaption>
        </figure>
      ) : null}
    </>
  );
}
