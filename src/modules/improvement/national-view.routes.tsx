import { raw } from 'hono/html';
import { z } from 'zod';
import { toCsv } from '../../core/csv.ts';
import { financialYearLabel } from '../../core/periods.ts';
import type { Router } from '../../core/http/router.ts';
import { barChartSvg } from '../../core/ui/charts.ts';
import { csvResponse, formatDate, Table, Tag, type TableColumn } from '../../core/ui/components.tsx';
import { render } from '../../core/ui/layout.tsx';
import { NationalViewJson, Stocktake } from './national-view.api-schemas.ts';
import type {
  NationalRow,
  NationalView,
  NationalViewService,
  ReportTimeliness,
  RequestCounts,
  StocktakeRow,
} from './national-view.service.ts';

const blank = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === '' ? undefined : v), schema.optional());

const SORTS = [
  'name',
  'loip',
  'report',
  'recommendations',
  'self_evaluation',
  'green',
  'red',
  'participation',
  'asset_transfer',
] as const;
type Sort = (typeof SORTS)[number];

const NationalQuery = z.object({
  year: blank(
    z.coerce
      .number({ error: 'Enter the reporting year as the year it begins, like 2025' })
      .int({ error: 'Enter the reporting year as the year it begins, like 2025' })
      .min(2016, { error: 'Enter a year from 2016' })
      .max(2100, { error: 'Enter a year up to 2100' }),
  ),
  sort: blank(z.enum(SORTS, { error: `Sort by ${SORTS.join(', ')}` })),
  dir: blank(z.enum(['asc', 'desc'], { error: 'Choose asc or desc' })),
});
type NationalQuery = z.output<typeof NationalQuery>;

const TIMELINESS: Record<ReportTimeliness, { label: string; colour: 'green' | 'orange' | 'red' | 'grey' }> = {
  on_time: { label: 'On time', colour: 'green' },
  late: { label: 'Late', colour: 'orange' },
  overdue: { label: 'Not published, overdue', colour: 'red' },
  not_yet_due: { label: 'Not yet due', colour: 'grey' },
};
const TIMELINESS_ORDER: Record<ReportTimeliness, number> = { on_time: 0, late: 1, not_yet_due: 2, overdue: 3 };

const years = (a: number, b: number) => `${financialYearLabel(a)} to ${financialYearLabel(b)}`;
const pct = (v: number) => `${(v * 100).toLocaleString('en-GB', { maximumFractionDigits: 1 })}%`;

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

/** What the national view's routes use: their service only. */
export interface NationalViewRoutesDeps {
  nationalView: NationalViewService;
}

