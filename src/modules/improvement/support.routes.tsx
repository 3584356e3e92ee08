import type { Context } from 'hono';
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
import { SupportOfferList } from './support.api-schemas.ts';
import {
  FeedbackSchema,
  GapsCsvQuery,
  OfferSchema,
  RequestSchema,
  SearchQuery,
  TransitionSchema,
} from './support-schemas.ts';
import { offerJson, offerUseCsv, unmetNeedsCsv } from './support.presenters.ts';
import type { SupportService } from './support.service.ts';
import {
  AllRequests,
  GapsPage,
  OfferForm,
  OfferPage,
  OfferSearch,
  PartnershipRequestPage,
  PartnershipSupport,
  RequestPage,
} from './support.views.tsx';

/** What the support routes use: their service, and the asking user's partnerships. */
export interface SupportRoutesDeps {
  support: SupportService;
  partnerships: Pick<PartnershipsService, 'list'>;
}

const SUPPORT_CRUMBS = [
  { href: '/improvement', label: 'Improvement' },
  { href: '/support', label: 'Improvement support' },
];

/** Public offers: the search page GET /support and its API GET /api/v1/support/offers. */
function offerSearchRoutes(router: Router, deps: SupportRoutesDeps): void {
  const svc = deps.support;
  // ---- Public: the offers

  router.route(
    {
      method: 'GET',
      path: '/support',
      permission: 'support:read',
      kind: 'page',
      summary: 'Improvement support national bodies offer partnerships: search by words, principle, theme and format',
      query: SearchQuery,
    },
    async (c, { ctx, query }) => {
      const [offers, principles, formats, themes] = await Promise.all([
        svc.search(ctx, query),
        svc.principles(),
        svc.formats(),
        svc.themes(),
      ]);
      const csvQuery = new URLSearchParams(
        Object.entries(query).filter((e): e is [string, string] => typeof e[1] === 'string'),
      ).toString();
      return render(c, {
        title: 'Improvement support',
        crumbs: [{ href: '/improvement', label: 'Improvement' }],
        wide: true,
        children: (
          <OfferSearch
            query={query}
            offers={offers}
            principles={principles}
            formats={formats}
            themes={themes}
            analyst={can(ctx.actor, 'support:offer')}
            jsonHref={`/api/v1/support/offers${csvQuery ? `?${csvQuery}` : ''}`}
          />
        ),
      });
    },
  );

  router.route(
    {
      method: 'GET',
      path: '/api/v1/support/offers',
      permission: 'support:read',
      kind: 'api',
      tag: 'improvement',
      summary: 'Published improvement support offers, searched and filtered as on /support',
      query: SearchQuery,
      operationId: 'listSupportOffers',
      response: SupportOfferList,
    },
    async (c, { ctx, query }) => c.json({ data: (await svc.search(ctx, query)).map(offerJson) }),
  );
}

/** Publishing an offer: the form GET /support/offers/new and POST /support/offers. */
function offerPublishRoutes(router: Router, deps: SupportRoutesDeps): void {
  const svc = deps.support;
  // ---- National analysts: publish and withdraw

  const offerForm = async (c: Context<AppEnv>, raw: Record<string, unknown>, errors: FieldErrors | null) => {
    const [bodies, formats, principles, indicators] = await Promise.all([
      svc.nationalBodies(),
      svc.formats(),
      svc.principles(),
      svc.indicatorChoices(),
    ]);
    return render(c, {
      title: errors ? 'Error: publish an improvement support offer' : 'Publish an improvement support offer',
      crumbs: SUPPORT_CRUMBS,
      children: (
        <OfferForm
          raw={raw}
          errors={errors}
          bodies={bodies}
          formats={formats}
          principles={principles}
          indicators={indicators}
          csrfToken={c.get('csrfToken')}
        />
      ),
    });
  };

  router.route(
    {
      method: 'GET',
      path: '/support/offers/new',
      permission: 'support:offer',
      kind: 'page',
      summary: 'The form to publish an improvement support offer',
    },
    (c) => offerForm(c, {}, null),
  );

  router.route(
    {
      method: 'POST',
      path: '/support/offers',
      permission: 'support:offer',
      kind: 'page',
      summary: 'Publish an improvement support offer',
      body: OfferSchema,
      onInvalid: (c, e, raw) => offerForm(c, raw, e.fields),
    },
    async (c, { ctx, body }) => {
      const offer = await svc.createOffer(ctx, body);
      setFlash(c, { kind: 'success', message: `${offer.title} is published.` });
      return c.redirect(`/support/offers/${offer.id}`, 303);
    },
  );
}

