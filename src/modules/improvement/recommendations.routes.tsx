import type { Context } from 'hono';
import { sentText } from '../../core/http/forms.ts';
import { can } from '../../core/access/actor.ts';
import type { RequestContext } from '../../core/context.ts';
import type { FieldErrors } from '../../core/errors.ts';
import { setFlash } from '../../core/http/cookies.ts';
import type { AppEnv, PartnershipRef } from '../../core/http/env.ts';
import { idParam } from '../../core/http/params.ts';
import { partnershipHref } from '../../core/http/paths.ts';
import { requestContext, type Router } from '../../core/http/router.ts';
import { todayIn, type Clock } from '../../core/time.ts';
import { csvResponse, fileResponse } from '../../core/ui/components.tsx';
import { render } from '../../core/ui/layout.tsx';
import { partnershipNav } from '../../core/ui/partnership-nav.ts';
import type { PartnershipsService } from '../partnerships/index.ts';
import { RAG_LABEL } from '../plans/index.ts';
import { RecommendationReport, RecommendationReportList } from './recommendations.api-schemas.ts';
import { impactDocx } from './recommendations-docx.ts';
import { impactCsv } from './recommendations.presenters.ts';
import {
  AddRecommendationSchema,
  CreateReportSchema,
  ImpactQuery,
  LinkSchema,
  RateSchema,
  UnlinkSchema,
} from './recommendations.schemas.ts';
import { impactCsvRows, type RecommendationsService } from './recommendations.service.ts';
import { ImpactPage, PartnershipRecommendations, ReportList, ReportPage } from './recommendations.views.tsx';

type Raw = Record<string, unknown>;

const RECOMMENDATIONS_CRUMBS = [
  { href: '/improvement', label: 'Improvement' },
  { href: '/recommendations', label: 'Audit recommendations' },
];

/** What the recommendations routes use: their service, the partnerships (as addressees) and the clock. */
export interface RecommendationsRoutesDeps {
  recommendations: RecommendationsService;
  partnerships: Pick<PartnershipsService, 'list'>;
  clock: Clock;
}

/** The list of reports (GET /recommendations) and adding a report (POST). */
function reportListRoutes(router: Router, deps: RecommendationsRoutesDeps): void {
  const svc = deps.recommendations;

  const listPage = async (c: Context<AppEnv>, raw: Raw, errors: FieldErrors | null) => {
    const ctx = requestContext(c);
    const reports = await svc.listReports(ctx);
    return render(c, {
      title: errors ? 'Error: Audit recommendations' : 'Audit recommendations',
      crumbs: [{ href: '/improvement', label: 'Improvement' }],
      children: (
        <ReportList
          reports={reports}
          manage={can(ctx.actor, 'recommendation:manage')}
          raw={raw}
          errors={errors}
          csrfToken={c.get('csrfToken')}
        />
      ),
    });
  };

  router.route(
    {
      method: 'GET',
      path: '/recommendations',
      permission: 'recommendation:read',
      kind: 'page',
      summary: 'Reports with recommendations on community planning',
    },
    (c) => listPage(c, {}, null),
  );

  router.route(
    {
      method: 'POST',
      path: '/recommendations',
      permission: 'recommendation:manage',
      kind: 'page',
      summary: 'Add a report with recommendations',
      body: CreateReportSchema,
      onInvalid: (c, e, raw) => listPage(c, raw, e.fields),
    },
    async (c, { ctx, body }) => {
      const row = await svc.createReport(ctx, body);
      setFlash(c, { kind: 'success', message: `${row.title} is added. Now add its recommendations.` });
      return c.redirect(`/recommendations/reports/${row.id}`, 303);
    },
  );
}

/** The recommendations API: the list of reports and one report. */
function recommendationsApiRoutes(router: Router, deps: RecommendationsRoutesDeps): void {
  const svc = deps.recommendations;

  router.route(
    {
      method: 'GET',
      path: '/api/v1/recommendations',
      permission: 'recommendation:read',
      kind: 'api',
      tag: 'recommendations',
      summary: 'Reports with recommendations on community planning',
      operationId: 'listRecommendationReports',
      response: RecommendationReportList,
    },
    async (c, { ctx }) => c.json(await svc.listReports(ctx)),
  );

  router.route(
    {
      method: 'GET',
      path: '/api/v1/recommendations/reports/:id',
      permission: 'recommendation:read',
      kind: 'api',
      tag: 'recommendations',
      summary: 'A report: its groups and recommendations, addressees, audit dimensions and every progress rating',
      operationId: 'getRecommendationReport',
      response: RecommendationReport,
    },
    async (c, { ctx }) => c.json(await svc.report(ctx, idParam(c, 'id'))),
  );
}

