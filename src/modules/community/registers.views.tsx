import { raw } from 'hono/html';
import type { PartnershipRef } from '../../core/http/env.ts';
import { barChartSvg } from '../../core/ui/charts.ts';
import { formatDate, SelectField, Table, Tag, TextField } from '../../core/ui/components.tsx';
import { REQUEST_KINDS, type RequestKind } from '../../db/schema.ts';
import type { CommunityBodiesService } from './bodies.service.ts';
import { ASSET_TYPE_LABELS } from './community.schemas.ts';
import type { LandRegisterService } from './land.service.ts';
import type { RegisterFilter, RegistersService } from './registers.service.ts';
import {
  bodyTypeLabel,
  DecisionSection,
  DocumentsList,
  kindLabel,
  RequestContent,
  StatusTag,
  Timeline,
} from './request-parts.views.tsx';
import type { RequestsService } from './requests.service.ts';
import { STATUS_LABELS, STATUSES } from './workflow.ts';

/**
 * Views of the public registers: requests, land, and the yearly reports. Props in, JSX out (the routes are
 * in registers.routes.tsx).
 */

type Option = { value: string; label: string };

/** The registers' front page, with the form that opens an annual report. */
export function RegistersIndexView({
  options,
  year,
  example,
}: {
  options: Option[];
  /** The last reporting year that has ended, and how it is said in words. */
  year: number;
  example: { words: string };
}) {
  return (
    <>
      <p>
        What every public service authority must make public under the Community Empowerment (Scotland) Act 2015, in one
        place, for every partnership using Cairn.
      </p>
      <ul>
        <li>
          <a href="/registers/requests?kind=participation">Participation requests</a> (Part 3): each request once
          validated, its decision notice, the outcome improvement process and its final report.
        </li>
        <li>
          <a href="/registers/requests?kind=asset_transfer">Asset transfer requests</a> (Part 5): each request once
          validated, its decision notice, reviews and appeals.
        </li>
        <li>
          <a href="/registers/land">Registers of land</a>: the land and buildings authorities hold, which community
          transfer bodies may ask to take on.
        </li>
        <li>
          <a href="/registers/feed.atom">Atom feed</a> of everything newly published in these registers.
        </li>
        <li>
          <a href="/deadlines">Statutory deadline calculator</a>.
        </li>
      </ul>
      <h2>Annual reports</h2>
      <form method="get" action="/registers/annual-report">
        <SelectField name="partnership" label="Partnership" options={options} placeholder="Choose a partnership" />
        <SelectField
          name="kind"
          label="Requests"
          options={REQUEST_KINDS.map((k) => ({ value: k, label: `${kindLabel(k)}s` }))}
        />
        <TextField
          name="year"
          label="Reporting year beginning in"
          value={String(year)}
          width="fixed-20"
          hint={`The calendar year the reporting year begins in: for example ${year} for ${example.words}.`}
        />
        <button type="submit" class="ds_button">
          Show the report
        </button>
      </form>
    </>
  );
}

/** The searchable register of requests. */
export function RegisterOfRequestsView({
  rows,
  options,
  query,
  csvHref,
}: {
  rows: Awaited<ReturnType<RegistersService['requests']>>;
  options: Option[];
  query: RegisterFilter;
  csvHref: string;
}) {
  return (
    <>
      <form method="get" action="/registers/requests" class="cairn-filters">
        <TextField
          name="q"
          label="Search"
          hint="Words in the title, outcome, community body or authority, or a reference"
          value={query.q ?? ''}
        />
        <SelectField
          name="kind"
          label="Kind"
          options={REQUEST_KINDS.map((k) => ({ value: k, label: kindLabel(k) }))}
          value={query.kind ?? ''}
          placeholder="Both kinds"
        />
        <SelectField
          name="partnership"
          label="Partnership"
          options={options}
          value={query.partnership ?? ''}
          placeholder="All partnerships"
        />
        <SelectField
          name="status"
          label="Status"
          options={STATUSES.filter((s) => s !== 'draft' && s !== 'submitted' && s !== 'information_requested').map(
            (s) => ({ value: s, label: STATUS_LABELS[s] }),
          )}
          value={query.status ?? ''}
          placeholder="Any status"
        />
        <button type="submit" class="ds_button ds_button--secondary">
          Search
        </button>
      </form>
      <p role="status">
        {rows.length} {rows.length === 1 ? 'request' : 'requests'}. <a href={csvHref}>Download as CSV</a>
      </p>
      <Table
        caption="Requests in the register"
        rows={rows}
        empty="No request matches."
        columns={[
          { header: 'Reference', cell: (r) => <a href={`/registers/requests/${r.reference}`}>{r.reference}</a> },
          {
            header: 'Request',
            cell: (r) => (
              <>
                {r.title}
                {r.fictional ? (
                  <>
                    {' '}
                    <Tag colour="yellow">Demo – fictional</Tag>
                  </>
                ) : null}
              </>
            ),
          },
          { header: 'Kind', cell: (r) => kindLabel(r.kind) },
          { header: 'Community body', cell: (r) => r.body_name },
          { header: 'Made to', cell: (r) => r.authority_name },
          { header: 'Validated', cell: (r) => formatDate(r.validation_date) },
          { header: 'Status', cell: (r) => <StatusTag status={r.status} /> },
          { header: 'Decided', cell: (r) => formatDate(r.decision_date) },
        ]}
      />
    </>
  );
}