/** One offer: GET /support/offers/:id and withdrawing it. */
function offerPageRoutes(router: Router, deps: SupportRoutesDeps): void {
  const svc = deps.support;
  router.route(
    {
      method: 'GET',
      path: '/support/offers/:id',
      permission: 'support:read',
      kind: 'page',
      summary: 'One improvement support offer',
    },
    async (c, { ctx }) => {
      const o = await svc.offer(ctx, idParam(c, 'id'));
      const mine = ctx.actor.kind === 'user' ? (await deps.partnerships.list(ctx)).filter((p) => p.yourRole) : [];
      return render(c, {
        title: o.title,
        crumbs: SUPPORT_CRUMBS,
        children: (
          <OfferPage o={o} mine={mine} analyst={can(ctx.actor, 'support:offer')} csrfToken={c.get('csrfToken')} />
        ),
      });
    },
  );

  router.route(
    {
      method: 'POST',
      path: '/support/offers/:id/withdraw',
      permission: 'support:offer',
      kind: 'page',
      summary: 'Withdraw an improvement support offer',
    },
    async (c, { ctx }) => {
      const id = idParam(c, 'id');
      await svc.withdrawOffer(ctx, id);
      setFlash(c, { kind: 'success', message: 'The offer is withdrawn.' });
      return c.redirect(`/support/offers/${id}`, 303);
    },
  );
}

/** Every support request: the list GET /support/requests, one request, and moving it along the workflow. */
function requestRoutes(router: Router, deps: SupportRoutesDeps): void {
  const svc = deps.support;
  // ---- National analysts: every request, moved along the workflow

  router.route(
    {
      method: 'GET',
      path: '/support/requests',
      permission: 'support:offer',
      kind: 'page',
      summary: 'Every partnership’s support request with its status',
    },
    async (c, { ctx }) =>
      render(c, {
        title: 'Support requests',
        crumbs: SUPPORT_CRUMBS,
        wide: true,
        children: <AllRequests requests={await svc.allRequests(ctx)} />,
      }),
  );

  const requestPage = async (
    c: Context<AppEnv>,
    id: number,
    raw: Record<string, unknown>,
    errors: FieldErrors | null,
  ) => {
    const ctx = requestContext(c);
    const { request: r, events } = await svc.anyRequest(ctx, id);
    const actions = await svc.actionsFrom(r.status);
    return render(c, {
      title: errors ? `Error: ${r.offerTitle}` : r.offerTitle,
      label: `Support request from ${r.partnershipName}`,
      crumbs: [
        { href: '/support', label: 'Improvement support' },
        { href: '/support/requests', label: 'Support requests' },
      ],
      children: (
        <RequestPage r={r} events={events} actions={actions} raw={raw} errors={errors} csrfToken={c.get('csrfToken')} />
      ),
    });
  };

  router.route(
    {
      method: 'GET',
      path: '/support/requests/:id',
      permission: 'support:offer',
      kind: 'page',
      summary: 'One support request with its history and the actions open to it',
    },
    (c) => requestPage(c, idParam(c, 'id'), {}, null),
  );

  router.route(
    {
      method: 'POST',
      path: '/support/requests/:id/transition',
      permission: 'support:offer',
      kind: 'page',
      summary: 'Accept, start, complete or decline a support request (the transitions in support_request_transitions)',
      body: TransitionSchema,
      onInvalid: (c, e, raw) => requestPage(c, idParam(c, 'id'), raw, e.fields),
    },
    async (c, { ctx, body }) => {
      const r = await svc.transition(ctx, idParam(c, 'id'), body);
      setFlash(c, { kind: 'success', message: `The request is now ${r.statusLabel.toLowerCase()}.` });
      return c.redirect(`/support/requests/${r.id}`, 303);
    },
  );
}

/** Gaps and impact: GET /support/gaps and its CSV. */
function gapsRoutes(router: Router, deps: SupportRoutesDeps): void {
  const svc = deps.support;
  // ---- National analysts: gaps and impact

  router.route(
    {
      method: 'GET',
      path: '/support/gaps',
      permission: 'support:offer',
      kind: 'page',
      summary: 'Needs across partnerships that no published offer meets; each offer’s use and rated impact',
    },
    async (c, { ctx }) => {
      const { gaps, offers } = await svc.gaps(ctx);
      return render(c, {
        title: 'Support needs, gaps and impact',
        crumbs: SUPPORT_CRUMBS,
        wide: true,
        children: <GapsPage gaps={gaps} offers={offers} />,
      });
    },
  );

  router.route(
    {
      method: 'GET',
      path: '/support/gaps.csv',
      permission: 'support:offer',
      kind: 'file',
      summary: 'The gaps view as CSV: unmet needs (table=needs) or each offer’s use and impact (table=offers)',
      query: GapsCsvQuery,
    },
    async (c, { ctx, query }) => {
      const { gaps, offers } = await svc.gaps(ctx);
      return query.table === 'needs'
        ? csvResponse(c, 'support-unmet-needs.csv', unmetNeedsCsv(gaps))
        : csvResponse(c, 'support-offers-use-and-impact.csv', offerUseCsv(offers));
    },
  );
}