/** One report: its page, adding a recommendation to it and rating progress on one. */
function reportRoutes(router: Router, deps: RecommendationsRoutesDeps): void {
  const svc = deps.recommendations;
  /** The partnerships a recommendation may be addressed to, by name. */
  const partnershipChoices = async (ctx: RequestContext) =>
    (await deps.partnerships.list(ctx))
      .map(({ code, name }) => ({ code, name }))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));

  const reportPage = async (c: Context<AppEnv>, reportId: number, raw: Raw, errors: FieldErrors | null) => {
    const ctx = requestContext(c);
    const r = await svc.report(ctx, reportId);
    const manage = can(ctx.actor, 'recommendation:manage');
    const [dimensions, partnerships, organisations] = manage
      ? await Promise.all([svc.dimensions(), partnershipChoices(ctx), svc.nationalOrganisations()])
      : [[], [], []];
    return render(c, {
      title: errors ? `Error: ${r.title}` : r.title,
      label: r.publisher,
      wide: true,
      crumbs: RECOMMENDATIONS_CRUMBS,
      children: (
        <ReportPage
          r={r}
          manage={manage}
          dimensions={dimensions}
          partnerships={partnerships}
          organisations={organisations}
          today={todayIn(deps.clock)}
          raw={raw}
          errors={errors}
          csrfToken={c.get('csrfToken')}
        />
      ),
    });
  };

  router.route(
    {
      method: 'GET',
      path: '/recommendations/reports/:id',
      permission: 'recommendation:read',
      kind: 'page',
      summary: 'A report: its recommendations, addressees, audit dimensions, latest rating and every earlier one',
    },
    (c) => reportPage(c, idParam(c, 'id'), {}, null),
  );

  router.route(
    {
      method: 'POST',
      path: '/recommendations/reports/:id/recommendations',
      permission: 'recommendation:manage',
      kind: 'page',
      summary: 'Add a recommendation to a report: text, reference, group, addressees, audit dimensions',
      body: AddRecommendationSchema,
      onInvalid: (c, e, raw) => reportPage(c, idParam(c, 'id'), { ...raw, _form: 'rec' }, e.fields),
    },
    async (c, { ctx, body }) => {
      const id = idParam(c, 'id');
      const row = await svc.addRecommendation(ctx, id, body);
      setFlash(c, { kind: 'success', message: `Recommendation ${row.ref} is added.` });
      return c.redirect(`/recommendations/reports/${id}`, 303);
    },
  );

  router.route(
    {
      method: 'POST',
      path: '/recommendations/reports/:id/progress',
      permission: 'recommendation:manage',
      kind: 'page',
      summary:
        'Rate progress on a recommendation (Green, Amber or Red, with narrative, evidence and date); earlier ratings are kept',
      body: RateSchema,
      onInvalid: (c, e, raw) => reportPage(c, idParam(c, 'id'), { ...raw, _form: 'rate' }, e.fields),
    },
    async (c, { ctx, body }) => {
      const id = idParam(c, 'id');
      await svc.rate(ctx, id, body);
      setFlash(c, { kind: 'success', message: `The ${RAG_LABEL[body.rating]} rating is added.` });
      return c.redirect(`/recommendations/reports/${id}`, 303);
    },
  );
}

