import type { Context } from 'hono';
import { raw } from 'hono/html';
import { z } from 'zod';
import { can } from '../../core/access/actor.ts';
import { toCsv } from '../../core/csv.ts';
import { NotFoundError } from '../../core/errors.ts';
import { setFlash } from '../../core/http/cookies.ts';
import type { AppEnv } from '../../core/http/env.ts';
import { requestContext, type Router } from '../../core/http/router.ts';
import { codeParam, idParam } from '../../core/http/params.ts';
import { barChartSvg } from '../../core/ui/charts.ts';
import {
  Button,
  csvResponse,
  fileResponse,
  Form,
  formatDate,
  formatDateTime,
  Table,
  Tag,
} from '../../core/ui/components.tsx';
import { render } from '../../core/ui/layout.tsx';
import { partnershipNav } from '../../core/ui/partnership-nav.ts';
import type { Config } from '../../config.ts';
import type { PartnershipsService } from '../partnerships/index.ts';
import { BoardPaperSchema, boardPaperDocx, reportPaper } from './board-paper.ts';
import { BoardPaperFields } from './board-paper-form.tsx';
import { ACTION_STATUS_LABELS } from './plans.schemas.ts';
import { PROGRESS_LABELS, RAG_COLOUR, RAG_LABEL } from './progress-status.ts';
import { reportDocx } from './report-docx.ts';
import type { ReportContent, ReportMeasure, ReportsService } from './reports.service.ts';

const CHANGE_LABELS = { improved: 'Improved', maintained: 'Maintained', worsened: 'Worsened' } as const;
const CHANGE_COLOUR = { improved: 'green', maintained: 'grey', worsened: 'red' } as const;
const num = (v: number) => v.toLocaleString('en-GB', { maximumFractionDigits: 2 });
const pounds = (n: number) => `£${n.toLocaleString('en-GB', { maximumFractionDigits: 0 })}`;

