import type { Context } from 'hono';
import { z } from 'zod';
import { can } from '../../core/access/actor.ts';
import type { FieldErrors } from '../../core/errors.ts';
import { setFlash } from '../../core/http/cookies.ts';
import type { AppEnv, PartnershipRef } from '../../core/http/env.ts';
import { idParam } from '../../core/http/params.ts';
import { partnershipHref } from '../../core/http/paths.ts';
import { requestContext, type Router } from '../../core/http/router.ts';
import { csvResponse } from '../../core/ui/components.tsx';
import { render } from '../../core/ui/layout.tsx';
import { partnershipNav } from '../../core/ui/partnership-nav.ts';
import type { PartnershipsService } from '../partnerships/index.ts';
import { PublishedSelfEvaluations, SelfEvaluationSpread } from './self-evaluation.api-schemas.ts';
import { overYearsCsv, publishedSelfEvaluationsJson, spreadCsv, spreadJson } from './self-evaluation.presenters.ts';
import {
  BodyViewSchema,
  FrameworkSchema,
  OverYearsQuery,
  PartnerViewSchema,
  ScoresSchema,
  SpreadQuery,
  StartEvaluationSchema,
} from './self-evaluation-schemas.ts';
import { SelfEvaluationService } from './self-evaluation.service.ts';
import {
  BodyViewsPage,
  OverYearsPage,
  PublishedYearPage,
  SelfEvaluationListPage,
  selfEvaluationHref,
  SpreadPage,
  YearPage,
} from './self-evaluation.views.tsx';

/** What the self-evaluation routes use: their service, and a partnership's organisations and lookup by code. */
export interface SelfEvaluationRoutesDeps {
  selfEvaluation: SelfEvaluationService;
  partnerships: Pick<PartnershipsService, 'organisations' | 'resolve'>;
}

const improvementCrumb = (p: PartnershipRef) => ({
  href: partnershipHref(p.code, 'improvement'),
  label: 'Improvement',
});
const crumbs = (p: PartnershipRef) => [
  improvementCrumb(p),
  { href: selfEvaluationHref(p.code), label: 'Self-evaluation' },
];

/** The partnership’s own: the list page, starting a year, and adding a framework of its own. */
function ownListRoutes(router: Router, deps: SelfEvaluationRoutesDeps): void {
  const svc = deps.selfEvaluation;
  // ---- The partnership's own: the list, starting a year, frameworks of its own
  const listPage = async (
    c: Context<AppEnv>,
    p: PartnershipRef,
    raw: Record<string, unknown>,
    errors: FieldErrors | null,
  ) => {
    const ctx = requestContext(c);
    const [list, frameworks] = await Promise.all([svc.list(ctx, p), svc.frameworks(ctx, p)]);
    return render(c, {
      title: errors ? 'Error: self-evaluation' : 'Self-evaluation',
      label: p.name,
      wide: true,
      crumbs: [improvementCrumb(p)],
      subnav: partnershipNav(c, p),
      children: (
        <SelfEvaluationListPage
          p={p}
          list={list}
          frameworks={frameworks}
          year={svc.currentYear()}
          mayScore={can(ctx.actor, 'self-evaluation:score', p.id)}
          token={c.get('csrfToken')}
          raw={raw}
          errors={errors}
        />
      ),
    });
  };

  router.route(
    {
      method: 'GET',
      path: '/partnerships/:partnership/improvement/self-evaluation',
      permission: 'improvement:read',
      kind: 'page',
      summary: 'The partnership’s self-evaluations by year and framework',
    },
    (c, { partnership: p }) => listPage(c, p, {}, null),
  );

  router.route(
    {
      method: 'POST',
      path: '/partnerships/:partnership/improvement/self-evaluation',
      permission: 'self-evaluation:score',
      kind: 'page',
      summary: 'Start the partnership’s self-evaluation against a framework for a year',
      body: StartEvaluationSchema,
      onInvalid: (c, e, raw, p) => listPage(c, p, raw, e.fields),
    },
    async (c, { partnership: p, ctx, body }) => {
      const row = await svc.start(ctx, p, body);
      setFlash(c, { kind: 'success', message: `The ${row.year} self-evaluation is started as a draft.` });
      return c.redirect(selfEvaluationHref(p.code, row.id), 303);
    },
  );

  router.route(
    {
      method: 'POST',
      path: '/partnerships/:partnership/improvement/self-evaluation/frameworks',
      permission: 'self-evaluation:score',
      kind: 'page',
      summary: 'Add a self-evaluation framework of the partnership’s own: criteria and scale',
      body: FrameworkSchema,
      onInvalid: (c, e, raw, p) => listPage(c, p, raw, e.fields),
    },
    async (c, { partnership: p, ctx, body }) => {
      const f = await svc.addFramework(ctx, p, body);
      setFlash(c, { kind: 'success', message: `The framework “${f.name}” is added.` });
      return c.redirect(selfEvaluationHref(p.code), 303);
    },
  );
}

