import type { Context } from 'hono';
import { sentText } from '../../core/http/forms.ts';
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
import { CaseStudy, CaseStudyHits } from './case-studies.api-schemas.ts';
import { caseStudyHitsJson, caseStudyJson, measuresCsv } from './case-studies.presenters.ts';
import {
  CaseStudySchema,
  DocumentSchema,
  EmptySchema,
  MeasureSchema,
  ReturnSchema,
  SearchSchema,
} from './case-studies-schemas.ts';
import type { CaseStudiesService } from './case-studies.service.ts';
import {
  CaseStudiesListPage,
  caseStudiesHref,
  CaseStudyDetailPage,
  LibraryPage,
  PublishedCaseStudyPage,
  ReviewPage,
  ReviewQueuePage,
  type CaseChoices,
} from './case-studies.views.tsx';
import { EDITABLE } from './case-studies-workflow.ts';

/** What the case-study routes use: their service only. */
export interface CaseStudiesRoutesDeps {
  caseStudies: CaseStudiesService;
}

/** Renders one of the partnership’s case studies, with its workflow and (if editable) its forms. */
function ownDetailPage(svc: CaseStudiesService) {
  const choices = async (): Promise<CaseChoices> => {
    const [themes, principles] = await Promise.all([svc.themes(), svc.principles()]);
    return { themes, principles };
  };
  const improvementCrumb = (p: PartnershipRef) => ({
    href: partnershipHref(p.code, 'improvement'),
    label: 'Improvement',
  });

  const detailPage = async (
    c: Context<AppEnv>,
    p: PartnershipRef,
    id: number,
    raw: Record<string, unknown>,
    errors: FieldErrors | null,
  ) => {
    const ctx = requestContext(c);
    const d = await svc.ownDetail(ctx, p, id);
    const canEdit = can(ctx.actor, 'case-study:edit', p.id) && EDITABLE.includes(d.status);
    const editing = canEdit ? { indicators: await svc.indicators(p), choices: await choices() } : null;
    return render(c, {
      title: errors ? `Error: ${d.title}` : d.title,
      label: p.name,
      wide: true,
      subnav: partnershipNav(c, p),
      crumbs: [improvementCrumb(p), { href: caseStudiesHref(p.code), label: 'Case studies' }],
      children: (
        <CaseStudyDetailPage
          {...{ p, d, raw, errors, editing }}
          form={sentText(raw, '_form')}
          token={c.get('csrfToken')}
        />
      ),
    });
  };
  return detailPage;
}

