import { z } from 'zod';
import { toCsv } from '../../core/csv.ts';
import { NotFoundError } from '../../core/errors.ts';
import type { Router } from '../../core/http/router.ts';
import { codeParam } from '../../core/http/params.ts';
import { barChartSvg } from '../../core/ui/charts.ts';
import { csvResponse, formatDate, SelectField, Table, Tag, TextField } from '../../core/ui/components.tsx';
import { render } from '../../core/ui/layout.tsx';
import { raw } from 'hono/html';
import { REQUEST_KINDS } from '../../db/schema.ts';
import { AnnualReportQuery, ASSET_TYPE_LABELS, blankIsMissing, RegisterQuery } from './community.schemas.ts';
import {
  bodyTypeLabel,
  DecisionSection,
  DocumentsList,
  kindLabel,
  RequestContent,
  StatusTag,
  Timeline,
} from './views.tsx';
import { STATUS_LABELS, STATUSES } from './workflow.ts';
import { todayIn, type Clock } from '../../core/time.ts';
import type { Config } from '../../config.ts';
import type { DeadlinesService } from '../deadlines/index.ts';
import type { CommunityBodiesService, ListPartnerships, ResolvePartnership } from './bodies.service.ts';
import type { LandRegisterService } from './land.service.ts';
import type { RegistersService } from './registers.service.ts';
import type { RequestsService } from './requests.service.ts';
import { RegisteredRequestList } from './community.api-schemas.ts';

/** What the public registers use: exactly these. */
export interface RegistersRoutesDeps {
  clock: Clock;
  config: Pick<Config, 'baseUrl'>;
  deadlines: DeadlinesService;
  registers: RegistersService;
  requests: RequestsService;
  communityBodies: CommunityBodiesService;
  landRegister: LandRegisterService;
  listPartnerships: ListPartnerships;
  resolvePartnership: ResolvePartnership;
}