/** Scores over the years: the page and its CSV. */
function overYearsRoutes(router: Router, deps: SelfEvaluationRoutesDeps): void {
  const svc = deps.selfEvaluation;
  // ---- Scores over the years (registered before /:evaluationId)
  router.route(
    {
      method: 'GET',
      path: '/partnerships/:partnership/improvement/self-evaluation/over-years',
      permission: 'improvement:read',
      kind: 'page',
      summary: 'The partnership’s self-evaluation scores over the years, per criterion: charts and table',
      query: OverYearsQuery,
    },
    async (c, { partnership: p, ctx, query }) => {
      const d = await svc.overYears(ctx, p, query.framework);
      return render(c, {
        title: `Scores over the years: ${d.framework.name}`,
        label: p.name,
        wide: true,
        crumbs: crumbs(p),
        subnav: partnershipNav(c, p),
        children: <OverYearsPage p={p} d={d} />,
      });
    },
  );

  router.route(
    {
      method: 'GET',
      path: '/partnerships/:partnership/improvement/self-evaluation/over-years.csv',
      permission: 'improvement:read',
      kind: 'file',
      summary: 'The partnership’s self-evaluation scores over the years as CSV (criterion, year, status, score)',
      query: OverYearsQuery,
    },
    async (c, { partnership: p, ctx, query }) => {
      const d = await svc.overYears(ctx, p, query.framework);
      return csvResponse(c, `${p.code}-self-evaluation-${d.framework.code}-over-years.csv`, overYearsCsv(d));
    },
  );
}