/** The partnership’s case-study list (GET) and starting a draft (POST). */
function ownListRoutes(router: Router, deps: CaseStudiesRoutesDeps): void {
  const svc = deps.caseStudies;
  const choices = async (): Promise<CaseChoices> => {
    const [themes, principles] = await Promise.all([svc.themes(), svc.principles()]);
    return { themes, principles };
  };
  const improvementCrumb = (p: PartnershipRef) => ({
    href: partnershipHref(p.code, 'improvement'),
    label: 'Improvement',
  });

  const listPage = async (
    c: Context<AppEnv>,
    p: PartnershipRef,
    raw: Record<string, unknown>,
    errors: FieldErrors | null,
  ) => {
    const ctx = requestContext(c);
    const list = await svc.listOwn(ctx, p);
    const mayEdit = can(ctx.actor, 'case-study:edit', p.id);
    return render(c, {
      title: errors ? 'Error: case studies' : 'Case studies',
      label: p.name,
      wide: true,
      subnav: partnershipNav(c, p),
      crumbs: [improvementCrumb(p)],
      children: (
        <CaseStudiesListPage
          p={p}
          list={list}
          choices={mayEdit ? await choices() : null}
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
      path: '/partnerships/:partnership/improvement/case-studies',
      permission: 'improvement:read',
      kind: 'page',
      summary: 'The partnership’s case studies, drafts included',
    },
    (c, { partnership: p }) => listPage(c, p, {}, null),
  );

  router.route(
    {
      method: 'POST',
      path: '/partnerships/:partnership/improvement/case-studies',
      permission: 'case-study:edit',
      kind: 'page',
      summary: 'Start a case study (a draft)',
      body: CaseStudySchema,
      onInvalid: (c, e, raw, p) => listPage(c, p, raw, e.fields),
    },
    async (c, { partnership: p, ctx, body }) => {
      const row = await svc.create(ctx, p, body);
      setFlash(c, { kind: 'success', message: `“${row.title}” is saved as a draft.` });
      return c.redirect(caseStudiesHref(p.code, row.id), 303);
    },
  );
}

/** One of the partnership’s case studies: the detail page (GET) and changing it (POST). */
function ownDetailRoutes(router: Router, deps: CaseStudiesRoutesDeps): void {
  const svc = deps.caseStudies;
  const detailPage = ownDetailPage(svc);

  const own = '/partnerships/:partnership/improvement/case-studies/:caseStudyId';
  router.route(
    {
      method: 'GET',
      path: own,
      permission: 'improvement:read',
      kind: 'page',
      summary: 'One of the partnership’s case studies, with its workflow',
    },
    (c, { partnership: p }) => detailPage(c, p, idParam(c, 'caseStudyId'), {}, null),
  );

  router.route(
    {
      method: 'POST',
      path: own,
      permission: 'case-study:edit',
      kind: 'page',
      summary: 'Change a draft or returned case study',
      body: CaseStudySchema,
      onInvalid: (c, e, raw, p) => detailPage(c, p, idParam(c, 'caseStudyId'), { ...raw, _form: 'edit' }, e.fields),
    },
    async (c, { partnership: p, ctx, body }) => {
      const id = idParam(c, 'caseStudyId');
      await svc.update(ctx, p, id, body);
      setFlash(c, { kind: 'success', message: 'The case study is saved.' });
      return c.redirect(caseStudiesHref(p.code, id), 303);
    },
  );
}

/** A case study’s measures: adding one and removing one. */
function ownMeasureRoutes(router: Router, deps: CaseStudiesRoutesDeps): void {
  const svc = deps.caseStudies;
  const detailPage = ownDetailPage(svc);
  const own = '/partnerships/:partnership/improvement/case-studies/:caseStudyId';

  router.route(
    {
      method: 'POST',
      path: `${own}/measures`,
      permission: 'case-study:edit',
      kind: 'page',
      summary: 'Add a measure the case study moved (before and after)',
      body: MeasureSchema,
      onInvalid: (c, e, raw, p) => detailPage(c, p, idParam(c, 'caseStudyId'), { ...raw, _form: 'measure' }, e.fields),
    },
    async (c, { partnership: p, ctx, body }) => {
      const id = idParam(c, 'caseStudyId');
      await svc.addMeasure(ctx, p, id, body);
      setFlash(c, { kind: 'success', message: `The measure “${body.title}” is added.` });
      return c.redirect(caseStudiesHref(p.code, id), 303);
    },
  );

  router.route(
    {
      method: 'POST',
      path: `${own}/measures/:measureId/delete`,
      permission: 'case-study:edit',
      kind: 'page',
      summary: 'Remove a measure from a case study',
      body: EmptySchema,
    },
    async (c, { partnership: p, ctx }) => {
      const id = idParam(c, 'caseStudyId');
      await svc.removeMeasure(ctx, p, id, idParam(c, 'measureId'));
      setFlash(c, { kind: 'success', message: 'The measure is removed.' });
      return c.redirect(caseStudiesHref(p.code, id), 303);
    },
  );
}

/** A case study’s documents: linking one and removing one. */
function ownDocumentRoutes(router: Router, deps: CaseStudiesRoutesDeps): void {
  const svc = deps.caseStudies;
  const detailPage = ownDetailPage(svc);
  const own = '/partnerships/:partnership/improvement/case-studies/:caseStudyId';

  router.route(
    {
      method: 'POST',
      path: `${own}/documents`,
      permission: 'case-study:edit',
      kind: 'page',
      summary: 'Link a document to a case study',
      body: DocumentSchema,
      onInvalid: (c, e, raw, p) => detailPage(c, p, idParam(c, 'caseStudyId'), { ...raw, _form: 'document' }, e.fields),
    },
    async (c, { partnership: p, ctx, body }) => {
      const id = idParam(c, 'caseStudyId');
      await svc.addDocument(ctx, p, id, body);
      setFlash(c, { kind: 'success', message: `“${body.title}” is linked.` });
      return c.redirect(caseStudiesHref(p.code, id), 303);
    },
  );

  router.route(
    {
      method: 'POST',
      path: `${own}/documents/:documentId/delete`,
      permission: 'case-study:edit',
      kind: 'page',
      summary: 'Remove a document from a case study',
      body: EmptySchema,
    },
    async (c, { partnership: p, ctx }) => {
      const id = idParam(c, 'caseStudyId');
      await svc.removeDocument(ctx, p, id, idParam(c, 'documentId'));
      setFlash(c, { kind: 'success', message: 'The document is removed.' });
      return c.redirect(caseStudiesHref(p.code, id), 303);
    },
  );
}

/** Submitting a case study for publication. */
function ownSubmitRoute(router: Router, deps: CaseStudiesRoutesDeps): void {
  const svc = deps.caseStudies;
  const own = '/partnerships/:partnership/improvement/case-studies/:caseStudyId';

  router.route(
    {
      method: 'POST',
      path: `${own}/submit`,
      permission: 'case-study:edit',
      kind: 'page',
      summary: 'Submit a case study for publication',
      body: EmptySchema,
    },
    async (c, { partnership: p, ctx }) => {
      const id = idParam(c, 'caseStudyId');
      await svc.submit(ctx, p, id);
      setFlash(c, {
        kind: 'success',
        message: 'The case study is submitted. A national analyst will publish it or return it with a reason.',
      });
      return c.redirect(caseStudiesHref(p.code, id), 303);
    },
  );
}

/** The national review queue: case studies submitted for publication. */
function reviewQueueRoute(router: Router, deps: CaseStudiesRoutesDeps): void {
  const svc = deps.caseStudies;

  router.route(
    {
      method: 'GET',
      path: '/good-practice/review',
      permission: 'case-study:publish',
      kind: 'page',
      summary: 'Case studies submitted for publication, oldest first',
    },
    async (c, { ctx }) => {
      const list = await svc.queue(ctx);
      return render(c, {
        title: 'Case studies to review',
        wide: true,
        crumbs: [{ href: '/good-practice', label: 'Good practice' }],
        children: <ReviewQueuePage list={list} />,
      });
    },
  );
}

/** Reviewing one submitted case study: the review page, publishing it and returning it. */
function reviewDecisionRoutes(router: Router, deps: CaseStudiesRoutesDeps): void {
  const svc = deps.caseStudies;

  const reviewPage = async (
    c: Context<AppEnv>,
    id: number,
    raw: Record<string, unknown>,
    errors: FieldErrors | null,
  ) => {
    const d = await svc.reviewDetail(requestContext(c), id);
    return render(c, {
      title: errors ? `Error: ${d.title}` : d.title,
      label: d.partnershipName,
      wide: true,
      crumbs: [
        { href: '/good-practice', label: 'Good practice' },
        { href: '/good-practice/review', label: 'To review' },
      ],
      children: <ReviewPage d={d} token={c.get('csrfToken')} raw={raw} errors={errors} />,
    });
  };

  router.route(
    {
      method: 'GET',
      path: '/good-practice/review/:caseStudyId',
      permission: 'case-study:publish',
      kind: 'page',
      summary: 'A submitted case study, to publish or return',
    },
    (c) => reviewPage(c, idParam(c, 'caseStudyId'), {}, null),
  );

  router.route(
    {
      method: 'POST',
      path: '/good-practice/review/:caseStudyId/publish',
      permission: 'case-study:publish',
      kind: 'page',
      summary: 'Publish a submitted case study',
      body: EmptySchema,
    },
    async (c, { ctx }) => {
      const s = await svc.decide(ctx, idParam(c, 'caseStudyId'), 'publish');
      setFlash(c, { kind: 'success', message: `“${s.title}” is published.` });
      return c.redirect(`/good-practice/${s.id}`, 303);
    },
  );

  router.route(
    {
      method: 'POST',
      path: '/good-practice/review/:caseStudyId/return',
      permission: 'case-study:publish',
      kind: 'page',
      summary: 'Return a submitted case study to its partnership with a reason',
      body: ReturnSchema,
      onInvalid: (c, e, raw) => reviewPage(c, idParam(c, 'caseStudyId'), raw, e.fields),
    },
    async (c, { ctx, body }) => {
      const s = await svc.decide(ctx, idParam(c, 'caseStudyId'), 'return', body.reason);
      setFlash(c, { kind: 'success', message: `“${s.title}” is returned to ${s.partnershipName}.` });
      return c.redirect('/good-practice/review', 303);
    },
  );
}

/** The public good-practice library: search, a published case study and its measures as CSV. */
function libraryRoutes(router: Router, deps: CaseStudiesRoutesDeps): void {
  const svc = deps.caseStudies;
  const choices = async (): Promise<CaseChoices> => {
    const [themes, principles] = await Promise.all([svc.themes(), svc.principles()]);
    return { themes, principles };
  };

  router.route(
    {
      method: 'GET',
      path: '/good-practice',
      permission: 'case-study:read',
      kind: 'page',
      summary: 'The good-practice library: search published case studies by words, theme, principle and partnership',
      query: SearchSchema,
    },
    async (c, { ctx, query }) => {
      const [hits, choiceLists, partnerships] = await Promise.all([
        svc.search(ctx, query),
        choices(),
        svc.publishingPartnerships(),
      ]);
      const params = new URLSearchParams(
        Object.entries(query).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== ''),
      );
      return render(c, {
        title: 'Good practice',
        wide: true,
        crumbs: [{ href: '/improvement', label: 'Improvement' }],
        children: (
          <LibraryPage
            {...{ query, hits, partnerships }}
            choices={choiceLists}
            mayReview={can(ctx.actor, 'case-study:publish')}
            jsonHref={`/api/v1/good-practice${params.size ? `?${params}` : ''}`}
          />
        ),
      });
    },
  );

  router.route(
    {
      method: 'GET',
      path: '/good-practice/:caseStudyId',
      permission: 'case-study:read',
      kind: 'page',
      summary: 'A published case study with its measures before and after',
    },
    async (c, { ctx }) => {
      const d = await svc.published(ctx, idParam(c, 'caseStudyId'));
      return render(c, {
        title: d.title,
        label: d.partnershipName,
        wide: true,
        crumbs: [{ href: '/good-practice', label: 'Good practice' }],
        children: <PublishedCaseStudyPage d={d} />,
      });
    },
  );

  router.route(
    {
      method: 'GET',
      path: '/good-practice/:caseStudyId/measures.csv',
      permission: 'case-study:read',
      kind: 'file',
      summary: 'A published case study’s measures, before and after, as CSV',
    },
    async (c, { ctx }) => {
      const d = await svc.published(ctx, idParam(c, 'caseStudyId'));
      return csvResponse(c, `case-study-${d.id}-measures.csv`, measuresCsv(d));
    },
  );
}

/** The good-practice API: search and one published case study. */
function goodPracticeApiRoutes(router: Router, deps: CaseStudiesRoutesDeps): void {
  const svc = deps.caseStudies;

  router.route(
    {
      method: 'GET',
      path: '/api/v1/good-practice',
      permission: 'case-study:read',
      kind: 'api',
      tag: 'good-practice',
      summary: 'Search published case studies (full text in q; theme, principle and partnership filters)',
      query: SearchSchema,
      operationId: 'searchCaseStudies',
      response: CaseStudyHits,
    },
    async (c, { ctx, query }) => c.json(caseStudyHitsJson(await svc.search(ctx, query))),
  );

  router.route(
    {
      method: 'GET',
      path: '/api/v1/good-practice/:caseStudyId',
      permission: 'case-study:read',
      kind: 'api',
      tag: 'good-practice',
      summary: 'A published case study with principles, measures before and after, and documents',
      operationId: 'getCaseStudy',
      response: CaseStudy,
    },
    async (c, { ctx }) => c.json(caseStudyJson(await svc.published(ctx, idParam(c, 'caseStudyId')))),
  );
}

export function caseStudiesRoutes(router: Router, deps: CaseStudiesRoutesDeps): void {
  // ---- The partnership's own: /partnerships/:partnership/improvement/case-studies
  ownListRoutes(router, deps);
  ownDetailRoutes(router, deps);
  ownMeasureRoutes(router, deps);
  ownDocumentRoutes(router, deps);
  ownSubmitRoute(router, deps);

  // ---- National review (registered before /good-practice/:caseStudyId so that "review" is not taken for an id)
  reviewQueueRoute(router, deps);
  reviewDecisionRoutes(router, deps);

  // ---- Public
  libraryRoutes(router, deps);
  goodPracticeApiRoutes(router, deps);
}