/** A request in the public register, with its decision notice, reports and published steps. */
export function PublicRequestView({ d }: { d: Awaited<ReturnType<RequestsService['forPublic']>> }) {
  const r = d.request;
  return (
    <>
      {r.fictional ? (
        <p>
          <Tag colour="yellow">Demo – fictional</Tag> This request belongs to the fictional demo partnership.
        </p>
      ) : null}
      <RequestContent r={{ ...r }} />
      <DecisionSection r={{ ...r }} />
      <h2>Published documents</h2>
      <DocumentsList requestId={r.id} documents={d.documents} />
      <h2>Published steps</h2>
      <Timeline events={d.events} showActors={false} />
    </>
  );
}

/** A partnership's register of land (chosen with the form), with the community bodies it involves. */
export function LandRegistersView({
  options,
  query,
  p,
  rows,
  involved,
}: {
  options: Option[];
  query: { partnership?: string | undefined; q?: string | undefined };
  p: PartnershipRef | null;
  rows: Awaited<ReturnType<LandRegisterService['list']>>;
  involved: Awaited<ReturnType<CommunityBodiesService['involvedPublic']>>;
}) {
  return (
    <>
      <form method="get" action="/registers/land" class="cairn-filters">
        <SelectField
          name="partnership"
          label="Partnership"
          options={options}
          value={query.partnership ?? ''}
          placeholder="Choose a partnership"
        />
        <TextField name="q" label="Search" hint="Name, address, postcode or reference" value={query.q ?? ''} />
        <button type="submit" class="ds_button ds_button--secondary">
          Show
        </button>
      </form>
      {p ? (
        <>
          <p role="status">
            {rows.length} {rows.length === 1 ? 'entry' : 'entries'}.{' '}
            <a href={`/registers/land.csv?partnership=${p.code}`}>Download as CSV</a>
          </p>
          <Table
            caption={`Register of land and buildings, ${p.name}`}
            rows={rows}
            empty="No land or buildings are registered."
            columns={[
              { header: 'Reference', cell: (a) => a.reference },
              { header: 'Name', cell: (a) => a.name },
              { header: 'Type', cell: (a) => ASSET_TYPE_LABELS[a.asset_type] },
              { header: 'Address', cell: (a) => [a.address, a.postcode].filter(Boolean).join(', ') },
              {
                header: 'Area (ha)',
                cell: (a) => (a.area_hectares === null ? '—' : Number(a.area_hectares).toLocaleString('en-GB')),
                numeric: true,
              },
              { header: 'Owner', cell: (a) => a.owner_name },
            ]}
          />
          <h2>Community bodies the partnership involves</h2>
          <Table
            caption="Community bodies involved"
            rows={involved}
            empty="None recorded."
            columns={[
              { header: 'Name', cell: (b) => b.name },
              { header: 'Type', cell: (b) => bodyTypeLabel(b.body_type) },
              { header: 'Community', cell: (b) => b.community },
            ]}
          />
        </>
      ) : (
        <p>Choose a partnership to see its register.</p>
      )}
    </>
  );
}

/** The yearly report on one kind of request in one partnership: totals as a chart, and each group's table. */
export function AnnualReportView({
  report,
  query,
  csvHref,
}: {
  report: Awaited<ReturnType<RegistersService['annualReport']>>;
  query: { kind: RequestKind; year: number };
  csvHref: string;
}) {
  const totals = report.lines.filter((l) => l.group === 'Totals');
  const groups = [...new Set(report.lines.map((l) => l.group))];
  const what = `${kindLabel(query.kind)}s`;
  return (
    <>
      {report.partnership.fictional ? (
        <p>
          <Tag colour="yellow">Demo – fictional</Tag> The demo partnership’s requests are invented.
        </p>
      ) : null}
      <p>
        {what} made to the public service authorities of {report.partnership.name}, reporting year {report.year.words}
        {query.kind === 'participation' ? ' (section 32 of the Community Empowerment (Scotland) Act 2015)' : ''}.
        Counted from the requests in Cairn.
      </p>
      <figure class="cairn-chart">
        {raw(
          barChartSvg(
            totals.map((l) => ({ label: l.label, value: l.count })),
            { title: `${what}, ${report.year.label}: totals` },
          ),
        )}
        <figcaption>Totals for the year; the table below gives the same figures.</figcaption>
      </figure>
      {groups.map((g) => (
        <>
          <h2>{g}</h2>
          <Table
            caption={g}
            rows={report.lines.filter((l) => l.group === g)}
            empty="None."
            columns={[
              { header: '', cell: (l) => l.label },
              { header: 'Number', cell: (l) => l.count, numeric: true },
            ]}
          />
        </>
      ))}
      <p>
        <a href={csvHref}>Download as CSV</a> ·{' '}
        <a
          href={`/registers/annual-report?partnership=${report.partnership.code}&kind=${query.kind}&year=${query.year - 1}`}
        >
          {report.previous.label}
        </a>{' '}
        ·{' '}
        <a
          href={`/registers/annual-report?partnership=${report.partnership.code}&kind=${query.kind === 'participation' ? 'asset_transfer' : 'participation'}&year=${query.year}`}
        >
          {query.kind === 'participation' ? 'Asset transfer requests' : 'Participation requests'} for the same year
        </a>
      </p>
    </>
  );
}
