import { raw } from 'hono/html';
import { barChartSvg } from '../../core/ui/charts.ts';
import { Button, Form, formatDate, formatDateTime, Table, Tag } from '../../core/ui/components.tsx';
import { BoardPaperFields } from './board-paper-form.tsx';
import { ACTION_STATUS_LABELS } from './plans.schemas.ts';
import { PROGRESS_LABELS, RAG_COLOUR, RAG_LABEL } from './progress-status.ts';
import { measureRows } from './reports.presenters.ts';
import type { ReportContent, ReportMeasure, ReportsService } from './reports.service.ts';

/** The annual progress report's pages: props in, JSX out (the routes are in reports.routes.tsx). */

const CHANGE_LABELS = { improved: 'Improved', maintained: 'Maintained', worsened: 'Worsened' } as const;
const CHANGE_COLOUR = { improved: 'green', maintained: 'grey', worsened: 'red' } as const;
const num = (v: number) => v.toLocaleString('en-GB', { maximumFractionDigits: 2 });
const pounds = (n: number) => `£${n.toLocaleString('en-GB', { maximumFractionDigits: 0 })}`;

type Plan = ReportContent['plans'][number];

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

/** The LOIP's and improvement plans' outcomes: their measures and the year's updates. */
function OutcomesSection({ plans }: { plans: Plan[] }) {
  return (
    <>
      {plans.map((p) => (
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
    </>
  );
}

/** The locality plans: their measures and actions. */
function LocalitiesSection({ localities }: { localities: Plan[] }) {
  return (
    <>
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
    </>
  );
}

/** The resources partners committed to the LOIP in the year. */
function ResourcesSection({ r }: { r: ReportContent }) {
  return (
    <>
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
    </>
  );
}

/** Community participation: involved bodies, participation and asset transfer requests. */
function ParticipationSection({ r }: { r: ReportContent }) {
  return (
    <>
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
      <OutcomesSection plans={loip} />
      <h2>Progress in our localities</h2>
      <LocalitiesSection localities={localities} />
      <h2>Resources</h2>
      <ResourcesSection r={r} />
      <h2>Community participation</h2>
      <ParticipationSection r={r} />
    </>
  );
}

type ReportingYears = Awaited<ReturnType<ReportsService['years']>>['years'];
type PublishedReports = Awaited<ReturnType<ReportsService['published']>>;

/** The partnership's reporting years, each linked to its live report and its latest published version. */
export function ReportYearsPage({
  years,
  hrefs,
}: {
  years: ReportingYears;
  /** A year's live report (the workspace) and its published report (public). */
  hrefs: { live: (year: number) => string; published: (year: number) => string };
}) {
  return (
    <>
      <p>
        Section 8 of the Community Empowerment (Scotland) Act 2015 asks the partnership to publish a progress report for
        each reporting year. Each report is drafted here from live data; publishing freezes it at a permanent public
        address. When a reporting year begins is kept as data on the <a href="/deadlines">statutory rules page</a>.
      </p>
      <Table
        caption="Reporting years"
        rows={years}
        empty="No reporting years."
        columns={[
          { header: 'Reporting year', cell: (y) => <a href={hrefs.live(y.year)}>{y.label}</a> },
          { header: 'Dates', cell: (y) => `${formatDate(y.start)} to ${formatDate(y.end)}` },
          {
            header: 'Published',
            cell: (y) =>
              y.latest ? (
                <>
                  <a href={hrefs.published(y.year)}>Version {y.latest.version}</a>,{' '}
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
  );
}

export interface LiveReportPageProps {
  r: ReportContent;
  partnershipName: string;
  /** The year's published versions, newest first. */
  versions: PublishedReports;
  /** May the reader publish it (plan:publish)? */
  canPublish: boolean;
  csrfToken: string;
  hrefs: { published: string; publish: string; docx: string; years: string; boardPaper: string; csv: string };
}

/** The report of a year as it stands today, from live data, with its published versions and files. */
export function LiveReportPage({ r, partnershipName, versions, canPublish, csrfToken, hrefs }: LiveReportPageProps) {
  return (
    <>
      <div class="ds_inset-text">
        <div class="ds_inset-text__text">
          This is the report as it stands today, from live data.{' '}
          {versions.length
            ? `Version ${versions[0]!.version} was published ${formatDateTime(versions[0]!.published_at)}: `
            : 'It has not been published yet. '}
          {versions.length ? <a href={hrefs.published}>the published report</a> : null}
        </div>
      </div>
      {canPublish ? (
        <Form action={hrefs.publish} token={csrfToken}>
          <Button>{versions.length ? 'Publish a new version' : 'Publish the report'}</Button>
        </Form>
      ) : null}
      <p>
        <a href={hrefs.docx}>Word document (.docx)</a> · <a href={hrefs.years}>Other years</a>
      </p>
      <details class="ds_details">
        <summary class="ds_details__summary">Draft a board paper on this report (.docx)</summary>
        <div class="ds_details__text">
          <BoardPaperFields
            action={hrefs.boardPaper}
            about="this report (purpose, whether the outcomes improved, localities, resources, participation, an appendix of measures)"
            partnershipName={partnershipName}
          />
        </div>
      </details>
      <ReportView r={r} csvHref={hrefs.csv} />
    </>
  );
}

/** A partnership's published reports, each linked to its permanent address. */
export function PublishedReportsList({
  list,
  href,
}: {
  list: PublishedReports;
  href: (year: number, version: number) => string;
}) {
  return (
    <Table
      caption="Published annual progress reports"
      rows={list}
      empty="No annual report is published yet."
      columns={[
        { header: 'Reporting year', cell: (x) => <a href={href(x.year, x.version)}>{x.label}</a> },
        { header: 'Version', cell: (x) => x.version, numeric: true },
        { header: 'Published', cell: (x) => formatDateTime(x.published_at) },
      ]}
    />
  );
}

/** One published version of a report, frozen as it was published. */
export function PublishedReportPage({
  content,
  version,
  publishedAt,
  hrefs,
}: {
  content: ReportContent;
  version: number;
  publishedAt: Date;
  hrefs: { csv: string; docx: string };
}) {
  return (
    <>
      <p>
        Version {version}, published {formatDateTime(publishedAt)}. This is the report as it was published; its figures
        do not change. <a href={hrefs.csv}>Measures as CSV</a> · <a href={hrefs.docx}>Word document (.docx)</a>.
      </p>
      <ReportView r={content} csvHref={hrefs.csv} />
    </>
  );
}