/** The partnership’s support page: needs matched to offers, and requesting an offer. */
function partnershipSupportRoutes(router: Router, deps: SupportRoutesDeps): void {
  const svc = deps.support;
  // ---- The partnership: needs matched to offers, requests, feedback

  const partnershipPage = async (
    c: Context<AppEnv>,
    p: PartnershipRef,
    raw: Record<string, unknown>,
    errors: FieldErrors | null,
  ) => {
    const ctx = requestContext(c);
    const [needs, requests, published] = await Promise.all([
      svc.needs(ctx, p),
      svc.partnershipRequests(ctx, p),
      svc.search(ctx, {}),
    ]);
    return render(c, {
      title: errors ? 'Error: support' : 'Support',
      label: p.name,
      wide: true,
      subnav: partnershipNav(c, p),
      crumbs: [{ href: partnershipHref(p.code, 'improvement'), label: 'Improvement' }],
      children: (
        <PartnershipSupport
          p={p}
          needs={needs}
          requests={requests}
          published={published}
          canRequest={can(ctx.actor, 'support:request', p.id)}
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
      path: '/partnerships/:partnership/improvement/support',
      permission: 'improvement:read',
      kind: 'page',
      summary: 'The partnership’s needs matched to support offers, and its requests',
    },
    (c, { partnership: p }) => partnershipPage(c, p, {}, null),
  );

  router.route(
    {
      method: 'POST',
      path: '/partnerships/:partnership/improvement/support/requests',
      permission: 'support:request',
      kind: 'page',
      summary: 'Request an improvement support offer for the partnership',
      body: RequestSchema,
      onInvalid: (c, e, raw, p) => partnershipPage(c, p, raw, e.fields),
    },
    async (c, { partnership: p, ctx, body }) => {
      const r = await svc.request(ctx, p, body);
      setFlash(c, { kind: 'success', message: `Support requested: ${r.offerTitle}.` });
      return c.redirect(partnershipHref(p.code, 'improvement', 'support', 'requests', r.id), 303);
    },
  );
}

/** One of the partnership’s requests: its page and feedback on completed support. */
function partnershipRequestRoutes(router: Router, deps: SupportRoutesDeps): void {
  const svc = deps.support;
  const partnershipRequestPage = async (
    c: Context<AppEnv>,
    p: PartnershipRef,
    id: number,
    raw: Record<string, unknown>,
    errors: FieldErrors | null,
  ) => {
    const ctx = requestContext(c);
    const { request: r, events } = await svc.partnershipRequest(ctx, p, id);
    const levels = await svc.usefulnessLevels();
    return render(c, {
      title: errors ? `Error: ${r.offerTitle}` : r.offerTitle,
      label: p.name,
      subnav: partnershipNav(c, p),
      crumbs: [
        { href: partnershipHref(p.code, 'improvement'), label: 'Improvement' },
        { href: partnershipHref(p.code, 'improvement', 'support'), label: 'Support' },
      ],
      children: (
        <PartnershipRequestPage
          p={p}
          r={r}
          events={events}
          levels={levels}
          canFeedback={can(ctx.actor, 'support:request', p.id)}
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
      path: '/partnerships/:partnership/improvement/support/requests/:id',
      permission: 'improvement:read',
      kind: 'page',
      summary: 'One of the partnership’s support requests, with its history and feedback',
    },
    (c, { partnership: p }) => partnershipRequestPage(c, p, idParam(c, 'id'), {}, null),
  );

  router.route(
    {
      method: 'POST',
      path: '/partnerships/:partnership/improvement/support/requests/:id/feedback',
      permission: 'support:request',
      kind: 'page',
      summary: 'Feedback on completed support: usefulness from 1 to 5 and what changed',
      body: FeedbackSchema,
      onInvalid: (c, e, raw, p) => partnershipRequestPage(c, p, idParam(c, 'id'), raw, e.fields),
    },
    async (c, { partnership: p, ctx, body }) => {
      const id = idParam(c, 'id');
      await svc.feedback(ctx, p, id, body);
      setFlash(c, { kind: 'success', message: 'Thank you: the feedback is recorded.' });
      return c.redirect(partnershipHref(p.code, 'improvement', 'support', 'requests', id), 303);
    },
  );
}

export function supportRoutes(router: Router, deps: SupportRoutesDeps): void {
  offerSearchRoutes(router, deps);
  offerPublishRoutes(router, deps);
  offerPageRoutes(router, deps);
  requestRoutes(router, deps);
  gapsRoutes(router, deps);
  partnershipSupportRoutes(router, deps);
  partnershipRequestRoutes(router, deps);
}