export function nationalViewRoutes(router: Router, deps: NationalViewRoutesDeps): void {
  const svc = deps.nationalView;

  router.route(
    {
      method: 'GET',
      path: '/national',
      permission: 'national-view:read',
      kind: 'page',
      summary:
        'All partnerships on one page: plans, annual reports, recommendation responses, self-evaluation, outcome traffic lights, community requests',
      query: NationalQuery,
    },
    async (c, { ctx, query }) => {
      const v = await svc.overview(ctx, query.year);
      const sort: Sort = query.sort ?? 'name';
      const dir = query.dir ?? (sort === 'name' || sort === 'report' ? 'asc' : 'desc');
      const rows = sortNational(v.rows, sort, dir);
      const qs = (s: Sort, d: 'asc' | 'desc') => `/national?year=${v.year}&sort=${s}&dir=${d}`;
      const header = (s: Sort, label: string) => (
        <a href={qs(s, sort === s && dir === 'asc' ? 'desc' : 'asc')}>{label}</a>
      );
      const sorted = (s: Sort): 'ascending' | 'descending' | undefined =>
        sort === s ? (dir === 'asc' ? 'ascending' : 'descending') : undefined;
      const anyMember = v.rows.some((r) => r.member);
      const columns: TableColumn<NationalRow>[] = [
        {
          header: header('name', 'Partnership'),
          sorted: sorted('name'),
          cell: (r) => (
            <>
              <a href={`/partnerships/${r.code}/plans`}>{r.name}</a>
              {r.fictional ? (
                <>
                  {' '}
                  <Tag colour="yellow">Demo – fictional</Tag>
                </>
              ) : null}
            </>
          ),
        },
        {
          header: header('loip', 'Local Outcomes Improvement Plan'),
          sorted: sorted('loip'),
          cell: (r) => (
            <>
              {r.loip ? (
                <>
                  <a href={`/partnerships/${r.code}/plans/${r.loip.id}`}>{r.loip.title}</a>,{' '}
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
                  <a href={`/p/${r.code}/plans/${r.unpublishedLoip.id}`}>{r.unpublishedLoip.title}</a> (
                  {r.unpublishedLoip.status}), {years(r.unpublishedLoip.startYear, r.unpublishedLoip.endYear)}
                </>
              ) : null}
            </>
          ),
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
                  <a href={`/partnerships/${r.code}/reports/${v.year}`}>published {formatDate(r.report.publishedAt)}</a>
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
      const csvHref = `/national.csv?year=${v.year}&sort=${sort}&dir=${dir}`;
      return render(c, {
        title: 'All partnerships',
        wide: true,
        crumbs: [{ href: '/improvement', label: 'Improvement' }],
        children: (
          <>
            <p class="ds_lead">
              Every community planning partnership on one page: what it has published and how it is doing.
            </p>
            <p>
              {anyMember
                ? 'You also see the unpublished plans of the partnerships whose work you may read, marked “Not published”, and their answers to recommendations in unpublished plans. Everything else here is public.'
                : 'Only what partnerships have published is shown.'}{' '}
              Click a column heading to sort. <a href={csvHref}>Download CSV</a> ·{' '}
              <a href={`/api/v1/national?year=${v.year}`}>JSON</a> ·{' '}
              <a href="/national/stocktake">The plan stocktake</a>
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
            <h2>How to read this table</h2>
            <ul>
              <li>
                <strong>Annual report {v.span.label}</strong> ({v.span.words}): the progress report of section 8 of the
                2015 Act. Cairn counts it as on time if its first version was published by {formatDate(v.dueBy)}, the
                end of the {v.months.value}th month after the year ends. That is Cairn’s expectation, not a statutory
                date: {v.months.source}
              </li>
              <li>
                <strong>Audit recommendations answered</strong>: recommendations addressed to all partnerships or to
                this one, and how many of them the partnership has linked to an improvement action in one of its plans
                (in a published plan, unless you work in the partnership).
              </li>
              <li>
                <strong>Self-evaluation</strong>: the latest published self-evaluation against the nine principles, and
                its mean score.
              </li>
              <li>
                <strong>Outcomes against Scotland</strong>: the Community Planning Outcomes Profile’s traffic lights
                across its indicators, as on <a href="/scotland">the Scotland page</a>
                (green: better than Scotland and improving faster; red: worse and improving more slowly; amber: mixed).
              </li>
              <li>
                <strong>Participation and asset transfer requests</strong>: requests in the public registers validated
                in the reporting year, decisions made in it and how many of them within the statutory period (or as
                extended), and requests still undecided past their deadline today.
              </li>
            </ul>
            <Table
              caption={`All partnerships, reporting year ${v.span.label}, sorted by ${sort} (${dir === 'asc' ? 'ascending' : 'descending'})`}
              rows={rows}
              empty="No partnerships."
              columns={columns}
            />
          </>
        ),
      });
    },
  );

  router.route(
    {
      method: 'GET',
      path: '/national.csv',
      permission: 'national-view:read',
      kind: 'file',
      summary: 'The national view of all partnerships as CSV',
      query: NationalQuery,
    },
    async (c, { ctx, query }) => {
      const v = await svc.overview(ctx, query.year);
      const sort = query.sort ?? 'name';
      return csvResponse(
        c,
        `cairn-national-${v.year}.csv`,
        nationalCsv(
          v,
          sortNational(v.rows, sort, query.dir ?? (sort === 'name' || sort === 'report' ? 'asc' : 'desc')),
        ),
      );
    },
  );

  router.route(
    {
      method: 'GET',
      path: '/api/v1/national',
      permission: 'national-view:read',
      kind: 'api',
      tag: 'national',
      summary: 'The national view of all partnerships (what the reader may see)',
      query: NationalQuery,
      operationId: 'getNationalView',
      response: NationalViewJson,
    },
    async (c, { ctx, query }) => c.json(await svc.overview(ctx, query.year)),
  );

  // ---- The plan stocktake

  router.route(
    {
      method: 'GET',
      path: '/national/stocktake',
      permission: 'national-view:read',
      kind: 'page',
      summary:
        'The stocktake of published plans: priorities, outcomes with measures and targets, locality plans, preventative share',
    },
    async (c, { ctx }) => {
      const rows = await svc.stocktake(ctx);
      const withPlan = rows.filter((r) => r.plan);
      return render(c, {
        title: 'Plan stocktake',
        wide: true,
        crumbs: [
          { href: '/improvement', label: 'Improvement' },
          { href: '/national', label: 'All partnerships' },
        ],
        children: (
          <>
            <p class="ds_lead">
              Audit Scotland found that partnerships’ plans vary widely. This compares the latest published Local
              Outcomes Improvement Plan of each partnership in Cairn.
            </p>
            <p>
              Counts are of the plan as published in Cairn. The preventative share is of the money partners commit to
              the plan in its latest financial year with money, as the plan’s resources view computes it. Partnerships
              whose plan is not published in Cairn show no figures. <a href="/national/stocktake.csv">Download CSV</a> ·{' '}
              <a href="/api/v1/national/stocktake">JSON</a>
            </p>
            <Table
              caption="Published Local Outcomes Improvement Plans compared"
              rows={rows}
              empty="No partnerships."
              columns={[
                {
                  header: 'Partnership',
                  cell: (r) => (
                    <>
                      {r.name}
                      {r.fictional ? (
                        <>
                          {' '}
                          <Tag colour="yellow">Demo – fictional</Tag>
                        </>
                      ) : null}
                    </>
                  ),
                },
                {
                  header: 'Plan',
                  cell: (r) =>
                    r.plan ? (
                      <a href={`/partnerships/${r.code}/plans/${r.plan.id}`}>{r.plan.title}</a>
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
                  cell: (r) =>
                    r.prevention ? `${pct(r.prevention.share)} (${financialYearLabel(r.prevention.year)})` : '—',
                  numeric: true,
                },
              ]}
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
                  Local outcomes in each partnership’s published LOIP. The same figures are in the “Local outcomes”
                  column of the table above and in the <a href="/national/stocktake.csv">CSV</a>.
                </figcaption>
              </figure>
            ) : null}
          </>
        ),
      });
    },
  );

  router.route(
    {
      method: 'GET',
      path: '/national/stocktake.csv',
      permission: 'national-view:read',
      kind: 'file',
      summary: 'The plan stocktake as CSV',
    },
    async (c, { ctx }) => csvResponse(c, 'cairn-plan-stocktake.csv', stocktakeCsv(await svc.stocktake(ctx))),
  );

  router.route(
    {
      method: 'GET',
      path: '/api/v1/national/stocktake',
      permission: 'national-view:read',
      kind: 'api',
      tag: 'national',
      summary: 'The plan stocktake: each partnership’s latest published LOIP compared',
      operationId: 'getPlanStocktake',
      response: Stocktake,
    },
    async (c, { ctx }) => c.json({ data: await svc.stocktake(ctx) }),
  );
}
