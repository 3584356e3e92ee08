import type { Context } from 'hono';
import { z } from 'zod';
import { can } from '../../core/access/actor.ts';
import { NotFoundError } from '../../core/errors.ts';
import { setFlash } from '../../core/http/cookies.ts';
import type { AppEnv, PartnershipRef } from '../../core/http/env.ts';
import { PageViewQuery, partnershipHref, showsMembersPage } from '../../core/http/paths.ts';
import { requestContext, type Router } from '../../core/http/router.ts';
import { idParam } from '../../core/http/params.ts';
import { csvResponse, fileResponse } from '../../core/ui/components.tsx';
import { render } from '../../core/ui/layout.tsx';
import { partnershipNav } from '../../core/ui/partnership-nav.ts';
import type { Config } from '../../config.ts';
import type { PartnershipsService } from '../partnerships/index.ts';
import { BoardPaperSchema, boardPaperDocx, reportPaper } from './board-paper.ts';
import { reportDocx } from './report-docx.ts';
import { reportCsv } from './reports.presenters.ts';
import type { ReportsService } from './reports.service.ts';
import { LiveReportPage, PublishedReportPage, PublishedReportsList, ReportYearsPage } from './reports.views.tsx';

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
  reportYearsRoutes(router, deps);
  liveReportPageRoutes(router, deps);
  liveReportFileRoutes(router, deps);
  publishReportRoutes(router, deps);
  publishedReportRoutes(router, deps);
}

/** GET …/reports: the published reports for everyone, every reporting year for the partnership's people. */
function reportYearsRoutes(router: Router, deps: ReportsRoutesDeps): void {
  const svc = deps.reports;
  const publishedList = publishedListFor(deps);

  router.route(
    {
      method: 'GET',
      path: '/partnerships/:partnership/reports',
      permission: 'plan:read',
      kind: 'page',
      summary:
        'A partnership’s annual progress reports: the published ones for everyone; every reporting year, published or not, for its people',
      query: PageViewQuery,
    },
    async (c, { partnership: p, ctx, query }) => {
      if (!showsMembersPage(ctx.actor, p.id, query)) return publishedList(c, p);
      const { years } = await svc.years(ctx, p);
      return render(c, {
        title: 'Annual progress reports',
        label: p.name,
        wide: true,
        subnav: partnershipNav(c, p),
        children: (
          <ReportYearsPage
            years={years}
            hrefs={{
              live: (year) => partnershipHref(p.code, 'reports', year, 'live'),
              published: (year) => partnershipHref(p.code, 'reports', year),
            }}
          />
        ),
      });
    },
  );
}

/** GET …/reports/:year/live: the annual report from live data, with its published versions. */
function liveReportPageRoutes(router: Router, deps: ReportsRoutesDeps): void {
  const svc = deps.reports;

  router.route(
    {
      method: 'GET',
      path: '/partnerships/:partnership/reports/:year/live',
      permission: 'partnership:read',
      kind: 'page',
      summary: 'The annual progress report for a reporting year, from live data, with its published versions',
    },
    async (c, { partnership: p, ctx }) => {
      const year = yearOf(c);
      const [r, published] = await Promise.all([svc.build(ctx, p, year), svc.published(ctx, p.id)]);
      const versions = published.filter((x) => x.year === year);
      const live = (...segments: string[]) => partnershipHref(p.code, 'reports', year, ...segments);
      const hrefs = {
        published: partnershipHref(p.code, 'reports', year),
        publish: live('publish'),
        docx: live('report.docx'),
        years: partnershipHref(p.code, 'reports'),
        boardPaper: live('board-paper.docx'),
        csv: live('measures.csv'),
      };
      return render(c, {
        title: `Annual progress report ${r.yearLabel}`,
        label: p.name,
        wide: true,
        subnav: partnershipNav(c, p),
        children: (
          <LiveReportPage
            r={r}
            partnershipName={p.name}
            versions={versions}
            canPublish={can(ctx.actor, 'plan:publish', p.id)}
            csrfToken={c.get('csrfToken')}
            hrefs={hrefs}
          />
        ),
      });
    },
  );
}