/** A report’s impact table: as a page, as a Word document and as CSV. */
function impactRoutes(router: Router, deps: RecommendationsRoutesDeps): void {
  const svc = deps.recommendations;

  router.route(
    {
      method: 'GET',
      path: '/recommendations/reports/:id/impact',
      permission: 'recommendation:read',
      kind: 'page',
      summary:
        'The impact table of a report: each group of recommendations with its audit dimensions and progress ratings as at a date',
      query: ImpactQuery,
    },
    async (c, { ctx, query }) => {
      const t = await svc.impact(ctx, idParam(c, 'id'), query.date);
      return render(c, {
        title: `Progress on implementing recommendations: ${t.report.title}`,
        label: t.report.publisher,
        wide: true,
        crumbs: [...RECOMMENDATIONS_CRUMBS, { href: `/recommendations/reports/${t.report.id}`, label: t.report.title }],
        children: <ImpactPage t={t} />,
      });
    },
  );

  router.route(
    {
      method: 'GET',
      path: '/recommendations/reports/:id/impact.docx',
      permission: 'recommendation:read',
      kind: 'file',
      summary: 'The impact table of a report as a Word document (.docx), ratings as at a date',
      query: ImpactQuery,
    },
    async (c, { ctx, query }) => {
      const t = await svc.impact(ctx, idParam(c, 'id'), query.date);
      return fileResponse(c, 'docx', `recommendations-${t.report.id}-impact-${t.date}.docx`, await impactDocx(t));
    },
  );

  router.route(
    {
      method: 'GET',
      path: '/recommendations/reports/:id/impact.csv',
      permission: 'recommendation:read',
      kind: 'file',
      summary: 'The impact table of a report as CSV: one row per recommendation with its rating as at a date',
      query: ImpactQuery,
    },
    async (c, { ctx, query }) => {
      const r = await svc.report(ctx, idParam(c, 'id'));
      const date = query.date ?? todayIn(deps.clock);
      return csvResponse(c, `recommendations-${r.id}-impact-${date}.csv`, impactCsv(impactCsvRows(r, date)));
    },
  );
}

/** The partnership’s answers: its recommendations page, linking an improvement action and unlinking one. */
function partnershipAnswerRoutes(router: Router, deps: RecommendationsRoutesDeps): void {
  const svc = deps.recommendations;

  const partnershipPage = async (c: Context<AppEnv>, p: PartnershipRef, raw: Raw, errors: FieldErrors | null) => {
    const ctx = requestContext(c);
    const view = await svc.forPartnership(ctx, p);
    return render(c, {
      title: errors ? 'Error: Audit recommendations to the partnership' : 'Audit recommendations to the partnership',
      label: p.name,
      wide: true,
      subnav: partnershipNav(c, p),
      crumbs: [{ href: partnershipHref(p.code, 'improvement'), label: 'Improvement' }],
      children: (
        <PartnershipRecommendations
          p={p}
          view={view}
          respond={can(ctx.actor, 'recommendation:respond', p.id)}
          raw={raw}
          errors={errors}
          csrfToken={c.get('csrfToken')}
        />
      ),
    });
  };

  router.route(
    {
      method: 'GET',
      path: '/partnerships/:partnership/improvement/recommendations',
      permission: 'improvement:read',
      kind: 'page',
      summary: 'The recommendations addressed to the partnership and the improvement actions that answer them',
    },
    (c, { partnership: p }) => partnershipPage(c, p, {}, null),
  );

  router.route(
    {
      method: 'POST',
      path: '/partnerships/:partnership/improvement/recommendations/link',
      permission: 'recommendation:respond',
      kind: 'page',
      summary: 'Link an action of the partnership’s improvement plan to a recommendation it answers',
      body: LinkSchema,
      onInvalid: (c, e, raw, p) =>
        partnershipPage(c, p, { ...raw, _form: `link-${sentText(raw, 'recommendation_id')}` }, e.fields),
    },
    async (c, { partnership: p, ctx, body }) => {
      await svc.link(ctx, p, body);
      setFlash(c, { kind: 'success', message: 'The improvement action is linked.' });
      return c.redirect(partnershipHref(p.code, 'improvement', 'recommendations'), 303);
    },
  );

  router.route(
    {
      method: 'POST',
      path: '/partnerships/:partnership/improvement/recommendations/unlink',
      permission: 'recommendation:respond',
      kind: 'page',
      summary: 'Remove the link between an improvement action and a recommendation',
      body: UnlinkSchema,
    },
    async (c, { partnership: p, ctx, body }) => {
      await svc.unlink(ctx, p, body);
      setFlash(c, { kind: 'success', message: 'The link is removed.' });
      return c.redirect(partnershipHref(p.code, 'improvement', 'recommendations'), 303);
    },
  );
}

export function recommendationsRoutes(router: Router, deps: RecommendationsRoutesDeps): void {
  reportListRoutes(router, deps);
  recommendationsApiRoutes(router, deps);
  reportRoutes(router, deps);
  impactRoutes(router, deps);
  partnershipAnswerRoutes(router, deps);
}
