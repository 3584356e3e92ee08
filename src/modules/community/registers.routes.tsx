import { z } from 'zod';
import { toCsv } from '../../core/csv.ts';
import { NotFoundError } from '../../core/errors.ts';
import type { Router } from '../../core/http/router.ts';
import { codeParam } from '../../core/http/params.ts';
import { csvResponse } from '../../core/ui/components.tsx';
import { render } from '../../core/ui/layout.tsx';
import { AnnualReportQuery, blankIsMissing, RegisterQuery } from './community.schemas.ts';
import { kindLabel } from './request-parts.views.tsx';
import { todayIn, type Clock } from '../../core/time.ts';
import type { Config } from '../../config.ts';
import type { DeadlinesService } from '../deadlines/index.ts';
import type { CommunityBodiesService, ListPartnerships, ResolvePartnership } from './bodies.service.ts';
import type { LandRegisterService } from './land.service.ts';
import { registerCsvColumns, registeredRequestsJson, registersFeedXml } from './registers.presenters.ts';
import type { RegistersService } from './registers.service.ts';
import {
  AnnualReportView,
  LandRegistersView,
  PublicRequestView,
  RegisterOfRequestsView,
  RegistersIndexView,
} from './registers.views.tsx';
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

/** The partnerships to choose from in the registers' search forms. */
function partnershipOptionsFor(deps: RegistersRoutesDeps) {
  return async () =>
    (await deps.listPartnerships({ actor: { kind: 'anonymous' }, ip: null, requestId: 'list' })).map((p) => ({
      value: p.code,
      label: p.fictional ? `${p.name} (demo)` : p.councilAreaName,
    }));
}

/** GET /registers: the index of the public registers. */
function registersIndexRoutes(router: Router, deps: RegistersRoutesDeps): void {
  const partnershipOptions = partnershipOptionsFor(deps);

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
        children: <RegistersIndexView options={options} year={year} example={example} />,
      });
    },
  );
}

/** The register of requests: its page, CSV, API, and one request’s public page. */
function requestsRegisterRoutes(router: Router, deps: RegistersRoutesDeps): void {
  const partnershipOptions = partnershipOptionsFor(deps);

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
        children: <RegisterOfRequestsView rows={rows} options={options} query={query} csvHref={csvHref} />,
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
      return csvResponse(c, 'cairn-register-of-requests.csv', toCsv(rows, registerCsvColumns(deps.config.baseUrl)));
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
      return c.json(registeredRequestsJson(rows, deps.config.baseUrl));
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
        children: <PublicRequestView d={d} />,
      });
    },
  );
}

/** GET /registers/feed.atom: the Atom feed of the registers. */
function registersFeedRoutes(router: Router, deps: RegistersRoutesDeps): void {
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
      const xml = registersFeedXml(entries, deps.config.baseUrl);
      return c.body(xml, 200, { 'Content-Type': 'application/atom+xml; charset=utf-8' });
    },
  );
}

/** The registers of land: page and CSV. */
function landRegistersRoutes(router: Router, deps: RegistersRoutesDeps): void {
  const partnershipOptions = partnershipOptionsFor(deps);

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
        children: <LandRegistersView options={options} query={query} p={p} rows={rows} involved={involved} />,
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
}

/** The annual report on requests: page and CSV. */
function annualReportRoutes(router: Router, deps: RegistersRoutesDeps): void {
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
      const csvHref = `/registers/annual-report.csv?partnership=${report.partnership.code}&kind=${query.kind}&year=${query.year}`;
      return render(c, {
        title: `${kindLabel(query.kind)}s: annual report ${report.year.label}`,
        label: report.partnership.name,
        wide: true,
        crumbs: [{ href: '/registers', label: 'Registers' }],
        children: <AnnualReportView report={report} query={query} csvHref={csvHref} />,
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

export function registersRoutes(router: Router, deps: RegistersRoutesDeps): void {
  registersIndexRoutes(router, deps);
  requestsRegisterRoutes(router, deps);
  registersFeedRoutes(router, deps);
  landRegistersRoutes(router, deps);
  annualReportRoutes(router, deps);
}