/** Every measure of the report with its plan and outcome: the data behind the chart, and the CSV. */
function measureRows(r: ReportContent) {
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

function MeasureTable({ caption, measures }: { caption: string; measures: ReportMeasure[] }) {
  return (
    <Table
      caption={caption}
      rows={measures}
      empty="No measures."
      columns={[
        { header: 'Measure', cell: (m) => `${m.title}${m.unit ? ` (${m.unit})` : ''}` },
        { header: 'Before', cell: (m) => (m.previous ? `${num(m.previous.value)} (${m.previous.year})` : '—') },
        { header: 'Latest', cell: (m) => (m.latest ? `${num(m.latest.value)} (${m.latest.year})` : '—') },
        {
          header: 'Did it improve?',
          cell: (m) =>
            m.change ? <Tag colour={CHANGE_COLOUR[m.change]}>{CHANGE_LABELS[m.change]}</Tag> : 'Not enough data',
        },
        { header: 'Towards the target', cell: (m) => (m.status ? PROGRESS_LABELS[m.status] : '—') },
        { header: 'Target', cell: (m) => (m.target ? `${num(m.target.value)} by ${m.target.year}` : '—') },
      ]}
    />
  );
}

/** The report, the same whether previewed from live data or read as published. */
export function ReportView({ r, csvHref }: { r: ReportContent; csvHref: string }) {
  const measures = measureRows(r).map((x) => x.m);
  const counts = (['improved', 'maintained', 'worsened'] as const).map((k) => ({
    label: CHANGE_LABELS[k],
    value: measures.filter((m) => m.change === k).length,
  }));
  const loip = r.plans.filter((p) => p.kind !== 'locality');
  const localities = r.plans.filter((p) => p.kind === 'locality');
  return (
    <>
      {r.partnership.fictional ? (
        <p>
          <Tag colour="yellow">Demo – fictional</Tag> This report is about the fictional demo partnership; its figures
          are invented.
        </p>
      ) : null}
      <p class="ds_lead">
        How {r.partnership.name} did in the reporting year {formatDate(r.period.start)} to {formatDate(r.period.end)},
        as section 8 of the Community Empowerment (Scotland) Act 2015 asks: whether each local outcome improved,
        progress in each locality, the resources partners committed, and how communities took part.
      </p>
      <h2>Did our outcomes improve?</h2>
      {measures.length ? (
        <figure class="cairn-chart">
          {raw(barChartSvg(counts, { title: `Measures that improved, were maintained or worsened, ${r.yearLabel}` }))}
          <figcaption>
            Measures by change against the value before; every measure is in the tables below and in the{' '}
            <a href={csvHref}>CSV</a>.
          </figcaption>
        </figure>
      ) : (
        <p>No published plan with measures covers this year.</p>
      )}
      {loip.map((p) => (
        <section aria-labelledby={`plan-${p.id}`}>
          <h3 id={`plan-${p.id}`}>{p.title}</h3>
          {p.outcomes.map((o) => (
            <>
              <h4>{o.title}</h4>
              <p>
                Priority: {o.priority}. National outcomes: {o.national.join(', ') || 'none linked'}.
              </p>
              <MeasureTable caption={`Measures of “${o.title}”`} measures={o.measures} />
              {o.updates.length ? (
                <ul>
                  {o.updates.map((u) => (
                    <li>
                      <Tag colour={RAG_COLOUR[u.rag]}>{RAG_LABEL[u.rag]}</Tag> {formatDate(u.date)}, {u.about}:{' '}
                      {u.narrative}
                    </li>
                  ))}
                </ul>
              ) : null}
            </>
          ))}
        </section>
      ))}
      <h2>Progress in our localities</h2>
      {localities.length ? (
        localities.map((p) => (
          <section aria-labelledby={`plan-${p.id}`}>
            <h3 id={`plan-${p.id}`}>{p.title}</h3>
            {p.outcomes.map((o) => (
              <>
                <h4>{o.title}</h4>
                <MeasureTable caption={`Measures of “${o.title}”, ${p.locality ?? ''}`} measures={o.measures} />
                <Table
                  caption={`Actions for “${o.title}”`}
                  rows={o.actions}
                  empty="No actions."
                  columns={[
                    { header: 'Action', cell: (a) => a.title },
                    { header: 'Lead', cell: (a) => a.lead },
                    {
                      header: 'Status',
                      cell: (a) =>
                        `${ACTION_STATUS_LABELS[a.status as keyof typeof ACTION_STATUS_LABELS] ?? a.status}${a.overdue ? ' (overdue)' : ''}`,
                    },
                  ]}
                />
              </>
            ))}
          </section>
        ))
      ) : (
        <p>No locality plan was published for this year.</p>
      )}
      <h2>Resources</h2>
      {r.resources ? (
        <>
          <p>
            Partners committed {pounds(r.resources.money)} and {num(r.resources.fte)} full-time equivalent staff to{' '}
            {r.resources.planTitle} in {r.yearLabel}
            {r.resources.preventativeShare === null
              ? ''
              : `; ${Math.round(r.resources.preventativeShare * 100)}% of the money is preventative`}
            .
            {r.resources.nothing.length
              ? ` Partners who committed nothing this year: ${r.resources.nothing.join(', ')}.`
              : ''}
          </p>
          <Table
            caption={`Resources committed in ${r.yearLabel}, by partner`}
            rows={r.resources.byPartner}
            empty="Nothing was committed this year."
            columns={[
              { header: 'Partner', cell: (x) => x.name },
              { header: 'Money', cell: (x) => pounds(x.money), numeric: true },
              { header: 'Staff (FTE)', cell: (x) => num(x.fte), numeric: true },
            ]}
          />
        </>
      ) : (
        <p>No Local Outcomes Improvement Plan was published for this year.</p>
      )}
      <h2>Community participation</h2>
      <p>{r.participation.bodiesInvolved} community bodies are involved in the partnership’s work.</p>
      <Table
        caption={`Participation requests, ${r.yearLabel}`}
        rows={r.participation.participation}
        empty="None."
        columns={[
          { header: 'Participation requests', cell: (l) => l.label },
          { header: 'Number', cell: (l) => l.count, numeric: true },
        ]}
      />
      <Table
        caption={`Asset transfer requests, ${r.yearLabel}`}
        rows={r.participation.assetTransfer}
        empty="None."
        columns={[
          { header: 'Asset transfer requests', cell: (l) => l.label },
          { header: 'Number', cell: (l) => l.count, numeric: true },
        ]}
      />
    </>
  );
}

const yearOf = (c: Context<AppEnv>) => {
  const y = idParam(c, 'year');
  if (y < 2016 || y > 2100) throw new NotFoundError('report');
  return y;
};

/** What the annual reports' pages use: the reports, partnerships by code, and the address board papers link to. */
export interface ReportsRoutesDeps {
  reports: ReportsService;
  partnerships: Pick<PartnershipsService, 'resolve'>;
  config: Pick<Config, 'baseUrl'>;
}

export function reportsRoutes(router: Router, deps: ReportsRoutesDeps): void {
  const svc = deps.reports;
  const publicPartnership = async (c: Context<AppEnv>) => {
    const p = await deps.partnerships.resolve(codeParam(c, 'code'));
    if (!p) throw new NotFoundError('partnership');
    return p;
  };

  router.route(
    {
      method: 'GET',
      path: '/p/:partnership/reports',
      permission: 'partnership:read',
      kind: 'page',
      summary: 'The partnership’s annual progress reports by reporting year, published or not',
    },
    async (c, { partnership: p, ctx }) => {
      const { years } = await svc.years(ctx, p);
      return render(c, {
        title: 'Annual progress reports',
        label: p.name,
        wide: true,
        subnav: partnershipNav(c, p),
        children: (
          <>
            <p>
              Section 8 of the Community Empowerment (Scotland) Act 2015 asks the partnership to publish a progress
              report for each reporting year. Each report is drafted here from live data; publishing freezes it at a
              permanent public address. When a reporting year begins is kept as data on the{' '}
              <a href="/deadlines">statutory rules page</a>.
            </p>
            <Table
              caption="Reporting years"
              rows={years}
              empty="No reporting years."
              columns={[
                { header: 'Reporting year', cell: (y) => <a href={`/p/${p.code}/reports/${y.year}`}>{y.label}</a> },
                { header: 'Dates', cell: (y) => `${formatDate(y.start)} to ${formatDate(y.end)}` },
                {
                  header: 'Published',
                  cell: (y) =>
                    y.latest ? (
                      <>
                        <a href={`/partnerships/${p.code}/reports/${y.year}`}>Version {y.latest.version}</a>,{' '}
                        {formatDateTime(y.latest.published_at)}
                      </>
                    ) : y.inProgress ? (
                      'Not yet (the year is in progress)'
                    ) : (
                      <Tag colour="orange">Not published</Tag>
                    ),
                },
              ]}
            />
          </>
        ),
      });
    },
  );

  router.route(
    {
      method: 'GET',
      path: '/p/:partnership/reports/:year',
      permission: 'partnership:read',
      kind: 'page',
      summary: 'The annual progress report for a reporting year, from live data, with its published versions',
    },
    async (c, { partnership: p, ctx }) => {
      const year = yearOf(c);
      const [r, published] = await Promise.all([svc.build(ctx, p, year), svc.published(ctx, p.id)]);
      const versions = published.filter((x) => x.year === year);
      return render(c, {
        title: `Annual progress report ${r.yearLabel}`,
        label: p.name,
        wide: true,
        subnav: partnershipNav(c, p),
        children: (
          <>
            <div class="ds_inset-text">
              <div class="ds_inset-text__text">
                This is the report as it stands today, from live data.{' '}
                {versions.length
                  ? `Version ${versions[0]!.version} was published ${formatDateTime(versions[0]!.published_at)}: `
                  : 'It has not been published yet. '}
                {versions.length ? <a href={`/partnerships/${p.code}/reports/${year}`}>the published report</a> : null}
              </div>
            </div>
            {can(ctx.actor, 'plan:publish', p.id) ? (
              <Form action={`/p/${p.code}/reports/${year}/publish`} token={c.get('csrfToken')}>
                <Button>{versions.length ? 'Publish a new version' : 'Publish the report'}</Button>
              </Form>
            ) : null}
            <p>
              <a href={`/p/${p.code}/reports/${year}/report.docx`}>Word document (.docx)</a> ·{' '}
              <a href={`/p/${p.code}/reports`}>Other years</a>
            </p>
            <details class="ds_details">
              <summary class="ds_details__summary">Draft a board paper on this report (.docx)</summary>
              <div class="ds_details__text">
                <BoardPaperFields
                  action={`/p/${p.code}/reports/${year}/board-paper.docx`}
                  about="this report (purpose, whether the outcomes improved, localities, resources, participation, an appendix of measures)"
                  partnershipName={p.name}
                />
              </div>
            </details>
            <ReportView r={r} csvHref={`/p/${p.code}/reports/${year}/measures.csv`} />
          </>
        ),
      });
    },
  );

  router.route(
    {
      method: 'GET',
      path: '/p/:partnership/reports/:year/board-paper.docx',
      permission: 'partnership:read',
      kind: 'file',
      summary: 'A board paper presenting the annual report, drafted as a Word document (.docx) to edit',
      query: BoardPaperSchema,
    },
    async (c, { partnership: p, ctx, query }) => {
      const year = yearOf(c);
      const r = await svc.build(ctx, p, year);
      const bytes = await boardPaperDocx(
        reportPaper(r, query, `${deps.config.baseUrl}/p/${p.code}/reports/${year}`),
        query,
      );
      return fileResponse(
        c,
        'docx',
        `${p.code}-board-paper-annual-report-${r.yearLabel.replace('/', '-')}.docx`,
        bytes,
      );
    },
  );

  router.route(
    {
      method: 'GET',
      path: '/p/:partnership/reports/:year/measures.csv',
      permission: 'partnership:read',
      kind: 'file',
      summary: 'The measures of the annual report from live data, as CSV',
    },
    async (c, { partnership: p, ctx }) => {
      const r = await svc.build(ctx, p, yearOf(c));
      return csvResponse(c, `${p.code}-annual-report-${r.yearLabel.replace('/', '-')}-measures.csv`, reportCsv(r));
    },
  );

  const docx = (c: Context<AppEnv>, name: string, bytes: Buffer) => fileResponse(c, 'docx', name, bytes);

  router.route(
    {
      method: 'GET',
      path: '/p/:partnership/reports/:year/report.docx',
      permission: 'partnership:read',
      kind: 'file',
      summary: 'The annual report from live data as a Word document (.docx)',
    },
    async (c, { partnership: p, ctx }) => {
      const r = await svc.build(ctx, p, yearOf(c));
      return docx(c, `${p.code}-annual-report-${r.yearLabel.replace('/', '-')}.docx`, await reportDocx(r));
    },
  );

  router.route(
    {
      method: 'POST',
      path: '/p/:partnership/reports/:year/publish',
      permission: 'plan:publish',
      kind: 'page',
      summary: 'Publish the annual progress report: freeze its figures as a new version at a permanent address',
      body: z.object({}),
    },
    async (c, { partnership: p, ctx }) => {
      const row = await svc.publish(ctx, p, yearOf(c));
      setFlash(c, {
        kind: 'success',
        message: `Version ${row.version} of the ${row.year}/${String((row.year + 1) % 100).padStart(2, '0')} report is published.`,
      });
      return c.redirect(`/partnerships/${p.code}/reports/${row.year}`, 303);
    },
  );

  router.route(
    {
      method: 'GET',
      path: '/partnerships/:code/reports',
      permission: 'plan:read',
      kind: 'page',
      summary: 'A partnership’s published annual progress reports',
    },
    async (c, { ctx }) => {
      const p = await publicPartnership(c);
      const list = await svc.published(ctx, p.id);
      return render(c, {
        title: 'Annual progress reports',
        label: p.name,
        children: (
          <Table
            caption="Published annual progress reports"
            rows={list}
            empty="No annual report is published yet."
            columns={[
              {
                header: 'Reporting year',
                cell: (x) => <a href={`/partnerships/${p.code}/reports/${x.year}/v/${x.version}`}>{x.label}</a>,
              },
              { header: 'Version', cell: (x) => x.version, numeric: true },
              { header: 'Published', cell: (x) => formatDateTime(x.published_at) },
            ]}
          />
        ),
      });
    },
  );

  const publishedPage = async (c: Context<AppEnv>, version?: number) => {
    const ctx = requestContext(c);
    const p = await publicPartnership(c);
    const year = yearOf(c);
    const f = await svc.frozen(ctx, p.id, year, version);
    return render(c, {
      title: `Annual progress report ${f.content.yearLabel}`,
      label: p.name,
      wide: true,
      crumbs: [{ href: `/partnerships/${p.code}/reports`, label: 'Annual reports' }],
      children: (
        <>
          <p>
            Version {f.version}, published {formatDateTime(f.publishedAt)}. This is the report as it was published; its
            figures do not change.{' '}
            <a href={`/partnerships/${p.code}/reports/${year}/v/${f.version}/measures.csv`}>Measures as CSV</a> ·{' '}
            <a href={`/partnerships/${p.code}/reports/${year}/v/${f.version}/report.docx`}>Word document (.docx)</a>.
          </p>
          <ReportView r={f.content} csvHref={`/partnerships/${p.code}/reports/${year}/v/${f.version}/measures.csv`} />
        </>
      ),
    });
  };

  router.route(
    {
      method: 'GET',
      path: '/partnerships/:code/reports/:year',
      permission: 'plan:read',
      kind: 'page',
      summary: 'The latest published annual progress report for a year',
    },
    (c) => publishedPage(c),
  );
  router.route(
    {
      method: 'GET',
      path: '/partnerships/:code/reports/:year/v/:version',
      permission: 'plan:read',
      kind: 'page',
      summary: 'One published version of an annual progress report (permanent)',
    },
    (c) => {
      const v = idParam(c, 'version');
      return publishedPage(c, v);
    },
  );
  router.route(
    {
      method: 'GET',
      path: '/partnerships/:code/reports/:year/v/:version/report.docx',
      permission: 'plan:read',
      kind: 'file',
      summary: 'A published annual report as a Word document (.docx)',
    },
    async (c, { ctx }) => {
      const p = await publicPartnership(c);
      const v = idParam(c, 'version');
      const f = await svc.frozen(ctx, p.id, yearOf(c), v);
      return docx(
        c,
        `${p.code}-annual-report-${f.content.yearLabel.replace('/', '-')}-v${f.version}.docx`,
        await reportDocx(f.content),
      );
    },
  );

  router.route(
    {
      method: 'GET',
      path: '/partnerships/:code/reports/:year/v/:version/measures.csv',
      permission: 'plan:read',
      kind: 'file',
      summary: 'The measures of a published annual report, as CSV',
    },
    async (c, { ctx }) => {
      const p = await publicPartnership(c);
      const v = idParam(c, 'version');
      const f = await svc.frozen(ctx, p.id, yearOf(c), v);
      return csvResponse(
        c,
        `${p.code}-annual-report-${f.content.yearLabel.replace('/', '-')}-v${f.version}-measures.csv`,
        reportCsv(f.content),
      );
    },
  );
}