/** The live annual report's files: its board paper, measures CSV and Word document. */
function liveReportFileRoutes(router: Router, deps: ReportsRoutesDeps): void {
  const svc = deps.reports;
  const docx = (c: Context<AppEnv>, name: string, bytes: Buffer) => fileResponse(c, 'docx', name, bytes);

  router.route(
    {
      method: 'GET',
      path: '/partnerships/:partnership/reports/:year/board-paper.docx',
      permission: 'partnership:read',
      kind: 'file',
      summary: 'A board paper presenting the annual report, drafted as a Word document (.docx) to edit',
      query: BoardPaperSchema,
    },
    async (c, { partnership: p, ctx, query }) => {
      const year = yearOf(c);
      const r = await svc.build(ctx, p, year);
      const bytes = await boardPaperDocx(
        reportPaper(r, query, `${deps.config.baseUrl}${partnershipHref(p.code, 'reports', year, 'live')}`),
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
      path: '/partnerships/:partnership/reports/:year/measures.csv',
      permission: 'partnership:read',
      kind: 'file',
      summary: 'The measures of the annual report from live data, as CSV',
    },
    async (c, { partnership: p, ctx }) => {
      const r = await svc.build(ctx, p, yearOf(c));
      return csvResponse(c, `${p.code}-annual-report-${r.yearLabel.replace('/', '-')}-measures.csv`, reportCsv(r));
    },
  );

  router.route(
    {
      method: 'GET',
      path: '/partnerships/:partnership/reports/:year/report.docx',
      permission: 'partnership:read',
      kind: 'file',
      summary: 'The annual report from live data as a Word document (.docx)',
    },
    async (c, { partnership: p, ctx }) => {
      const r = await svc.build(ctx, p, yearOf(c));
      return docx(c, `${p.code}-annual-report-${r.yearLabel.replace('/', '-')}.docx`, await reportDocx(r));
    },
  );
}

/** POST …/reports/:year/publish: publishing a new version of the annual report. */
function publishReportRoutes(router: Router, deps: ReportsRoutesDeps): void {
  const svc = deps.reports;

  router.route(
    {
      method: 'POST',
      path: '/partnerships/:partnership/reports/:year/publish',
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
      return c.redirect(partnershipHref(p.code, 'reports', row.year), 303);
    },
  );
}

/** The published reports, as everyone sees them (a member too, with `?view=public`). */
function publishedListFor(deps: ReportsRoutesDeps) {
  const svc = deps.reports;

  return async (c: Context<AppEnv>, p: PartnershipRef) => {
    const ctx = requestContext(c);
    const list = await svc.published(ctx, p.id);
    return render(c, {
      title: 'Annual progress reports',
      label: p.name,
      children: (
        <PublishedReportsList
          list={list}
          href={(year, version) => partnershipHref(p.code, 'reports', year, 'v', version)}
        />
      ),
    });
  };
}

/** A published report for everyone: the latest or one version of a year, and each version's Word document and CSV. */
function publishedReportRoutes(router: Router, deps: ReportsRoutesDeps): void {
  const svc = deps.reports;
  const docx = (c: Context<AppEnv>, name: string, bytes: Buffer) => fileResponse(c, 'docx', name, bytes);

  const publishedPage = async (c: Context<AppEnv>, p: PartnershipRef, version?: number) => {
    const ctx = requestContext(c);
    const year = yearOf(c);
    const f = await svc.frozen(ctx, p.id, year, version);
    const frozen = (file: string) => partnershipHref(p.code, 'reports', year, 'v', f.version, file);
    return render(c, {
      title: `Annual progress report ${f.content.yearLabel}`,
      label: p.name,
      wide: true,
      crumbs: [{ href: partnershipHref(p.code, 'reports'), label: 'Annual reports' }],
      children: (
        <PublishedReportPage
          content={f.content}
          version={f.version}
          publishedAt={f.publishedAt}
          hrefs={{ csv: frozen('measures.csv'), docx: frozen('report.docx') }}
        />
      ),
    });
  };

  router.route(
    {
      method: 'GET',
      path: '/partnerships/:partnership/reports/:year',
      permission: 'plan:read',
      kind: 'page',
      summary: 'The latest published annual progress report for a year',
    },
    (c, { partnership: p }) => publishedPage(c, p),
  );
  router.route(
    {
      method: 'GET',
      path: '/partnerships/:partnership/reports/:year/v/:version',
      permission: 'plan:read',
      kind: 'page',
      summary: 'One published version of an annual progress report (permanent)',
    },
    (c, { partnership: p }) => publishedPage(c, p, idParam(c, 'version')),
  );
  router.route(
    {
      method: 'GET',
      path: '/partnerships/:partnership/reports/:year/v/:version/report.docx',
      permission: 'plan:read',
      kind: 'file',
      summary: 'A published annual report as a Word document (.docx)',
    },
    async (c, { ctx, partnership: p }) => {
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
      path: '/partnerships/:partnership/reports/:year/v/:version/measures.csv',
      permission: 'plan:read',
      kind: 'file',
      summary: 'The measures of a published annual report, as CSV',
    },
    async (c, { ctx, partnership: p }) => {
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