/** One year’s self-evaluation: its page, scoring, adding a partner’s view and publishing. */
function yearRoutes(router: Router, deps: SelfEvaluationRoutesDeps): void {
  const svc = deps.selfEvaluation;
  // ---- One year's self-evaluation
  const yearPage = async (
    c: Context<AppEnv>,
    p: PartnershipRef,
    id: number,
    form: 'scores' | 'view' | null,
    raw: Record<string, unknown>,
    errors: FieldErrors | null,
  ) => {
    const ctx = requestContext(c);
    const e = await svc.evaluation(ctx, p, id);
    const draft = e.status === 'draft';
    const mayScore = draft && can(ctx.actor, 'self-evaluation:score', p.id);
    const mayComment = draft && can(ctx.actor, 'self-evaluation:comment', p.id);
    const speaker = mayComment ? await svc.speakerFor(ctx, p) : null;
    const partners =
      mayComment && !speaker && can(ctx.actor, 'self-evaluation:score', p.id)
        ? await deps.partnerships.organisations(ctx, p)
        : [];
    return render(c, {
      title: `${errors ? 'Error: ' : ''}Self-evaluation ${e.year}: ${e.framework.name}`,
      label: p.name,
      wide: true,
      crumbs: crumbs(p),
      subnav: partnershipNav(c, p),
      children: (
        <YearPage
          {...{ p, e, mayScore, mayComment, speaker, partners, form, raw, errors }}
          mean={SelfEvaluationService.meanScore(e)}
          token={c.get('csrfToken')}
        />
      ),
    });
  };

  router.route(
    {
      method: 'GET',
      path: '/partnerships/:partnership/improvement/self-evaluation/:evaluationId',
      permission: 'improvement:read',
      kind: 'page',
      summary: 'A year’s self-evaluation: scores with evidence, views, forms to score and publish',
    },
    (c, { partnership: p }) => yearPage(c, p, idParam(c, 'evaluationId'), null, {}, null),
  );

  router.route(
    {
      method: 'POST',
      path: '/partnerships/:partnership/improvement/self-evaluation/:evaluationId/scores',
      permission: 'self-evaluation:score',
      kind: 'page',
      summary:
        'Score criteria with evidence (score_<criterion code>, evidence_<criterion code>); each score one of the framework’s levels',
      body: ScoresSchema,
      onInvalid: (c, e, raw, p) => yearPage(c, p, idParam(c, 'evaluationId'), 'scores', raw, e.fields),
    },
    async (c, { partnership: p, ctx, body }) => {
      const n = await svc.score(ctx, p, idParam(c, 'evaluationId'), body);
      setFlash(c, { kind: 'success', message: `${n} ${n === 1 ? 'score is' : 'scores are'} saved.` });
      return c.redirect(selfEvaluationHref(p.code, idParam(c, 'evaluationId')), 303);
    },
  );

  router.route(
    {
      method: 'POST',
      path: '/partnerships/:partnership/improvement/self-evaluation/:evaluationId/views',
      permission: 'self-evaluation:comment',
      kind: 'page',
      summary: 'Add a partner’s view to a draft self-evaluation (for the officer’s own organisation)',
      body: PartnerViewSchema,
      onInvalid: (c, e, raw, p) => yearPage(c, p, idParam(c, 'evaluationId'), 'view', raw, e.fields),
    },
    async (c, { partnership: p, ctx, body }) => {
      await svc.addPartnerView(ctx, p, idParam(c, 'evaluationId'), body);
      setFlash(c, { kind: 'success', message: 'Your view is added.' });
      return c.redirect(selfEvaluationHref(p.code, idParam(c, 'evaluationId')), 303);
    },
  );

  router.route(
    {
      method: 'POST',
      path: '/partnerships/:partnership/improvement/self-evaluation/:evaluationId/publish',
      permission: 'self-evaluation:score',
      kind: 'page',
      summary: 'Publish a year’s self-evaluation: it becomes public and can no longer be scored',
      body: z.object({}),
      onInvalid: (c, e, _raw, p) => yearPage(c, p, idParam(c, 'evaluationId'), null, {}, e.fields),
    },
    async (c, { partnership: p, ctx }) => {
      const row = await svc.publish(ctx, p, idParam(c, 'evaluationId'));
      setFlash(c, { kind: 'success', message: `The ${row.year} self-evaluation is published.` });
      return c.redirect(selfEvaluationHref(p.code, row.id), 303);
    },
  );
}

/** Public: a partnership’s published self-evaluation of a year, as a page and from the API. */
function publishedRoutes(router: Router, deps: SelfEvaluationRoutesDeps): void {
  const svc = deps.selfEvaluation;
  // ---- Public: published self-evaluations only
  const yearParam = (c: Context<AppEnv>) => {
    const y = idParam(c, 'year');
    return y >= 2000 && y <= 2100 ? y : -1;
  };

  router.route(
    {
      method: 'GET',
      path: '/partnerships/:partnership/self-evaluation/:year',
      permission: 'self-evaluation:read',
      kind: 'page',
      summary: 'A partnership’s published self-evaluation of a year: scores, evidence and views',
      cache: 'until-next-write',
    },
    async (c, { ctx, partnership: p }) => {
      const year = yearParam(c);
      const [evaluations, years] = await Promise.all([svc.publishedYear(ctx, p.id, year), svc.publishedYears(p.id)]);
      const withMeans = evaluations.map((e) => ({ e, mean: SelfEvaluationService.meanScore(e) }));
      return render(c, {
        title: `Self-evaluation ${year}`,
        label: p.name,
        wide: true,
        crumbs: [{ href: '/improvement', label: 'Improvement' }],
        children: <PublishedYearPage p={p} year={year} evaluations={withMeans} years={years} />,
      });
    },
  );

  router.route(
    {
      method: 'GET',
      path: '/api/v1/partnerships/:partnership/self-evaluation/:year',
      permission: 'self-evaluation:read',
      kind: 'api',
      tag: 'improvement',
      summary: 'A partnership’s published self-evaluations of a year: scores, evidence and views',
      operationId: 'getPublishedSelfEvaluations',
      response: PublishedSelfEvaluations,
    },
    async (c, { ctx, partnership: p }) => {
      const evaluations = await svc.publishedYear(ctx, p.id, yearParam(c));
      return c.json(publishedSelfEvaluationsJson(p, evaluations));
    },
  );
}