const escapeXml = (s: string) =>
  s.replace(
    /[<>&'"]/g,
    (ch) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[ch] as string,
  );

export function registersRoutes(router: Router, deps: RegistersRoutesDeps): void {
  const partnershipOptions = async () =>
    (await deps.listPartnerships({ actor: { kind: 'anonymous' }, ip: null, requestId: 'list' })).map((p) => ({
      value: p.code,
      label: p.fictional ? `${p.name} (demo)` : p.councilAreaName,
    }));

  router.route(
    {
      method: 'GET',
      path: '/registers',
      permission: 'register:read',
      kind: 'page',
      summary: 'Public registers of the Community Empowerment (Scotland) Act 2015',
    },
    async (c) => {
      const options = await partnershipOptions();
      const year = (await deps.deadlines.yearOf('request-annual-reports', todayIn(deps.clock))) - 1;
      const example = await deps.deadlines.yearSpan('request-annual-reports', year);
      return render(c, {
        title: 'Public registers',
        children: (
          <>
            <p>
              What every public service authority must make public under the Community Empowerment (Scotland) Act 2015,
              in one place, for every partnership using Cairn.
            </p>
            <ul>
              <li>
                <a href="/registers/requests?kind=participation">Participation requests</a> (Part 3): each request once
                validated, its decision notice, the outcome improvement process and its final report.
              </li>
              <li>
                <a href="/registers/requests?kind=asset_transfer">Asset transfer requests</a> (Part 5): each request
                once validated, its decision notice, reviews and appeals.
              </li>
              <li>
                <a href="/registers/land">Registers of land</a>: the land and buildings authorities hold, which
                community transfer bodies may ask to take on.
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
              <SelectField
                name="partnership"
                label="Partnership"
                options={options}
                placeholder="Choose a partnership"
              />
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
        ),
      });
    },
  );

  router.route(
    {
      method: 'GET',
      path: '/registers/requests',
      permission: 'register:read',
      kind: 'page',
      summary: 'Register of participation and asset transfer requests (searchable)',
      query: RegisterQuery,
    },
    async (c, { ctx, query }) => {
      const [rows, options] = await Promise.all([deps.registers.requests(ctx, query), partnershipOptions()]);
      const csvHref = `/registers/requests.csv?${new URLSearchParams(Object.entries(query).filter(([, v]) => v) as [string, string][]).toString()}`;
      return render(c, {
        title: query.kind ? `Register of ${kindLabel(query.kind).toLowerCase()}s` : 'Register of requests',
        wide: true,
        crumbs: [{ href: '/registers', label: 'Registers' }],
        children: (
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
                options={STATUSES.filter(
                  (s) => s !== 'draft' && s !== 'submitted' && s !== 'information_requested',
                ).map((s) => ({ value: s, label: STATUS_LABELS[s] }))}
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
        ),
      });
    },
  );

  router.route(
    {
      method: 'GET',
      path: '/registers/requests.csv',
      permission: 'register:read',
      kind: 'file',
      summary: 'The register of requests as CSV',
      query: RegisterQuery,
    },
    async (c, { ctx, query }) => {
      const rows = await deps.registers.requests(ctx, query, 100_000);
      return csvResponse(
        c,
        'cairn-register-of-requests.csv',
        toCsv(rows, [
          { header: 'reference', value: (r) => r.reference },
          { header: 'kind', value: (r) => r.kind },
          { header: 'title', value: (r) => r.title },
          { header: 'partnership', value: (r) => r.partnership_name },
          { header: 'community_body', value: (r) => r.body_name },
          { header: 'community_body_type', value: (r) => r.body_type },
          { header: 'authority', value: (r) => r.authority_name },
          { header: 'status', value: (r) => r.status },
          { header: 'validation_date', value: (r) => r.validation_date },
          { header: 'decision', value: (r) => r.decision },
          { header: 'decision_date', value: (r) => r.decision_date },
          { header: 'completed_on', value: (r) => r.completed_on },
          { header: 'fictional', value: (r) => r.fictional },
          { header: 'url', value: (r) => `${deps.config.baseUrl}/registers/requests/${r.reference}` },
        ]),
      );
    },
  );

  router.route(
    {
      method: 'GET',
      path: '/api/v1/registers/requests',
      permission: 'register:read',
      kind: 'api',
      tag: 'registers',
      summary: 'The public register of participation and asset transfer requests',
      query: RegisterQuery,
      operationId: 'listRegisteredRequests',
      response: RegisteredRequestList,
    },
    async (c, { ctx, query }) => {
      const rows = await deps.registers.requests(ctx, query);
      return c.json({
        data: rows.map((r) => ({
          reference: r.reference,
          kind: r.kind,
          title: r.title,
          partnership: r.partnership_code,
          communityBody: r.body_name,
          authority: r.authority_name,
          status: r.status,
          validationDate: r.validation_date,
          decision: r.decision,
          decisionDate: r.decision_date,
          fictional: r.fictional,
          url: `${deps.config.baseUrl}/registers/requests/${r.reference}`,
        })),
      });
    },
  );

  router.route(
    {
      method: 'GET',
      path: '/registers/requests/:reference',
      permission: 'register:read',
      kind: 'page',
      summary: 'A request in the public register, with its decision notice and reports',
    },
    async (c, { ctx }) => {
      const d = await deps.requests.forPublic(ctx, codeParam(c, 'reference'));
      const r = d.request;
      return render(c, {
        title: `${r.reference}: ${r.title}`,
        label: `${kindLabel(r.kind)} to ${r.authority_name}`,
        wide: true,
        crumbs: [
          { href: '/registers', label: 'Registers' },
          { href: `/registers/requests?kind=${r.kind}`, label: `${kindLabel(r.kind)}s` },
        ],
        children: (
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
        ),
      });
    },
  );

  router.route(
    {
      method: 'GET',
      path: '/registers/feed.atom',
      permission: 'register:read',
      kind: 'file',
      summary: 'Atom feed of what is newly published in the registers',
    },
    async (c, { ctx }) => {
      const entries = await deps.registers.feed(ctx);
      const base = deps.config.baseUrl;
      const updated = (entries[0]?.at ?? new Date(0)).toISOString();
      const xml = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom">',
        '<title>Cairn: participation and asset transfer requests</title>',
        `<id>${escapeXml(base)}/registers/feed.atom</id>`,
        `<link rel="self" href="${escapeXml(base)}/registers/feed.atom"/>`,
        `<link rel="alternate" href="${escapeXml(base)}/registers"/>`,
        `<updated>${updated}</updated>`,
        '<author><name>Cairn</name></author>',
        ...entries.map((e) =>
          [
            '<entry>',
            `<id>${escapeXml(base)}/registers/requests/${escapeXml(e.reference)}#event-${e.id}</id>`,
            `<title>${escapeXml(`${e.reference} ${e.title}: ${STATUS_LABELS[e.to_status as keyof typeof STATUS_LABELS] ?? e.to_status}`)}</title>`,
            `<link href="${escapeXml(base)}/registers/requests/${escapeXml(e.reference)}"/>`,
            `<updated>${e.at.toISOString()}</updated>`,
            `<summary>${escapeXml(`${kindLabel(e.kind)} from ${e.body_name} to ${e.authority_name}: ${e.action.replaceAll('_', ' ')}.${e.note ? ` ${e.note}` : ''}`)}</summary>`,
            '</entry>',
          ].join(''),
        ),
        '</feed>',
      ].join('\n');
      return c.body(xml, 200, { 'Content-Type': 'application/atom+xml; charset=utf-8' });
    },
  );

  const LandQuery = z.object({
    partnership: blankIsMissing(z.string().trim().max(64)),
    q: blankIsMissing(z.string().trim().max(200)),
  });

  router.route(
    {
      method: 'GET',
      path: '/registers/land',
      permission: 'register:read',
      kind: 'page',
      summary: 'Registers of land and buildings',
      query: LandQuery,
    },
    async (c, { ctx, query }) => {
      const options = await partnershipOptions();
      const p = query.partnership ? await deps.resolvePartnership(query.partnership) : null;
      const [rows, involved] = p
        ? await Promise.all([deps.landRegister.list(ctx, p.id, query.q), deps.communityBodies.involvedPublic(p.id)])
        : [[], []];
      return render(c, {
        title: p ? `Register of land: ${p.name}` : 'Registers of land',
        wide: true,
        crumbs: [{ href: '/registers', label: 'Registers' }],
        children: (
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
        ),
      });
    },
  );

  router.route(
    {
      method: 'GET',
      path: '/registers/land.csv',
      permission: 'register:read',
      kind: 'file',
      summary: 'A partnership’s register of land as CSV',
      query: LandQuery,
    },
    async (c, { ctx, query }) => {
      const p = query.partnership ? await deps.resolvePartnership(query.partnership) : null;
      if (!p) throw new NotFoundError('partnership');
      const rows = await deps.landRegister.list(ctx, p.id, query.q);
      return csvResponse(
        c,
        `${p.code}-register-of-land.csv`,
        toCsv(rows, [
          { header: 'owner', value: (a) => a.owner_name },
          { header: 'reference', value: (a) => a.reference },
          { header: 'name', value: (a) => a.name },
          { header: 'asset_type', value: (a) => a.asset_type },
          { header: 'address', value: (a) => a.address },
          { header: 'postcode', value: (a) => a.postcode },
          { header: 'description', value: (a) => a.description },
          { header: 'area_hectares', value: (a) => a.area_hectares },
          { header: 'uprn', value: (a) => a.uprn },
        ]),
      );
    },
  );

  router.route(
    {
      method: 'GET',
      path: '/registers/annual-report',
      permission: 'register:read',
      kind: 'page',
      summary: 'Annual report on participation or asset transfer requests',
      query: AnnualReportQuery,
    },
    async (c, { ctx, query }) => {
      const report = await deps.registers.annualReport(ctx, query.partnership, query.kind, query.year);
      const totals = report.lines.filter((l) => l.group === 'Totals');
      const groups = [...new Set(report.lines.map((l) => l.group))];
      const csvHref = `/registers/annual-report.csv?partnership=${report.partnership.code}&kind=${query.kind}&year=${query.year}`;
      const what = `${kindLabel(query.kind)}s`;
      return render(c, {
        title: `${what}: annual report ${report.year.label}`,
        label: report.partnership.name,
        wide: true,
        crumbs: [{ href: '/registers', label: 'Registers' }],
        children: (
          <>
            {report.partnership.fictional ? (
              <p>
                <Tag colour="yellow">Demo – fictional</Tag> The demo partnership’s requests are invented.
              </p>
            ) : null}
            <p>
              {what} made to the public service authorities of {report.partnership.name}, reporting year{' '}
              {report.year.words}
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
                {query.kind === 'participation' ? 'Asset transfer requests' : 'Participation requests'} for the same
                year
              </a>
            </p>
          </>
        ),
      });
    },
  );

  router.route(
    {
      method: 'GET',
      path: '/registers/annual-report.csv',
      permission: 'register:read',
      kind: 'file',
      summary: 'Annual report on participation or asset transfer requests, as CSV',
      query: AnnualReportQuery,
    },
    async (c, { ctx, query }) => {
      const report = await deps.registers.annualReport(ctx, query.partnership, query.kind, query.year);
      return csvResponse(
        c,
        `${report.partnership.code}-${query.kind}-requests-${report.year.label.replace('/', '-')}.csv`,
        toCsv(report.lines, [
          { header: 'partnership', value: () => report.partnership.name },
          { header: 'kind', value: () => query.kind },
          { header: 'reporting_year', value: () => report.year.label },
          { header: 'group', value: (l) => l.group },
          { header: 'item', value: (l) => l.label },
          { header: 'count', value: (l) => l.count },
        ]),
      );
    },
  );
}