/** National spread: GET /self-evaluation, its CSV and the API. */
function spreadRoutes(router: Router, deps: SelfEvaluationRoutesDeps): void {
  const svc = deps.selfEvaluation;
  // ---- National spread (national analysts)
  router.route(
    {
      method: 'GET',
      path: '/self-evaluation',
      permission: 'self-evaluation:compare',
      kind: 'page',
      summary:
        'The spread of self-evaluation scores across partnerships per principle; partnerships named only where published',
      query: SpreadQuery,
    },
    async (c, { ctx, query }) => {
      const [d, frameworks] = await Promise.all([svc.spread(ctx, query), svc.nationalFrameworks()]);
      return render(c, {
        title: 'Self-evaluation across partnerships',
        wide: true,
        crumbs: [{ href: '/improvement', label: 'Improvement' }],
        children: <SpreadPage d={d} frameworks={frameworks} />,
      });
    },
  );

  router.route(
    {
      method: 'GET',
      path: '/self-evaluation.csv',
      permission: 'self-evaluation:compare',
      kind: 'file',
      summary:
        'The spread of self-evaluation scores per criterion (table=spread), or the published partnerships’ scores (table=published), as CSV',
      query: SpreadQuery.extend({
        table: z.enum(['spread', 'published'], { error: 'Choose spread or published' }).default('spread'),
      }),
    },
    async (c, { ctx, query }) => {
      const d = await svc.spread(ctx, query);
      return csvResponse(
        c,
        `self-evaluation-${d.framework.code}-${d.year}-${query.table}.csv`,
        spreadCsv(d, query.table),
      );
    },
  );

  router.route(
    {
      method: 'GET',
      path: '/api/v1/self-evaluation/spread',
      permission: 'self-evaluation:compare',
      kind: 'api',
      tag: 'improvement',
      summary: 'The spread of self-evaluation scores per criterion in a year; partnerships named only where published',
      query: SpreadQuery,
      operationId: 'getSelfEvaluationSpread',
      response: SelfEvaluationSpread,
    },
    async (c, { ctx, query }) => c.json(spreadJson(await svc.spread(ctx, query))),
  );
}

/** A community body’s views on its partnership’s self-evaluation: the page and adding a view. */
function bodyViewRoutes(router: Router, deps: SelfEvaluationRoutesDeps): void {
  const svc = deps.selfEvaluation;
  // ---- A community body's views on its partnership's self-evaluation
  const bodyPage = async (
    c: Context<AppEnv>,
    bodyId: number,
    raw: Record<string, unknown>,
    errors: FieldErrors | null,
  ) => {
    const d = await svc.forBody(requestContext(c), bodyId);
    return render(c, {
      title: `${errors ? 'Error: ' : ''}Views on the ${d.year} self-evaluation`,
      label: d.body.name,
      crumbs: [
        { href: '/community', label: 'Community bodies' },
        { href: `/community/bodies/${d.body.id}`, label: d.body.name },
      ],
      children: <BodyViewsPage d={d} token={c.get('csrfToken')} raw={raw} errors={errors} />,
    });
  };

  router.route(
    {
      method: 'GET',
      path: '/community/bodies/:bodyId/self-evaluation',
      permission: 'community:use',
      kind: 'page',
      summary: 'Your community body’s views on its partnership’s self-evaluation of this year',
    },
    (c) => bodyPage(c, idParam(c, 'bodyId'), {}, null),
  );

  router.route(
    {
      method: 'POST',
      path: '/community/bodies/:bodyId/self-evaluation',
      permission: 'community:use',
      kind: 'page',
      summary: 'Add your community body’s view to its partnership’s draft self-evaluation of this year',
      body: BodyViewSchema,
      onInvalid: (c, e, raw) => bodyPage(c, idParam(c, 'bodyId'), raw, e.fields),
    },
    async (c, { ctx, body }) => {
      await svc.addBodyView(ctx, idParam(c, 'bodyId'), body);
      setFlash(c, { kind: 'success', message: 'Your body’s view is added.' });
      return c.redirect(`/community/bodies/${idParam(c, 'bodyId')}/self-evaluation`, 303);
    },
  );
}

export function selfEvaluationRoutes(router: Router, deps: SelfEvaluationRoutesDeps): void {
  ownListRoutes(router, deps);
  overYearsRoutes(router, deps);
  yearRoutes(router, deps);
  publishedRoutes(router, deps);
  spreadRoutes(router, deps);
  bodyViewRoutes(router, deps);
}
